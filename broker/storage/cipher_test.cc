#include "broker/storage/cipher.h"

#include <string>

#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

const std::string kKey(32, 'k');
const std::string kSivKey(64, 's');

TEST(CipherTest, GcmRoundTripsWithAFreshNonceEachTime) {
  auto a = GcmSeal(kKey, "Jane Example 1980-02-03", "aad");
  auto b = GcmSeal(kKey, "Jane Example 1980-02-03", "aad");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), kGcmNonceBytes + 23 + kGcmTagBytes);
  EXPECT_EQ(a->find("Jane"), std::string::npos);
  EXPECT_EQ(GcmOpen(kKey, *a, "aad").value(), "Jane Example 1980-02-03");
}

TEST(CipherTest, GcmRefusesAlteredDataOtherAadOtherKeyAndTruncation) {
  std::string sealed = GcmSeal(kKey, "payload", "record-1").value();
  EXPECT_EQ(GcmOpen(kKey, sealed, "record-2").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(GcmOpen(std::string(32, 'o'), sealed, "record-1").status().code(), absl::StatusCode::kDataLoss);
  std::string flipped = sealed;
  flipped[kGcmNonceBytes] ^= 1;
  EXPECT_EQ(GcmOpen(kKey, flipped, "record-1").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(GcmOpen(kKey, sealed.substr(0, 20), "record-1").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(GcmSeal("short", "x", "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CipherTest, SivIsDeterministicAndAuthenticated) {
  std::string a = SivSeal(kSivKey, "X123456", "t").value();
  EXPECT_EQ(SivSeal(kSivKey, "X123456", "t").value(), a);
  EXPECT_NE(SivSeal(kSivKey, "X123457", "t").value(), a);
  EXPECT_NE(SivSeal(kSivKey, "X123456", "u").value(), a);
  EXPECT_EQ(SivOpen(kSivKey, a, "t").value(), "X123456");
  std::string flipped = a;
  flipped.back() ^= 1;
  EXPECT_EQ(SivOpen(kSivKey, flipped, "t").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(SivOpen(kSivKey, a, "u").status().code(), absl::StatusCode::kDataLoss);
}

// RFC 4231 test case 2.
TEST(CipherTest, HmacSha256MatchesTheRfcVector) {
  const std::string mac = HmacSha256("Jefe", "what do ya want for nothing?");
  static const unsigned char kExpected[] = {0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
                                            0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
                                            0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
  EXPECT_EQ(mac, std::string(reinterpret_cast<const char*>(kExpected), sizeof(kExpected)));
}

}  // namespace
}  // namespace liaison::storage
