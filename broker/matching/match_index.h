#ifndef LIAISON_BROKER_MATCHING_MATCH_INDEX_H_
#define LIAISON_BROKER_MATCHING_MATCH_INDEX_H_

// The matcher's view of the store: each offender's match form, the blocking
// keys that find it, and name counts for term-frequency adjustment (tables
// kMatchForms, kBlocking, kNameCounts; docs/architecture.md). Writes are
// returned as KvWrites for the caller's atomic commit, never applied here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "broker/matching/scorer.h"
#include "broker/storage/kv_store.h"
#include "liaison/matching/v1/match_form.pb.h"

namespace liaison::matching {

struct CandidateOptions {
  // A key filing more records than this is skipped as unselective (a very
  // common name, a house number and street found in every town); its
  // records may still be found under other keys. Reading stops at one more
  // than this, so it also bounds the entries read per key.
  size_t max_per_key = 50;
  // The candidate set is cut to this many, keeping the best ranked.
  size_t max_candidates = 500;
};

struct CandidateSet {
  // Best first by blocking evidence: records found under an identifier key
  // (blocking.h IsIdentifierKey), then under more of the looked-up keys,
  // then under rarer keys (the smaller product of the keys' sizes: a key
  // filing 3 records says more than one filing 150), then by stored id.
  // Each id is as the store holds it (KvStore::ScanStoredKeys): Get takes
  // it as it is; KvStore::DecodeKey gives the id itself.
  std::vector<std::string> ids;
  size_t keys_looked_up = 0;
  size_t keys_skipped = 0;
  // The union was larger than max_candidates.
  bool truncated = false;
};

// Looks up `keys` in a key "\0" id table (kBlocking or kUnmatchedKeys).
// UNAVAILABLE / DATA_LOSS from the store.
absl::StatusOr<CandidateSet> LookUpKeys(const storage::KvStore& store, storage::Table table,
                                        const std::vector<std::string>& keys, const CandidateOptions& options);

// Rewrites the match tables (forms, blocking keys, name counts) each into
// one sorted run at the bottom of the store, so a key look-up checks one
// run's filter and index rather than one per level of the LSM tree (the
// growth with index size measured in docs/matching.md). Meant for after a
// bulk load; matches may run meanwhile. Stops soon with CANCELLED once
// `cancelled` (may be null) is true. UNAVAILABLE from the store.
absl::Status CompactMatchIndex(storage::KvStore* store, const std::atomic<bool>* cancelled = nullptr);

// Thread-safe; the store is not owned.
class MatchIndex : public TermFrequencies {
 public:
  MatchIndex(const storage::KvStore* store, CandidateOptions options) : store_(store), options_(options) {}

  // The writes that move `id` from `before` to `after` (either may be null:
  // not indexed / remove): the form, blocking keys that changed, and name
  // and record counters.
  static std::vector<storage::KvWrite> Writes(const std::string& id, const v1::MatchForm* before,
                                              const v1::MatchForm* after);

  // Records filed under the query's keys (blocking.h QueryKeys).
  absl::StatusOr<CandidateSet> Candidates(const v1::MatchForm& query) const;

  // The stored form of `id`; nullopt when not indexed.
  absl::StatusOr<std::optional<v1::MatchForm>> Form(const std::string& id) const;

  // Records in the index (0 when unreadable).
  int64_t RecordCount() const;

  std::optional<double> Frequency(absl::string_view field, absl::string_view value) const override;
  // Frequency() in an index of `records` (RecordCount() read once by the
  // caller, rather than once per value).
  std::optional<double> Frequency(absl::string_view field, absl::string_view value, int64_t records) const;

  const CandidateOptions& options() const { return options_; }

 private:
  const storage::KvStore* store_;
  CandidateOptions options_;
};

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_MATCH_INDEX_H_
