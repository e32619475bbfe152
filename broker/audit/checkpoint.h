#ifndef LIAISON_BROKER_AUDIT_CHECKPOINT_H_
#define LIAISON_BROKER_AUDIT_CHECKPOINT_H_

// Signed checkpoints of the audit log, in the text format of C2SP
// tlog-checkpoint inside a C2SP signed note (docs/audit.md, "Checkpoints"):
//
//   <origin>\n
//   <tree size, decimal>\n
//   <root hash, standard base64>\n
//   \n
//   — <key name> <base64(key id (4 bytes) || Ed25519 signature (64 bytes))>\n
//
// The signature covers the first three lines (the body, with its final
// newline). The key id is the first 4 bytes of
// SHA-256(key name || "\n" || 0x01 || raw public key). Pure functions,
// thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/audit/ed25519.h"

namespace liaison::audit {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  // The raw 32-byte Merkle root of the first `size` entries.
  std::string root;
};

struct NoteSignature {
  std::string key_name;
  // 4 bytes.
  std::string key_id;
  // 64 bytes.
  std::string signature;
};

struct ParsedNote {
  Checkpoint checkpoint;
  // The signed text: the body lines with the final newline.
  std::string body;
  std::vector<NoteSignature> signatures;
};

// OK for an origin (and key name): non-empty printable ASCII without
// spaces or "+". INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckOrigin(absl::string_view field, absl::string_view origin);

// The note body of `checkpoint` (the signed bytes).
std::string CheckpointBody(const Checkpoint& checkpoint);

// The C2SP key id of `key` under `key_name` (4 bytes).
std::string NoteKeyId(absl::string_view key_name, const Ed25519PublicKey& key);

// The signed note of `checkpoint`, signed by `signer` under `key_name`.
// INTERNAL when signing fails.
absl::StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, absl::string_view key_name,
                                           const Ed25519Signer& signer);

// Parses a signed checkpoint note without checking signatures.
// INVALID_ARGUMENT naming the line and what is wrong with it.
absl::StatusOr<ParsedNote> ParseCheckpointNote(absl::string_view note);

// Parses `note` and checks it carries a valid signature by `key` under
// `key_name` (other signatures are ignored). INVALID_ARGUMENT saying why
// not: malformed, no signature by that key (name and key id), or a
// signature that does not verify.
absl::StatusOr<Checkpoint> VerifyCheckpointNote(absl::string_view note, absl::string_view key_name,
                                                const Ed25519PublicKey& key);

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_CHECKPOINT_H_
