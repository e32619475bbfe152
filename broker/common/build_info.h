#ifndef LIAISON_BROKER_COMMON_BUILD_INFO_H_
#define LIAISON_BROKER_COMMON_BUILD_INFO_H_

// What a binary was built from, recorded when CMake configured the build:
// the project version (project(VERSION)), the git commit of the source tree
// then ("unknown" outside a git checkout), the build type, the compiler and
// the versions of the libraries linked. The commit is the one at configure
// time: re-run cmake before building a release.

#include <string>

#include "absl/strings/string_view.h"

namespace liaison {

struct BuildInfo {
  std::string version;     // e.g. "0.1.0"
  std::string git_commit;  // short hash, "+dirty" when the tree had changes; or "unknown"
  std::string build_type;  // e.g. "RelWithDebInfo"
  std::string compiler;    // e.g. "GNU 12.2.0"
  std::string grpc_version;
  std::string protobuf_version;
  std::string rocksdb_version;
  std::string openssl_version;
  std::string abseil_version;
};

const BuildInfo& GetBuildInfo();

// The text `--version` prints: "<program> <version>" on the first line,
// then one "key: value" line for each other field.
std::string VersionText(absl::string_view program);

// Makes absl's --version flag print VersionText(program). Call before
// absl::ParseCommandLine.
void InstallVersionFlag(absl::string_view program);

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_BUILD_INFO_H_
