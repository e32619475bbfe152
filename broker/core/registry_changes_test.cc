// Registry.ApplyChange: custody, registrations and identifier changes found
// by any strong identifier, applied in the order they happened.

#include "broker/core/registry_change_fixture.h"
#include "gmock/gmock.h"
#include "liaison/matching/v1/match_form.pb.h"

namespace liaison {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

class ApplyChangeTest : public RegistryChangeTest {
 protected:
  void SetUp() override {
    RegistryChangeTest::SetUp();
    AddRecord("X100001", "1979/0163001B", kNoms);
  }
};

TEST_F(ApplyChangeTest, AReceptionFoundByNomsPutsTheRecordInCustody) {
  v1::ApplyChangeRequest reception = Custody(Noms(kNoms), absl::Hours(2), v1::SUPERVISION_STATUS_IN_CUSTODY, "MDI");
  reception.set_reason("prisoner.received: NEW_ADMISSION");
  auto result = Apply(reception);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, v1::CHANGE_OUTCOME_APPLIED);
  ASSERT_TRUE(result->record.has_value());
  EXPECT_EQ(result->record->crn(), "X100001");

  const v1::OffenderRecord stored = Stored("X100001");
  EXPECT_EQ(stored.status(), v1::SUPERVISION_STATUS_IN_CUSTODY);
  EXPECT_EQ(stored.prison_code(), "MDI");
  EXPECT_EQ(FromProtoTime(stored.custody_changed_at()), clock_.Now() - absl::Hours(2));
  EXPECT_EQ(FromProtoTime(stored.updated_at()), clock_.Now());

  const std::vector<v1::AuditEntry> changed = Entries(v1::AUDIT_ACTION_OFFENDER_CHANGED);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].crn(), "X100001");
  EXPECT_EQ(changed[0].actor(), kAdmin);
  EXPECT_EQ(changed[0].change().kind(), "custody");
  EXPECT_EQ(changed[0].change().reason(), "prisoner.received: NEW_ADMISSION");
  EXPECT_EQ(FromProtoTime(changed[0].change().occurred_at()), clock_.Now() - absl::Hours(2));
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

TEST_F(ApplyChangeTest, AnOlderCustodyEventIsSupersededAndChangesNothing) {
  ASSERT_EQ(Apply(Custody(Crn("X100001"), absl::Hours(1), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_APPLIED);
  // The reception before that release arrives late.
  v1::ApplyChangeRequest late = Custody(Noms(kNoms), absl::Hours(3), v1::SUPERVISION_STATUS_IN_CUSTODY, "MDI");
  late.set_change_ref("prison-events:reception:41");
  auto result = Apply(late);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, v1::CHANGE_OUTCOME_SUPERSEDED);
  EXPECT_EQ(result->record->status(), v1::SUPERVISION_STATUS_LICENCE);
  EXPECT_EQ(Stored("X100001").status(), v1::SUPERVISION_STATUS_LICENCE);
  EXPECT_TRUE(Stored("X100001").prison_code().empty());
  EXPECT_EQ(Entries(v1::AUDIT_ACTION_OFFENDER_CHANGED).size(), 1u);
  // Its change_ref is remembered: a retry is a duplicate.
  EXPECT_EQ(Apply(late)->outcome, v1::CHANGE_OUTCOME_DUPLICATE);
}

TEST_F(ApplyChangeTest, AReleaseThenALaterReceptionBothApply) {
  ASSERT_EQ(Apply(Custody(Noms(kNoms), absl::Hours(5), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_APPLIED);
  auto recalled = Apply(Custody(Noms(kNoms), absl::Hours(1), v1::SUPERVISION_STATUS_IN_CUSTODY, "LEI"));
  ASSERT_TRUE(recalled.ok()) << recalled.status();
  EXPECT_EQ(recalled->outcome, v1::CHANGE_OUTCOME_APPLIED);
  EXPECT_EQ(Stored("X100001").status(), v1::SUPERVISION_STATUS_IN_CUSTODY);
  EXPECT_EQ(Stored("X100001").prison_code(), "LEI");
  EXPECT_EQ(Entries(v1::AUDIT_ACTION_OFFENDER_CHANGED).size(), 2u);
}

TEST_F(ApplyChangeTest, AnUpsertKeepsTheChangeTimes) {
  ASSERT_TRUE(Apply(Custody(Noms(kNoms), absl::Hours(1), v1::SUPERVISION_STATUS_IN_CUSTODY, "MDI")).ok());
  v1::OffenderRecord update = Record("X100001", "1979/0163001B", kNoms);
  *update.mutable_custody_changed_at() = ToProtoTime(clock_.Now() - absl::Hours(100));
  *update.mutable_registrations_changed_at() = ToProtoTime(clock_.Now());
  auto upserted = core_->registry().Upsert(update, kAdmin);
  ASSERT_TRUE(upserted.ok()) << upserted.status();
  EXPECT_EQ(FromProtoTime(upserted->record.custody_changed_at()), clock_.Now() - absl::Hours(1));
  EXPECT_FALSE(upserted->record.has_registrations_changed_at());
  EXPECT_EQ(FromProtoTime(Stored("X100001").custody_changed_at()), clock_.Now() - absl::Hours(1));
  // So an event older than the applied one is still superseded.
  EXPECT_EQ(Apply(Custody(Noms(kNoms), absl::Hours(2), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_SUPERSEDED);
}

TEST_F(ApplyChangeTest, RegistrationsAreAddedAndRemovedAndRemovingMappaClearsIt) {
  v1::ApplyChangeRequest add = Change(Noms(kNoms), absl::Hours(3));
  add.mutable_registrations()->add_add("mapp");
  add.mutable_registrations()->add_add("ADVP");
  add.mutable_registrations()->set_mappa_category(v1::MAPPA_CATEGORY_2);
  add.mutable_registrations()->set_mappa_level(v1::MAPPA_LEVEL_1);
  add.mutable_registrations()->set_rosh_level(v1::ROSH_LEVEL_HIGH);
  ASSERT_EQ(Apply(add)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  v1::OffenderRecord stored = Stored("X100001");
  EXPECT_THAT(stored.registrations(), ElementsAre("MAPP", "ADVP"));
  EXPECT_EQ(stored.mappa_category(), v1::MAPPA_CATEGORY_2);
  EXPECT_EQ(stored.mappa_level(), v1::MAPPA_LEVEL_1);
  EXPECT_EQ(stored.rosh_level(), v1::ROSH_LEVEL_HIGH);

  v1::ApplyChangeRequest remove = Change(Noms(kNoms), absl::Hours(2));
  remove.mutable_registrations()->add_remove("MAPP");
  remove.mutable_registrations()->add_add("ARSO");
  ASSERT_EQ(Apply(remove)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  stored = Stored("X100001");
  EXPECT_THAT(stored.registrations(), ElementsAre("ADVP", "ARSO"));
  EXPECT_EQ(stored.mappa_category(), v1::MAPPA_CATEGORY_UNSPECIFIED);
  EXPECT_EQ(stored.mappa_level(), v1::MAPPA_LEVEL_UNSPECIFIED);
  EXPECT_EQ(stored.rosh_level(), v1::ROSH_LEVEL_HIGH);  // left alone
  EXPECT_EQ(FromProtoTime(stored.registrations_changed_at()), clock_.Now() - absl::Hours(2));

  // A registration change from before the last change to its register is
  // superseded; a custody change is ordered on its own.
  v1::ApplyChangeRequest stale = Change(Noms(kNoms), absl::Hours(2) + absl::Minutes(1));
  stale.mutable_registrations()->add_remove("ARSO");
  stale.mutable_registrations()->add_add("MAPP");
  EXPECT_EQ(Apply(stale)->outcome, v1::CHANGE_OUTCOME_SUPERSEDED);
  EXPECT_THAT(Stored("X100001").registrations(), ElementsAre("ADVP", "ARSO"));
  EXPECT_EQ(Apply(Custody(Noms(kNoms), absl::Hours(4), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_APPLIED);
}

TEST_F(ApplyChangeTest, RegistrationChangesAreOrderedPerRegisterCode) {
  // 10:00 ADVP added; 11:00 RCPR added; the 10:30 removal of ADVP arrives
  // last. It is older than the record's last registration change but newer
  // than ADVP's, so it applies; a late 09:00 removal of RCPR does not.
  v1::ApplyChangeRequest advp = Change(Noms(kNoms), absl::Hours(3));
  advp.mutable_registrations()->add_add("ADVP");
  advp.mutable_registrations()->set_rosh_level(v1::ROSH_LEVEL_MEDIUM);
  ASSERT_EQ(Apply(advp)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  v1::ApplyChangeRequest rcpr = Change(Noms(kNoms), absl::Hours(2));
  rcpr.mutable_registrations()->add_add("RCPR");
  rcpr.mutable_registrations()->set_rosh_level(v1::ROSH_LEVEL_HIGH);
  ASSERT_EQ(Apply(rcpr)->outcome, v1::CHANGE_OUTCOME_APPLIED);

  v1::ApplyChangeRequest late_removal = Change(Noms(kNoms), absl::Hours(2) + absl::Minutes(30));
  late_removal.mutable_registrations()->add_remove("ADVP");
  late_removal.mutable_registrations()->set_rosh_level(v1::ROSH_LEVEL_LOW);  // older than the HIGH
  ASSERT_EQ(Apply(late_removal)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  v1::OffenderRecord stored = Stored("X100001");
  EXPECT_THAT(stored.registrations(), ElementsAre("RCPR"));
  EXPECT_EQ(stored.rosh_level(), v1::ROSH_LEVEL_HIGH);
  EXPECT_EQ(FromProtoTime(stored.registrations_changed_at()), clock_.Now() - absl::Hours(2));
  EXPECT_EQ(FromProtoTime(stored.register_changed_at().at("ADVP")),
            clock_.Now() - absl::Hours(2) - absl::Minutes(30));

  v1::ApplyChangeRequest late_add = Change(Noms(kNoms), absl::Hours(4));
  late_add.mutable_registrations()->add_remove("RCPR");
  EXPECT_EQ(Apply(late_add)->outcome, v1::CHANGE_OUTCOME_SUPERSEDED);
  EXPECT_THAT(Stored("X100001").registrations(), ElementsAre("RCPR"));
}

TEST_F(ApplyChangeTest, AReplacedNomsNumberMovesTheIdentityAndMatchIndexes) {
  v1::ApplyChangeRequest replace = Change(Noms(kNoms), absl::Hours(1));
  *replace.mutable_identifier()->mutable_replacement() = Noms("g5678kl");
  auto result = Apply(replace);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->outcome, v1::CHANGE_OUTCOME_APPLIED);

  EXPECT_EQ(IndexedNoms(kOtherNoms), "X100001");
  EXPECT_EQ(IndexedNoms(kNoms), "");
  const v1::OffenderRecord stored = Stored("X100001");
  ASSERT_EQ(stored.identifiers_size(), 2);
  EXPECT_EQ(stored.identifiers(1).value(), kOtherNoms);
  // The match form the matcher reads carries the new number only.
  auto form_bytes = store_.Get(storage::Table::kMatchForms, "X100001").value();
  ASSERT_TRUE(form_bytes.has_value());
  matching::v1::MatchForm form;
  ASSERT_TRUE(form.ParseFromString(*form_bytes));
  std::vector<std::string> ids;
  for (const auto& id : form.identifiers()) ids.push_back(id.value());
  EXPECT_THAT(ids, testing::Contains(kOtherNoms));
  EXPECT_THAT(ids, testing::Not(testing::Contains(kNoms)));

  // Later changes find the record by the new number, not the old one.
  EXPECT_EQ(Apply(Custody(Noms(kOtherNoms), absl::Minutes(5), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_APPLIED);
  auto by_old = Apply(Custody(Noms(kNoms), absl::Minutes(5), v1::SUPERVISION_STATUS_LICENCE));
  EXPECT_EQ(by_old.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(by_old.status().message(), "person: no offender record carries this identifier");
}

TEST_F(ApplyChangeTest, AReplacementOnAnotherRecordIsRefusedAndNothingIsWritten) {
  AddRecord("X100002", "", kOtherNoms);
  const size_t entries = core_->audit().Query(audit::AuditFilter{})->entries.size();
  v1::ApplyChangeRequest replace = Change(Crn("X100001"), absl::Hours(1));
  replace.set_change_ref("nomis:merge:7");
  *replace.mutable_identifier()->mutable_replacement() = Noms(kOtherNoms);
  auto refused = Apply(replace);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(refused.status().message(), "identifier.replacement: this NOMS is already on another offender record");
  EXPECT_EQ(IndexedNoms(kNoms), "X100001");
  EXPECT_EQ(IndexedNoms(kOtherNoms), "X100002");
  EXPECT_EQ(Stored("X100001").identifiers(1).value(), kNoms);
  EXPECT_EQ(core_->audit().Query(audit::AuditFilter{})->entries.size(), entries);
  EXPECT_FALSE(store_.Get(storage::Table::kIdempotency, storage::JoinKey({kAdmin, "registry", "nomis:merge:7"}))
                   ->has_value());
}

TEST_F(ApplyChangeTest, AnUnknownPersonIsNotFound) {
  for (const v1::Identifier& person : {Noms("Z9999ZZ"), Crn("X999999"), Id(v1::IDENTIFIER_TYPE_PNC, "2002/0073319Z")}) {
    auto result = Apply(Custody(person, absl::Hours(1), v1::SUPERVISION_STATUS_LICENCE));
    EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound) << person.value();
    EXPECT_EQ(result.status().message(), "person: no offender record carries this identifier");
  }
}

TEST_F(ApplyChangeTest, AMergedRecordRefusesChangesNamingTheSurvivor) {
  AddRecord("X100002", "", kOtherNoms);
  ASSERT_TRUE(core_->registry().Merge("X100002", "X100001", "", kAdmin).ok());
  auto refused = Apply(Custody(Noms(kOtherNoms), absl::Hours(1), v1::SUPERVISION_STATUS_LICENCE));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("merged into X100001"));
  EXPECT_EQ(Stored("X100002").status(), v1::SUPERVISION_STATUS_UNSPECIFIED);
}

TEST_F(ApplyChangeTest, ValidationErrorsNameTheField) {
  struct Case {
    const char* name;
    void (*spoil)(v1::ApplyChangeRequest*);
    const char* message_prefix;
  };
  const Case cases[] = {
      {"no person", [](auto* r) { r->clear_person(); }, "person: is required"},
      {"bad noms", [](auto* r) { r->mutable_person()->set_value("12345"); }, "person.value: "},
      {"no time", [](auto* r) { r->clear_occurred_at(); }, "occurred_at: is required"},
      {"long reason", [](auto* r) { r->set_reason(std::string(201, 'x')); }, "reason: "},
      {"no change", [](auto* r) { r->clear_custody(); }, "change: "},
      {"prison without custody", [](auto* r) { r->mutable_custody()->set_status(v1::SUPERVISION_STATUS_LICENCE); },
       "custody.prison_code: is only allowed"},
      {"bad ref", [](auto* r) { r->set_change_ref("has space"); }, "change_ref: "},
  };
  for (const Case& c : cases) {
    v1::ApplyChangeRequest request = Custody(Noms(kNoms), absl::Hours(1), v1::SUPERVISION_STATUS_IN_CUSTODY, "MDI");
    c.spoil(&request);
    auto result = Apply(request);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(result.status().message()), testing::StartsWith(c.message_prefix)) << c.name;
    EXPECT_THAT(std::string(result.status().message()), testing::Not(HasSubstr(kNoms))) << c.name;
  }
  EXPECT_TRUE(Entries(v1::AUDIT_ACTION_OFFENDER_CHANGED).empty());
}

}  // namespace
}  // namespace liaison
