#include "broker/matching/match_index.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/matching/blocking.h"
#include "broker/matching/decider.h"
#include "broker/storage/keys.h"

namespace liaison::matching {
namespace {

using storage::Table;

constexpr absl::string_view kRecordsKey("\0records", 8);

std::string CountKey(absl::string_view field, absl::string_view value) {
  return storage::JoinKey({field, value});
}

// The values counted for term frequencies: the current name's forename and
// surname (first normalisation variant).
std::vector<std::string> CountKeys(const v1::MatchForm& form) {
  std::vector<std::string> keys;
  if (form.names().empty() || form.names(0).alias()) return keys;
  const v1::NameForm& name = form.names(0);
  if (!name.given().empty()) keys.push_back(CountKey("forename", name.given(0)));
  if (!name.family_joined().empty()) keys.push_back(CountKey("surname", name.family_joined()));
  return keys;
}

// What the keys a record was found under say about it, for ranking.
struct Evidence {
  bool identifier = false;
  int keys = 0;
  // The sum over those keys of log2(records filed under the key).
  double log2_sizes = 0;
};

bool Stronger(const std::pair<std::string, Evidence>& a, const std::pair<std::string, Evidence>& b) {
  if (a.second.identifier != b.second.identifier) return a.second.identifier;
  if (a.second.keys != b.second.keys) return a.second.keys > b.second.keys;
  if (a.second.log2_sizes != b.second.log2_sizes) return a.second.log2_sizes < b.second.log2_sizes;
  return a.first < b.first;
}

}  // namespace

absl::StatusOr<CandidateSet> LookUpKeys(const storage::KvStore& store, Table table,
                                        const std::vector<std::string>& keys, const CandidateOptions& options) {
  CandidateSet result;
  std::vector<storage::KeyRange> ranges;
  ranges.reserve(keys.size());
  for (const std::string& key : keys) {
    std::string prefix = storage::JoinKey({key, ""});
    std::string end = storage::PrefixEnd(prefix);
    ranges.push_back({std::move(prefix), std::move(end)});
  }
  std::vector<std::vector<std::string>> ids(keys.size());
  // Stored keys: an encrypting store would otherwise decrypt the id of
  // every entry read, though a key over the bound is skipped and only the
  // best ranked few are used (docs/matching.md). The blocking key part
  // holds no '\0' in either form. All keys in one pass (one RocksDB
  // iterator).
  RETURN_IF_ERROR(store.ScanStoredKeyRanges(table, ranges, [&](size_t i, absl::string_view k, absl::string_view) {
    ids[i].emplace_back(k.substr(k.find('\0') + 1));
    return ids[i].size() <= options.max_per_key;
  }));
  absl::flat_hash_map<std::string, Evidence> hits;
  for (size_t i = 0; i < keys.size(); ++i) {
    ++result.keys_looked_up;
    if (ids[i].size() > options.max_per_key) {
      ++result.keys_skipped;
      continue;
    }
    const bool identifier = IsIdentifierKey(keys[i]);
    const double log2_size = std::log2(static_cast<double>(ids[i].size()));
    for (std::string& id : ids[i]) {
      Evidence& evidence = hits[std::move(id)];
      evidence.identifier |= identifier;
      ++evidence.keys;
      evidence.log2_sizes += log2_size;
    }
  }
  std::vector<std::pair<std::string, Evidence>> ranked(hits.begin(), hits.end());
  std::sort(ranked.begin(), ranked.end(), Stronger);
  if (ranked.size() > options.max_candidates) {
    ranked.resize(options.max_candidates);
    result.truncated = true;
  }
  result.ids.reserve(ranked.size());
  for (auto& [id, evidence] : ranked) result.ids.push_back(std::move(id));
  return result;
}

absl::Status CompactMatchIndex(storage::KvStore* store, const std::atomic<bool>* cancelled) {
  for (Table table : {Table::kBlocking, Table::kMatchForms, Table::kNameCounts}) {
    if (cancelled != nullptr && cancelled->load()) return absl::CancelledError("compacting the match index: cancelled");
    RETURN_IF_ERROR(store->Compact(table, cancelled));
  }
  return absl::OkStatus();
}

std::vector<storage::KvWrite> MatchIndex::Writes(const std::string& id, const v1::MatchForm* before,
                                                 const v1::MatchForm* after) {
  std::vector<storage::KvWrite> writes;
  std::set<std::string> old_keys, new_keys;
  if (before != nullptr) {
    for (std::string& k : IndexKeys(*before)) old_keys.insert(std::move(k));
  }
  if (after != nullptr) {
    for (std::string& k : IndexKeys(*after)) new_keys.insert(std::move(k));
  }
  for (const std::string& k : old_keys) {
    if (!new_keys.contains(k)) writes.push_back({Table::kBlocking, storage::JoinKey({k, id}), std::nullopt});
  }
  for (const std::string& k : new_keys) {
    if (!old_keys.contains(k)) writes.push_back({Table::kBlocking, storage::JoinKey({k, id}), ""});
  }
  if (before != nullptr) {
    for (std::string& k : CountKeys(*before)) writes.push_back(storage::AddToCounter(Table::kNameCounts, k, -1));
  }
  if (after != nullptr) {
    for (std::string& k : CountKeys(*after)) writes.push_back(storage::AddToCounter(Table::kNameCounts, k, 1));
    writes.push_back({Table::kMatchForms, id, after->SerializeAsString()});
  } else if (before != nullptr) {
    writes.push_back({Table::kMatchForms, id, std::nullopt});
  }
  const int delta = (after != nullptr) - (before != nullptr);
  if (delta != 0) writes.push_back(storage::AddToCounter(Table::kNameCounts, std::string(kRecordsKey), delta));
  return writes;
}

absl::StatusOr<CandidateSet> MatchIndex::Candidates(const v1::MatchForm& query) const {
  return LookUpKeys(*store_, Table::kBlocking, QueryKeys(query), options_);
}

absl::StatusOr<std::optional<v1::MatchForm>> MatchIndex::Form(const std::string& id) const {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Get(Table::kMatchForms, id));
  if (!stored.has_value()) return std::optional<v1::MatchForm>();
  ASSIGN_OR_RETURN(v1::MatchForm form, ParseStored<v1::MatchForm>(*stored, "match form"));
  return std::optional<v1::MatchForm>(std::move(form));
}

int64_t MatchIndex::RecordCount() const {
  absl::StatusOr<std::optional<std::string>> stored = store_->Get(Table::kNameCounts, kRecordsKey);
  if (!stored.ok() || !stored->has_value()) return 0;
  return storage::DecodeCounter(**stored);
}

std::optional<double> MatchIndex::Frequency(absl::string_view field, absl::string_view value) const {
  return Frequency(field, value, RecordCount());
}

std::optional<double> MatchIndex::Frequency(absl::string_view field, absl::string_view value, int64_t records) const {
  if (records <= 0) return std::nullopt;
  absl::StatusOr<std::optional<std::string>> stored = store_->Get(Table::kNameCounts, CountKey(field, value));
  if (!stored.ok()) return std::nullopt;
  const int64_t count = stored->has_value() ? storage::DecodeCounter(**stored) : 0;
  // A handful of records says little about how common a name is: estimate
  // over at least kMinPriorRecords, as the thresholds do.
  const double population = std::max(static_cast<double>(records), kMinPriorRecords);
  return static_cast<double>(std::max<int64_t>(count, 1)) / population;
}

}  // namespace liaison::matching
