#ifndef LIAISON_BROKER_COMMON_CRYPTO_H_
#define LIAISON_BROKER_COMMON_CRYPTO_H_

#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"

namespace liaison {

// SHA-256 of the concatenation of `parts`, as 32 raw bytes.
std::string Sha256(std::initializer_list<absl::string_view> parts);

// A new random identifier: `prefix` followed by 32 lower-case hex digits
// (128 bits from the operating system's CSPRNG). Thread-safe.
std::string NewRandomId(absl::string_view prefix);

// Lower-case hex of raw bytes.
std::string ToHex(absl::string_view bytes);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_CRYPTO_H_
