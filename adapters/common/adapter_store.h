#ifndef LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_H_
#define LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_H_

// The adapter's own durable state, in an embedded RocksDB under its state
// directory: the spool (actions accepted and not yet delivered), the
// quarantine, the ledger of outcomes, progress through input files and the
// counters. Every change is one synced atomic write, so a record the agency
// side was told is accepted survives a crash the next instant, and a
// record is never both spooled and quarantined. Thread-safe.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "rocksdb/db.h"

namespace liaison::adapters {

// One input record and what its parser made of it.
struct ParsedRecord {
  v1::RawRecord raw;
  absl::StatusOr<std::vector<v1::Action>> actions;
};

// What became of a record on acceptance.
struct AcceptedRecord {
  uint64_t record_id = 0;
  // Actions spooled (0 with quarantined false: not relevant).
  size_t actions = 0;
  bool quarantined = false;
  std::string reason;
};

// How far an input file has been accepted: the file's identity (its name
// and content hash) and the number of its records accepted so far.
struct FileProgress {
  std::string key;
  uint64_t records_done = 0;
  bool quarantined_any = false;
};

struct SpoolItem {
  uint64_t sequence = 0;
  v1::SpoolEntry entry;
};

struct QuarantineItem {
  uint64_t id = 0;
  v1::QuarantineEntry entry;
};

class AdapterStore {
 public:
  // Opens (creating if needed) the store in `directory`. FAILED_PRECONDITION
  // when another process holds it (RocksDB's lock).
  static absl::StatusOr<std::unique_ptr<AdapterStore>> Open(const std::string& directory);
  ~AdapterStore();

  // Accepts `records` in one synced write: each record's actions go to the
  // spool, or the record to quarantine (its parse error is the reason), or
  // the ledger as not relevant (no actions). `progress`, when given, is
  // advanced by records.size() in the same write, so a file interrupted by
  // a crash resumes after the last accepted record.
  absl::StatusOr<std::vector<AcceptedRecord>> Accept(std::vector<ParsedRecord> records, absl::Time now,
                                                     FileProgress* progress = nullptr);

  // The progress recorded for `file_key` (zero records when new).
  absl::StatusOr<FileProgress> Progress(const std::string& file_key);
  // Marks the file finished (kept so a re-dropped identical file is known).
  absl::Status FinishFile(const FileProgress& progress, absl::Time now);

  // Up to `max` spooled actions, oldest first.
  absl::StatusOr<std::vector<SpoolItem>> Pending(size_t max) const;
  size_t PendingCount() const;

  // The broker took the action: remove it from the spool, add its ledger
  // entry, count it delivered.
  absl::Status Delivered(const SpoolItem& item, v1::LedgerEntry ledger);
  // The broker refused the action for good: move it to quarantine with the
  // broker's reason and status code.
  absl::Status QuarantineAction(const SpoolItem& item, const std::string& reason, int code, absl::Time now);
  // A delivery attempt failed in a way a retry may fix.
  absl::Status Retried(const SpoolItem& item);

  absl::StatusOr<std::vector<QuarantineItem>> Quarantined(size_t max) const;
  absl::StatusOr<std::optional<QuarantineItem>> GetQuarantined(uint64_t id) const;
  size_t QuarantineCount() const;
  // Replaces a quarantined record by what a new parse made of it: spooled
  // actions (removed from quarantine) or a new reason (kept).
  absl::StatusOr<AcceptedRecord> Replay(uint64_t id, const absl::StatusOr<std::vector<v1::Action>>& actions,
                                        absl::Time now);
  // Re-spools a quarantined action refused by the broker.
  absl::StatusOr<AcceptedRecord> ReplayAction(uint64_t id, absl::Time now);

  // Ledger entries, in record order.
  absl::StatusOr<std::vector<v1::LedgerEntry>> Ledger(size_t max) const;

  v1::Counters counters() const;

 private:
  explicit AdapterStore(std::unique_ptr<rocksdb::DB> db);
  absl::Status Load();
  absl::Status Write(rocksdb::WriteBatch* batch);
  void PutCounters(rocksdb::WriteBatch* batch, const v1::Counters& counters) const;
  void AddQuarantine(rocksdb::WriteBatch* batch, uint64_t id, const v1::QuarantineEntry& entry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::unique_ptr<rocksdb::DB> db_;
  mutable absl::Mutex mu_;
  v1::Counters counters_ ABSL_GUARDED_BY(mu_);
  uint64_t next_record_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t next_spool_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t next_quarantine_ ABSL_GUARDED_BY(mu_) = 1;
  size_t pending_ ABSL_GUARDED_BY(mu_) = 0;
  size_t quarantined_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_H_
