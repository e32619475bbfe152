#include "broker/common/proto_time.h"

#include <cstdint>

namespace liaison {

absl::Time FromProtoTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  google::protobuf::Timestamp out;
  const int64_t nanos = absl::ToUnixNanos(t);
  int64_t seconds = nanos / 1000000000;
  int64_t rem = nanos % 1000000000;
  if (rem < 0) {
    rem += 1000000000;
    --seconds;
  }
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(rem));
  return out;
}

int64_t ToUnixMicrosClamped(absl::Time t) {
  const int64_t micros = absl::ToUnixMicros(t);
  return micros < 0 ? 0 : micros;
}

}  // namespace liaison
