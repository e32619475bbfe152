// The match-index compaction on a real RocksDB store: a requested
// compaction leaves each match table in one sorted run with every entry
// still found, and a cancelled one leaves the tables as they were.

#include "broker/matching/index_compactor.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/common/clock.h"
#include "broker/matching/match_index.h"
#include "broker/matching/test_forms.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::matching {
namespace {

using storage::Table;
using ::testing::ElementsAre;
using testing_forms::Form;

class IndexCompactorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/index_compactor_" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    auto opened = storage::RocksKvStore::Open({.path = dir_});
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = std::move(*opened);
    // Three loads, each flushed to its own file, as a bulk load's batches
    // end up over several files and levels.
    for (int batch = 0; batch < 3; ++batch) {
      std::vector<storage::KvWrite> writes;
      for (int i = 0; i < 50; ++i) {
        const std::string id = absl::StrCat("X", batch, "0", i);
        const v1::MatchForm form = Form({.given = absl::StrCat("Name", i), .family = "Smith", .dob = "1980-02-03",
                                         .line = "12 High Street", .town = "London", .postcode = "SW1A 1AA"});
        for (storage::KvWrite& w : MatchIndex::Writes(id, nullptr, &form)) writes.push_back(std::move(w));
      }
      ASSERT_TRUE(store_->Write(writes, /*sync=*/false).ok());
      ASSERT_TRUE(store_->Flush().ok());
    }
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::vector<int> Files(Table table) {
    auto files = store_->FilesPerLevel(table);
    EXPECT_TRUE(files.ok()) << files.status();
    return files.ok() ? *files : std::vector<int>();
  }

  size_t Entries(Table table) {
    size_t n = 0;
    EXPECT_TRUE(store_->Scan(table, "", "", false, [&](absl::string_view, absl::string_view) {
      ++n;
      return true;
    }).ok());
    return n;
  }

  std::string dir_;
  std::unique_ptr<storage::RocksKvStore> store_;
};

TEST_F(IndexCompactorTest, ARequestLeavesEachMatchTableInOneSortedRun) {
  ASSERT_THAT(Files(Table::kBlocking), ElementsAre(3));
  const size_t blocking = Entries(Table::kBlocking);
  const size_t forms = Entries(Table::kMatchForms);
  ASSERT_EQ(forms, 150u);
  IndexCompactor compactor(store_.get(), RealClock::Get());
  compactor.Start();
  compactor.Request();
  ASSERT_TRUE(compactor.AwaitFinished(1, absl::Seconds(60)));
  compactor.Stop();
  for (Table table : {Table::kBlocking, Table::kMatchForms, Table::kNameCounts}) {
    const std::vector<int> files = Files(table);
    ASSERT_FALSE(files.empty()) << storage::TableName(table);
    // Nothing left above the bottom level, which holds one file.
    EXPECT_EQ(files.back(), 1) << storage::TableName(table);
    for (size_t level = 0; level + 1 < files.size(); ++level) EXPECT_EQ(files[level], 0) << storage::TableName(table);
  }
  EXPECT_EQ(Entries(Table::kBlocking), blocking);
  EXPECT_EQ(Entries(Table::kMatchForms), forms);
  EXPECT_EQ(compactor.finished(), 1u);
}

TEST_F(IndexCompactorTest, ACancelledCompactionLeavesTheTablesAsTheyWere) {
  const std::atomic<bool> cancelled{true};
  const absl::Status status = CompactMatchIndex(store_.get(), &cancelled);
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << status;
  EXPECT_THAT(Files(Table::kBlocking), ElementsAre(3));
  EXPECT_EQ(Entries(Table::kMatchForms), 150u);
}

TEST_F(IndexCompactorTest, NothingRunsUntilRequested) {
  IndexCompactor compactor(store_.get(), RealClock::Get());
  compactor.Start();
  compactor.Stop();
  EXPECT_EQ(compactor.finished(), 0u);
  EXPECT_THAT(Files(Table::kBlocking), ElementsAre(3));
}

}  // namespace
}  // namespace liaison::matching
