#include "tests/load/rabbitmq/bench_message.h"

#include <algorithm>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace liaison::load::rabbitmq {
namespace {

constexpr absl::string_view kMagic = "LBM1";

}  // namespace

std::string MakeBenchBody(size_t size) {
  std::string body(std::max(size, kBenchHeaderBytes), '\0');
  std::copy(kMagic.begin(), kMagic.end(), body.begin());
  // Filler shaped like text, as a notification's fields would be.
  for (size_t i = kBenchHeaderBytes; i < body.size(); ++i) body[i] = static_cast<char>('a' + (i * 7) % 26);
  return body;
}

void StampIntendedTime(std::string& body, absl::Time intended) {
  const uint64_t nanos = static_cast<uint64_t>(absl::ToUnixNanos(intended));
  for (int i = 0; i < 8; ++i) body[kMagic.size() + i] = static_cast<char>((nanos >> (8 * i)) & 0xff);
}

absl::StatusOr<absl::Time> ReadIntendedTime(absl::string_view body) {
  if (body.size() < kBenchHeaderBytes || body.substr(0, kMagic.size()) != kMagic) {
    return absl::InvalidArgumentError(
        absl::StrCat("message body of ", body.size(), " bytes is not a benchmark message (no LBM1 header)"));
  }
  uint64_t nanos = 0;
  for (int i = 0; i < 8; ++i) nanos |= static_cast<uint64_t>(static_cast<unsigned char>(body[kMagic.size() + i])) << (8 * i);
  return absl::FromUnixNanos(static_cast<int64_t>(nanos));
}

}  // namespace liaison::load::rabbitmq
