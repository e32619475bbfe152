// Contract tests run against every KvStore implementation.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "gtest/gtest.h"
#include "rocksdb/perf_context.h"
#include "rocksdb/perf_level.h"

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

// Each range is scanned in turn and its keys are given with its index; a
// visitor's false ends only that range, and the end bound is exclusive.
TEST_P(KvStoreTest, ScanStoredKeyRangesVisitsEachRangeInTurn) {
  for (const char* k : {"a", "b", "c", "d", "e", "f"}) {
    ASSERT_TRUE(store_->Write({{Table::kAudit, k, absl::StrCat("v", k)}}, false).ok());
  }
  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ScanStoredKeyRanges(Table::kAudit, {{"e", ""}, {"a", "c"}, {"x", "z"}, {"b", "f"}},
                                        [&](size_t range, absl::string_view key, absl::string_view value) {
                                          seen.push_back(absl::StrCat(range, key, value));
                                          // The last range stops after two keys.
                                          return !(range == 3 && key == "c");
                                        })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"0eve", "0fvf", "1ava", "1bvb", "3bvb", "3cvc"}));
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
    EXPECT_NE(second.status().message().find(absl::StrCat("data directory ", dir, " is in use by another process")),
              std::string::npos)
        << second.status();
  }
  auto reopened = RocksKvStore::Open({.path = dir, .read_only = true});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->Get(Table::kNotifications, "n1").value(), "x");
  std::filesystem::remove_all(dir);
}

TEST(RocksKvStoreTest, BelowTheFreeSpaceReserveWritesAreRefusedRetryablyAndReadsGoOn) {
  const std::string dir = testing::TempDir() + "/kv_reserve";
  std::filesystem::remove_all(dir);
  {
    auto store = RocksKvStore::Open({.path = dir});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Write({{Table::kNotifications, "n1", "x"}}, true).ok());
  }
  // No disk has an exabyte free.
  auto store = RocksKvStore::Open({.path = dir, .min_free_disk_bytes = uint64_t{1} << 60});
  ASSERT_TRUE(store.ok()) << store.status();
  const absl::Status refused = (*store)->Write({{Table::kNotifications, "n2", "y"}}, true);
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable) << refused;
  EXPECT_NE(refused.message().find("storage.min_free_disk_mb"), absl::string_view::npos) << refused;
  EXPECT_EQ((*store)->Get(Table::kNotifications, "n1").value(), "x");
  EXPECT_FALSE((*store)->Get(Table::kNotifications, "n2").value().has_value());
  store->reset();
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
  EXPECT_NE(reopened.status().message().find("has format version 99; this build reads format versions 1 to 2"),
            std::string::npos)
      << reopened.status();
  std::filesystem::remove_all(dir);
}

// The blocking tables carry a prefix filter on the key before the first
// '\0'. A lookup of one key must still see exactly that key's entries in
// every file (and skip files without it); any other scan sees everything.
TEST(RocksKvStoreTest, PrefixFilteredTablesAnswerKeyLookupsAndFullScans) {
  const std::string dir = testing::TempDir() + "/kv_prefix";
  std::filesystem::remove_all(dir);
  auto opened = RocksKvStore::Open({.path = dir});
  ASSERT_TRUE(opened.ok()) << opened.status();
  RocksKvStore& store = **opened;
  // Five files: key k<f> only in file f, key "shared" in every file, plus
  // keys that are prefixes of one another ("a", "ab").
  for (int file = 0; file < 5; ++file) {
    std::vector<KvWrite> writes;
    for (int id = 0; id < 20; ++id) {
      writes.push_back({Table::kBlocking, JoinKey({absl::StrCat("k", file), absl::StrCat("id", id)}), ""});
    }
    writes.push_back({Table::kBlocking, JoinKey({"shared", absl::StrCat("f", file)}), ""});
    writes.push_back({Table::kBlocking, JoinKey({file % 2 == 0 ? "a" : "ab", absl::StrCat("f", file)}), ""});
    ASSERT_TRUE(store.Write(writes, false).ok());
    ASSERT_TRUE(store.Flush().ok());
  }
  auto lookup = [&](absl::string_view key) {
    const std::string prefix = JoinKey({key, ""});
    std::vector<std::string> ids;
    EXPECT_TRUE(store.Scan(Table::kBlocking, prefix, PrefixEnd(prefix), false, [&](absl::string_view k, absl::string_view) {
      ids.emplace_back(k.substr(prefix.size()));
      return true;
    }).ok());
    return ids;
  };
  EXPECT_EQ(lookup("k3").size(), 20u);
  EXPECT_EQ(lookup("shared"), (std::vector<std::string>{"f0", "f1", "f2", "f3", "f4"}));
  EXPECT_EQ(lookup("a"), (std::vector<std::string>{"f0", "f2", "f4"}));
  EXPECT_EQ(lookup("ab"), (std::vector<std::string>{"f1", "f3"}));
  // Several keys at once (matching's lookups) see the same, each its own,
  // with one iterator moving between prefixes that are absent from some
  // files and prefixes of one another.
  std::vector<KeyRange> ranges;
  for (const char* key : {"shared", "absent", "ab", "a", "k3"}) {
    const std::string prefix = JoinKey({key, ""});
    ranges.push_back({prefix, PrefixEnd(prefix)});
  }
  std::vector<std::vector<std::string>> by_range(ranges.size());
  ASSERT_TRUE(store.ScanStoredKeyRanges(Table::kBlocking, ranges, [&](size_t i, absl::string_view k, absl::string_view) {
    by_range[i].emplace_back(k.substr(ranges[i].start.size()));
    return true;
  }).ok());
  EXPECT_EQ(by_range[0], lookup("shared"));
  EXPECT_TRUE(by_range[1].empty());
  EXPECT_EQ(by_range[2], lookup("ab"));
  EXPECT_EQ(by_range[3], lookup("a"));
  EXPECT_EQ(by_range[4], lookup("k3"));
  // An absent key is answered from the filters: no file's data is read.
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kEnableCount);
  rocksdb::get_perf_context()->Reset();
  EXPECT_TRUE(lookup("absent").empty());
  EXPECT_EQ(rocksdb::get_perf_context()->block_read_count, 0u);
  EXPECT_GT(rocksdb::get_perf_context()->bloom_sst_miss_count, 0u);
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  // A scan across keys, and a whole-table scan, still see every entry.
  size_t all = 0;
  ASSERT_TRUE(store.Scan(Table::kBlocking, "", "", false, [&](absl::string_view, absl::string_view) {
    ++all;
    return true;
  }).ok());
  EXPECT_EQ(all, 5u * 22u);
  size_t k_range = 0;
  ASSERT_TRUE(store.Scan(Table::kBlocking, "k", "l", false, [&](absl::string_view, absl::string_view) {
    ++k_range;
    return true;
  }).ok());
  EXPECT_EQ(k_range, 100u);
  opened->reset();
  std::filesystem::remove_all(dir);
}

// A small write buffer budget shared by every table must not turn into a
// flush per write: steady writes to all tables at once (as commits of
// notifications, alerts and audit entries do) leave a bounded number of
// files. RocksDB's default memtable sizing made about one file per write
// batch here (resident memory then grew with the file count).
TEST(RocksKvStoreTest, ASmallWriteBufferBudgetDoesNotFlushEveryWrite) {
  const std::string dir = testing::TempDir() + "/kv_small_budget";
  std::filesystem::remove_all(dir);
  auto opened = RocksKvStore::Open({.path = dir, .block_cache_bytes = 32ull << 20, .write_buffer_bytes = 8ull << 20});
  ASSERT_TRUE(opened.ok()) << opened.status();
  const std::string value(300, 'v');
  constexpr int kBatches = 3000;
  for (int batch = 0; batch < kBatches; ++batch) {
    std::vector<KvWrite> writes;
    for (Table table : kAllTables) {
      if (table == Table::kMeta) continue;
      writes.push_back({table, absl::StrCat("key", absl::Dec(batch, absl::kZeroPad8), std::string(1, '\0'), "x"), value});
    }
    // Synced, as the broker's commits are: flushes run between writes.
    ASSERT_TRUE((*opened)->Write(writes, /*sync=*/true).ok());
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files += entry.path().extension() == ".sst";
  // About 21 MB written into 8 MB of buffers: a few flushes per table at
  // most. RocksDB's default sizing made 671 files here.
  EXPECT_LT(files, 150u);
  opened->reset();
  std::filesystem::remove_all(dir);
}

// Keys that only grow (audit sequence numbers, received times) put each
// flushed file wholly after the last. Levelled compaction moved such files
// down unmerged, so the table kept one file per flush for ever (and RocksDB
// memory per file: the soak's resident memory grew with them). Each flush
// here waits while RocksDB stalls writes for too many unmerged files, so
// without merging the count would be one per flush whatever the timing.
TEST(RocksKvStoreTest, AnAppendOnlyTableMergesItsFlushesInsteadOfKeepingAFileEach) {
  const std::string dir = testing::TempDir() + "/kv_append_only";
  std::filesystem::remove_all(dir);
  auto opened = RocksKvStore::Open({.path = dir, .block_cache_bytes = 32ull << 20, .write_buffer_bytes = 8ull << 20});
  ASSERT_TRUE(opened.ok()) << opened.status();
  RocksKvStore& store = **opened;
  const std::string value(200, 'a');
  constexpr int kFlushes = 200;
  constexpr int kPerFlush = 20;
  for (int flush = 0; flush < kFlushes; ++flush) {
    std::vector<KvWrite> writes;
    for (int i = 0; i < kPerFlush; ++i) {
      writes.push_back({Table::kAudit, absl::StrCat(absl::Dec(flush * kPerFlush + i, absl::kZeroPad8)), value});
    }
    ASSERT_TRUE(store.Write(writes, /*sync=*/false).ok());
    ASSERT_TRUE(store.Flush().ok());
  }
  uint64_t audit_files = 0;
  for (const RocksKvStore::TableFiles& table : store.table_files()) {
    if (table.table == Table::kAudit) audit_files = table.files;
  }
  EXPECT_GT(audit_files, 0u);
  // RocksDB stops writes at 36 unmerged runs; levelled compaction left 200.
  EXPECT_LE(audit_files, 40u);
  // Merging kept every record, in order.
  int next = 0;
  ASSERT_TRUE(store.Scan(Table::kAudit, "", "", false, [&](absl::string_view key, absl::string_view stored) {
    EXPECT_EQ(key, absl::StrCat(absl::Dec(next++, absl::kZeroPad8)));
    EXPECT_EQ(stored, value);
    return true;
  }).ok());
  EXPECT_EQ(next, kFlushes * kPerFlush);
  opened->reset();
  std::filesystem::remove_all(dir);
}

// RocksDB's LOG is rolled at info_log_file_bytes and only the newest few old
// ones are kept. Opening alone writes each table's options to it, several
// times the size asked for here.
TEST(RocksKvStoreTest, TheDiagnosticLogIsRolledAndTrimmed) {
  const std::string dir = testing::TempDir() + "/kv_info_log";
  std::filesystem::remove_all(dir);
  constexpr uint64_t kLogBytes = 32 << 10;
  for (int reopen = 0; reopen < 3; ++reopen) {
    auto opened = RocksKvStore::Open({.path = dir, .info_log_file_bytes = kLogBytes});
    ASSERT_TRUE(opened.ok()) << opened.status();
    for (int flush = 0; flush < 20; ++flush) {
      ASSERT_TRUE((*opened)->Write({{Table::kAudit, absl::StrCat(reopen, "/", flush), "v"}}, /*sync=*/false).ok());
      ASSERT_TRUE((*opened)->Flush().ok());
    }
  }
  int old_logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!absl::StartsWith(name, "LOG")) continue;
    if (absl::StartsWith(name, "LOG.old")) ++old_logs;
    // RocksDB compares the size of what it has written out, not what its
    // 64 KiB buffer holds, so a file passes the size by up to a buffer.
    EXPECT_LT(entry.file_size(), kLogBytes + (80 << 10)) << name;
  }
  EXPECT_GE(old_logs, 1) << "the log was never rolled";
  EXPECT_LE(old_logs, static_cast<int>(RocksKvStore::kInfoLogFiles));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace liaison::storage
