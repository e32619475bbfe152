// SIGTERM under load: calls in flight finish or fail with a clear status
// within the shutdown grace, and nothing acknowledged is lost.
#include <signal.h>

#include <iostream>

#include "absl/strings/str_join.h"
#include "tests/fault/fault_fixture.h"

namespace liaison::testing {
namespace {

// The broker's --shutdown-grace default.
constexpr absl::Duration kShutdownGrace = absl::Seconds(10);

class SigtermTest : public FaultTest {};

TEST_F(SigtermTest, InFlightCallsEndCleanlyAndNothingAcknowledgedIsLost) {
  UseFaultConfig();
  StartServing();
  const TestOffender offender = NumberedOffender(1, "N07P1001", "N07P1002");
  LoadOffenders({offender});
  AlertSubscriber manager(InboxSource(), offender.manager);
  AlertSubscriber co_worker(InboxSource(), offender.co_worker);
  // Calls may wait far longer than the grace: a hang would show.
  SubmitLoad load({.submitters = 8, .ref_prefix = "TERM", .pncs = {offender.pnc},
                   .call_deadline = absl::Seconds(60)});
  load.Start(Current("police-adapter"));
  load.AwaitAcknowledged(500);
  const absl::Time signalled = absl::Now();
  const int exit_code = StopServing(SIGTERM);
  const absl::Duration broker_stopped = absl::Now() - signalled;
  load.AwaitAcknowledged(SIZE_MAX);  // every submitter has had its failure
  const absl::Duration calls_ended = absl::Now() - signalled;
  load.Stop();
  EXPECT_EQ(exit_code, 0);
  EXPECT_LT(calls_ended, kShutdownGrace + absl::Seconds(2)) << "a call hung past the shutdown grace";
  std::vector<std::string> codes;
  for (const auto& [code, count] : load.failures()) {
    codes.push_back(absl::StrCat(code, " x", count));
    EXPECT_TRUE(code == "UNAVAILABLE" || code == "CANCELLED") << code << ": " << load.last_failure();
  }

  std::optional<StoreCensus> census = CheckStopped("after SIGTERM");
  ASSERT_TRUE(census.has_value());
  size_t lost = 0;
  for (const auto& [ref, id] : load.acknowledged()) lost += census->notification_ids.contains(id) ? 0 : 1;
  EXPECT_EQ(lost, 0u);
  const size_t interrupted = load.unresolved_count();
  StartServing();
  ASSERT_TRUE(load.ResolveUnresolved(Current("police-adapter")).ok());
  ASSERT_EQ(StopServing(SIGTERM), 0);
  census = CheckStopped("after resubmitting");
  ASSERT_TRUE(census.has_value());
  EXPECT_EQ(census->notifications, load.acknowledged_count());  // resubmission was idempotent
  std::cout << "sigterm: " << load.acknowledged_count() - interrupted << " acknowledged before the signal; the broker "
            << "exited " << exit_code << " after " << absl::FormatDuration(broker_stopped) << ", every call ended within "
            << absl::FormatDuration(calls_ended) << "; failed calls: " << (codes.empty() ? "none" : absl::StrJoin(codes, ", "))
            << "; " << lost << " acknowledged lost; after a restart the " << interrupted
            << " interrupted submits resubmitted: " << census->notifications << " stored, consistent" << std::endl;
  manager.Stop();
  co_worker.Stop();
}

}  // namespace
}  // namespace liaison::testing
