#ifndef LIAISON_BROKER_AUDIT_MERKLE_H_
#define LIAISON_BROKER_AUDIT_MERKLE_H_

// Merkle tree hashing, proofs and verification for an append-only log, as in
// Certificate Transparency (RFC 9162 section 2.1, same hashing as RFC 6962):
//   leaf hash     = SHA-256(0x00 || entry)
//   interior node = SHA-256(0x01 || left || right)
//   empty tree    = SHA-256("")
// A tree of n leaves splits at the largest power of two smaller than n, so
// every subtree this file names is either "perfect" (2^level leaves starting
// at a multiple of 2^level, addressed as (level, index)) or the ragged right
// edge of one. Nothing here holds a lock or keeps global state: every
// function is thread-safe; CompactRange is a value type (synchronise writes).

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace liaison::audit {

// Every hash here is a raw SHA-256 digest.
inline constexpr size_t kMerkleHashSize = 32;

// SHA-256(0x00 || entry).
std::string MerkleLeafHash(absl::string_view entry);

// SHA-256(0x01 || left || right).
std::string MerkleNodeHash(absl::string_view left, absl::string_view right);

// The root of the empty tree, SHA-256("").
std::string MerkleEmptyRoot();

// MTH (RFC 9162 2.1.1) of a tree whose leaves have these hashes, in order;
// MerkleEmptyRoot() for none. O(n) hashes.
std::string RootFromLeafHashes(absl::Span<const std::string> leaf_hashes);

// Where proof generation reads a tree's hashes: the log's store, or memory.
// The library calls it from the caller's thread only, never concurrently.
class HashReader {
 public:
  virtual ~HashReader() = default;

  // The hash of leaf `index`. Errors are passed through to the caller of the
  // proof function unchanged (e.g. NOT_FOUND, UNAVAILABLE).
  virtual absl::StatusOr<std::string> LeafHash(uint64_t index) const = 0;

  // The hash of the perfect subtree of 2^level leaves starting at leaf
  // index << level; level 0 is LeafHash(index). The default recomputes it
  // from 2^level leaf reads; a store that keeps interior nodes overrides it
  // so that every proof costs O(log n) reads. INVALID_ARGUMENT when the
  // subtree would lie beyond leaf 2^64 - 1.
  virtual absl::StatusOr<std::string> NodeHash(uint32_t level, uint64_t index) const;
};

// A HashReader over leaf hashes held in memory (tests, small trees). Keeps a
// view: `leaf_hashes` must outlive it. OUT_OF_RANGE past the last leaf.
class InMemoryHashReader final : public HashReader {
 public:
  explicit InMemoryHashReader(absl::Span<const std::string> leaf_hashes) : leaf_hashes_(leaf_hashes) {}

  absl::StatusOr<std::string> LeafHash(uint64_t index) const override;

 private:
  absl::Span<const std::string> leaf_hashes_;
};

// The root of the first `size` leaves `reader` serves, from popcount(size)
// node reads (MerkleEmptyRoot() for 0). DATA_LOSS when the reader returns a
// hash that is not kMerkleHashSize bytes; reader errors pass through.
absl::StatusOr<std::string> RootFromReader(uint64_t size, const HashReader& reader);

// The inclusion proof PATH(index, D[0:size]) (RFC 9162 2.1.3.1), leaf-most
// sibling first, read from `reader` in O(log size) NodeHash calls.
// INVALID_ARGUMENT when index >= size (so always for size 0); DATA_LOSS for a
// malformed hash from the reader; reader errors pass through.
absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size, const HashReader& reader);

// The consistency proof PROOF(size1, D[0:size2]) (RFC 9162 2.1.4.1) that the
// tree of size2 leaves extends the tree of its first size1 leaves, read in
// O(log size2) NodeHash calls. Empty when size1 == size2. INVALID_ARGUMENT
// when size1 == 0 (nothing to prove about the empty tree) or size1 > size2;
// DATA_LOSS and reader errors as for InclusionProof.
absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t size1, uint64_t size2, const HashReader& reader);

// Checks that `proof` proves the leaf with hash `leaf_hash` is leaf `index`
// of the tree of `size` leaves whose root is `root` (RFC 9162 2.1.3.2).
// OK, or INVALID_ARGUMENT saying why not: index >= size (so always for size
// 0), a hash that is not kMerkleHashSize bytes, a proof of the wrong length,
// or a calculated root that differs from `root`.
absl::Status VerifyInclusion(absl::string_view leaf_hash, uint64_t index, uint64_t size,
                             absl::Span<const std::string> proof, absl::string_view root);

// Checks that `proof` proves the tree of size2 leaves with root `root2`
// extends the tree of size1 leaves with root `root1` (RFC 9162 2.1.4.2).
// When size1 == size2 (> 0) the proof must be empty and the roots equal byte
// for byte. OK, or INVALID_ARGUMENT saying why not: size1 == 0, size1 >
// size2, a hash that is not kMerkleHashSize bytes, a proof of the wrong
// length, or calculated roots that differ from root1 or root2.
absl::Status VerifyConsistency(uint64_t size1, uint64_t size2, absl::Span<const std::string> proof,
                               absl::string_view root1, absl::string_view root2);

// The right-hand frontier of a Merkle tree: the roots of the perfect subtrees
// its leaves decompose into, one per set bit of the size, largest (leftmost)
// first. Enough to append leaves and compute the root without the rest of
// the tree, so an append-only log keeps it beside its stored leaf hashes.
// Append is amortised O(1) hashes, Root O(log n). A value type: not
// synchronised.
class CompactRange {
 public:
  // The empty tree.
  CompactRange() = default;

  // A range from its parts. INVALID_ARGUMENT unless `frontier` holds
  // popcount(size) hashes of kMerkleHashSize bytes.
  static absl::StatusOr<CompactRange> Create(uint64_t size, std::vector<std::string> frontier);

  // The range of the first `size` leaves `reader` serves, from popcount(size)
  // node reads. DATA_LOSS and reader errors as for InclusionProof.
  static absl::StatusOr<CompactRange> FromReader(uint64_t size, const HashReader& reader);

  // Parses the output of Serialize(). INVALID_ARGUMENT when malformed.
  static absl::StatusOr<CompactRange> Parse(absl::string_view serialized);

  uint64_t size() const { return size_; }
  const std::vector<std::string>& frontier() const { return frontier_; }

  // Appends a leaf by its hash (MerkleLeafHash of the entry). INVALID_ARGUMENT
  // unless it is kMerkleHashSize bytes; OUT_OF_RANGE when the tree already
  // holds 2^64 - 1 leaves. On error the range is unchanged.
  absl::Status Append(absl::string_view leaf_hash);

  // The tree's root: MerkleEmptyRoot() when empty.
  std::string Root() const;

  // A stable encoding for persistence: the version byte 0x01, the size as 8
  // bytes big-endian, then the frontier hashes in order.
  std::string Serialize() const;

 private:
  CompactRange(uint64_t size, std::vector<std::string> frontier) : size_(size), frontier_(std::move(frontier)) {}

  uint64_t size_ = 0;
  std::vector<std::string> frontier_;
};

}  // namespace liaison::audit

#endif  // LIAISON_BROKER_AUDIT_MERKLE_H_
