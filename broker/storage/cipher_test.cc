#include "broker/storage/cipher.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

const std::string kKey(32, 'k');

std::unique_ptr<GcmKey> Gcm(const std::string& key = kKey) { return GcmKey::Create(key).value(); }
std::unique_ptr<DetKey> Det(char c = 'd') { return DetKey::Create(std::string(32, c), std::string(32, 'e')).value(); }

TEST(CipherTest, GcmRoundTripsWithAFreshNonceEachTime) {
  auto key = Gcm();
  auto a = key->Seal("Jane Example 1980-02-03", "aad");
  auto b = key->Seal("Jane Example 1980-02-03", "aad");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), kGcmNonceBytes + 23 + kGcmTagBytes);
  EXPECT_EQ(a->find("Jane"), std::string::npos);
  EXPECT_EQ(key->Open(*a, "aad").value(), "Jane Example 1980-02-03");
  // Another key object with the same bytes opens it too.
  EXPECT_EQ(Gcm()->Open(*a, "aad").value(), "Jane Example 1980-02-03");
}

TEST(CipherTest, GcmRefusesAlteredDataOtherAadOtherKeyAndTruncation) {
  auto key = Gcm();
  std::string sealed = key->Seal("payload", "record-1").value();
  EXPECT_EQ(key->Open(sealed, "record-2").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Gcm(std::string(32, 'o'))->Open(sealed, "record-1").status().code(), absl::StatusCode::kDataLoss);
  std::string flipped = sealed;
  flipped[kGcmNonceBytes] ^= 1;
  EXPECT_EQ(key->Open(flipped, "record-1").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(key->Open(sealed.substr(0, 20), "record-1").status().code(), absl::StatusCode::kDataLoss);
  // A failed open leaves the thread's context usable.
  EXPECT_EQ(key->Open(sealed, "record-1").value(), "payload");
  EXPECT_EQ(GcmKey::Create("short").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CipherTest, DeterministicEncryptionIsDeterministicAndAuthenticated) {
  auto key = Det();
  std::string a = key->Seal("X123456", "t");
  EXPECT_EQ(key->Seal("X123456", "t"), a);
  EXPECT_EQ(Det()->Seal("X123456", "t"), a);
  EXPECT_NE(key->Seal("X123457", "t"), a);
  EXPECT_NE(key->Seal("X123456", "u"), a);
  EXPECT_NE(Det('o')->Seal("X123456", "t"), a);
  EXPECT_EQ(a.find("X123456"), std::string::npos);
  EXPECT_EQ(key->Open(a, "t").value(), "X123456");
  std::string flipped = a;
  flipped.back() ^= 1;
  EXPECT_EQ(key->Open(flipped, "t").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(key->Open(a, "u").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(key->Open(a.substr(0, 8), "t").status().code(), absl::StatusCode::kDataLoss);
}

// RFC 4231 test cases 2 (short key) and 6 (key longer than the block).
TEST(CipherTest, HmacMatchesTheRfcVectors) {
  static const unsigned char kCase2[] = {0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
                                         0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
                                         0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
  EXPECT_EQ(HmacKey("Jefe").Mac({"what do ya want ", "for nothing?"}),
            std::string(reinterpret_cast<const char*>(kCase2), sizeof(kCase2)));
  static const unsigned char kCase6[] = {0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f, 0x0d, 0x8a, 0x26,
                                         0xaa, 0xcb, 0xf5, 0xb7, 0x7f, 0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28,
                                         0xc5, 0x14, 0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54};
  EXPECT_EQ(HmacKey(std::string(131, '\xaa')).Mac({"Test Using Larger Than Block-Size Key - Hash Key First"}),
            std::string(reinterpret_cast<const char*>(kCase6), sizeof(kCase6)));
}

// Each thread keeps keyed contexts; many keys (more than a thread caches)
// used from several threads at once must each still use their own key.
TEST(CipherTest, ManyKeysAcrossThreadsEachUseTheirOwnKey) {
  std::vector<std::unique_ptr<GcmKey>> keys;
  for (int i = 0; i < 20; ++i) keys.push_back(Gcm(std::string(32, static_cast<char>('a' + i))));
  std::vector<std::string> sealed;
  for (int i = 0; i < 20; ++i) sealed.push_back(keys[i]->Seal("record " + std::to_string(i), "aad").value());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (int i = 0; i < 20; ++i) {
          const int k = (i * 7 + t + round) % 20;
          auto opened = keys[k]->Open(sealed[k], "aad");
          if (!opened.ok() || *opened != "record " + std::to_string(k)) ++failures;
          // The wrong key must fail even when its context is cached.
          if (keys[(k + 1) % 20]->Open(sealed[k], "aad").ok()) ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace liaison::storage
