#include "broker/storage/keys.h"

#include "absl/strings/str_cat.h"

namespace liaison::storage {

std::string EncodeU64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

std::optional<uint64_t> DecodeU64(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (unsigned char c : bytes) value = (value << 8) | c;
  return value;
}

std::string JoinKey(std::initializer_list<absl::string_view> parts) {
  std::string key;
  bool first = true;
  for (absl::string_view part : parts) {
    if (!first) key.push_back('\0');
    key.append(part.data(), part.size());
    first = false;
  }
  return key;
}

std::string InboxPrefix(absl::string_view recipient_id) {
  return absl::StrCat(recipient_id, absl::string_view("\0", 1));
}

std::string InboxKey(absl::string_view recipient_id, uint64_t sequence) {
  return absl::StrCat(InboxPrefix(recipient_id), EncodeU64(sequence));
}

std::optional<uint64_t> InboxKeySequence(absl::string_view key) {
  if (key.size() < 9) return std::nullopt;
  return DecodeU64(key.substr(key.size() - 8));
}

std::string IdentityKey(absl::string_view type_name, absl::string_view canonical) {
  return JoinKey({type_name, canonical});
}

std::string IdempotencyKey(absl::string_view principal, absl::string_view source_ref) {
  return JoinKey({principal, source_ref});
}

std::string ReceivedKey(uint64_t received_micros, absl::string_view notification_id) {
  return absl::StrCat(EncodeU64(received_micros), notification_id);
}

std::string AuditIndexPrefix(absl::string_view facet, absl::string_view value) {
  return absl::StrCat(JoinKey({facet, value}), absl::string_view("\0", 1));
}

std::string AuditIndexKey(absl::string_view facet, absl::string_view value, uint64_t sequence) {
  return absl::StrCat(AuditIndexPrefix(facet, value), EncodeU64(sequence));
}

}  // namespace liaison::storage
