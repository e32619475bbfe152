#include "broker/storage/format_upgrade.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "broker/common/proto_time.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/storage/format_version.h"
#include "broker/storage/keys.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::storage {
namespace {

// Index entries per atomic batch.
constexpr size_t kBatch = 1000;

KvWrite VersionWrite(int version) { return {Table::kMeta, kSchemaVersionKey, absl::StrCat(version)}; }

// 1 -> 2: builds Table::kReceived (every notification by the time it was
// received) from the notifications, for the retention job.
absl::StatusOr<uint64_t> AddReceivedIndex(KvStore* store) {
  std::vector<KvWrite> batch;
  uint64_t written = 0;
  absl::Status failed;
  RETURN_IF_ERROR(store->Scan(Table::kNotifications, "", "", false, [&](absl::string_view, absl::string_view value) {
    auto stored = ParseStored<store::v1::StoredNotification>(value, "notification");
    if (stored.ok() && !stored->has_notification()) stored = absl::DataLossError("a stored notification is empty");
    if (!stored.ok()) {
      failed = stored.status();
      return false;
    }
    const v1::Notification& n = stored->notification();
    const auto micros = static_cast<uint64_t>(ToUnixMicrosClamped(FromProtoTime(n.received_at())));
    batch.push_back({Table::kReceived, ReceivedKey(micros, n.notification_id()), ""});
    if (batch.size() == kBatch) {
      failed = store->Write(batch, /*sync=*/false);
      written += batch.size();
      batch.clear();
    }
    return failed.ok();
  }));
  RETURN_IF_ERROR(failed);
  written += batch.size();
  batch.push_back(VersionWrite(2));
  RETURN_IF_ERROR(store->Write(batch, /*sync=*/true));
  return written;
}

}  // namespace

absl::StatusOr<int> StoredFormatVersion(const KvStore& store) {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store.Get(Table::kMeta, kSchemaVersionKey));
  int version = 0;
  if (!stored.has_value() || !absl::SimpleAtoi(*stored, &version)) {
    return absl::DataLossError("the data directory's format version is missing or unreadable");
  }
  return version;
}

absl::StatusOr<UpgradeReport> UpgradeFormat(KvStore* store, int from_version) {
  if (from_version < kOldestSchemaVersion || from_version > kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat("format version ", from_version,
                                                      ": this build upgrades versions ", kOldestSchemaVersion,
                                                      " to ", kSchemaVersion));
  }
  UpgradeReport report{from_version, from_version, 0};
  if (report.to_version == 1) {
    ASSIGN_OR_RETURN(uint64_t written, AddReceivedIndex(store));
    report.records_written += written;
    report.to_version = 2;
  }
  return report;
}

}  // namespace liaison::storage
