#include "broker/storage/encrypting_kv_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/storage/cipher.h"

namespace liaison::storage {
namespace {

constexpr char kFormat = '\x01';
constexpr size_t kHeaderBytes = 5;
constexpr absl::string_view kMarkerKey = "encryption";
constexpr absl::string_view kMarkerPrefix = "aes-256-gcm+siv v1 index ";

std::string Header(uint32_t key_id) {
  std::string header(1, kFormat);
  for (int shift = 24; shift >= 0; shift -= 8) header.push_back(static_cast<char>((key_id >> shift) & 0xff));
  return header;
}

std::string Aad(absl::string_view header, Table table, absl::string_view stored_key) {
  return absl::StrCat("liaison record v1", absl::string_view("\0", 1), header, TableName(table),
                      absl::string_view("\0", 1), stored_key);
}

// Tables that hold records of people or notifications; scanned to tell a
// directory that was never encrypted from a new one.
constexpr Table kRecordTables[] = {Table::kOffenders, Table::kNotifications, Table::kAudit};

}  // namespace

std::optional<uint32_t> SealedKeyId(absl::string_view stored) {
  if (stored.size() < kHeaderBytes || stored[0] != kFormat) return std::nullopt;
  uint32_t id = 0;
  for (size_t i = 1; i < kHeaderBytes; ++i) id = (id << 8) | static_cast<unsigned char>(stored[i]);
  return id;
}

absl::Status EncryptingKvStore::CheckNotEncrypted(const KvStore& base) {
  ASSIGN_OR_RETURN(std::optional<std::string> marker, base.Get(Table::kMeta, kMarkerKey));
  if (marker.has_value()) {
    return absl::FailedPreconditionError(
        "the data directory is encrypted: start the broker with its key file (--data-key-file)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<EncryptingKvStore>> EncryptingKvStore::Open(KvStore* base,
                                                                          std::shared_ptr<const Keyring> keys) {
  const std::string marker = absl::StrCat(kMarkerPrefix, keys->index_fingerprint());
  ASSIGN_OR_RETURN(std::optional<std::string> stored, base->Get(Table::kMeta, kMarkerKey));
  if (stored.has_value() && *stored != marker) {
    return absl::FailedPreconditionError(
        "the key file's index secret is not the one this data directory was encrypted under");
  }
  if (!stored.has_value()) {
    for (Table table : kRecordTables) {
      bool any = false;
      RETURN_IF_ERROR(base->Scan(table, "", "", false, [&](absl::string_view, absl::string_view) {
        any = true;
        return false;
      }));
      if (any) {
        return absl::FailedPreconditionError(
            "the data directory holds records that were stored without encryption; it cannot be opened with a "
            "key file");
      }
    }
    RETURN_IF_ERROR(base->Write({{Table::kMeta, std::string(kMarkerKey), marker}}, /*sync=*/true));
  }
  return std::unique_ptr<EncryptingKvStore>(new EncryptingKvStore(base, std::move(keys)));
}

absl::Status EncryptingKvStore::SetKeys(std::shared_ptr<const Keyring> keys) {
  absl::MutexLock lock(&mu_);
  if (keys->index_fingerprint() != keys_->index_fingerprint()) {
    return absl::FailedPreconditionError("the new key file's index_secret differs; it cannot change in place");
  }
  keys_ = std::move(keys);
  return absl::OkStatus();
}

std::shared_ptr<const Keyring> EncryptingKvStore::keys() const {
  absl::MutexLock lock(&mu_);
  return keys_;
}

bool EncryptingKvStore::Encrypts(Table table) { return table != Table::kMeta && table != Table::kNameCounts; }

absl::StatusOr<std::string> EncryptingKvStore::Seal(const Keyring& keys, Table table, absl::string_view stored_key,
                                                    absl::string_view value) const {
  if (value.empty() || !Encrypts(table)) return std::string(value);
  const std::string header = Header(keys.active_id());
  ASSIGN_OR_RETURN(std::string sealed, keys.active_key().Seal(value, Aad(header, table, stored_key)));
  return absl::StrCat(header, sealed);
}

absl::StatusOr<std::string> EncryptingKvStore::Open(const Keyring& keys, Table table, absl::string_view stored_key,
                                                    absl::string_view sealed) const {
  if (sealed.empty() || !Encrypts(table)) return std::string(sealed);
  std::optional<uint32_t> id = SealedKeyId(sealed);
  if (!id.has_value()) {
    return absl::DataLossError(absl::StrCat("a record of ", TableName(table), " is not encrypted"));
  }
  const GcmKey* key = keys.DataKey(*id);
  if (key == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("a record of ", TableName(table), " is encrypted under data key ", *id,
                     ", which the key file does not hold"));
  }
  auto plain = key->Open(sealed.substr(kHeaderBytes), Aad(sealed.substr(0, kHeaderBytes), table, stored_key));
  if (!plain.ok()) return absl::DataLossError(absl::StrCat("a record of ", TableName(table), ": ", plain.status().message()));
  return plain;
}

absl::StatusOr<std::optional<std::string>> EncryptingKvStore::Get(Table table, absl::string_view key) const {
  std::shared_ptr<const Keyring> ring = keys();
  ASSIGN_OR_RETURN(std::string stored_key, KeyCodec(ring).Encode(table, key));
  ASSIGN_OR_RETURN(std::optional<std::string> stored, base_->Get(table, stored_key));
  if (!stored.has_value()) return stored;
  ASSIGN_OR_RETURN(std::string value, Open(*ring, table, stored_key, *stored));
  return std::optional<std::string>(std::move(value));
}

absl::Status EncryptingKvStore::Scan(Table table, absl::string_view start, absl::string_view end, bool reverse,
                                     const ScanVisitor& visit) const {
  std::shared_ptr<const Keyring> ring = keys();
  KeyCodec codec(ring);
  ASSIGN_OR_RETURN(KeyCodec::Range range, codec.EncodeRange(table, start, end));
  absl::Status failure;
  RETURN_IF_ERROR(base_->Scan(table, range.start, range.end, reverse, [&](absl::string_view k, absl::string_view v) {
    absl::StatusOr<std::string> key = codec.Decode(table, k, range.start_parts);
    absl::StatusOr<std::string> value = key.ok() ? Open(*ring, table, k, v) : key.status();
    if (!value.ok()) {
      failure = value.status();
      return false;
    }
    return visit(*key, *value);
  }));
  return failure;
}

absl::Status EncryptingKvStore::ScanStoredKeys(Table table, absl::string_view start, absl::string_view end,
                                               bool reverse, const ScanVisitor& visit) const {
  std::shared_ptr<const Keyring> ring = keys();
  ASSIGN_OR_RETURN(KeyCodec::Range range, KeyCodec(ring).EncodeRange(table, start, end));
  absl::Status failure;
  RETURN_IF_ERROR(base_->Scan(table, range.start, range.end, reverse, [&](absl::string_view k, absl::string_view v) {
    absl::StatusOr<std::string> value = Open(*ring, table, k, v);
    if (!value.ok()) {
      failure = value.status();
      return false;
    }
    return visit(k, *value);
  }));
  return failure;
}

absl::Status EncryptingKvStore::ScanStoredKeyRanges(Table table, const std::vector<KeyRange>& ranges,
                                                    const RangeVisitor& visit) const {
  std::shared_ptr<const Keyring> ring = keys();
  KeyCodec codec(ring);
  std::vector<KeyRange> stored;
  stored.reserve(ranges.size());
  for (const KeyRange& range : ranges) {
    ASSIGN_OR_RETURN(KeyCodec::Range encoded, codec.EncodeRange(table, range.start, range.end));
    stored.push_back({std::move(encoded.start), std::move(encoded.end)});
  }
  absl::Status failure;
  RETURN_IF_ERROR(base_->ScanStoredKeyRanges(table, stored, [&](size_t i, absl::string_view k, absl::string_view v) {
    if (!failure.ok()) return false;  // ends each range left at its first key
    absl::StatusOr<std::string> value = Open(*ring, table, k, v);
    if (!value.ok()) {
      failure = value.status();
      return false;
    }
    return visit(i, k, *value);
  }));
  return failure;
}

absl::StatusOr<std::string> EncryptingKvStore::DecodeKey(Table table, absl::string_view stored) const {
  return KeyCodec(keys()).Decode(table, stored, {});
}

absl::Status EncryptingKvStore::Write(const std::vector<KvWrite>& writes, bool sync) {
  std::shared_ptr<const Keyring> ring = keys();
  KeyCodec codec(ring);
  std::vector<KvWrite> stored;
  stored.reserve(writes.size());
  for (const KvWrite& write : writes) {
    ASSIGN_OR_RETURN(std::string key, codec.Encode(write.table, write.key));
    std::optional<std::string> value;
    if (write.value.has_value()) {
      if (write.add) {
        value = write.value;
      } else {
        ASSIGN_OR_RETURN(value, Seal(*ring, write.table, key, *write.value));
      }
    }
    stored.push_back({write.table, std::move(key), std::move(value), write.add});
  }
  return base_->Write(stored, sync);
}

absl::StatusOr<std::map<uint32_t, uint64_t>> EncryptingKvStore::KeyUsage() const {
  std::map<uint32_t, uint64_t> usage;
  for (Table table : kAllTables) {
    if (!Encrypts(table)) continue;
    RETURN_IF_ERROR(base_->Scan(table, "", "", false, [&](absl::string_view, absl::string_view v) {
      if (std::optional<uint32_t> id = SealedKeyId(v)) ++usage[*id];
      return true;
    }));
  }
  return usage;
}

absl::StatusOr<uint64_t> EncryptingKvStore::Reencrypt(size_t batch) {
  std::shared_ptr<const Keyring> ring = keys();
  uint64_t moved = 0;
  for (Table table : kAllTables) {
    if (!Encrypts(table)) continue;
    std::vector<KvWrite> writes;
    absl::Status failure;
    auto flush = [&]() -> absl::Status {
      if (writes.empty()) return absl::OkStatus();
      RETURN_IF_ERROR(base_->Write(writes, /*sync=*/true));
      moved += writes.size();
      writes.clear();
      return absl::OkStatus();
    };
    RETURN_IF_ERROR(base_->Scan(table, "", "", false, [&](absl::string_view k, absl::string_view v) {
      std::optional<uint32_t> id = SealedKeyId(v);
      if (!id.has_value() || *id == ring->active_id()) return true;
      absl::StatusOr<std::string> plain = Open(*ring, table, k, v);
      absl::StatusOr<std::string> sealed = plain.ok() ? Seal(*ring, table, k, *plain) : plain.status();
      if (!sealed.ok()) {
        failure = sealed.status();
        return false;
      }
      writes.push_back({table, std::string(k), *std::move(sealed)});
      if (writes.size() >= batch) failure = flush();
      return failure.ok();
    }));
    RETURN_IF_ERROR(failure);
    RETURN_IF_ERROR(flush());
  }
  return moved;
}

}  // namespace liaison::storage
