#include "broker/storage/encrypting_kv_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

constexpr absl::string_view kCrn = "X123456";
constexpr absl::string_view kBlockingKey = "ds|19800203|JNSN";

class EncryptingKvStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = NewKeyFile(absl::Now());
    store_ = EncryptingKvStore::Open(&base_, Keyring::FromProto(file_).value()).value();
  }

  void Put(Table table, std::string key, std::string value) {
    ASSERT_TRUE(store_->Write({{table, std::move(key), std::move(value)}}, false).ok());
  }

  // Every key and value the base store holds, as raw bytes.
  std::string RawDump() {
    std::string all;
    for (Table table : kAllTables) {
      EXPECT_TRUE(base_.Scan(table, "", "", false, [&](absl::string_view k, absl::string_view v) {
        all.append(k.data(), k.size()).append(v.data(), v.size());
        return true;
      }).ok());
    }
    return all;
  }

  std::vector<std::string> Keys(KvStore& store, Table table, absl::string_view start, absl::string_view end) {
    std::vector<std::string> keys;
    absl::Status s = store.Scan(table, start, end, false, [&](absl::string_view k, absl::string_view) {
      keys.emplace_back(k);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s;
    return keys;
  }

  config::v1::KeyFile file_;
  MemKvStore base_;
  std::unique_ptr<EncryptingKvStore> store_;
};

TEST_F(EncryptingKvStoreTest, ReadsBackEverythingAndStoresNoPlaintext) {
  Put(Table::kOffenders, std::string(kCrn), "Jane Johnson, born 1980-02-03, SW1A 1AA");
  Put(Table::kBlocking, JoinKey({kBlockingKey, kCrn}), "");
  Put(Table::kIdentity, JoinKey({"PNC", "2001/0012345A"}), std::string(kCrn));
  Put(Table::kAuditIndex, AuditIndexKey(kFacetCrn, kCrn, 7), "");
  ASSERT_TRUE(store_->Write({AddToCounter(Table::kNameCounts, JoinKey({"surname", "johnson"}), 3)}, false).ok());

  EXPECT_EQ(store_->Get(Table::kOffenders, kCrn).value(), "Jane Johnson, born 1980-02-03, SW1A 1AA");
  EXPECT_EQ(store_->Get(Table::kIdentity, JoinKey({"PNC", "2001/0012345A"})).value(), kCrn);
  EXPECT_EQ(DecodeCounter(store_->Get(Table::kNameCounts, JoinKey({"surname", "johnson"}))->value()), 3);
  const std::string raw = RawDump();
  for (absl::string_view secret : {"X123456", "Jane", "Johnson", "johnson", "1980", "SW1A", "JNSN", "0012345"}) {
    EXPECT_FALSE(absl::StrContains(raw, secret)) << secret;
  }
}

TEST_F(EncryptingKvStoreTest, KeyLookupsAndRangesGiveBackTheCallersKeys) {
  Put(Table::kBlocking, JoinKey({kBlockingKey, kCrn}), "");
  Put(Table::kBlocking, JoinKey({kBlockingKey, "Y000001"}), "");
  Put(Table::kBlocking, JoinKey({"other", "Z000001"}), "");
  const std::string prefix = JoinKey({kBlockingKey, ""});
  std::vector<std::string> keys = Keys(*store_, Table::kBlocking, prefix, PrefixEnd(prefix));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{JoinKey({kBlockingKey, kCrn}), JoinKey({kBlockingKey, "Y000001"})}));

  for (uint64_t seq : {3, 5, 9}) Put(Table::kAuditIndex, AuditIndexKey(kFacetCrn, kCrn, seq), "");
  Put(Table::kAuditIndex, AuditIndexKey(kFacetCrn, "Y000001", 4), "");
  const std::string audit_prefix = AuditIndexPrefix(kFacetCrn, kCrn);
  EXPECT_EQ(Keys(*store_, Table::kAuditIndex, AuditIndexKey(kFacetCrn, kCrn, 4), PrefixEnd(audit_prefix)),
            (std::vector<std::string>{AuditIndexKey(kFacetCrn, kCrn, 5), AuditIndexKey(kFacetCrn, kCrn, 9)}));

  // A range that cuts through a hashed part has no meaning any more.
  absl::Status s = store_->Scan(Table::kBlocking, "ds", "dt", false, [](auto, auto) { return true; });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(EncryptingKvStoreTest, AStoredKeyScanLeavesIdsEncryptedAndGetAndDecodeKeyTakeThem) {
  Put(Table::kBlocking, JoinKey({kBlockingKey, kCrn}), "");
  Put(Table::kBlocking, JoinKey({kBlockingKey, "Y000001"}), "");
  Put(Table::kMatchForms, std::string(kCrn), "form of X");
  Put(Table::kMatchForms, "Y000001", "form of Y");
  const std::string prefix = JoinKey({kBlockingKey, ""});
  std::vector<std::string> ids;
  absl::Status s = store_->ScanStoredKeys(Table::kBlocking, prefix, PrefixEnd(prefix), false,
                                          [&](absl::string_view k, absl::string_view v) {
                                            EXPECT_EQ(v, "");
                                            ids.emplace_back(k.substr(k.find('\0') + 1));
                                            return true;
                                          });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(ids.size(), 2u);
  std::vector<std::string> decoded;
  for (const std::string& id : ids) {
    EXPECT_FALSE(absl::StrContains(id, "X123456") || absl::StrContains(id, "Y000001")) << "not left encrypted";
    // The stored id reads the record it names, as the plain one does.
    absl::StatusOr<std::string> crn = store_->DecodeKey(Table::kMatchForms, id);
    ASSERT_TRUE(crn.ok()) << crn.status();
    EXPECT_EQ(store_->Get(Table::kMatchForms, id).value(), store_->Get(Table::kMatchForms, *crn).value());
    decoded.push_back(*crn);
  }
  std::sort(decoded.begin(), decoded.end());
  EXPECT_EQ(decoded, (std::vector<std::string>{std::string(kCrn), "Y000001"}));

  // A token altered in the store is refused, not decoded to something else.
  std::string altered = ids[0];
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(store_->DecodeKey(Table::kMatchForms, altered).status().code(), absl::StatusCode::kDataLoss);
  // A store without key rewriting gives keys and ids as they are.
  EXPECT_EQ(base_.DecodeKey(Table::kMatchForms, "Y000001").value(), "Y000001");
}

// Several blocking keys in one call give what a stored-key scan of each
// gives, each under its own range.
TEST_F(EncryptingKvStoreTest, StoredKeyRangesGiveWhatAScanOfEachGives) {
  Put(Table::kBlocking, JoinKey({kBlockingKey, kCrn}), "");
  Put(Table::kBlocking, JoinKey({kBlockingKey, "Y000001"}), "");
  Put(Table::kBlocking, JoinKey({"other key", "Y000002"}), "");
  std::vector<KeyRange> ranges;
  std::vector<std::vector<std::string>> one_by_one;
  for (absl::string_view key : {absl::string_view("other key"), absl::string_view("absent key"), kBlockingKey}) {
    const std::string prefix = JoinKey({key, ""});
    ranges.push_back({prefix, PrefixEnd(prefix)});
    one_by_one.emplace_back();
    ASSERT_TRUE(store_->ScanStoredKeys(Table::kBlocking, prefix, PrefixEnd(prefix), false,
                                       [&](absl::string_view k, absl::string_view) {
                                         one_by_one.back().emplace_back(k);
                                         return true;
                                       })
                    .ok());
  }
  std::vector<std::vector<std::string>> together(ranges.size());
  ASSERT_TRUE(store_->ScanStoredKeyRanges(Table::kBlocking, ranges, [&](size_t i, absl::string_view k, absl::string_view v) {
    EXPECT_EQ(v, "");
    together[i].emplace_back(k);
    return true;
  }).ok());
  EXPECT_EQ(together, one_by_one);
  EXPECT_EQ(together[0].size(), 1u);
  EXPECT_TRUE(together[1].empty());
  EXPECT_EQ(together[2].size(), 2u);
}

TEST_F(EncryptingKvStoreTest, AWholeTableScanGivesKeysThatDeleteTheirRecords) {
  Put(Table::kBlocking, JoinKey({kBlockingKey, kCrn}), "");
  Put(Table::kMerges, JoinKey({kCrn, "Y000001"}), "merge");
  for (Table table : {Table::kBlocking, Table::kMerges}) {
    std::vector<std::string> keys = Keys(*store_, table, "", "");
    ASSERT_EQ(keys.size(), 1u);
    ASSERT_TRUE(store_->Write({{table, keys[0], std::nullopt}}, false).ok());
    EXPECT_TRUE(Keys(base_, table, "", "").empty()) << TableName(table);
  }
  // The merge's crns came back in the clear (tokens are reversible).
  Put(Table::kMerges, JoinKey({kCrn, "Y000001"}), "merge");
  EXPECT_EQ(Keys(*store_, Table::kMerges, "", ""), (std::vector<std::string>{JoinKey({kCrn, "Y000001"})}));
}

TEST_F(EncryptingKvStoreTest, ARecordMovedToAnotherKeyOrTableNoLongerOpens) {
  Put(Table::kNotifications, "n-1", "about person one");
  Put(Table::kNotifications, "n-2", "about person two");
  std::string raw_one;
  ASSERT_TRUE(base_.Scan(Table::kNotifications, "n-1", "n-2", false, [&](absl::string_view, absl::string_view v) {
    raw_one = std::string(v);
    return false;
  }).ok());
  ASSERT_TRUE(base_.Write({{Table::kNotifications, "n-2", raw_one}, {Table::kAlerts, "n-1", raw_one}}, false).ok());
  EXPECT_EQ(store_->Get(Table::kNotifications, "n-2").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(store_->Get(Table::kAlerts, "n-1").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(store_->Get(Table::kNotifications, "n-1").value(), "about person one");
}

TEST_F(EncryptingKvStoreTest, RotationKeepsOldRecordsReadableAndReencryptionMovesThem) {
  for (int i = 0; i < 25; ++i) Put(Table::kNotifications, "n-" + std::to_string(i), "old " + std::to_string(i));
  AddDataKey(&file_, absl::Now());
  ASSERT_TRUE(store_->SetKeys(Keyring::FromProto(file_).value()).ok());
  Put(Table::kNotifications, "n-new", "new");
  EXPECT_EQ(store_->KeyUsage().value(), (std::map<uint32_t, uint64_t>{{1, 25}, {2, 1}}));
  EXPECT_EQ(store_->Get(Table::kNotifications, "n-3").value(), "old 3");

  EXPECT_EQ(store_->Reencrypt(/*batch=*/10).value(), 25u);
  EXPECT_EQ(store_->KeyUsage().value(), (std::map<uint32_t, uint64_t>{{2, 26}}));
  // Key 1 can now be dropped from the file.
  file_.mutable_data_keys()->erase(file_.mutable_data_keys()->begin());
  ASSERT_TRUE(store_->SetKeys(Keyring::FromProto(file_).value()).ok());
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(store_->Get(Table::kNotifications, "n-" + std::to_string(i)).value(), "old " + std::to_string(i));
  }
}

TEST_F(EncryptingKvStoreTest, ARecordUnderAKeyTheFileNoLongerHoldsIsReportedAsSuch) {
  Put(Table::kNotifications, "n-1", "old");
  AddDataKey(&file_, absl::Now());
  file_.mutable_data_keys()->erase(file_.mutable_data_keys()->begin());
  ASSERT_TRUE(store_->SetKeys(Keyring::FromProto(file_).value()).ok());
  absl::Status s = store_->Get(Table::kNotifications, "n-1").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("data key 1"), std::string::npos) << s;
}

TEST_F(EncryptingKvStoreTest, AnotherIndexSecretOrAPlaintextDirectoryIsRefused) {
  auto other = EncryptingKvStore::Open(&base_, Keyring::FromProto(NewKeyFile(absl::Now())).value());
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->SetKeys(Keyring::FromProto(NewKeyFile(absl::Now())).value()).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(EncryptingKvStore::CheckNotEncrypted(base_).code(), absl::StatusCode::kFailedPrecondition);

  MemKvStore plain;
  ASSERT_TRUE(plain.Write({{Table::kOffenders, "X1", "record"}}, false).ok());
  EXPECT_TRUE(EncryptingKvStore::CheckNotEncrypted(plain).ok());
  auto opened = EncryptingKvStore::Open(&plain, Keyring::FromProto(file_).value());
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace liaison::storage
