#include "broker/audit/checkpoint.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/merkle.h"
#include "broker/common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::audit {
namespace {

using ::testing::HasSubstr;

// A fresh Ed25519 private key in PEM, as openssl genpkey writes it.
std::string NewPrivateKeyPem() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

std::string WriteKeyFile(const std::string& name, const std::string& text, mode_t mode) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
  std::remove(path.c_str());
  std::ofstream(path) << text;
  chmod(path.c_str(), mode);
  return path;
}

const Checkpoint kCheckpoint{"example.liaison.dev/audit", 1234, MerkleLeafHash("root")};

TEST(CheckpointTest, TheNoteHasTheDocumentedLines) {
  const auto signer = Ed25519Signer::Generate();
  const std::string note = SignCheckpoint(kCheckpoint, kCheckpoint.origin, *signer).value();
  const std::vector<std::string> lines = absl::StrSplit(note, '\n');
  ASSERT_EQ(lines.size(), 6u);  // four lines, the blank line, and the final newline
  EXPECT_EQ(lines[0], "example.liaison.dev/audit");
  EXPECT_EQ(lines[1], "1234");
  EXPECT_EQ(lines[2], absl::Base64Escape(kCheckpoint.root));
  EXPECT_EQ(lines[3], "");
  EXPECT_THAT(lines[4], ::testing::StartsWith("\xE2\x80\x94 example.liaison.dev/audit "));
  EXPECT_EQ(lines[5], "");
  std::string blob;
  ASSERT_TRUE(absl::Base64Unescape(lines[4].substr(lines[4].rfind(' ') + 1), &blob));
  ASSERT_EQ(blob.size(), 68u);
  const char algorithm = 0x01;
  EXPECT_EQ(blob.substr(0, 4), Sha256({kCheckpoint.origin, "\n", absl::string_view(&algorithm, 1),
                                       signer->public_key().raw()})
                                   .substr(0, 4));
  EXPECT_TRUE(signer->public_key().Verify(CheckpointBody(kCheckpoint), blob.substr(4)));
}

TEST(CheckpointTest, VerifiesWithItsKeyOnly) {
  const auto signer = Ed25519Signer::Generate();
  const auto other = Ed25519Signer::Generate();
  const std::string note = SignCheckpoint(kCheckpoint, kCheckpoint.origin, *signer).value();
  auto checkpoint = VerifyCheckpointNote(note, kCheckpoint.origin, signer->public_key());
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status();
  EXPECT_EQ(checkpoint->size, 1234u);
  EXPECT_EQ(checkpoint->root, kCheckpoint.root);
  auto wrong_key = VerifyCheckpointNote(note, kCheckpoint.origin, other->public_key());
  EXPECT_THAT(std::string(wrong_key.status().message()), HasSubstr("not signed by the given key"));
  auto wrong_name = VerifyCheckpointNote(note, "another/log", signer->public_key());
  EXPECT_FALSE(wrong_name.ok());
  // The same key's signature moved onto another body does not verify.
  std::string changed = note;
  changed.replace(changed.find("1234"), 4, "1235");
  EXPECT_THAT(std::string(VerifyCheckpointNote(changed, kCheckpoint.origin, signer->public_key()).status().message()),
              HasSubstr("does not verify"));
}

TEST(CheckpointTest, MalformedNotesAreRefusedNamingTheLine) {
  const std::string root = absl::Base64Escape(kCheckpoint.root);
  const std::string signature = absl::StrCat("\xE2\x80\x94 o ", absl::Base64Escape(std::string(68, 'x')), "\n");
  const struct {
    std::string note;
    std::string problem;
  } cases[] = {
      {absl::StrCat("o\n12\n", root, "\n"), "blank line"},
      {absl::StrCat("o\n012\n", root, "\n\n", signature), "line 2"},
      {absl::StrCat("o\n-1\n", root, "\n\n", signature), "line 2"},
      {absl::StrCat("o\n12\n", root.substr(4), "\n\n", signature), "line 3"},
      {absl::StrCat("o\n12\nnot base64!\n\n", signature), "line 3"},
      {absl::StrCat("has space\n12\n", root, "\n\n", signature), "line 1"},
      {absl::StrCat("o\n12\n", root, "\n\n- o AAAA\n"), "line 5"},
      {absl::StrCat("o\n12\n\n", signature), "origin, size and root"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseCheckpointNote(c.note);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.note;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(c.problem)) << c.note;
  }
}

TEST(Ed25519Test, AKeyFileMustBePrivateToItsOwner) {
  const std::string pem = NewPrivateKeyPem();
  const std::string open = WriteKeyFile("open.key", pem, 0644);
  auto refused = Ed25519Signer::FromPemFile(open, "audit.signing_key_file");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("audit.signing_key_file"));
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("0644"));
  EXPECT_EQ(Ed25519Signer::FromPemFile(WriteKeyFile("group.key", pem, 0640), "f").status().code(),
            absl::StatusCode::kFailedPrecondition);

  auto loaded = Ed25519Signer::FromPemFile(WriteKeyFile("private.key", pem, 0600), "audit.signing_key_file");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string signature = (*loaded)->Sign("message").value();
  EXPECT_TRUE((*loaded)->public_key().Verify("message", signature));
  EXPECT_FALSE((*loaded)->public_key().Verify("other message", signature));
  // The public key survives PEM.
  EXPECT_EQ(Ed25519PublicKey::FromPem((*loaded)->public_key().ToPem())->raw(), (*loaded)->public_key().raw());
}

TEST(Ed25519Test, OtherFilesAreRefusedClearly) {
  EXPECT_EQ(Ed25519Signer::FromPemFile("/nonexistent/key", "audit.signing_key_file").status().code(),
            absl::StatusCode::kNotFound);
  auto not_a_key = Ed25519Signer::FromPemFile(WriteKeyFile("junk.key", "hello\n", 0600), "audit.signing_key_file");
  EXPECT_EQ(not_a_key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(not_a_key.status().message()), HasSubstr("not an Ed25519 private key"));
  EXPECT_FALSE(Ed25519PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());
}

}  // namespace
}  // namespace liaison::audit
