#include "broker/common/build_info.h"

#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"
#include "broker/common/build_info_values.h"

namespace liaison {

const BuildInfo& GetBuildInfo() {
  static const BuildInfo* const info = new BuildInfo{
      .version = LIAISON_BUILD_VERSION,
      .git_commit = LIAISON_BUILD_GIT_COMMIT,
      .build_type = LIAISON_BUILD_TYPE,
      .compiler = LIAISON_BUILD_COMPILER,
      .grpc_version = LIAISON_BUILD_GRPC_VERSION,
      .protobuf_version = LIAISON_BUILD_PROTOBUF_VERSION,
      .rocksdb_version = LIAISON_BUILD_ROCKSDB_VERSION,
      .openssl_version = LIAISON_BUILD_OPENSSL_VERSION,
      .abseil_version = LIAISON_BUILD_ABSEIL_VERSION,
  };
  return *info;
}

std::string VersionText(absl::string_view program) {
  const BuildInfo& info = GetBuildInfo();
  return absl::StrCat(program, " ", info.version, "\n",                 //
                      "git commit: ", info.git_commit, "\n",            //
                      "build type: ", info.build_type, "\n",            //
                      "compiler: ", info.compiler, "\n",                //
                      "grpc: ", info.grpc_version, "\n",                //
                      "protobuf: ", info.protobuf_version, "\n",        //
                      "rocksdb: ", info.rocksdb_version, "\n",          //
                      "openssl: ", info.openssl_version, "\n",          //
                      "abseil: ", info.abseil_version, "\n");
}

void InstallVersionFlag(absl::string_view program) {
  absl::FlagsUsageConfig config;
  config.version_string = [name = std::string(program)] { return VersionText(name); };
  absl::SetFlagsUsageConfig(config);
}

}  // namespace liaison
