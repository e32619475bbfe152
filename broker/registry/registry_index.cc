// The registry's upkeep of the match index: each offender's match form,
// blocking keys and name counts change in the same commit as the record, and
// a record that gains blocking keys retained notifications use gets a
// retroactive-matching job.

#include <set>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/matching/blocking.h"
#include "broker/matching/match_index.h"
#include "broker/registry/registry.h"
#include "broker/storage/keys.h"

namespace liaison::registry {
namespace {

using storage::Table;

// Bumped whenever normalisation, forms or blocking keys change, so the
// index is rebuilt from the records on the next start.
constexpr char kMatchIndexVersion[] = "1";
constexpr char kMatchIndexVersionKey[] = "match_index_version";
constexpr size_t kRebuildBatch = 1000;

// Adds `other`'s names (as aliases), identifiers and addresses to `form`.
void Absorb(const matching::v1::MatchForm& other, matching::v1::MatchForm* form) {
  for (matching::v1::NameForm name : other.names()) {
    name.set_alias(true);
    *form->add_names() = std::move(name);
  }
  for (const matching::v1::IdentifierForm& id : other.identifiers()) *form->add_identifiers() = id;
  for (const matching::v1::AddressForm& a : other.addresses()) *form->add_addresses() = a;
  if (!form->has_dob() && other.has_dob()) *form->mutable_dob() = other.dob();
}

absl::Status DeleteTable(storage::KvStore* store, Table table) {
  std::vector<storage::KvWrite> batch;
  absl::Status status;
  RETURN_IF_ERROR(store->Scan(table, "", "", false, [&](absl::string_view key, absl::string_view) {
    batch.push_back({table, std::string(key), std::nullopt});
    if (batch.size() >= 10000) {
      status = store->Write(batch, false);
      batch.clear();
    }
    return status.ok();
  }));
  RETURN_IF_ERROR(status);
  return batch.empty() ? absl::OkStatus() : store->Write(batch, false);
}

}  // namespace

absl::StatusOr<std::optional<matching::v1::MatchForm>> Registry::StoredForm(const std::string& crn,
                                                                           Overlay* overlay) const {
  auto it = overlay->forms.find(crn);
  if (it != overlay->forms.end()) return it->second;
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kMatchForms, crn));
  if (!bytes.has_value()) return std::optional<matching::v1::MatchForm>();
  ASSIGN_OR_RETURN(auto form, ParseStored<matching::v1::MatchForm>(*bytes, "match form"));
  return std::optional<matching::v1::MatchForm>(std::move(form));
}

absl::StatusOr<matching::v1::MatchForm> Registry::FormOf(const v1::OffenderRecord& record,
                                                         const Overlay& overlay) const {
  matching::v1::MatchForm form = deps_.forms->FromOffender(record);
  ASSIGN_OR_RETURN(std::vector<v1::OffenderRecord> merged, MergedInto(record.crn(), overlay, 0));
  for (const v1::OffenderRecord& m : merged) Absorb(deps_.forms->FromOffender(m), &form);
  return form;
}

absl::StatusOr<bool> Registry::AnyUnmatched(Overlay* overlay) const {
  if (!overlay->any_unmatched.has_value()) {
    bool any = false;
    RETURN_IF_ERROR(deps_.store->Scan(Table::kUnmatchedKeys, "", "", false, [&](absl::string_view, absl::string_view) {
      any = true;
      return false;
    }));
    overlay->any_unmatched = any;
  }
  return *overlay->any_unmatched;
}

absl::Status Registry::Reindex(const std::string& crn, std::optional<matching::v1::MatchForm> after,
                               Overlay* overlay, commit::Mutation* mutation) {
  ASSIGN_OR_RETURN(std::optional<matching::v1::MatchForm> before, StoredForm(crn, overlay));
  for (storage::KvWrite& w : matching::MatchIndex::Writes(crn, before ? &*before : nullptr, after ? &*after : nullptr)) {
    mutation->writes.push_back(std::move(w));
  }
  bool any_unmatched = false;
  if (after.has_value()) {
    ASSIGN_OR_RETURN(any_unmatched, AnyUnmatched(overlay));
  }
  // Without retained notifications no key can need a job: skip working the
  // keys out (a bulk load into a fresh index never needs them).
  if (any_unmatched) {
    std::set<std::string> old_keys;
    if (before.has_value()) {
      for (std::string& k : matching::IndexKeys(*before)) old_keys.insert(std::move(k));
    }
    bool job = false;
    for (const std::string& key : matching::IndexKeys(*after)) {
      if (job || old_keys.contains(key)) continue;
      const std::string prefix = storage::JoinKey({key, ""});
      RETURN_IF_ERROR(deps_.store->Scan(Table::kUnmatchedKeys, prefix, storage::PrefixEnd(prefix), false,
                                        [&](absl::string_view, absl::string_view) {
                                          job = true;
                                          return false;
                                        }));
    }
    if (job) {
      mutation->writes.push_back({Table::kRematchJobs, crn, ""});
      overlay->rematch.push_back(crn);
    }
  }
  overlay->forms[crn] = std::move(after);
  return absl::OkStatus();
}

absl::Status Registry::CommitAndNotify(commit::Mutation mutation, const Overlay& overlay) {
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mutation)).status());
  if (!overlay.rematch.empty() && rematch_listener_) rematch_listener_(overlay.rematch);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Registry::RebuildMatchIndexIfStale() {
  absl::MutexLock lock(&write_mu_);
  ASSIGN_OR_RETURN(std::optional<std::string> version, deps_.store->Get(Table::kMeta, kMatchIndexVersionKey));
  if (version.has_value() && *version == kMatchIndexVersion) return 0;
  Log(LogLevel::kInfo, "match_index_rebuild_started", {{"from_version", version.value_or("none")}});
  for (Table table : {Table::kMatchForms, Table::kBlocking, Table::kNameCounts}) {
    RETURN_IF_ERROR(DeleteTable(deps_.store, table));
  }
  // Streams the records, committing each batch from inside the scan.
  uint64_t indexed = 0;
  commit::Mutation batch;
  absl::Status status;
  auto flush = [&]() {
    if (batch.writes.empty()) return absl::OkStatus();
    absl::Status s = deps_.committer->Commit(std::move(batch)).status();
    batch = commit::Mutation();
    return s;
  };
  RETURN_IF_ERROR(deps_.store->Scan(Table::kOffenders, "", "", false, [&](absl::string_view, absl::string_view value) {
    v1::OffenderRecord record;
    if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      status = absl::DataLossError("an offender record is unreadable");
      return false;
    }
    if (!record.merged_into().empty()) return true;
    absl::StatusOr<matching::v1::MatchForm> form = FormOf(record, Overlay{});
    if (!form.ok()) {
      status = form.status();
      return false;
    }
    for (storage::KvWrite& w : matching::MatchIndex::Writes(record.crn(), nullptr, &*form)) {
      batch.writes.push_back(std::move(w));
    }
    if (++indexed % kRebuildBatch == 0) status = flush();
    return status.ok();
  }));
  RETURN_IF_ERROR(status);
  RETURN_IF_ERROR(flush());
  commit::Mutation mark;
  mark.writes.push_back({Table::kMeta, kMatchIndexVersionKey, kMatchIndexVersion});
  RETURN_IF_ERROR(deps_.committer->Commit(std::move(mark)).status());
  Log(LogLevel::kInfo, "match_index_rebuilt", {{"records", static_cast<int64_t>(indexed)}});
  return indexed;
}

}  // namespace liaison::registry
