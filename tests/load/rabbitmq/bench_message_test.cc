#include "tests/load/rabbitmq/bench_message.h"

#include "gtest/gtest.h"

namespace liaison::load::rabbitmq {
namespace {

TEST(BenchMessageTest, RoundTripsTheIntendedTimeAtTheRequestedSize) {
  std::string body = MakeBenchBody(1024);
  EXPECT_EQ(body.size(), 1024u);
  const absl::Time t = absl::FromUnixNanos(1'763'900'000'123'456'789);
  StampIntendedTime(body, t);
  absl::StatusOr<absl::Time> read = ReadIntendedTime(body);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, t);
  StampIntendedTime(body, t + absl::Nanoseconds(1));
  EXPECT_EQ(*ReadIntendedTime(body), t + absl::Nanoseconds(1));
}

TEST(BenchMessageTest, RejectsForeignOrShortBodies) {
  EXPECT_EQ(ReadIntendedTime("LBM1abc").status().code(), absl::StatusCode::kInvalidArgument);
  std::string foreign = MakeBenchBody(64);
  foreign[0] = 'X';
  EXPECT_EQ(ReadIntendedTime(foreign).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MakeBenchBody(3).size(), kBenchHeaderBytes);
}

}  // namespace
}  // namespace liaison::load::rabbitmq
