// Contract tests run against every KvStore implementation.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "broker/storage/mem_kv_store.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

class KvStoreTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "mem") {
      store_ = std::make_unique<MemKvStore>();
      return;
    }
    std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = std::filesystem::path(testing::TempDir()) / ("kv_" + name);
    std::filesystem::remove_all(dir_);
    auto opened = RocksKvStore::Open({.path = dir_.string()});
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> ScanKeys(Table table, absl::string_view start, absl::string_view end,
                                    bool reverse) {
    std::vector<std::string> keys;
    absl::Status s = store_->Scan(table, start, end, reverse, [&](absl::string_view k, absl::string_view) {
      keys.emplace_back(k);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s;
    return keys;
  }

  std::filesystem::path dir_;
  std::unique_ptr<KvStore> store_;
};

TEST_P(KvStoreTest, GetReturnsWhatWasWrittenAndNulloptForAbsent) {
  ASSERT_TRUE(store_->Write({{Table::kOffenders, "X1", "record"}}, true).ok());
  EXPECT_EQ(store_->Get(Table::kOffenders, "X1").value(), "record");
  EXPECT_FALSE(store_->Get(Table::kOffenders, "X2").value().has_value());
  // Tables are separate namespaces.
  EXPECT_FALSE(store_->Get(Table::kAlerts, "X1").value().has_value());
}

TEST_P(KvStoreTest, CountersAddAtomicallyAndStartAtZero) {
  ASSERT_TRUE(store_->Write({AddToCounter(Table::kNameCounts, "n", 5), AddToCounter(Table::kNameCounts, "n", 2)},
                            true)
                  .ok());
  ASSERT_TRUE(store_->Write({AddToCounter(Table::kNameCounts, "n", -4)}, true).ok());
  EXPECT_EQ(DecodeCounter(store_->Get(Table::kNameCounts, "n").value().value_or("")), 3);
  ASSERT_TRUE(store_->Write({AddToCounter(Table::kNameCounts, "m", -1)}, true).ok());
  EXPECT_EQ(DecodeCounter(store_->Get(Table::kNameCounts, "m").value().value_or("")), -1);
  // A put replaces a counter outright.
  ASSERT_TRUE(store_->Write({{Table::kNameCounts, "n", EncodeCounter(10)}}, true).ok());
  ASSERT_TRUE(store_->Write({AddToCounter(Table::kNameCounts, "n", 1)}, true).ok());
  EXPECT_EQ(DecodeCounter(store_->Get(Table::kNameCounts, "n").value().value_or("")), 11);
}

TEST_P(KvStoreTest, WriteAppliesPutsAndDeletesTogether) {
  ASSERT_TRUE(store_->Write({{Table::kInbox, "a", "1"}, {Table::kPending, "a", "1"}}, true).ok());
  ASSERT_TRUE(store_->Write({{Table::kPending, "a", std::nullopt}, {Table::kInbox, "b", "2"}}, true).ok());
  EXPECT_FALSE(store_->Get(Table::kPending, "a").value().has_value());
  EXPECT_EQ(store_->Get(Table::kInbox, "b").value(), "2");
}

TEST_P(KvStoreTest, ScanHonoursBoundsInBothDirections) {
  for (const char* k : {"a", "b", "c", "d"}) {
    ASSERT_TRUE(store_->Write({{Table::kAudit, k, "v"}}, false).ok());
  }
  EXPECT_EQ(ScanKeys(Table::kAudit, "b", "d", false), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(ScanKeys(Table::kAudit, "b", "d", true), (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(ScanKeys(Table::kAudit, "", "", true), (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(ScanKeys(Table::kAudit, "c", "", false), (std::vector<std::string>{"c", "d"}));
}

INSTANTIATE_TEST_SUITE_P(Implementations, KvStoreTest, testing::Values("mem", "rocksdb"));

TEST(RocksKvStoreTest, DataSurvivesReopenAndSecondOpenIsRefused) {
  const std::string dir = testing::TempDir() + "/kv_reopen";
  std::filesystem::remove_all(dir);
  {
    auto store = RocksKvStore::Open({.path = dir});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Write({{Table::kNotifications, "n1", "x"}}, true).ok());
    auto second = RocksKvStore::Open({.path = dir});
    EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition) << second.status();
  }
  auto reopened = RocksKvStore::Open({.path = dir, .read_only = true});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->Get(Table::kNotifications, "n1").value(), "x");
  std::filesystem::remove_all(dir);
}

TEST(RocksKvStoreTest, RefusesANewerSchemaVersion) {
  const std::string dir = testing::TempDir() + "/kv_newer";
  std::filesystem::remove_all(dir);
  {
    auto store = RocksKvStore::Open({.path = dir});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Write({{Table::kMeta, "schema_version", "99"}}, true).ok());
  }
  auto reopened = RocksKvStore::Open({.path = dir});
  EXPECT_EQ(reopened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find("schema version 99"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace liaison::storage
