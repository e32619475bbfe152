#ifndef LIAISON_BROKER_CORE_REGISTRY_CHANGE_FIXTURE_H_
#define LIAISON_BROKER_CORE_REGISTRY_CHANGE_FIXTURE_H_

// Helpers for the tests of change references and Registry.ApplyChange.

#include <string>
#include <vector>

#include "broker/common/proto_time.h"
#include "broker/core/core_test_fixture.h"
#include "broker/storage/keys.h"

namespace liaison {

class RegistryChangeTest : public CoreTest {
 protected:
  static constexpr char kAdmin[] = "spiffe://liaison.dev/probation-registry";
  static constexpr char kNoms[] = "A1234BC";
  static constexpr char kOtherNoms[] = "G5678KL";

  static v1::Identifier Id(v1::IdentifierType type, const std::string& value) {
    v1::Identifier id;
    id.set_type(type);
    id.set_value(value);
    return id;
  }
  static v1::Identifier Noms(const std::string& value) { return Id(v1::IDENTIFIER_TYPE_NOMS, value); }
  static v1::Identifier Crn(const std::string& value) { return Id(v1::IDENTIFIER_TYPE_CRN, value); }

  // Dean Ashworth's record: `crn` with a PNC and `noms` (when not empty).
  static v1::OffenderRecord Record(const std::string& crn, const std::string& pnc, const std::string& noms) {
    v1::OffenderRecord record;
    record.set_crn(crn);
    if (!pnc.empty()) *record.add_identifiers() = Id(v1::IDENTIFIER_TYPE_PNC, pnc);
    if (!noms.empty()) *record.add_identifiers() = Noms(noms);
    record.mutable_name()->set_given_names("Dean");
    record.mutable_name()->set_family_name("Ashworth");
    record.set_date_of_birth("1985-03-02");
    record.mutable_offender_manager()->set_staff_code("N07P1001");
    return record;
  }

  void AddRecord(const std::string& crn, const std::string& pnc, const std::string& noms) {
    auto result = core_->registry().Upsert(Record(crn, pnc, noms), kAdmin);
    ASSERT_TRUE(result.ok()) << result.status();
  }

  // A change about `person` that happened `ago` before now.
  v1::ApplyChangeRequest Change(const v1::Identifier& person, absl::Duration ago) const {
    v1::ApplyChangeRequest request;
    *request.mutable_person() = person;
    *request.mutable_occurred_at() = ToProtoTime(clock_.Now() - ago);
    return request;
  }
  v1::ApplyChangeRequest Custody(const v1::Identifier& person, absl::Duration ago, v1::SupervisionStatus status,
                                 const std::string& prison_code = "") const {
    v1::ApplyChangeRequest request = Change(person, ago);
    request.mutable_custody()->set_status(status);
    request.mutable_custody()->set_prison_code(prison_code);
    return request;
  }

  absl::StatusOr<registry::Registry::ChangeResult> Apply(const v1::ApplyChangeRequest& request) {
    return core_->registry().ApplyChange(request, kAdmin);
  }

  v1::OffenderRecord Stored(const std::string& crn) {
    auto record = core_->registry().Get(crn);
    EXPECT_TRUE(record.ok()) << record.status();
    return record.ok() ? *record : v1::OffenderRecord();
  }

  // Every audit entry with `action`, in log order.
  std::vector<v1::AuditEntry> Entries(v1::AuditAction action) {
    audit::AuditFilter filter;
    filter.page_size = 1000;
    std::vector<v1::AuditEntry> out;
    audit::AuditPage page = core_->audit().Query(filter).value();
    for (v1::AuditEntry& entry : page.entries) {
      if (entry.action() == action) out.push_back(std::move(entry));
    }
    return out;
  }

  // The CRN the identity index gives for a NOMS number ("" for none).
  std::string IndexedNoms(const std::string& noms) {
    return store_.Get(storage::Table::kIdentity, storage::IdentityKey("NOMS", noms)).value().value_or("");
  }
};

}  // namespace liaison

#endif  // LIAISON_BROKER_CORE_REGISTRY_CHANGE_FIXTURE_H_
