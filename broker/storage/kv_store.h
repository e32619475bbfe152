#ifndef LIAISON_BROKER_STORAGE_KV_STORE_H_
#define LIAISON_BROKER_STORAGE_KV_STORE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::storage {

// The broker's tables. In RocksDB each is a column family of the same name;
// docs/architecture.md documents each key format.
enum class Table {
  kMeta,           // "schema_version" -> decimal (the on-disk format, rocksdb_kv_store.h)
  kOffenders,      // crn -> liaison.v1.OffenderRecord
  kIdentity,       // type "\0" canonical identifier -> crn
  kNotifications,  // notification id -> liaison.store.v1.StoredNotification
  kIdempotency,    // source principal "\0" source_ref -> IdempotencyRecord; also
                   // principal "\0" "registry" "\0" change_ref (registry/change_ref.h)
  kUnmatched,      // received micros (8 BE) + notification id -> ""
  kAlerts,         // alert id -> liaison.v1.Alert
  kInbox,          // recipient "\0" sequence (8 BE) -> alert id
  kPending,        // recipient "\0" sequence (8 BE) -> PendingRecord, unacknowledged only
  kAudit,          // sequence (8 BE) -> liaison.store.v1.AuditRecord
  kAuditIndex,     // facet "\0" value "\0" sequence (8 BE) -> ""
  kMatchForms,     // crn -> liaison.matching.v1.MatchForm (normalised, for scoring)
  kBlocking,       // blocking key "\0" crn -> ""
  kNameCounts,     // field "\0" value -> counter; "\0records" -> counter (term frequencies)
  kUnmatchedKeys,  // blocking key "\0" notification id -> "" (retained, for retroactive matching)
  kReviews,        // notification id -> liaison.store.v1.ReviewRecord
  kReviewQueue,    // created micros (8 BE) + notification id -> "" (open reviews only)
  kRematchJobs,    // crn -> "" (retroactive matching still to run for this record)
  kMerges,         // surviving crn "\0" merged crn -> liaison.store.v1.MergeRecord
  kEscalations,    // due micros (8 BE) + alert id -> liaison.store.v1.EscalationTimer
  kPersonNotifications,  // crn "\0" received micros (8 BE) + notification id -> "" (linked notifications)
  kAuditTree,         // level (1 byte) + index (8 BE) -> node hash; "\xffstate" -> CompactRange (docs/audit.md)
  kAuditCheckpoints,  // tree size (8 BE) -> signed checkpoint note text (docs/audit.md)
  kReceived,          // received micros (8 BE) + notification id -> "" (every notification; retention)
};

inline constexpr Table kAllTables[] = {
    Table::kMeta,    Table::kOffenders, Table::kIdentity, Table::kNotifications,
    Table::kIdempotency, Table::kUnmatched, Table::kAlerts, Table::kInbox,
    Table::kPending, Table::kAudit,     Table::kAuditIndex, Table::kMatchForms, Table::kBlocking,
    Table::kNameCounts, Table::kUnmatchedKeys, Table::kReviews, Table::kReviewQueue, Table::kRematchJobs,
    Table::kMerges, Table::kEscalations, Table::kPersonNotifications,
    Table::kAuditTree, Table::kAuditCheckpoints, Table::kReceived,
};

// The column family name of `table`.
const char* TableName(Table table);

// One put (value set), delete (value empty optional) or, with `add`, an
// atomic addition to a counter: the stored value and `value` are signed
// 64-bit integers (EncodeCounter); a missing counter counts as 0.
struct KvWrite {
  Table table;
  std::string key;
  std::optional<std::string> value;
  bool add = false;
};

// Counter values for KvWrite::add: 8 bytes, little-endian two's complement.
std::string EncodeCounter(int64_t value);
// 0 for anything that is not 8 bytes.
int64_t DecodeCounter(absl::string_view bytes);
// A write that adds `delta` to the counter at `key`.
KvWrite AddToCounter(Table table, std::string key, int64_t delta);

// Called per key/value in a scan; return false to stop.
using ScanVisitor = std::function<bool(absl::string_view key, absl::string_view value)>;

// A range of keys [start, end) for ScanStoredKeyRanges (end empty: no upper
// bound).
struct KeyRange {
  std::string start;
  std::string end;
};
// Called with the index of the range a key lies in; false ends that range.
using RangeVisitor = std::function<bool(size_t range, absl::string_view key, absl::string_view value)>;

// An ordered key-value store with atomic multi-table writes. Implementations
// are thread-safe. Errors: UNAVAILABLE for I/O failures (retryable),
// DATA_LOSS for corruption, INTERNAL otherwise.
class KvStore {
 public:
  virtual ~KvStore() = default;

  // The value at `key`, or nullopt when absent.
  virtual absl::StatusOr<std::optional<std::string>> Get(Table table, absl::string_view key) const = 0;

  // Visits keys k with start <= k < end in ascending order (end empty: no
  // upper bound), or descending when `reverse`.
  virtual absl::Status Scan(Table table, absl::string_view start, absl::string_view end,
                            bool reverse, const ScanVisitor& visit) const = 0;

  // Like Scan, but each key is given as the store holds it. A store that
  // rewrites the key parts identifying a person (EncryptingKvStore,
  // storage/key_codec.h) leaves them rewritten, which saves decrypting every
  // key visited when the caller needs few of them; Get, Scan and Write take
  // such a key as it is, and DecodeKey gives the caller's form of one.
  // Values are given as Scan gives them. Other stores: Scan.
  virtual absl::Status ScanStoredKeys(Table table, absl::string_view start, absl::string_view end, bool reverse,
                                      const ScanVisitor& visit) const {
    return Scan(table, start, end, reverse, visit);
  }
  // ScanStoredKeys over each of `ranges` in turn, ascending. For many small
  // ranges read together (matching's blocking keys, a dozen per
  // notification): RocksKvStore reads them all with one iterator instead of
  // opening one per range. Other stores: ScanStoredKeys per range.
  virtual absl::Status ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                           const RangeVisitor& visit) const;
  // The caller's form of `stored`, a key of `table` (or the rest of one
  // that is itself a key of `table`) given by ScanStoredKeys: parts that
  // cannot be reversed (keyed hashes) stay as stored. DATA_LOSS when a part
  // does not decrypt. Other stores: `stored` itself.
  virtual absl::StatusOr<std::string> DecodeKey(Table /*table*/, absl::string_view stored) const {
    return std::string(stored);
  }
  // Applies every write or none. When `sync` is true, returns only after the
  // writes are on stable storage.
  virtual absl::Status Write(const std::vector<KvWrite>& writes, bool sync) = 0;

  // Rewrites `table` into its most compact form (RocksDB: a manual
  // compaction of the whole table into the bottom level), reclaiming the
  // space of deleted records. When `cancelled` (may be null) becomes true,
  // it stops soon and returns CANCELLED, the table whole as before. A no-op
  // for stores without one.
  virtual absl::Status Compact(Table /*table*/, const std::atomic<bool>* /*cancelled*/) { return absl::OkStatus(); }
};

// The smallest key greater than every key starting with `prefix` (for a
// prefix scan's end bound); empty when none exists.
std::string PrefixEnd(absl::string_view prefix);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_KV_STORE_H_
