// AdapterStore: opening and loading, acceptance, file progress, the spool
// and the ledger. The quarantine and replay are in
// adapter_store_quarantine.cc.

#include "adapters/common/adapter_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/common/adapter_store_internal.h"
#include "broker/common/proto_time.h"
#include "broker/storage/keys.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace liaison::adapters {

using internal::FromRocks;
using internal::kCounters;
using internal::kFile;
using internal::kLedger;
using internal::kNextRecord;
using internal::kQuarantine;
using internal::kSpool;
using internal::LedgerKey;
using internal::NumberKey;
using internal::NumberOf;
using internal::ParseValue;

absl::StatusOr<std::unique_ptr<AdapterStore>> AdapterStore::Open(const std::string& directory) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.max_open_files = 256;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(options, directory, &raw);
  if (status.IsIOError() && status.ToString().find("lock") != std::string::npos) {
    return absl::FailedPreconditionError(
        absl::StrCat("state directory ", directory, " is in use by another adapter process"));
  }
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("cannot open the state directory ", directory, ": ", status.ToString()));
  }
  std::unique_ptr<AdapterStore> store(new AdapterStore(std::unique_ptr<rocksdb::DB>(raw)));
  absl::Status loaded = store->Load();
  if (!loaded.ok()) return loaded;
  return store;
}

AdapterStore::AdapterStore(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) {}

AdapterStore::~AdapterStore() {
  if (db_) db_->Close().PermitUncheckedError();
}

absl::Status AdapterStore::Load() {
  absl::MutexLock lock(&mu_);
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), kCounters, &value);
  if (status.ok()) {
    auto counters = ParseValue<v1::Counters>(value, "counters");
    if (!counters.ok()) return counters.status();
    counters_ = *counters;
  } else if (!status.IsNotFound()) {
    return FromRocks(status, "reading counters");
  }
  status = db_->Get(rocksdb::ReadOptions(), kNextRecord, &value);
  if (status.ok()) {
    next_record_ = storage::DecodeU64(value).value_or(1);
  } else if (!status.IsNotFound()) {
    return FromRocks(status, "reading the record counter");
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (char table : {kSpool, kQuarantine}) {
    size_t count = 0;
    uint64_t last = 0;
    const std::string prefix(1, table);
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      ++count;
      last = NumberOf(it->key());
    }
    if (table == kSpool) {
      pending_ = count;
      next_spool_ = last + 1;
    } else {
      quarantined_ = count;
      next_quarantine_ = last + 1;
    }
  }
  return FromRocks(it->status(), "scanning");
}

absl::Status AdapterStore::Write(rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions options;
  options.sync = true;
  return FromRocks(db_->Write(options, batch), "writing");
}

void AdapterStore::PutCounters(rocksdb::WriteBatch* batch, const v1::Counters& counters) const {
  batch->Put(kCounters, counters.SerializeAsString());
}

void AdapterStore::AddQuarantine(rocksdb::WriteBatch* batch, uint64_t id, const v1::QuarantineEntry& entry) {
  batch->Put(NumberKey(kQuarantine, id), entry.SerializeAsString());
}

absl::StatusOr<std::vector<AcceptedRecord>> AdapterStore::Accept(std::vector<ParsedRecord> records, absl::Time now,
                                                                 FileProgress* progress) {
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  v1::Counters counters = counters_;
  uint64_t next_record = next_record_, next_spool = next_spool_, next_quarantine = next_quarantine_;
  size_t spooled = 0, quarantined = 0;
  std::vector<AcceptedRecord> results;
  results.reserve(records.size());
  const auto at = ToProtoTime(now);
  for (ParsedRecord& record : records) {
    AcceptedRecord result;
    result.record_id = next_record++;
    counters.set_accepted(counters.accepted() + 1);
    if (!record.actions.ok()) {
      v1::QuarantineEntry entry;
      entry.set_record_id(result.record_id);
      *entry.mutable_record() = std::move(record.raw);
      entry.set_reason(std::string(record.actions.status().message()));
      *entry.mutable_quarantined_at() = at;
      AddQuarantine(&batch, next_quarantine++, entry);
      v1::LedgerEntry ledger;
      ledger.set_record_id(result.record_id);
      ledger.set_outcome(v1::OUTCOME_QUARANTINED);
      ledger.set_origin(entry.record().origin());
      *ledger.mutable_at() = at;
      batch.Put(LedgerKey(result.record_id, 0), ledger.SerializeAsString());
      counters.set_quarantined(counters.quarantined() + 1);
      ++quarantined;
      result.quarantined = true;
      result.reason = entry.reason();
      if (progress != nullptr) progress->quarantined_any = true;
    } else if (record.actions->empty()) {
      v1::LedgerEntry ledger;
      ledger.set_record_id(result.record_id);
      ledger.set_outcome(v1::OUTCOME_NOT_RELEVANT);
      ledger.set_origin(record.raw.origin());
      *ledger.mutable_at() = at;
      batch.Put(LedgerKey(result.record_id, 0), ledger.SerializeAsString());
    } else {
      uint32_t index = 0;
      for (v1::Action& action : *record.actions) {
        v1::SpoolEntry entry;
        *entry.mutable_action() = std::move(action);
        entry.set_record_id(result.record_id);
        entry.set_action_index(index++);
        *entry.mutable_accepted_at() = at;
        entry.set_origin(record.raw.origin());
        batch.Put(NumberKey(kSpool, next_spool++), entry.SerializeAsString());
        ++spooled;
      }
      result.actions = index;
    }
    results.push_back(std::move(result));
  }
  batch.Put(kNextRecord, storage::EncodeU64(next_record));
  PutCounters(&batch, counters);
  FileProgress advanced;
  if (progress != nullptr) {
    advanced = *progress;
    advanced.records_done += records.size();
    v1::LedgerEntry marker;  // records_done in record_id, quarantined_any in duplicate
    marker.set_record_id(advanced.records_done);
    marker.set_duplicate(advanced.quarantined_any);
    batch.Put(absl::StrCat(std::string(1, kFile), progress->key), marker.SerializeAsString());
  }
  absl::Status written = Write(&batch);
  if (!written.ok()) return written;
  counters_ = counters;
  next_record_ = next_record;
  next_spool_ = next_spool;
  next_quarantine_ = next_quarantine;
  pending_ += spooled;
  quarantined_ += quarantined;
  if (progress != nullptr) *progress = advanced;
  return results;
}

absl::StatusOr<FileProgress> AdapterStore::Progress(const std::string& file_key) {
  FileProgress progress;
  progress.key = file_key;
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), absl::StrCat(std::string(1, kFile), file_key), &value);
  if (status.IsNotFound()) return progress;
  if (!status.ok()) return FromRocks(status, "reading file progress");
  auto marker = ParseValue<v1::LedgerEntry>(value, "file progress");
  if (!marker.ok()) return marker.status();
  progress.records_done = marker->record_id();
  progress.quarantined_any = marker->duplicate();
  return progress;
}

absl::Status AdapterStore::FinishFile(const FileProgress& progress, absl::Time now) {
  v1::LedgerEntry marker;
  marker.set_record_id(progress.records_done);
  marker.set_duplicate(progress.quarantined_any);
  marker.set_ref("finished");
  *marker.mutable_at() = ToProtoTime(now);
  rocksdb::WriteBatch batch;
  batch.Put(absl::StrCat(std::string(1, kFile), progress.key), marker.SerializeAsString());
  return Write(&batch);
}

absl::StatusOr<std::vector<SpoolItem>> AdapterStore::Pending(size_t max) const {
  std::vector<SpoolItem> items;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string prefix(1, kSpool);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && items.size() < max; it->Next()) {
    auto entry = ParseValue<v1::SpoolEntry>(it->value(), "spool");
    if (!entry.ok()) return entry.status();
    items.push_back({NumberOf(it->key()), *std::move(entry)});
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the spool");
  return items;
}

size_t AdapterStore::PendingCount() const {
  absl::MutexLock lock(&mu_);
  return pending_;
}

absl::Status AdapterStore::Delivered(const SpoolItem& item, v1::LedgerEntry ledger) {
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  batch.Delete(NumberKey(kSpool, item.sequence));
  ledger.set_record_id(item.entry.record_id());
  ledger.set_action_index(item.entry.action_index());
  ledger.set_ref(item.entry.action().ref());
  ledger.set_origin(item.entry.origin());
  batch.Put(LedgerKey(item.entry.record_id(), item.entry.action_index()), ledger.SerializeAsString());
  v1::Counters counters = counters_;
  counters.set_delivered(counters.delivered() + 1);
  PutCounters(&batch, counters);
  absl::Status written = Write(&batch);
  if (!written.ok()) return written;
  counters_ = counters;
  --pending_;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::LedgerEntry>> AdapterStore::Ledger(size_t max) const {
  std::vector<v1::LedgerEntry> entries;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string prefix(1, kLedger);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && entries.size() < max; it->Next()) {
    auto entry = ParseValue<v1::LedgerEntry>(it->value(), "ledger");
    if (!entry.ok()) return entry.status();
    entries.push_back(*std::move(entry));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the ledger");
  return entries;
}

v1::Counters AdapterStore::counters() const {
  absl::MutexLock lock(&mu_);
  return counters_;
}

}  // namespace liaison::adapters
