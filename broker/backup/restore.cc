// Restore: brings a backup back as a stopped broker's data directory.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/backup/backup.h"
#include "broker/common/status_macros.h"
#include "google/protobuf/text_format.h"

namespace liaison::backup {
namespace {

namespace fs = std::filesystem;

// Holds RocksDB's lock on a data directory (an fcntl write lock on its LOCK
// file, the one a broker takes), so no broker starts on it mid-restore.
class DirLock {
 public:
  static absl::StatusOr<DirLock> Take(const std::string& data_dir) {
    DirLock lock;
    const std::string path = absl::StrCat(data_dir, "/LOCK");
    lock.fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (lock.fd_ < 0) return lock;  // no LOCK file: no broker ever ran here
    struct flock f = {};
    f.l_type = F_WRLCK;
    f.l_whence = SEEK_SET;
    if (::fcntl(lock.fd_, F_SETLK, &f) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("data directory ", data_dir, " is in use by another process: stop the broker first"));
    }
    return lock;
  }
  DirLock(DirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirLock& operator=(DirLock&&) = delete;
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  DirLock() = default;
  int fd_ = -1;
};

absl::StatusOr<v1::BackupResponse> ReadManifest(const std::string& backup_dir) {
  const std::string path = absl::StrCat(backup_dir, "/", kManifestFile);
  std::ifstream in(path);
  if (!in) {
    return absl::FailedPreconditionError(
        absl::StrCat(backup_dir, ": not a Liaison backup (no ", kManifestFile, "; make one with liaisonctl backup)"));
  }
  std::stringstream text;
  text << in.rdbuf();
  v1::BackupResponse manifest;
  if (!google::protobuf::TextFormat::ParseFromString(text.str(), &manifest)) {
    return absl::DataLossError(absl::StrCat(path, ": the backup manifest does not parse"));
  }
  return manifest;
}

// The backup says what it holds; the copy must hold exactly that.
absl::Status CheckAgainstManifest(const v1::BackupResponse& manifest, const v1::BackupResponse& found,
                                  const std::string& where) {
  if (manifest.audit_tree_size() != found.audit_tree_size() || manifest.audit_root() != found.audit_root() ||
      manifest.notifications() != found.notifications() || manifest.alerts() != found.alerts()) {
    return absl::FailedPreconditionError(absl::StrCat(
        where, " does not hold what its manifest says: audit entries ", found.audit_tree_size(), " (manifest ",
        manifest.audit_tree_size(), "), notifications ", found.notifications(), " (manifest ",
        manifest.notifications(), "), alerts ", found.alerts(), " (manifest ", manifest.alerts(), ")"));
  }
  return absl::OkStatus();
}

absl::Status SyncPath(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::UnavailableError(absl::StrCat(path.string(), ": cannot sync to disk"));
  }
  ::close(fd);
  return absl::OkStatus();
}

// Copies the backup's files (not its manifest) into `to`, syncing each.
absl::Status CopyTree(const std::string& from, const fs::path& to) {
  std::error_code error;
  fs::create_directories(to, error);
  if (error) return absl::UnavailableError(absl::StrCat(to.string(), ": ", error.message()));
  for (const fs::directory_entry& entry : fs::directory_iterator(from)) {
    if (entry.path().filename() == kManifestFile || !entry.is_regular_file()) continue;
    const fs::path target = to / entry.path().filename();
    fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing, error);
    if (error) return absl::UnavailableError(absl::StrCat("copying ", entry.path().string(), ": ", error.message()));
    RETURN_IF_ERROR(SyncPath(target, /*directory=*/false));
  }
  return SyncPath(to, /*directory=*/true);
}

bool EmptyOrMissing(const std::string& dir) {
  std::error_code error;
  return !fs::exists(dir, error) || fs::is_empty(dir, error);
}

}  // namespace

absl::StatusOr<v1::BackupResponse> Restore(const RestoreOptions& options) {
  if (options.backup_dir.empty()) return absl::InvalidArgumentError("BACKUP_DIR: is required");
  if (options.data_dir.empty()) return absl::InvalidArgumentError("--data-dir: is required");
  ASSIGN_OR_RETURN(v1::BackupResponse manifest, ReadManifest(options.backup_dir));
  ASSIGN_OR_RETURN(v1::BackupResponse backed_up, Describe(options.backup_dir, options.keys));
  RETURN_IF_ERROR(CheckAgainstManifest(manifest, backed_up, options.backup_dir));

  ASSIGN_OR_RETURN(DirLock lock, DirLock::Take(options.data_dir));
  const bool replacing = !EmptyOrMissing(options.data_dir);
  if (replacing && !options.force) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data directory ", options.data_dir, " is not empty: restore into a new directory, or give --force to "
        "replace it (the old one is kept beside it)"));
  }
  const fs::path target = fs::absolute(options.data_dir).lexically_normal();
  const fs::path staging = target.string() + ".restoring";
  std::error_code error;
  fs::remove_all(staging, error);
  RETURN_IF_ERROR(CopyTree(options.backup_dir, staging));
  if (fs::exists(target, error)) {
    const fs::path aside =
        replacing ? fs::path(absl::StrCat(target.string(), ".replaced-", absl::ToUnixSeconds(absl::Now()))) : fs::path();
    replacing ? fs::rename(target, aside, error) : static_cast<void>(fs::remove(target, error));
    if (error) return absl::UnavailableError(absl::StrCat("moving ", target.string(), " aside: ", error.message()));
  }
  fs::rename(staging, target, error);
  if (error) return absl::UnavailableError(absl::StrCat("renaming the restored copy into place: ", error.message()));
  RETURN_IF_ERROR(SyncPath(target.parent_path(), /*directory=*/true));

  ASSIGN_OR_RETURN(v1::BackupResponse restored, Describe(options.data_dir, options.keys));
  RETURN_IF_ERROR(CheckAgainstManifest(manifest, restored, options.data_dir));
  *restored.mutable_taken_at() = manifest.taken_at();
  return restored;
}

}  // namespace liaison::backup
