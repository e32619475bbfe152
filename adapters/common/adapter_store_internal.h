#ifndef LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_INTERNAL_H_
#define LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_INTERNAL_H_

// AdapterStore's key layout and the small helpers its two source files
// (adapter_store.cc, adapter_store_quarantine.cc) share. Internal to
// AdapterStore: include nowhere else.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "broker/storage/keys.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace liaison::adapters::internal {

// Key layout: one-letter table prefix, then big-endian numbers.
inline constexpr char kCounters[] = "c";
inline constexpr char kNextRecord[] = "r";
inline constexpr char kSpool = 's';
inline constexpr char kQuarantine = 'q';
inline constexpr char kLedger = 'l';
inline constexpr char kFile = 'f';

inline std::string NumberKey(char table, uint64_t n) {
  return absl::StrCat(std::string(1, table), storage::EncodeU64(n));
}

inline std::string LedgerKey(uint64_t record_id, uint32_t action_index) {
  return absl::StrCat(NumberKey(kLedger, record_id), storage::EncodeU64(action_index));
}

inline absl::Status FromRocks(const rocksdb::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("adapter state: ", what, ": ", status.ToString()));
}

template <typename Message>
absl::StatusOr<Message> ParseValue(const rocksdb::Slice& value, absl::string_view what) {
  Message message;
  if (!message.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat("adapter state: a ", what, " record does not parse"));
  }
  return message;
}

inline uint64_t NumberOf(const rocksdb::Slice& key) {
  return storage::DecodeU64(absl::string_view(key.data() + 1, 8)).value_or(0);
}

}  // namespace liaison::adapters::internal

#endif  // LIAISON_ADAPTERS_COMMON_ADAPTER_STORE_INTERNAL_H_
