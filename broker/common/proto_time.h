#ifndef LIAISON_BROKER_COMMON_PROTO_TIME_H_
#define LIAISON_BROKER_COMMON_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace liaison {

absl::Time FromProtoTime(const google::protobuf::Timestamp& t);
google::protobuf::Timestamp ToProtoTime(absl::Time t);
// Microseconds since the Unix epoch, the unit of time in storage keys.
int64_t ToUnixMicrosClamped(absl::Time t);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_PROTO_TIME_H_
