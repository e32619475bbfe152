#include "broker/server/audit_config.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::server {
namespace {

using ::testing::HasSubstr;

// A key made the way deploy/audit-key.sh makes one.
std::string GenerateKey(const std::string& name, mode_t mode) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
  std::remove(path.c_str());
  const std::string command = absl::StrCat("openssl genpkey -algorithm ed25519 -out ", path, " 2>/dev/null");
  EXPECT_EQ(std::system(command.c_str()), 0);
  chmod(path.c_str(), mode);
  return path;
}

TEST(AuditConfigTest, DefaultsWithoutAKey) {
  auto options = LoadAuditOptions(config::v1::AuditSettings());
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->signer, nullptr);
  EXPECT_EQ(options->checkpoints.origin, "liaison.dev/audit");
  EXPECT_EQ(options->checkpoints.every_entries, 1000u);
  EXPECT_EQ(options->checkpoints.every, absl::Seconds(60));
}

TEST(AuditConfigTest, LoadsAPrivateKey) {
  config::v1::AuditSettings settings;
  settings.set_signing_key_file(GenerateKey("audit-ok.key", 0600));
  settings.set_checkpoint_every_entries(7);
  settings.set_checkpoint_every_seconds(3);
  settings.set_origin("example.org/log");
  auto options = LoadAuditOptions(settings);
  ASSERT_TRUE(options.ok()) << options.status();
  ASSERT_NE(options->signer, nullptr);
  EXPECT_EQ(options->checkpoints.every_entries, 7u);
  EXPECT_EQ(options->checkpoints.every, absl::Seconds(3));
  EXPECT_EQ(options->checkpoints.origin, "example.org/log");
}

TEST(AuditConfigTest, RefusesAKeyOthersCanRead) {
  config::v1::AuditSettings settings;
  settings.set_signing_key_file(GenerateKey("audit-open.key", 0644));
  auto options = LoadAuditOptions(settings);
  EXPECT_EQ(options.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(options.status().message()), HasSubstr("audit.signing_key_file"));
  EXPECT_THAT(std::string(options.status().message()), HasSubstr("chmod 600"));
  // The flag is named when it supplied the file.
  auto flagged = LoadAuditOptions(config::v1::AuditSettings(), settings.signing_key_file());
  EXPECT_THAT(std::string(flagged.status().message()), HasSubstr("--audit-signing-key"));
}

TEST(AuditConfigTest, RefusesABadOrigin) {
  config::v1::AuditSettings settings;
  settings.set_origin("two words");
  auto options = LoadAuditOptions(settings);
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(options.status().message()), HasSubstr("audit.origin"));
}

}  // namespace
}  // namespace liaison::server
