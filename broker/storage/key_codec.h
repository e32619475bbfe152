#ifndef LIAISON_BROKER_STORAGE_KEY_CODEC_H_
#define LIAISON_BROKER_STORAGE_KEY_CODEC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/storage/keyring.h"
#include "broker/storage/kv_store.h"

namespace liaison::storage {

// Rewrites the parts of record keys that identify a person, so no name,
// date of birth, postcode or identifier is stored in a key (keys cannot be
// encrypted like values: they must still be found and grouped).
//
// A key is parts separated by '\0' (storage/keys.h); each table's layout
// says what each part is:
// - a searchable index value (blocking key, identifier, name): replaced by
//   a keyed hash, "\x01" + base64url(HMAC-SHA-256(hash key, value)[0..16]).
//   One-way: a scan can give it back only where the caller named the value.
// - a record's crn: replaced by a deterministic token, "\x02" +
//   base64url(AES-256-SIV(token key, crn)). Reversible, so scans give back
//   the crn.
// - anything else (ids, times, sequences): unchanged. The last part of a
//   layout is the rest of the key, whatever it holds.
// Parts already encoded (starting "\x01" or "\x02", as a scan gives back
// a hash it cannot reverse) pass unchanged; empty parts stay empty.
class KeyCodec {
 public:
  explicit KeyCodec(std::shared_ptr<const Keyring> keys) : keys_(std::move(keys)) {}

  // Whether `table` has parts to rewrite at all.
  static bool Rewrites(Table table);

  // One part: its value as the caller gave it and as it is stored.
  struct Part {
    std::string plain;
    std::string stored;
  };
  // The stored form of `key`, part by part.
  absl::StatusOr<std::vector<Part>> EncodeParts(Table table, absl::string_view key) const;
  absl::StatusOr<std::string> Encode(Table table, absl::string_view key) const;

  // The caller's form of stored key `stored`: tokens decrypted, hashes
  // replaced by the plain value where `known` (the parts of the scan's
  // start) holds the same stored part, else left as they are.
  absl::StatusOr<std::string> Decode(Table table, absl::string_view stored, const std::vector<Part>& known) const;

  // Stored scan bounds for the caller's [start, end): end must be empty,
  // PrefixEnd of a '\0'-ended prefix of start, or in a table without
  // rewritten parts (elsewhere order is not kept). INVALID_ARGUMENT else.
  struct Range {
    std::vector<Part> start_parts;
    std::string start;
    std::string end;
  };
  absl::StatusOr<Range> EncodeRange(Table table, absl::string_view start, absl::string_view end) const;

 private:
  absl::StatusOr<std::string> EncodePart(int kind, absl::string_view plain) const;

  std::shared_ptr<const Keyring> keys_;
};

}  // namespace liaison::storage

#endif  // LIAISON_BROKER_STORAGE_KEY_CODEC_H_
