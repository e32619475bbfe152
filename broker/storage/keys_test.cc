#include "broker/storage/keys.h"

#include "broker/storage/kv_store.h"
#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

TEST(KeysTest, U64RoundTripsAndSortsNumerically) {
  for (uint64_t v : {0ull, 1ull, 255ull, 256ull, 1ull << 40, ~0ull}) {
    EXPECT_EQ(DecodeU64(EncodeU64(v)), v);
  }
  EXPECT_LT(EncodeU64(255), EncodeU64(256));
  EXPECT_LT(EncodeU64(9), EncodeU64(10));
  EXPECT_FALSE(DecodeU64("short").has_value());
}

TEST(KeysTest, InboxKeysOfOneRecipientShareAPrefixAndSortBySequence) {
  EXPECT_TRUE(InboxKey("N01", 2).starts_with(InboxPrefix("N01")));
  EXPECT_FALSE(InboxKey("N010", 1).starts_with(InboxPrefix("N01")));
  EXPECT_LT(InboxKey("N01", 9), InboxKey("N01", 10));
  EXPECT_EQ(InboxKeySequence(InboxKey("N01", 77)), 77u);
}

TEST(KeysTest, PrefixEndBoundsThePrefix) {
  EXPECT_EQ(PrefixEnd("ab"), "ac");
  EXPECT_EQ(PrefixEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixEnd(std::string("\xff\xff", 2)), "");
}

}  // namespace
}  // namespace liaison::storage
