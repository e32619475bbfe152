#include "broker/common/build_info.h"

#include <openssl/opensslv.h>
#include <rocksdb/version.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/stubs/common.h"
#include "gtest/gtest.h"

namespace liaison {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The versions CMake recorded at configure time are those of the headers
// the code was compiled against.
TEST(BuildInfoTest, LibraryVersionsMatchTheHeaders) {
  const BuildInfo& info = GetBuildInfo();
  const int pb = GOOGLE_PROTOBUF_VERSION;  // e.g. 3021012
  EXPECT_EQ(info.protobuf_version, absl::StrCat(pb / 1000000, ".", pb / 1000 % 1000, ".", pb % 1000));
  EXPECT_EQ(info.rocksdb_version, absl::StrCat(ROCKSDB_MAJOR, ".", ROCKSDB_MINOR, ".", ROCKSDB_PATCH));
  // OPENSSL_VERSION_TEXT is "OpenSSL 3.0.x <date>".
  EXPECT_THAT(std::string(OPENSSL_VERSION_TEXT), HasSubstr(absl::StrCat("OpenSSL ", info.openssl_version)));
  EXPECT_FALSE(info.grpc_version.empty());
  EXPECT_FALSE(info.abseil_version.empty());
}

TEST(BuildInfoTest, VersionTextHasOneLinePerField) {
  const std::string text = VersionText("liaison-test");
  const BuildInfo& info = GetBuildInfo();
  EXPECT_THAT(text, StartsWith(absl::StrCat("liaison-test ", info.version, "\n")));
  for (const char* key : {"git commit: ", "build type: ", "compiler: ", "grpc: ", "protobuf: ", "rocksdb: ",
                          "openssl: ", "abseil: "}) {
    EXPECT_THAT(text, HasSubstr(absl::StrCat("\n", key))) << key;
  }
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), 9u);
  for (const std::string& line : lines) EXPECT_FALSE(absl::EndsWith(line, ": ")) << "empty value: " << line;
}

}  // namespace
}  // namespace liaison
