#include "broker/audit/merkle.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "absl/strings/str_cat.h"
#include "broker/common/crypto.h"
#include "broker/common/status_macros.h"

namespace liaison::audit {
namespace {

constexpr absl::string_view kLeafPrefix("\x00", 1);
constexpr absl::string_view kNodePrefix("\x01", 1);
constexpr char kSerializationVersion = 0x01;
constexpr size_t kSerializedSizeBytes = 8;

// The leaves [begin, end) of a tree: a subtree as the RFC 9162 recursion
// visits it, so `begin` is a multiple of every power of two <= end - begin.
struct Range {
  uint64_t begin;
  uint64_t end;
};

// The k of RFC 9162 2.1.1: the largest power of two smaller than n.
// REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// The subtrees whose hashes make up PATH(index, D[0:size]), in proof order
// (leaf-most first). REQUIRES: index < size.
std::vector<Range> InclusionRanges(uint64_t index, uint64_t size) {
  std::vector<Range> ranges;
  Range tree{0, size};
  while (tree.end - tree.begin > 1) {
    const uint64_t middle = tree.begin + SplitPoint(tree.end - tree.begin);
    if (index < middle) {
      ranges.push_back({middle, tree.end});
      tree.end = middle;
    } else {
      ranges.push_back({tree.begin, middle});
      tree.begin = middle;
    }
  }
  std::reverse(ranges.begin(), ranges.end());
  return ranges;
}

// The subtrees whose hashes make up PROOF(size1, D[0:size2]) = SUBPROOF(size1,
// D[0:size2], true), in proof order. REQUIRES: 0 < size1 <= size2.
std::vector<Range> ConsistencyRanges(uint64_t size1, uint64_t size2) {
  std::vector<Range> ranges;
  Range tree{0, size2};
  uint64_t m = size1;          // How many of the tree's leaves the old tree holds.
  bool whole_old_tree = true;  // The RFC's flag b: is `tree` still rooted at the old root?
  while (m != tree.end - tree.begin) {
    const uint64_t k = SplitPoint(tree.end - tree.begin);
    if (m <= k) {
      ranges.push_back({tree.begin + k, tree.end});
      tree.end = tree.begin + k;
    } else {
      ranges.push_back({tree.begin, tree.begin + k});
      tree.begin += k;
      m -= k;
      whole_old_tree = false;
    }
  }
  // The verifier knows the old root itself, but not a subtree of it.
  if (!whole_old_tree) ranges.push_back(tree);
  std::reverse(ranges.begin(), ranges.end());
  return ranges;
}

absl::Status CheckHashSize(absl::string_view what, absl::string_view hash) {
  if (hash.size() == kMerkleHashSize) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " has ", hash.size(), " bytes, want ", kMerkleHashSize));
}

// A hash from the reader, refusing ones of the wrong size as corrupt.
absl::StatusOr<std::string> ReadNode(const HashReader& reader, uint32_t level, uint64_t index) {
  ASSIGN_OR_RETURN(std::string hash, reader.NodeHash(level, index));
  if (hash.size() != kMerkleHashSize) {
    return absl::DataLossError(absl::StrCat("hash reader returned ", hash.size(), " bytes for node (level ", level,
                                            ", index ", index, "), want ", kMerkleHashSize));
  }
  return hash;
}

// MTH(D[range]): one read when the range is a perfect subtree, else one per
// perfect subtree along its ragged right edge. REQUIRES: a non-empty Range.
absl::StatusOr<std::string> RangeHash(const HashReader& reader, Range range) {
  const uint64_t n = range.end - range.begin;
  if (std::has_single_bit(n)) {
    const int level = std::countr_zero(n);
    return ReadNode(reader, level, range.begin >> level);
  }
  const uint64_t middle = range.begin + SplitPoint(n);
  ASSIGN_OR_RETURN(std::string left, RangeHash(reader, {range.begin, middle}));
  ASSIGN_OR_RETURN(std::string right, RangeHash(reader, {middle, range.end}));
  return MerkleNodeHash(left, right);
}

absl::StatusOr<std::vector<std::string>> ReadRanges(const HashReader& reader, const std::vector<Range>& ranges) {
  std::vector<std::string> hashes;
  hashes.reserve(ranges.size());
  for (const Range& range : ranges) {
    ASSIGN_OR_RETURN(std::string hash, RangeHash(reader, range));
    hashes.push_back(std::move(hash));
  }
  return hashes;
}

absl::Status CheckProofHashes(absl::Span<const std::string> proof, size_t want_length) {
  if (proof.size() != want_length) {
    return absl::InvalidArgumentError(absl::StrCat("proof has ", proof.size(), " hashes, want ", want_length));
  }
  for (size_t i = 0; i < proof.size(); ++i) RETURN_IF_ERROR(CheckHashSize(absl::StrCat("proof[", i, "]"), proof[i]));
  return absl::OkStatus();
}

// RFC 9162: "right-shift both fn and sn equally until either LSB(fn) is set
// or fn is 0".
void ShiftToSetBit(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

std::string MerkleLeafHash(absl::string_view entry) { return Sha256({kLeafPrefix, entry}); }

std::string MerkleNodeHash(absl::string_view left, absl::string_view right) {
  return Sha256({kNodePrefix, left, right});
}

std::string MerkleEmptyRoot() { return Sha256({}); }

std::string RootFromLeafHashes(absl::Span<const std::string> leaf_hashes) {
  if (leaf_hashes.empty()) return MerkleEmptyRoot();
  if (leaf_hashes.size() == 1) return leaf_hashes[0];
  const size_t k = SplitPoint(leaf_hashes.size());
  return MerkleNodeHash(RootFromLeafHashes(leaf_hashes.subspan(0, k)), RootFromLeafHashes(leaf_hashes.subspan(k)));
}

absl::StatusOr<std::string> HashReader::NodeHash(uint32_t level, uint64_t index) const {
  if (level >= 64 || (level > 0 && (index >> (64 - level)) != 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("node (level ", level, ", index ", index, ") lies beyond the largest possible tree"));
  }
  if (level == 0) return LeafHash(index);
  ASSIGN_OR_RETURN(std::string left, NodeHash(level - 1, 2 * index));
  ASSIGN_OR_RETURN(std::string right, NodeHash(level - 1, 2 * index + 1));
  return MerkleNodeHash(left, right);
}

absl::StatusOr<std::string> InMemoryHashReader::LeafHash(uint64_t index) const {
  if (index >= leaf_hashes_.size()) {
    return absl::OutOfRangeError(absl::StrCat("leaf ", index, " is beyond the ", leaf_hashes_.size(), " leaves held"));
  }
  return leaf_hashes_[index];
}

absl::StatusOr<std::string> RootFromReader(uint64_t size, const HashReader& reader) {
  if (size == 0) return MerkleEmptyRoot();
  return RangeHash(reader, {0, size});
}

absl::StatusOr<std::vector<std::string>> InclusionProof(uint64_t index, uint64_t size, const HashReader& reader) {
  if (index >= size) {
    return absl::InvalidArgumentError(absl::StrCat("leaf index ", index, " is not below the tree size ", size));
  }
  return ReadRanges(reader, InclusionRanges(index, size));
}

absl::StatusOr<std::vector<std::string>> ConsistencyProof(uint64_t size1, uint64_t size2, const HashReader& reader) {
  if (size1 == 0) return absl::InvalidArgumentError("no consistency proof from the empty tree (size1 is 0)");
  if (size1 > size2) {
    return absl::InvalidArgumentError(absl::StrCat("size1 ", size1, " is greater than size2 ", size2));
  }
  return ReadRanges(reader, ConsistencyRanges(size1, size2));
}

absl::Status VerifyInclusion(absl::string_view leaf_hash, uint64_t index, uint64_t size,
                             absl::Span<const std::string> proof, absl::string_view root) {
  if (index >= size) {
    return absl::InvalidArgumentError(absl::StrCat("leaf index ", index, " is not below the tree size ", size));
  }
  RETURN_IF_ERROR(CheckHashSize("leaf hash", leaf_hash));
  RETURN_IF_ERROR(CheckHashSize("root", root));
  RETURN_IF_ERROR(CheckProofHashes(proof, InclusionRanges(index, size).size()));

  // RFC 9162 2.1.3.2, step for step.
  uint64_t fn = index;
  uint64_t sn = size - 1;
  std::string r(leaf_hash);
  for (const std::string& p : proof) {
    if (sn == 0) return absl::InvalidArgumentError("inclusion proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      r = MerkleNodeHash(p, r);
      ShiftToSetBit(fn, sn);
    } else {
      r = MerkleNodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return absl::InvalidArgumentError("inclusion proof is too short");
  if (r != root) return absl::InvalidArgumentError("inclusion proof leads to a different root");
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t size1, uint64_t size2, absl::Span<const std::string> proof,
                               absl::string_view root1, absl::string_view root2) {
  if (size1 == 0) return absl::InvalidArgumentError("consistency with the empty tree (size1 is 0) proves nothing");
  if (size1 > size2) {
    return absl::InvalidArgumentError(absl::StrCat("size1 ", size1, " is greater than size2 ", size2));
  }
  if (size1 == size2) {
    if (!proof.empty()) return absl::InvalidArgumentError("sizes are equal but the proof is not empty");
    if (root1 != root2) return absl::InvalidArgumentError("sizes are equal but the roots differ");
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(CheckHashSize("root1", root1));
  RETURN_IF_ERROR(CheckHashSize("root2", root2));
  RETURN_IF_ERROR(CheckProofHashes(proof, ConsistencyRanges(size1, size2).size()));

  // RFC 9162 2.1.4.2, step for step; the proof omits the old root when the
  // old tree is itself a perfect subtree of the new one.
  std::vector<absl::string_view> path(proof.begin(), proof.end());
  if (std::has_single_bit(size1)) path.insert(path.begin(), root1);
  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  std::string fr(path[0]);
  std::string sr(path[0]);
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return absl::InvalidArgumentError("consistency proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      fr = MerkleNodeHash(path[i], fr);
      sr = MerkleNodeHash(path[i], sr);
      ShiftToSetBit(fn, sn);
    } else {
      sr = MerkleNodeHash(sr, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return absl::InvalidArgumentError("consistency proof is too short");
  if (fr != root1) return absl::InvalidArgumentError("consistency proof leads to a different root1");
  if (sr != root2) return absl::InvalidArgumentError("consistency proof leads to a different root2");
  return absl::OkStatus();
}

absl::StatusOr<CompactRange> CompactRange::Create(uint64_t size, std::vector<std::string> frontier) {
  if (frontier.size() != static_cast<size_t>(std::popcount(size))) {
    return absl::InvalidArgumentError(absl::StrCat("a compact range of size ", size, " has ", std::popcount(size),
                                                   " frontier hashes, not ", frontier.size()));
  }
  for (size_t i = 0; i < frontier.size(); ++i) {
    RETURN_IF_ERROR(CheckHashSize(absl::StrCat("frontier[", i, "]"), frontier[i]));
  }
  return CompactRange(size, std::move(frontier));
}

absl::StatusOr<CompactRange> CompactRange::FromReader(uint64_t size, const HashReader& reader) {
  std::vector<std::string> frontier;
  for (int level = 63; level >= 0; --level) {
    if (((size >> level) & 1) == 0) continue;
    // The perfect subtree for this bit ends where the leaves above it end.
    ASSIGN_OR_RETURN(std::string hash, ReadNode(reader, level, (size >> level) - 1));
    frontier.push_back(std::move(hash));
  }
  return CompactRange(size, std::move(frontier));
}

absl::StatusOr<CompactRange> CompactRange::Parse(absl::string_view serialized) {
  if (serialized.size() < 1 + kSerializedSizeBytes || serialized[0] != kSerializationVersion) {
    return absl::InvalidArgumentError("not a serialized compact range (version 1)");
  }
  uint64_t size = 0;
  for (size_t i = 1; i <= kSerializedSizeBytes; ++i) size = (size << 8) | static_cast<unsigned char>(serialized[i]);
  absl::string_view hashes = serialized.substr(1 + kSerializedSizeBytes);
  const size_t want = static_cast<size_t>(std::popcount(size)) * kMerkleHashSize;
  if (hashes.size() != want) {
    return absl::InvalidArgumentError(absl::StrCat("serialized compact range of size ", size, " has ", hashes.size(),
                                                   " bytes of hashes, want ", want));
  }
  std::vector<std::string> frontier;
  for (size_t offset = 0; offset < hashes.size(); offset += kMerkleHashSize) {
    frontier.emplace_back(hashes.substr(offset, kMerkleHashSize));
  }
  return CompactRange(size, std::move(frontier));
}

absl::Status CompactRange::Append(absl::string_view leaf_hash) {
  RETURN_IF_ERROR(CheckHashSize("leaf hash", leaf_hash));
  if (size_ == std::numeric_limits<uint64_t>::max()) return absl::OutOfRangeError("the tree is full");
  // Each trailing set bit of the size is a perfect subtree the new leaf's
  // subtree now completes: merge them, smallest first.
  std::string hash(leaf_hash);
  for (uint64_t s = size_; (s & 1) != 0; s >>= 1) {
    hash = MerkleNodeHash(frontier_.back(), hash);
    frontier_.pop_back();
  }
  frontier_.push_back(std::move(hash));
  ++size_;
  return absl::OkStatus();
}

std::string CompactRange::Root() const {
  if (frontier_.empty()) return MerkleEmptyRoot();
  // MTH splits off the largest perfect subtree first, so fold from the right.
  std::string root = frontier_.back();
  for (auto it = frontier_.rbegin() + 1; it != frontier_.rend(); ++it) root = MerkleNodeHash(*it, root);
  return root;
}

std::string CompactRange::Serialize() const {
  std::string out(1, kSerializationVersion);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((size_ >> shift) & 0xff));
  for (const std::string& hash : frontier_) out.append(hash);
  return out;
}

}  // namespace liaison::audit
