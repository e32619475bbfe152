#include "broker/storage/keyring.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"

namespace liaison::storage {
namespace {

std::string TempPath(const std::string& name) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::filesystem::remove(path);
  return path;
}

TEST(KeyringTest, AGeneratedFileIsPrivateAndLoads) {
  const std::string path = TempPath("keys_generated.textproto");
  ASSERT_TRUE(WriteKeyFile(path, NewKeyFile(absl::Now())).ok());
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto ring = FileKeyProvider(path).Load();
  ASSERT_TRUE(ring.ok()) << ring.status();
  EXPECT_EQ((*ring)->active_id(), 1u);
  EXPECT_NE((*ring)->DataKey(1), nullptr);
  EXPECT_EQ((*ring)->index_fingerprint().size(), 16u);
}

TEST(KeyringTest, AFileOthersCanReadIsRefused) {
  const std::string path = TempPath("keys_open.textproto");
  ASSERT_TRUE(WriteKeyFile(path, NewKeyFile(absl::Now())).ok());
  chmod(path.c_str(), 0640);
  auto ring = FileKeyProvider(path).Load();
  EXPECT_EQ(ring.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(ring.status().message().find("mode 0640"), std::string::npos) << ring.status();
}

TEST(KeyringTest, RotationAddsAnActiveKeyAndKeepsTheIndexSecret) {
  config::v1::KeyFile file = NewKeyFile(absl::Now());
  const auto before = Keyring::FromProto(file).value();
  EXPECT_EQ(AddDataKey(&file, absl::Now()), 2u);
  const auto after = Keyring::FromProto(file).value();
  EXPECT_EQ(after->active_id(), 2u);
  EXPECT_EQ(after->data_key_count(), 2u);
  const std::string sealed = before->DataKey(1)->Seal("record", "aad").value();
  EXPECT_EQ(after->DataKey(1)->Open(sealed, "aad").value(), "record");
  EXPECT_FALSE(after->DataKey(2)->Open(sealed, "aad").ok());
  EXPECT_EQ(after->index_fingerprint(), before->index_fingerprint());
}

TEST(KeyringTest, MalformedFilesNameTheField) {
  config::v1::KeyFile file = NewKeyFile(absl::Now());
  file.set_active_key_id(7);
  EXPECT_NE(Keyring::FromProto(file).status().message().find("active_key_id"), std::string::npos);
  file = NewKeyFile(absl::Now());
  file.mutable_data_keys(0)->set_key("c2hvcnQ=");
  EXPECT_NE(Keyring::FromProto(file).status().message().find("data_keys[0].key"), std::string::npos);
  file = NewKeyFile(absl::Now());
  file.clear_index_secret();
  EXPECT_NE(Keyring::FromProto(file).status().message().find("index_secret"), std::string::npos);

  const std::string path = TempPath("keys_syntax.textproto");
  {
    std::ofstream out(path);
    out << "index_secret: \"x\"\nbogus: 1\n";
  }
  chmod(path.c_str(), 0600);
  auto ring = FileKeyProvider(path).Load();
  EXPECT_EQ(ring.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(ring.status().message().find(path + ":2:"), std::string::npos) << ring.status();
}

}  // namespace
}  // namespace liaison::storage
