#ifndef LIAISON_BROKER_STORAGE_KEYS_H_
#define LIAISON_BROKER_STORAGE_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace liaison::storage {

// Key encodings shared by every reader and writer of the tables (formats in
// kv_store.h and docs/architecture.md). Text parts never contain '\0':
// validation rejects such values before they reach a key.

// 8 bytes, big-endian, so keys sort numerically.
std::string EncodeU64(uint64_t value);
// Decodes 8 big-endian bytes; nullopt when `bytes` is not 8 bytes long.
std::optional<uint64_t> DecodeU64(absl::string_view bytes);

// parts joined with '\0'.
std::string JoinKey(std::initializer_list<absl::string_view> parts);

// recipient "\0" sequence: keys of Table::kInbox and Table::kPending.
std::string InboxKey(absl::string_view recipient_id, uint64_t sequence);
// The prefix of every InboxKey of `recipient_id`.
std::string InboxPrefix(absl::string_view recipient_id);
// The sequence of an InboxKey; nullopt when malformed.
std::optional<uint64_t> InboxKeySequence(absl::string_view key);

// Table::kIdentity key for a canonical identifier of the given type name.
std::string IdentityKey(absl::string_view type_name, absl::string_view canonical);

// Table::kIdempotency key.
std::string IdempotencyKey(absl::string_view principal, absl::string_view source_ref);

// Table::kReceived key: received time (microseconds since the Unix epoch,
// 8 BE) then the notification id, so a scan visits the oldest first.
std::string ReceivedKey(uint64_t received_micros, absl::string_view notification_id);

// Table::kAuditIndex facets.
inline constexpr absl::string_view kFacetCrn = "crn";
inline constexpr absl::string_view kFacetPerson = "person";
inline constexpr absl::string_view kFacetRecipient = "recipient";
inline constexpr absl::string_view kFacetSource = "source";
inline constexpr absl::string_view kFacetNotification = "notification";
std::string AuditIndexPrefix(absl::string_view facet, absl::string_view value);
std::string AuditIndexKey(absl::string_view facet, absl::string_view value, uint64_t sequence);

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_KEYS_H_
