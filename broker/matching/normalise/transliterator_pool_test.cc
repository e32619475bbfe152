#include "broker/matching/normalise/transliterator_pool.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace liaison::matching::normalise {
namespace {

std::unique_ptr<TransliteratorPool> UpperPool() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> upper(icu::Transliterator::createInstance("Any-Upper", UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return std::make_unique<TransliteratorPool>(std::move(upper));
}

std::string Utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

TEST(TransliteratorPoolTest, ReusesOneCloneForSequentialCalls) {
  std::unique_ptr<TransliteratorPool> pool = UpperPool();
  EXPECT_EQ(pool->IdleCount(), 0u);
  EXPECT_EQ(Utf8(pool->Transliterate(icu::UnicodeString("abc", -1, US_INV))), "ABC");
  EXPECT_EQ(Utf8(pool->Transliterate(icu::UnicodeString("xyz", -1, US_INV))), "XYZ");
  EXPECT_EQ(pool->IdleCount(), 1u);
}

TEST(TransliteratorPoolTest, ConcurrentCallsGetTheirOwnClones) {
  std::unique_ptr<TransliteratorPool> pool = UpperPool();
  constexpr int kThreads = 4;
  std::atomic<int> wrong = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string word(20 + t, static_cast<char>('a' + t));
      const std::string upper(20 + t, static_cast<char>('A' + t));
      for (int i = 0; i < 500; ++i) {
        if (Utf8(pool->Transliterate(icu::UnicodeString::fromUTF8(word))) != upper) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(pool->IdleCount(), 1u);
  EXPECT_LE(pool->IdleCount(), static_cast<size_t>(kThreads));
}

}  // namespace
}  // namespace liaison::matching::normalise
