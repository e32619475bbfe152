// Per-principal abuse limits over mutual TLS: request rate (fake clock),
// concurrent subscriptions and message size are RESOURCE_EXHAUSTED naming
// the limit, and other principals are unaffected meanwhile.
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "tests/integration/tls_fixture.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;

constexpr char kGetPolicy[] = "/liaison.v1.Policy/GetPolicy";

constexpr char kConfig[] = R"pb(
  principals { id: "spiffe://liaison.dev/auditor" role: ROLE_AUDITOR }
  principals { id: "spiffe://liaison.dev/policy-admin" role: ROLE_POLICY_ADMIN }
  principals {
    id: "spiffe://liaison.dev/police-adapter"
    role: ROLE_AGENCY_ADAPTER
    agency { agency_kind: AGENCY_KIND_POLICE organisation_code: "MPS" }
  }
  principals { id: "spiffe://liaison.dev/om-inbox" role: ROLE_INBOX recipient_ids: "N07P1001" }
  principals { id: "spiffe://liaison.dev/partner-inbox" role: ROLE_INBOX recipient_ids: "N07M0001" }
  limits {
    requests_per_second: 2
    request_burst: 3
    max_subscriptions_per_principal: 1
    max_receive_message_bytes: 65536
  }
)pb";

class LimitsTest : public testing::TlsBrokerFixture {
 protected:
  void SetUp() override {
    StartBroker("limits", {"auditor", "policy-admin", "police-adapter", "om-inbox", "partner-inbox"}, kConfig,
                &clock_);
  }

  // Waits (bounded) until the broker counts `open` subscriptions for NAME.
  bool SubscriptionsBecome(const std::string& name, uint32_t open) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (server_->access().open_subscriptions("spiffe://liaison.dev/" + name) != open) {
      if (absl::Now() > deadline) return false;
      absl::SleepFor(absl::Milliseconds(10));  // pacing between polls
    }
    return true;
  }

  FakeClock clock_{absl::FromUnixSeconds(1'700'000'000)};
};

TEST_F(LimitsTest, ThePerPrincipalRateIsATokenBucket) {
  auto auditor = Channel("auditor");
  auto admin = Channel("policy-admin");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok()) << i;  // the burst
  const grpc::Status limited = CallEmpty(auditor.get(), kGetPolicy);
  EXPECT_EQ(limited.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(limited.error_message(),
            "limits.requests_per_second: this client has exceeded 2 calls per second (burst 3); retry later");
  // Another principal, at the same (fake) instant, has its own bucket.
  EXPECT_TRUE(CallEmpty(admin.get(), kGetPolicy).ok());

  clock_.Advance(absl::Milliseconds(500));  // one token back at 2 per second
  EXPECT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok());
  EXPECT_EQ(CallEmpty(auditor.get(), kGetPolicy).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  clock_.Advance(absl::Seconds(10));  // refills to the burst, no further
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(CallEmpty(auditor.get(), kGetPolicy).ok()) << i;
  EXPECT_EQ(CallEmpty(auditor.get(), kGetPolicy).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(LimitsTest, SubscriptionsAreCountedPerPrincipal) {
  auto om = v1::Inbox::NewStub(Channel("om-inbox"));
  v1::SubscribeRequest request;
  request.set_recipient_id("N07P1001");
  grpc::ClientContext first_context;
  auto first = om->Subscribe(&first_context, request);
  ASSERT_TRUE(SubscriptionsBecome("om-inbox", 1));

  grpc::ClientContext second_context;
  auto second = om->Subscribe(&second_context, request);
  v1::SubscribeResponse response;
  EXPECT_FALSE(second->Read(&response));
  const grpc::Status refused = second->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(refused.error_message(),
            "limits.max_subscriptions_per_principal: this client already has 1 subscriptions open; the limit is 1");

  // Another principal subscribes meanwhile.
  auto partner = v1::Inbox::NewStub(Channel("partner-inbox"));
  v1::SubscribeRequest partner_request;
  partner_request.set_recipient_id("N07M0001");
  grpc::ClientContext partner_context;
  auto partner_stream = partner->Subscribe(&partner_context, partner_request);
  EXPECT_TRUE(SubscriptionsBecome("partner-inbox", 1));

  // Ending the first frees its place.
  first_context.TryCancel();
  first->Finish();
  ASSERT_TRUE(SubscriptionsBecome("om-inbox", 0));
  clock_.Advance(absl::Seconds(10));  // rate tokens for the calls above
  grpc::ClientContext third_context;
  auto third = om->Subscribe(&third_context, request);
  EXPECT_TRUE(SubscriptionsBecome("om-inbox", 1));
  third_context.TryCancel();
  third->Finish();
  partner_context.TryCancel();
  partner_stream->Finish();
}

TEST_F(LimitsTest, AMessageOverTheLimitIsRefusedAndOthersCarryOn) {
  auto ingest = v1::Ingest::NewStub(Channel("police-adapter"));
  v1::SubmitRequest huge;
  huge.mutable_notification()->mutable_police_callout()->set_summary(std::string(100'000, 'x'));
  grpc::ClientContext context;
  v1::SubmitResponse response;
  const grpc::Status refused = ingest->Submit(&context, huge, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // gRPC's own message names the limit: "... larger than max (100012 vs. 65536)".
  EXPECT_THAT(refused.error_message(), HasSubstr("65536"));
  EXPECT_TRUE(CallEmpty(Channel("auditor").get(), kGetPolicy).ok());
}

}  // namespace
}  // namespace liaison
