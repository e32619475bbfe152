#include "broker/server/call_limits.h"

#include <optional>

#include "gtest/gtest.h"

namespace liaison::server {
namespace {

TEST(RateLimiterTest, BurstThenRefillAtTheRateUpToTheBurst) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(/*per_second=*/4, /*burst=*/2, &clock);
  EXPECT_TRUE(limiter.Take("a").ok());
  EXPECT_TRUE(limiter.Take("a").ok());
  const absl::Status refused = limiter.Take("a");
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(refused.message(), "limits.requests_per_second: this client has exceeded 4 calls per second (burst 2); "
                               "retry later");
  EXPECT_TRUE(limiter.Take("b").ok());  // its own bucket
  clock.Advance(absl::Milliseconds(250));
  EXPECT_TRUE(limiter.Take("a").ok());
  EXPECT_FALSE(limiter.Take("a").ok());
  clock.Advance(absl::Hours(1));
  EXPECT_TRUE(limiter.Take("a").ok());
  EXPECT_TRUE(limiter.Take("a").ok());
  EXPECT_FALSE(limiter.Take("a").ok());
}

TEST(SubscriptionLimiterTest, SlotsAreHeldUntilDestroyed) {
  SubscriptionLimiter limiter(2);
  std::optional<SubscriptionLimiter::Slot> first(*limiter.Acquire("a"));
  auto second = limiter.Acquire("a");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(limiter.open("a"), 2u);
  const auto third = limiter.Acquire("a");
  EXPECT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(third.status().message(),
            "limits.max_subscriptions_per_principal: this client already has 2 subscriptions open; the limit is 2");
  EXPECT_TRUE(limiter.Acquire("b").ok());  // b's slot ends with the temporary
  EXPECT_EQ(limiter.open("b"), 0u);
  first.reset();
  EXPECT_EQ(limiter.open("a"), 1u);
  EXPECT_TRUE(limiter.Acquire("a").ok());
}

}  // namespace
}  // namespace liaison::server
