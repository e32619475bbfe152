// Change references on the Registry's writes: a retried call applies once,
// a reference reused for another change is refused; also under encryption
// at rest.

#include <memory>

#include "absl/strings/match.h"
#include "broker/core/registry_change_fixture.h"
#include "broker/storage/encrypting_kv_store.h"
#include "broker/storage/keyring.h"
#include "gmock/gmock.h"

namespace liaison {
namespace {

constexpr char kUsed[] = "change_ref: already used by this caller for a different change";

class ChangeRefTest : public RegistryChangeTest {};

TEST_F(ChangeRefTest, ARepeatedUpsertIsADuplicateWithOneAuditEntry) {
  const v1::OffenderRecord record = Record("X100001", "1979/0163001B", kNoms);
  auto first = core_->registry().Upsert(record, kAdmin, "ndelius:offender:1");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created);
  EXPECT_FALSE(first->duplicate);
  clock_.Advance(absl::Minutes(1));
  auto again = core_->registry().Upsert(record, kAdmin, "ndelius:offender:1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->duplicate);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.SerializeAsString(), first->record.SerializeAsString());

  const std::vector<v1::AuditEntry> upserts = Entries(v1::AUDIT_ACTION_OFFENDER_UPSERTED);
  ASSERT_EQ(upserts.size(), 1u);
  EXPECT_EQ(upserts[0].change_ref(), "ndelius:offender:1");
  // The allocation the record brought is part of the same change.
  ASSERT_EQ(Entries(v1::AUDIT_ACTION_MANAGER_ALLOCATED).size(), 1u);
  EXPECT_EQ(Entries(v1::AUDIT_ACTION_MANAGER_ALLOCATED)[0].change_ref(), "ndelius:offender:1");
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

TEST_F(ChangeRefTest, AReferenceReusedForAnotherChangeIsAlreadyExists) {
  v1::OffenderRecord record = Record("X100001", "1979/0163001B", kNoms);
  ASSERT_TRUE(core_->registry().Upsert(record, kAdmin, "evt-1").ok());
  record.mutable_name()->set_family_name("Ashford");
  auto reused = core_->registry().Upsert(record, kAdmin, "evt-1");
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(reused.status().message(), kUsed);
  EXPECT_EQ(Stored("X100001").name().family_name(), "Ashworth");
  // On another RPC too.
  auto custody = Custody(Noms(kNoms), absl::Hours(1), v1::SUPERVISION_STATUS_LICENCE);
  custody.set_change_ref("evt-1");
  EXPECT_EQ(Apply(custody).status().code(), absl::StatusCode::kAlreadyExists);
  // References belong to their caller: another principal may use the same one.
  auto other = core_->registry().Upsert(record, "spiffe://liaison.dev/other-registry", "evt-1");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_FALSE(other->duplicate);
  EXPECT_EQ(Stored("X100001").name().family_name(), "Ashford");
}

TEST_F(ChangeRefTest, ARepeatedAllocationChangesNothing) {
  AddRecord("X100001", "1979/0163001B", kNoms);
  v1::AllocateManagerRequest request;
  request.set_crn("X100001");
  request.mutable_offender_manager()->set_staff_code("N09P2002");
  request.set_change_ref("alloc-9");
  ASSERT_TRUE(core_->registry().Allocate(request, kAdmin).ok());
  auto again = core_->registry().Allocate(request, kAdmin);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->offender_manager().staff_code(), "N09P2002");
  const std::vector<v1::AuditEntry> allocations = Entries(v1::AUDIT_ACTION_MANAGER_ALLOCATED);
  ASSERT_EQ(allocations.size(), 2u);  // the record's own, then the transfer
  EXPECT_EQ(allocations[1].change_ref(), "alloc-9");
  request.mutable_offender_manager()->set_staff_code("N09P3003");
  EXPECT_EQ(core_->registry().Allocate(request, kAdmin).status().message(), kUsed);
}

TEST_F(ChangeRefTest, RepeatedMergesAndUnmergesAreDuplicates) {
  AddRecord("X100001", "1979/0163001B", kNoms);
  AddRecord("X100002", "", kOtherNoms);
  ASSERT_TRUE(core_->registry().Merge("X100002", "X100001", "same man", kAdmin, "merge-1").ok());
  auto merged_again = core_->registry().Merge("X100002", "X100001", "same man", kAdmin, "merge-1");
  ASSERT_TRUE(merged_again.ok()) << merged_again.status();
  EXPECT_TRUE(merged_again->duplicate);
  EXPECT_EQ(merged_again->merged.merged_into(), "X100001");
  EXPECT_EQ(Entries(v1::AUDIT_ACTION_OFFENDERS_MERGED).size(), 2u);  // one per CRN
  EXPECT_EQ(core_->registry().Merge("X100002", "X100001", "another reason", kAdmin, "merge-1").status().message(),
            kUsed);

  ASSERT_TRUE(core_->registry().Unmerge("X100002", "two men", kAdmin, "unmerge-1").ok());
  // Without the reference a second unmerge is refused; with it, a duplicate.
  EXPECT_EQ(core_->registry().Unmerge("X100002", "two men", kAdmin).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto unmerged_again = core_->registry().Unmerge("X100002", "two men", kAdmin, "unmerge-1");
  ASSERT_TRUE(unmerged_again.ok()) << unmerged_again.status();
  EXPECT_TRUE(unmerged_again->merged_into().empty());
  const std::vector<v1::AuditEntry> unmerges = Entries(v1::AUDIT_ACTION_OFFENDERS_UNMERGED);
  ASSERT_EQ(unmerges.size(), 2u);
  for (const v1::AuditEntry& e : unmerges) EXPECT_EQ(e.change_ref(), "unmerge-1");
}

TEST_F(ChangeRefTest, ARepeatedChangeIsADuplicateEvenAfterItsIdentifierMoved) {
  AddRecord("X100001", "1979/0163001B", kNoms);
  v1::ApplyChangeRequest custody = Custody(Noms(kNoms), absl::Hours(2), v1::SUPERVISION_STATUS_IN_CUSTODY, "MDI");
  custody.set_change_ref("prison-events:reception:1");
  ASSERT_EQ(Apply(custody)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  auto again = Apply(custody);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->outcome, v1::CHANGE_OUTCOME_DUPLICATE);
  EXPECT_EQ(again->record->prison_code(), "MDI");

  v1::ApplyChangeRequest replace = Change(Noms(kNoms), absl::Hours(1));
  replace.set_change_ref("prisoner.merged:8");
  *replace.mutable_identifier()->mutable_replacement() = Noms(kOtherNoms);
  ASSERT_EQ(Apply(replace)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  // The old number finds nothing now; the duplicate still reports the record.
  auto replaced_again = Apply(replace);
  ASSERT_TRUE(replaced_again.ok()) << replaced_again.status();
  EXPECT_EQ(replaced_again->outcome, v1::CHANGE_OUTCOME_DUPLICATE);
  ASSERT_TRUE(replaced_again->record.has_value());
  EXPECT_EQ(replaced_again->record->crn(), "X100001");

  const std::vector<v1::AuditEntry> changed = Entries(v1::AUDIT_ACTION_OFFENDER_CHANGED);
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].change_ref(), "prison-events:reception:1");
  EXPECT_EQ(changed[1].change_ref(), "prisoner.merged:8");
}

TEST_F(ChangeRefTest, MalformedReferencesAreRefusedBeforeAnythingElse) {
  for (const std::string& ref : {std::string(129, 'a'), std::string("a b"), std::string("a\0b", 3),
                                 std::string("caf\xc3\xa9")}) {
    auto result = core_->registry().Upsert(v1::OffenderRecord(), kAdmin, ref);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(result.status().message()), testing::StartsWith("change_ref: "));
  }
  EXPECT_TRUE(core_->registry().Upsert(Record("X100001", "", ""), kAdmin, std::string(128, 'a')).ok());
}

// The same over an encrypting store, as the broker runs with a data key
// file: the reference keys work with exact lookups, and no identifier of
// the change reaches the disk in clear.
class EncryptedChangeRefTest : public RegistryChangeTest {
 protected:
  void SetUp() override {
    keys_ = storage::Keyring::FromProto(storage::NewKeyFile(clock_.Now())).value();
    encrypted_ = storage::EncryptingKvStore::Open(&store_, keys_).value();
    BrokerCore::Options options;
    options.policy = policy::OffenderManagerTestPolicy();
    options.person_ref = [keys = keys_](absl::string_view crn) { return keys->PersonRef(crn); };
    core_ = BrokerCore::Create(encrypted_.get(), &clock_, options).value();
  }

  std::shared_ptr<const storage::Keyring> keys_;
  std::unique_ptr<storage::EncryptingKvStore> encrypted_;
};

TEST_F(EncryptedChangeRefTest, ChangesApplyOnceAndTheIndexesFollow) {
  ASSERT_TRUE(core_->registry().Upsert(Record("X100001", "1979/0163001B", kNoms), kAdmin, "up-1").ok());
  EXPECT_TRUE(core_->registry().Upsert(Record("X100001", "1979/0163001B", kNoms), kAdmin, "up-1")->duplicate);

  v1::ApplyChangeRequest replace = Change(Noms(kNoms), absl::Hours(1));
  replace.set_change_ref("prisoner.merged:8");
  *replace.mutable_identifier()->mutable_replacement() = Noms(kOtherNoms);
  ASSERT_EQ(Apply(replace)->outcome, v1::CHANGE_OUTCOME_APPLIED);
  EXPECT_EQ(Apply(replace)->outcome, v1::CHANGE_OUTCOME_DUPLICATE);
  EXPECT_EQ(Apply(Custody(Noms(kOtherNoms), absl::Minutes(5), v1::SUPERVISION_STATUS_LICENCE))->outcome,
            v1::CHANGE_OUTCOME_APPLIED);
  EXPECT_EQ(Apply(Custody(Noms(kNoms), absl::Minutes(5), v1::SUPERVISION_STATUS_LICENCE)).status().code(),
            absl::StatusCode::kNotFound);
  replace.mutable_identifier()->mutable_replacement()->set_value("Z9999ZZ");
  EXPECT_EQ(Apply(replace).status().message(), kUsed);

  std::string raw;
  for (storage::Table table : storage::kAllTables) {
    ASSERT_TRUE(store_.Scan(table, "", "", false, [&](absl::string_view k, absl::string_view v) {
      raw.append(k.data(), k.size()).append(v.data(), v.size());
      return true;
    }).ok());
  }
  for (const char* secret : {"X100001", kNoms, kOtherNoms, "Ashworth"}) {
    EXPECT_FALSE(absl::StrContains(raw, secret)) << secret;
  }
  EXPECT_TRUE(core_->audit().Verify()->ok);
}

}  // namespace
}  // namespace liaison
