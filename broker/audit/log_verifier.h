#ifndef LIAISON_BROKER_AUDIT_LOG_VERIFIER_H_
#define LIAISON_BROKER_AUDIT_LOG_VERIFIER_H_

// Recomputes an audit log from its entries and checks it against its signed
// checkpoints. The same checks serve the broker's own VerifyChain (entries
// and tree from the store) and an auditor's offline `liaisonctl audit
// verify` (an export and the public key alone); docs/audit.md lists them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "broker/audit/checkpoint.h"
#include "broker/audit/ed25519.h"
#include "broker/audit/merkle.h"

namespace liaison::audit {

struct LogVerification {
  bool ok = true;
  // Entries verified: all of them when ok.
  uint64_t entries = 0;
  // The root of the entries verified.
  std::string root;
  // Checkpoints verified.
  uint64_t checkpoints = 0;
  // When not ok: the sequence of the first bad entry (leaf index + 1), or 0
  // when a checkpoint alone is to blame, and the checkpoint's size when one
  // is involved.
  uint64_t first_bad_sequence = 0;
  uint64_t bad_checkpoint_size = 0;
  std::string problem;
};

// Fed the entries in log order, then finished. Per entry, in this order:
// it is stored under the next sequence (else it was deleted, inserted or
// moved), its body parses and carries that sequence, its leaf hash equals
// the hash the log recorded for it (when the source records one). When the
// log reaches a checkpoint's size: the checkpoint is signed by the key, has
// the expected origin, its root is the root of the leaves so far, and it is
// consistent with the checkpoint before (RFC 9162 proof built from
// `proofs`, or from the recomputed leaves when null). At the end, a
// checkpoint larger than the log means the log was truncated. Stops at the
// first failure. Not thread-safe.
class LogVerifier {
 public:
  // `key` checks checkpoint signatures under the name `origin`; a null key
  // skips checkpoints altogether (nothing is signed). `proofs`, when given,
  // serves the consistency proofs (the stored tree) and the verifier keeps
  // no leaves in memory. Neither is owned.
  LogVerifier(const Ed25519PublicKey* key, std::string origin, const HashReader* proofs = nullptr);

  // Adds a checkpoint note to check (any order, before the first entry).
  void AddCheckpoint(std::string note);

  // The next entry: the sequence it is stored under, its body (the leaf
  // bytes) and the leaf hash the log recorded for it (null when the source
  // records none; empty when it should but does not). False once
  // verification has failed: stop feeding.
  bool AddEntry(uint64_t stored_sequence, absl::string_view body, const std::string* recorded_leaf_hash);

  // Reports a problem found by the source itself at the next sequence
  // (e.g. an unreadable record); verification fails there.
  void FailAtNext(absl::string_view problem);

  // Checks the checkpoints beyond the last entry, and the tree the source
  // says it holds (`recorded_tree_size`, when it keeps one), and returns the
  // result.
  LogVerification Finish(std::optional<uint64_t> recorded_tree_size = std::nullopt);

 private:
  bool Fail(uint64_t sequence, uint64_t checkpoint_size, std::string problem);
  bool CheckCheckpoint(const std::string& note);

  const Ed25519PublicKey* key_;
  std::string origin_;
  const HashReader* proofs_;
  // By tree size; several notes of one size are all checked.
  std::multimap<uint64_t, std::string> pending_;
  CompactRange range_;
  std::vector<std::string> leaves_;
  std::optional<Checkpoint> last_checkpoint_;
  LogVerification result_;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_LOG_VERIFIER_H_
