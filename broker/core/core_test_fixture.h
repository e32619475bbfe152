#ifndef LIAISON_BROKER_CORE_CORE_TEST_FIXTURE_H_
#define LIAISON_BROKER_CORE_CORE_TEST_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "broker/common/proto_time.h"
#include "broker/core/broker_core.h"
#include "policy/testing.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"

namespace liaison {

// A BrokerCore on an in-memory store and a fake clock, with helpers.
class CoreTest : public testing::Test {
 protected:
  static constexpr char kPolice[] = "spiffe://liaison.dev/police-adapter";

  void SetUp() override {
    BrokerCore::Options options;
    options.inbox.ack_deadline = absl::Minutes(5);
    options.policy = policy::OffenderManagerTestPolicy();
    core_ = BrokerCore::Create(&store_, &clock_, options).value();
  }

  v1::Source Police() const {
    v1::Source source;
    source.set_agency_kind(v1::AGENCY_KIND_POLICE);
    source.set_organisation_code("MPS");
    source.set_system("command-and-control");
    source.set_principal(kPolice);
    return source;
  }

  void AddOffender(const std::string& crn, const std::string& pnc, const std::string& om,
                   const std::string& co_worker = "") {
    v1::OffenderRecord record;
    record.set_crn(crn);
    if (!pnc.empty()) {
      v1::Identifier* id = record.add_identifiers();
      id->set_type(v1::IDENTIFIER_TYPE_PNC);
      id->set_value(pnc);
    }
    record.mutable_name()->set_given_names("Dean");
    record.mutable_name()->set_family_name("Ashworth");
    record.set_date_of_birth("1985-03-02");
    record.mutable_offender_manager()->set_staff_code(om);
    if (!co_worker.empty()) record.mutable_co_worker()->set_staff_code(co_worker);
    auto result = core_->registry().Upsert(record, "test-registry");
    ASSERT_TRUE(result.ok()) << result.status();
  }

  v1::Notification Callout(const std::string& source_ref, const std::string& pnc) const {
    v1::Notification n;
    n.set_source_ref(source_ref);
    *n.mutable_occurred_at() = ToProtoTime(clock_.Now() - absl::Hours(1));
    n.set_classification(v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
    v1::Identifier* id = n.mutable_subject()->add_identifiers();
    id->set_type(v1::IDENTIFIER_TYPE_PNC);
    id->set_value(pnc);
    // As police record him: name and date of birth with the PNC, as the
    // probabilistic matcher needs evidence beyond one identifier.
    n.mutable_subject()->mutable_name()->set_given_names("Dean");
    n.mutable_subject()->mutable_name()->set_family_name("Ashworth");
    n.mutable_subject()->set_date_of_birth("1985-03-02");
    v1::RelatedPerson* child = n.add_related_people();
    child->set_role(v1::RELATED_ROLE_CHILD);
    child->set_age(6);
    child->mutable_person()->mutable_name()->set_given_names("Kim");
    n.mutable_police_callout()->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
    n.mutable_police_callout()->set_children_present(true);
    return n;
  }

  std::string Submit(const std::string& source_ref, const std::string& pnc) {
    auto outcome = core_->ingestor().Submit(Police(), Callout(source_ref, pnc));
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->notification_id : "";
  }

  std::vector<v1::Alert> Pending(const std::string& recipient) {
    auto list = core_->inbox().List(recipient, 0, 1000, false);
    EXPECT_TRUE(list.ok()) << list.status();
    return list.ok() ? list->alerts : std::vector<v1::Alert>{};
  }

  std::vector<v1::AuditEntry> AuditFor(const std::string& notification_id) {
    audit::AuditFilter filter;
    filter.notification_id = notification_id;
    filter.page_size = 1000;
    return core_->audit().Query(filter).value().entries;
  }

  storage::MemKvStore store_;
  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 11, 22, 9, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<BrokerCore> core_;
};

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_CORE_TEST_FIXTURE_H_
