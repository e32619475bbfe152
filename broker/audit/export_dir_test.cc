// Offline verification of an export: only the files and the public key.

#include "broker/audit/export_dir.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "broker/audit/audit_test_log.h"
#include "broker/audit/checkpoint.h"
#include "broker/audit/log_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::audit {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.Append(15);  // checkpoints at 5, 10, 15
    dir_ = absl::StrCat(::testing::TempDir(), "/export_", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto writer = ExportWriter::Create(dir_).value();
    const LogReader reader(&log_.store_);
    const CheckpointPage checkpoints = reader.ListCheckpoints(0, 0).value();
    for (const std::string& note : checkpoints.notes) ASSERT_TRUE(writer->AddCheckpoint(note).ok());
    const LeafPage leaves = reader.Leaves(0, 0).value();
    for (const v1::AuditLeaf& leaf : leaves.leaves) ASSERT_TRUE(writer->AddLeaf(leaf).ok());
    ASSERT_TRUE(writer->Close().ok());
    lines_ = absl::StrSplit(Read(Entries()), '\n', absl::SkipEmpty());
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string Entries() const { return absl::StrCat(dir_, "/entries.jsonl"); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void WriteLines(const std::vector<std::string>& lines) {
    std::ofstream(Entries(), std::ios::trunc) << absl::StrJoin(lines, "\n") << "\n";
  }
  LogVerification Verify(const Ed25519PublicKey& key) {
    auto result = VerifyExport(dir_, key, "");
    EXPECT_TRUE(result.ok()) << result.status();
    return result.value_or(LogVerification{});
  }
  LogVerification Verify() { return Verify(log_.signer_->public_key()); }

  TestLog log_{/*checkpoint_every=*/5};
  std::string dir_;
  std::vector<std::string> lines_;
};

TEST_F(ExportTest, AnIntactExportVerifiesWithThePublicKeyAlone) {
  const LogVerification result = Verify();
  EXPECT_TRUE(result.ok) << result.problem;
  EXPECT_EQ(result.entries, 15u);
  EXPECT_EQ(result.checkpoints, 3u);
  EXPECT_EQ(result.root, log_.committer_->audit_tree_head().root);
}

TEST_F(ExportTest, TheWrongPublicKeyFailsTheFirstCheckpoint) {
  const LogVerification result = Verify(Ed25519Signer::Generate()->public_key());
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.bad_checkpoint_size, 5u);
  EXPECT_THAT(result.problem, HasSubstr("not signed by the given key"));
}

TEST_F(ExportTest, AChangedDecodedEntryIsNamed) {
  std::vector<std::string> lines = lines_;
  lines[8] = absl::StrReplaceAll(lines[8], {{"tester-9", "tester-X"}});
  ASSERT_NE(lines[8], lines_[8]);
  WriteLines(lines);
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, 9u);
  EXPECT_THAT(result.problem, HasSubstr("not what its leaf bytes say"));
}

TEST_F(ExportTest, DeletedMovedAndInsertedLinesAreNamed) {
  std::vector<std::string> deleted = lines_;
  deleted.erase(deleted.begin() + 3);
  WriteLines(deleted);
  EXPECT_EQ(Verify().first_bad_sequence, 4u);

  std::vector<std::string> swapped = lines_;
  std::swap(swapped[10], swapped[12]);
  WriteLines(swapped);
  EXPECT_EQ(Verify().first_bad_sequence, 11u);

  std::vector<std::string> inserted = lines_;
  inserted.insert(inserted.begin() + 6, lines_[2]);
  WriteLines(inserted);
  EXPECT_EQ(Verify().first_bad_sequence, 7u);
}

TEST_F(ExportTest, ATruncatedExportIsDetected) {
  WriteLines(std::vector<std::string>(lines_.begin(), lines_.begin() + 12));
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.first_bad_sequence, 13u);
  EXPECT_EQ(result.bad_checkpoint_size, 15u);
  EXPECT_THAT(result.problem, HasSubstr("truncated"));
}

TEST_F(ExportTest, ACheckpointSignedByAnotherKeyIsRejected) {
  const std::string path = absl::StrCat(dir_, "/checkpoints/00000000000000000010.txt");
  const Checkpoint checkpoint = ParseCheckpointNote(Read(path))->checkpoint;
  std::ofstream(path, std::ios::trunc) << SignCheckpoint(checkpoint, kTestOrigin, *Ed25519Signer::Generate()).value();
  const LogVerification result = Verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.bad_checkpoint_size, 10u);
}

TEST_F(ExportTest, ExportingIntoAFullDirectoryIsRefused) {
  EXPECT_EQ(ExportWriter::Create(dir_).status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace liaison::audit
