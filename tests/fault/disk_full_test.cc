// Disk full: the data directory on a small tmpfs that the test fills. Submits
// must fail with a retryable status, nothing may be corrupted, and service
// must resume once space returns. Needs root (mount); skipped otherwise.
#include <signal.h>
#include <sys/statvfs.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_join.h"
#include "liaison/v1/inbox_service.grpc.pb.h"
#include "tests/fault/fault_fixture.h"

namespace liaison::testing {
namespace {

constexpr char kTmpfsSize[] = "size=256m";
// The broker's reserve (storage.min_free_disk_mb), and what the filler
// leaves free: the broker reaches its reserve soon after.
constexpr int kReserveMib = 32;
constexpr uint64_t kLeftFree = uint64_t{kReserveMib + 24} << 20;

uint64_t FreeBytes(const std::string& dir) {
  struct statvfs fs {};
  return statvfs(dir.c_str(), &fs) == 0 ? uint64_t{fs.f_bavail} * fs.f_frsize : 0;
}

// Writes `bytes` of zeros to `path`; false when the write fails.
bool WriteFiller(const std::string& path, uint64_t bytes) {
  std::ofstream out(path, std::ios::binary);
  const std::string chunk(1 << 20, '\0');
  for (uint64_t written = 0; written < bytes && out; written += chunk.size()) {
    out.write(chunk.data(), std::min<uint64_t>(chunk.size(), bytes - written));
  }
  out.flush();
  return static_cast<bool>(out);
}

class DiskFullTest : public FaultTest {
 protected:
  void TearDown() override {
    if (broker_ != nullptr) StopServing(SIGKILL);
    if (mount_point_.empty()) return;
    // RocksDB's own log, for a post-mortem.
    std::error_code ignored;
    std::filesystem::copy_file(data_dir_ + "/LOG", dir_ + "/rocksdb.LOG", ignored);
    RunCommand({"/bin/umount", "-l", mount_point_});
  }
  std::string mount_point_;
};

TEST_F(DiskFullTest, SubmitsFailRetryablyNothingIsCorruptedAndServiceResumes) {
  const std::string mount_point = dir_ + "/tmpfs";
  std::filesystem::create_directories(mount_point);
  const CommandResult mounted = RunCommand({"/bin/mount", "-t", "tmpfs", "-o", kTmpfsSize, "tmpfs", mount_point});
  if (mounted.exit_code != 0) GTEST_SKIP() << "cannot mount a tmpfs (needs root): " << mounted.err;
  mount_point_ = mount_point;
  data_dir_ = mount_point + "/data";
  // Small memtables, so they flush to the small disk.
  UseFaultConfig(2, {{"write_buffer_mb: 64\n",
                      absl::StrCat("write_buffer_mb: 8\n  min_free_disk_mb: ", kReserveMib, "\n")}});
  StartServing();
  const TestOffender offender = NumberedOffender(1, "N07P1001", "N07P1002");
  LoadOffenders({offender});
  AlertSubscriber manager(InboxSource(), offender.manager);
  AlertSubscriber co_worker(InboxSource(), offender.co_worker);

  const uint64_t free_at_start = FreeBytes(mount_point);
  ASSERT_TRUE(WriteFiller(mount_point + "/filler", free_at_start - kLeftFree));
  SubmitLoad load({.submitters = 4, .ref_prefix = "FULL", .pncs = {offender.pnc},
                   .call_deadline = absl::Seconds(20), .continue_after_failure = true});
  const absl::Time started = absl::Now();
  load.Start(Current("police-adapter"));
  // Until a few hundred submits have failed.
  while (load.unresolved_count() < 200 && absl::Now() - started < absl::Seconds(120)) {
    load.AwaitAcknowledged(load.acknowledged_count() + 50, absl::Seconds(1));
  }
  load.Stop();
  const size_t accepted_while_filling = load.acknowledged_count();
  ASSERT_GE(load.unresolved_count(), 200u) << "the disk never filled";
  std::vector<std::string> codes;
  for (const auto& [code, count] : load.failures()) {
    codes.push_back(absl::StrCat(code, " x", count));
    EXPECT_TRUE(code == "UNAVAILABLE" || code == "RESOURCE_EXHAUSTED") << code << ": " << load.last_failure();
  }
  const std::string message = load.last_failure();
  ASSERT_EQ(kill(broker_->pid(), 0), 0) << "the broker died when the disk filled";
  // Reads are audited, so they need a write too: they must fail as clearly.
  grpc::ClientContext list_ctx;
  list_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::ListAlertsRequest list;
  list.set_recipient_id(offender.manager);
  v1::ListAlertsResponse listed;
  const grpc::Status read = v1::Inbox::NewStub(Current("om-inbox"))->ListAlerts(&list_ctx, list, &listed);
  EXPECT_TRUE(read.ok() || read.error_code() == grpc::StatusCode::UNAVAILABLE) << read.error_message();

  // Space returns: the first submit a client retries until it succeeds.
  std::filesystem::remove(mount_point + "/filler");
  const absl::Time freed = absl::Now();
  ASSERT_TRUE(load.ResolveUnresolved(Current("police-adapter"), /*attempts=*/600).ok())
      << "service did not resume once space returned: " << load.last_failure();
  const absl::Duration resumed_after = absl::Now() - freed;
  for (AlertSubscriber* inbox : {&manager, &co_worker}) {
    const std::set<std::string> all = InboxAlertIds(inbox->recipient_id());
    EXPECT_TRUE(inbox->AwaitAll(all, absl::Seconds(60)).empty()) << inbox->recipient_id();
  }
  manager.Stop();
  co_worker.Stop();
  ASSERT_EQ(StopServing(SIGTERM), 0);
  std::optional<StoreCensus> census = CheckStopped("after the disk filled");
  ASSERT_TRUE(census.has_value());
  size_t lost = 0;
  for (const auto& [ref, id] : load.acknowledged()) lost += census->notification_ids.contains(id) ? 0 : 1;
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(census->notifications, load.acknowledged_count());
  std::cout << "disk full: " << accepted_while_filling << " submits accepted until the " << kTmpfsSize
            << " tmpfs filled, then failed calls: " << absl::StrJoin(codes, ", ") << " (\"" << message
            << "\"); broker stayed up; a ListAlerts while full: "
            << (read.ok() ? "OK" : "UNAVAILABLE (reads are audited: \"" + read.error_message() + "\")") << "; service resumed " << absl::FormatDuration(resumed_after)
            << " after space returned; " << load.acknowledged_count() << " acknowledged in all, " << lost
            << " lost, store consistent and audit verified" << std::endl;
}

}  // namespace
}  // namespace liaison::testing
