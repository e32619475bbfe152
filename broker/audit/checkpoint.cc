#include "broker/audit/checkpoint.h"

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/audit/merkle.h"
#include "broker/common/crypto.h"

namespace liaison::audit {
namespace {

// U+2014 EM DASH and a space start every signature line.
constexpr absl::string_view kSignaturePrefix = "\xE2\x80\x94 ";
constexpr char kEd25519AlgorithmByte = 0x01;

absl::Status LineError(int line, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("checkpoint line ", line, ": ", problem));
}

// Standard base64 with padding, refusing any other spelling of the bytes.
bool StrictBase64(absl::string_view text, std::string* bytes) {
  return absl::Base64Unescape(text, bytes) && absl::Base64Escape(*bytes) == text;
}

absl::StatusOr<NoteSignature> ParseSignatureLine(int line_number, absl::string_view line) {
  if (!absl::ConsumePrefix(&line, kSignaturePrefix)) {
    return LineError(line_number, "a signature line starts with \"\xE2\x80\x94 \"");
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
  std::string blob;
  if (parts.size() != 2 || parts[0].empty() || !StrictBase64(parts[1], &blob) || blob.size() < 5) {
    return LineError(line_number, "a signature line is \"\xE2\x80\x94 NAME BASE64\"");
  }
  return NoteSignature{std::string(parts[0]), blob.substr(0, 4), blob.substr(4)};
}

}  // namespace

absl::Status CheckOrigin(absl::string_view field, absl::string_view origin) {
  if (origin.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": is required"));
  for (char c : origin) {
    if (c <= ' ' || c > '~' || c == '+') {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": must be printable ASCII without spaces or \"+\""));
    }
  }
  return absl::OkStatus();
}

std::string CheckpointBody(const Checkpoint& checkpoint) {
  return absl::StrCat(checkpoint.origin, "\n", checkpoint.size, "\n", absl::Base64Escape(checkpoint.root), "\n");
}

std::string NoteKeyId(absl::string_view key_name, const Ed25519PublicKey& key) {
  const char algorithm = kEd25519AlgorithmByte;
  return Sha256({key_name, "\n", absl::string_view(&algorithm, 1), key.raw()}).substr(0, 4);
}

absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, absl::string_view key_name,
                                           const Ed25519Signer& signer) {
  const std::string body = CheckpointBody(checkpoint);
  absl::StatusOr<std::string> signature = signer.Sign(body);
  if (!signature.ok()) return signature.status();
  return absl::StrCat(body, "\n", kSignaturePrefix, key_name, " ",
                      absl::Base64Escape(absl::StrCat(NoteKeyId(key_name, signer.public_key()), *signature)), "\n");
}

absl::StatusOr<ParsedNote> ParseCheckpointNote(absl::string_view note) {
  const size_t split = note.find("\n\n");
  if (split == absl::string_view::npos || note.back() != '\n') {
    return absl::InvalidArgumentError("checkpoint: a signed note is body lines, a blank line, then signature lines");
  }
  ParsedNote parsed;
  parsed.body = std::string(note.substr(0, split + 1));
  const std::vector<absl::string_view> lines = absl::StrSplit(note.substr(0, split), '\n');
  if (lines.size() < 3) return absl::InvalidArgumentError("checkpoint: the body needs origin, size and root lines");
  if (!CheckOrigin("origin", lines[0]).ok()) return LineError(1, "the origin is empty or has spaces or \"+\"");
  parsed.checkpoint.origin = std::string(lines[0]);
  if (lines[1].empty() || (lines[1].size() > 1 && lines[1][0] == '0') ||
      lines[1].find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(lines[1], &parsed.checkpoint.size)) {
    return LineError(2, "the tree size is not a decimal number");
  }
  if (!StrictBase64(lines[2], &parsed.checkpoint.root) || parsed.checkpoint.root.size() != kMerkleHashSize) {
    return LineError(3, "the root hash is not 32 bytes in standard base64");
  }
  const std::vector<absl::string_view> signature_lines =
      absl::StrSplit(note.substr(split + 2, note.size() - split - 3), '\n');
  int line_number = static_cast<int>(lines.size()) + 2;
  for (absl::string_view line : signature_lines) {
    absl::StatusOr<NoteSignature> signature = ParseSignatureLine(line_number++, line);
    if (!signature.ok()) return signature.status();
    parsed.signatures.push_back(*std::move(signature));
  }
  if (parsed.signatures.empty()) return absl::InvalidArgumentError("checkpoint: has no signature");
  return parsed;
}

absl::StatusOr<Checkpoint> VerifyCheckpointNote(absl::string_view note, absl::string_view key_name,
                                                const Ed25519PublicKey& key) {
  absl::StatusOr<ParsedNote> parsed = ParseCheckpointNote(note);
  if (!parsed.ok()) return parsed.status();
  const std::string key_id = NoteKeyId(key_name, key);
  for (const NoteSignature& signature : parsed->signatures) {
    if (signature.key_name != key_name || signature.key_id != key_id) continue;
    if (!key.Verify(parsed->body, signature.signature)) {
      return absl::InvalidArgumentError(absl::StrCat("checkpoint: the signature by ", key_name, " (key id ",
                                                     ToHex(key_id), ") does not verify"));
    }
    return parsed->checkpoint;
  }
  return absl::InvalidArgumentError(absl::StrCat("checkpoint: not signed by the given key (", key_name, ", key id ",
                                                 ToHex(key_id), ")"));
}

}  // namespace liaison::audit
