#include "broker/audit/log_verifier.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "liaison/v1/audit.pb.h"

namespace liaison::audit {

LogVerifier::LogVerifier(const Ed25519PublicKey* key, std::string origin, const HashReader* proofs)
    : key_(key), origin_(std::move(origin)), proofs_(proofs) {}

void LogVerifier::AddCheckpoint(std::string note) {
  if (key_ == nullptr) return;
  // The size line decides when it is checked; an unparsable note is checked
  // (and fails) before the first entry.
  absl::StatusOr<ParsedNote> parsed = ParseCheckpointNote(note);
  pending_.emplace(parsed.ok() ? parsed->checkpoint.size : 0, std::move(note));
}

bool LogVerifier::Fail(uint64_t sequence, uint64_t checkpoint_size, std::string problem) {
  if (!result_.ok) return false;
  result_.ok = false;
  result_.first_bad_sequence = sequence;
  result_.bad_checkpoint_size = checkpoint_size;
  result_.problem = std::move(problem);
  return false;
}

void LogVerifier::FailAtNext(absl::string_view problem) { Fail(range_.size() + 1, 0, std::string(problem)); }

bool LogVerifier::CheckCheckpoint(const std::string& note) {
  absl::StatusOr<Checkpoint> checkpoint = VerifyCheckpointNote(note, origin_, *key_);
  const uint64_t size = range_.size();
  if (!checkpoint.ok()) {
    return Fail(0, size, absl::StrCat("checkpoint of size ", size, ": ", checkpoint.status().message()));
  }
  if (checkpoint->origin != origin_) {
    return Fail(0, size, absl::StrCat("checkpoint of size ", size, ": origin is ", checkpoint->origin,
                                      ", want ", origin_));
  }
  if (checkpoint->root != range_.Root()) {
    // Every leaf matched what the log recorded, so an entry after the last
    // good checkpoint was changed together with its recorded hashes.
    const uint64_t from = last_checkpoint_.has_value() ? last_checkpoint_->size + 1 : 1;
    return Fail(from, size, absl::StrCat("the root of entries 1..", size, " differs from the signed checkpoint of size ",
                                         size, ": an entry from sequence ", from, " to ", size,
                                         " was changed along with its recorded hashes"));
  }
  if (last_checkpoint_.has_value() && last_checkpoint_->size > 0) {
    const InMemoryHashReader memory(leaves_);
    const HashReader& reader = proofs_ != nullptr ? *proofs_ : memory;
    absl::StatusOr<std::vector<std::string>> proof = ConsistencyProof(last_checkpoint_->size, size, reader);
    absl::Status consistent = proof.ok() ? VerifyConsistency(last_checkpoint_->size, size, *proof,
                                                             last_checkpoint_->root, checkpoint->root)
                                         : proof.status();
    if (!consistent.ok()) {
      return Fail(last_checkpoint_->size + 1, size,
                  absl::StrCat("checkpoint of size ", size, " is not consistent with checkpoint of size ",
                               last_checkpoint_->size, ": ", consistent.message()));
    }
  }
  last_checkpoint_ = *std::move(checkpoint);
  ++result_.checkpoints;
  return true;
}

bool LogVerifier::AddEntry(uint64_t stored_sequence, absl::string_view body, const std::string* recorded_leaf_hash) {
  if (!result_.ok) return false;
  // Checkpoints of the tree so far (size 0 and unparsable ones first).
  while (!pending_.empty() && pending_.begin()->first <= range_.size()) {
    if (!CheckCheckpoint(pending_.begin()->second)) return false;
    pending_.erase(pending_.begin());
  }
  const uint64_t expected = range_.size() + 1;
  if (stored_sequence != expected) {
    return Fail(expected, 0,
                stored_sequence < expected
                    ? absl::StrCat("an entry is stored out of order: sequence ", stored_sequence, " follows ",
                                   expected - 1)
                    : absl::StrCat("entry ", expected, " is missing: the log goes from ", expected - 1, " to ",
                                   stored_sequence));
  }
  v1::AuditEntry entry;
  if (!entry.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return Fail(expected, 0, absl::StrCat("entry ", expected, " does not parse"));
  }
  if (entry.sequence() != expected) {
    return Fail(expected, 0, absl::StrCat("entry ", expected, " carries sequence ", entry.sequence(),
                                          " in its body (moved or inserted)"));
  }
  const std::string leaf = MerkleLeafHash(body);
  if (recorded_leaf_hash != nullptr && *recorded_leaf_hash != leaf) {
    return Fail(expected, 0,
                recorded_leaf_hash->empty()
                    ? absl::StrCat("entry ", expected, " has no leaf in the log's tree (inserted?)")
                    : absl::StrCat("entry ", expected, " does not match the leaf hash the log recorded for it "
                                   "(changed after it was logged)"));
  }
  if (absl::Status appended = range_.Append(leaf); !appended.ok()) {
    return Fail(expected, 0, std::string(appended.message()));
  }
  if (proofs_ == nullptr && key_ != nullptr) leaves_.push_back(leaf);
  ++result_.entries;
  while (!pending_.empty() && pending_.begin()->first == range_.size()) {
    if (!CheckCheckpoint(pending_.begin()->second)) return false;
    pending_.erase(pending_.begin());
  }
  return true;
}

LogVerification LogVerifier::Finish(std::optional<uint64_t> recorded_tree_size) {
  if (result_.ok) {
    while (!pending_.empty() && pending_.begin()->first <= range_.size()) {
      if (!CheckCheckpoint(pending_.begin()->second)) break;
      pending_.erase(pending_.begin());
    }
  }
  if (result_.ok && !pending_.empty()) {
    const uint64_t size = pending_.rbegin()->first;
    Fail(range_.size() + 1, size,
         absl::StrCat("the log holds ", range_.size(), " entries but a checkpoint of size ", size,
                      " was issued: entries ", range_.size() + 1, "..", size, " are missing (truncated)"));
  }
  if (result_.ok && recorded_tree_size.has_value() && *recorded_tree_size != range_.size()) {
    Fail(std::min(*recorded_tree_size, range_.size()) + 1, 0,
         absl::StrCat("the log's tree holds ", *recorded_tree_size, " leaves but there are ", range_.size(),
                      " entries", *recorded_tree_size > range_.size() ? " (truncated)" : ""));
  }
  result_.root = range_.Root();
  return result_;
}

}  // namespace liaison::audit
