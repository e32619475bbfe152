#ifndef LIAISON_BROKER_COMMON_PROTO_UTIL_H_
#define LIAISON_BROKER_COMMON_PROTO_UTIL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message_lite.h"

namespace liaison {

// Serialises with deterministic map ordering, for bytes that are hashed or
// compared (payload hashes, audit entry bodies).
std::string DeterministicBytes(const google::protobuf::MessageLite& message);

// Parses a stored record of type T; DATA_LOSS naming `what` when the bytes
// do not parse.
template <typename T>
absl::StatusOr<T> ParseStored(absl::string_view bytes, absl::string_view what);

absl::Status StoredParseError(absl::string_view what);

template <typename T>
absl::StatusOr<T> ParseStored(absl::string_view bytes, absl::string_view what) {
  T message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return StoredParseError(what);
  }
  return message;
}

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_PROTO_UTIL_H_
