// AdapterStore's quarantine and its replay: actions the broker refused for
// good, retries, listing quarantined entries, and replaying a record or an
// action back into the spool.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "adapters/common/adapter_store.h"
#include "adapters/common/adapter_store_internal.h"
#include "broker/common/proto_time.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "rocksdb/db.h"
#include "rocksdb/iterator.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace liaison::adapters {

using internal::FromRocks;
using internal::kLedger;
using internal::kQuarantine;
using internal::kSpool;
using internal::LedgerKey;
using internal::NumberKey;
using internal::NumberOf;
using internal::ParseValue;

absl::Status AdapterStore::QuarantineAction(const SpoolItem& item, const std::string& reason, int code,
                                            absl::Time now) {
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  batch.Delete(NumberKey(kSpool, item.sequence));
  v1::QuarantineEntry entry;
  entry.set_record_id(item.entry.record_id());
  *entry.mutable_action() = item.entry.action();
  entry.set_reason(reason);
  entry.set_broker_code(code);
  *entry.mutable_quarantined_at() = ToProtoTime(now);
  entry.mutable_record()->set_origin(item.entry.origin().empty()
                                         ? absl::StrCat("record ", item.entry.record_id())
                                         : item.entry.origin());
  AddQuarantine(&batch, next_quarantine_, entry);
  v1::LedgerEntry ledger;
  ledger.set_record_id(item.entry.record_id());
  ledger.set_action_index(item.entry.action_index());
  ledger.set_ref(item.entry.action().ref());
  ledger.set_outcome(v1::OUTCOME_QUARANTINED);
  ledger.set_origin(item.entry.origin());
  *ledger.mutable_at() = ToProtoTime(now);
  batch.Put(LedgerKey(item.entry.record_id(), item.entry.action_index()), ledger.SerializeAsString());
  v1::Counters counters = counters_;
  counters.set_quarantined(counters.quarantined() + 1);
  PutCounters(&batch, counters);
  absl::Status written = Write(&batch);
  if (!written.ok()) return written;
  counters_ = counters;
  ++next_quarantine_;
  --pending_;
  ++quarantined_;
  return absl::OkStatus();
}

absl::Status AdapterStore::Retried(const SpoolItem& item) {
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  v1::SpoolEntry entry = item.entry;
  entry.set_attempts(entry.attempts() + 1);
  batch.Put(NumberKey(kSpool, item.sequence), entry.SerializeAsString());
  v1::Counters counters = counters_;
  counters.set_retried(counters.retried() + 1);
  PutCounters(&batch, counters);
  // Not synced: losing an attempt count in a crash costs nothing.
  absl::Status written = FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "writing");
  if (!written.ok()) return written;
  counters_ = counters;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<QuarantineItem>> AdapterStore::Quarantined(size_t max) const {
  std::vector<QuarantineItem> items;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string prefix(1, kQuarantine);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && items.size() < max; it->Next()) {
    auto entry = ParseValue<v1::QuarantineEntry>(it->value(), "quarantine");
    if (!entry.ok()) return entry.status();
    items.push_back({NumberOf(it->key()), *std::move(entry)});
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the quarantine");
  return items;
}

absl::StatusOr<std::optional<QuarantineItem>> AdapterStore::GetQuarantined(uint64_t id) const {
  std::string value;
  rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), NumberKey(kQuarantine, id), &value);
  if (status.IsNotFound()) return std::optional<QuarantineItem>();
  if (!status.ok()) return FromRocks(status, "reading the quarantine");
  auto entry = ParseValue<v1::QuarantineEntry>(value, "quarantine");
  if (!entry.ok()) return entry.status();
  return std::optional<QuarantineItem>(QuarantineItem{id, *std::move(entry)});
}

size_t AdapterStore::QuarantineCount() const {
  absl::MutexLock lock(&mu_);
  return quarantined_;
}

absl::StatusOr<AcceptedRecord> AdapterStore::Replay(uint64_t id,
                                                    const absl::StatusOr<std::vector<v1::Action>>& actions,
                                                    absl::Time now) {
  auto found = GetQuarantined(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return absl::NotFoundError(absl::StrCat("quarantine: no entry ", id));
  QuarantineItem item = **std::move(found);
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  AcceptedRecord result;
  result.record_id = item.entry.record_id();
  v1::Counters counters = counters_;
  const auto at = ToProtoTime(now);
  uint64_t next_spool = next_spool_;
  if (!actions.ok()) {
    item.entry.set_reason(std::string(actions.status().message()));
    item.entry.set_replays(item.entry.replays() + 1);
    AddQuarantine(&batch, id, item.entry);
    result.quarantined = true;
    result.reason = item.entry.reason();
  } else {
    batch.Delete(NumberKey(kQuarantine, id));
    batch.Delete(LedgerKey(result.record_id, 0));
    uint32_t index = 0;
    for (const v1::Action& action : *actions) {
      v1::SpoolEntry entry;
      *entry.mutable_action() = action;
      entry.set_record_id(result.record_id);
      entry.set_action_index(index++);
      *entry.mutable_accepted_at() = at;
      entry.set_origin(item.entry.record().origin());
      batch.Put(NumberKey(kSpool, next_spool++), entry.SerializeAsString());
    }
    if (index == 0) {
      v1::LedgerEntry ledger;
      ledger.set_record_id(result.record_id);
      ledger.set_outcome(v1::OUTCOME_NOT_RELEVANT);
      *ledger.mutable_at() = at;
      batch.Put(LedgerKey(result.record_id, 0), ledger.SerializeAsString());
    }
    result.actions = index;
    counters.set_replayed(counters.replayed() + 1);
  }
  PutCounters(&batch, counters);
  absl::Status written = Write(&batch);
  if (!written.ok()) return written;
  counters_ = counters;
  if (!result.quarantined) {
    pending_ += result.actions;
    next_spool_ = next_spool;
    --quarantined_;
  }
  return result;
}

absl::StatusOr<AcceptedRecord> AdapterStore::ReplayAction(uint64_t id, absl::Time now) {
  auto found = GetQuarantined(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return absl::NotFoundError(absl::StrCat("quarantine: no entry ", id));
  if ((*found)->entry.action().call_case() == v1::Action::CALL_NOT_SET) {
    return absl::FailedPreconditionError(absl::StrCat("quarantine: entry ", id, " holds a record, not an action"));
  }
  const v1::QuarantineEntry& entry = (*found)->entry;
  absl::MutexLock lock(&mu_);
  rocksdb::WriteBatch batch;
  batch.Delete(NumberKey(kQuarantine, id));
  v1::SpoolEntry spooled;
  *spooled.mutable_action() = entry.action();
  spooled.set_record_id(entry.record_id());
  spooled.set_origin(entry.record().origin());
  // The action's index is in the ledger entry written when quarantined.
  std::string ledger_value;
  uint32_t index = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    const std::string prefix = NumberKey(kLedger, entry.record_id());
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      auto ledger = ParseValue<v1::LedgerEntry>(it->value(), "ledger");
      if (ledger.ok() && ledger->ref() == entry.action().ref()) {
        index = ledger->action_index();
        batch.Delete(it->key());
      }
    }
  }
  spooled.set_action_index(index);
  *spooled.mutable_accepted_at() = ToProtoTime(now);
  batch.Put(NumberKey(kSpool, next_spool_), spooled.SerializeAsString());
  v1::Counters counters = counters_;
  counters.set_replayed(counters.replayed() + 1);
  PutCounters(&batch, counters);
  absl::Status written = Write(&batch);
  if (!written.ok()) return written;
  counters_ = counters;
  ++next_spool_;
  ++pending_;
  --quarantined_;
  AcceptedRecord result;
  result.record_id = entry.record_id();
  result.actions = 1;
  return result;
}

}  // namespace liaison::adapters
