#include "broker/storage/format_upgrade.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "broker/common/proto_time.h"
#include "broker/storage/format_version.h"
#include "broker/storage/keys.h"
#include "broker/storage/mem_kv_store.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::storage {
namespace {

std::string StoredNotificationAt(const std::string& id, absl::Time received) {
  store::v1::StoredNotification stored;
  stored.mutable_notification()->set_notification_id(id);
  *stored.mutable_notification()->mutable_received_at() = ToProtoTime(received);
  return stored.SerializeAsString();
}

std::vector<std::string> ReceivedKeys(const KvStore& store) {
  std::vector<std::string> keys;
  EXPECT_TRUE(store.Scan(Table::kReceived, "", "", false, [&](absl::string_view key, absl::string_view) {
    keys.emplace_back(key);
    return true;
  }).ok());
  return keys;
}

TEST(FormatUpgradeTest, Version1GainsTheReceivedIndexOfEveryNotificationThenVersion2) {
  MemKvStore store;
  const absl::Time base = absl::FromUnixSeconds(1700000000);
  // 2500 notifications: more than one batch; ids out of time order.
  std::vector<KvWrite> writes = {{Table::kMeta, kSchemaVersionKey, "1"}};
  for (int i = 0; i < 2500; ++i) {
    writes.push_back({Table::kNotifications, absl::StrCat("ntf_", 9999 - i), StoredNotificationAt(
                                                                              absl::StrCat("ntf_", 9999 - i),
                                                                              base + absl::Seconds(i))});
  }
  ASSERT_TRUE(store.Write(writes, true).ok());

  auto report = UpgradeFormat(&store, 1);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->from_version, 1);
  EXPECT_EQ(report->to_version, 2);
  EXPECT_EQ(report->records_written, 2500u);
  EXPECT_EQ(StoredFormatVersion(store).value(), 2);
  const std::vector<std::string> keys = ReceivedKeys(store);
  ASSERT_EQ(keys.size(), 2500u);
  // Oldest first, each naming its notification and time.
  for (int i = 0; i < 2500; ++i) {
    const auto micros = static_cast<uint64_t>(absl::ToUnixMicros(base + absl::Seconds(i)));
    ASSERT_EQ(keys[i], ReceivedKey(micros, absl::StrCat("ntf_", 9999 - i))) << i;
  }

  // Current: nothing to do.
  auto again = UpgradeFormat(&store, 2);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->records_written, 0u);
  EXPECT_EQ(ReceivedKeys(store).size(), 2500u);
}

TEST(FormatUpgradeTest, UnreadableNotificationStopsTheUpgradeWithoutRecordingTheVersion) {
  MemKvStore store;
  ASSERT_TRUE(store.Write({{Table::kMeta, kSchemaVersionKey, "1"}, {Table::kNotifications, "ntf_1", "\xff\xff"}},
                          true)
                  .ok());
  auto report = UpgradeFormat(&store, 1);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
  EXPECT_EQ(StoredFormatVersion(store).value(), 1);
}

TEST(FormatUpgradeTest, VersionsOutsideTheSupportedRangeAreRefused) {
  MemKvStore store;
  EXPECT_EQ(UpgradeFormat(&store, 0).status().code(), absl::StatusCode::kFailedPrecondition);
  auto newer = UpgradeFormat(&store, kSchemaVersion + 1);
  EXPECT_EQ(newer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find(absl::StrCat("format version ", kSchemaVersion + 1)), std::string::npos);
}

}  // namespace
}  // namespace liaison::storage
