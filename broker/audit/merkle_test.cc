#include "broker/audit/merkle.h"

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace liaison::audit {
namespace {

constexpr uint64_t kMaxSize = std::numeric_limits<uint64_t>::max();

// Serves every perfect subtree from a precomputed table, as a store that
// keeps interior nodes would, and counts the reads.
class FullTreeReader final : public HashReader {
 public:
  explicit FullTreeReader(std::vector<std::string> leaf_hashes) {
    levels_.push_back(std::move(leaf_hashes));
    while (levels_.back().size() > 1) {
      const std::vector<std::string>& below = levels_.back();
      std::vector<std::string> level;
      for (size_t i = 0; i + 1 < below.size(); i += 2) level.push_back(MerkleNodeHash(below[i], below[i + 1]));
      levels_.push_back(std::move(level));
    }
  }

  absl::StatusOr<std::string> LeafHash(uint64_t index) const override { return NodeHash(0, index); }

  absl::StatusOr<std::string> NodeHash(uint32_t level, uint64_t index) const override {
    ++reads_;
    if (level >= levels_.size() || index >= levels_[level].size()) {
      return absl::OutOfRangeError(absl::StrCat("no node (", level, ", ", index, ")"));
    }
    return levels_[level][index];
  }

  int TakeReads() const { return std::exchange(reads_, 0); }

 private:
  std::vector<std::vector<std::string>> levels_;
  mutable int reads_ = 0;
};

// A reader whose store has failed, or returns corrupt hashes.
class BrokenReader final : public HashReader {
 public:
  explicit BrokenReader(absl::StatusOr<std::string> answer) : answer_(std::move(answer)) {}
  absl::StatusOr<std::string> LeafHash(uint64_t) const override { return answer_; }

 private:
  absl::StatusOr<std::string> answer_;
};

std::vector<std::string> RandomLeafHashes(std::mt19937_64& rng, size_t n) {
  std::vector<std::string> hashes;
  for (size_t i = 0; i < n; ++i) hashes.push_back(MerkleLeafHash(absl::StrCat("entry ", i, " ", rng())));
  return hashes;
}

// Tree sizes for the property tests: all small ones, powers of two and their
// neighbours, and random ones up to 300 (fixed seed).
std::vector<uint64_t> PropertySizes() {
  std::vector<uint64_t> sizes;
  for (uint64_t n = 1; n <= 33; ++n) sizes.push_back(n);
  for (uint64_t n : {63, 64, 65, 127, 128, 129, 255, 256, 257, 300}) sizes.push_back(n);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10; ++i) sizes.push_back(34 + rng() % 267);
  return sizes;
}

std::string FlipBit(std::string hash, std::mt19937_64& rng) {
  const uint64_t bit = rng() % (8 * hash.size());
  hash[bit / 8] = static_cast<char>(hash[bit / 8] ^ (1 << (bit % 8)));
  return hash;
}

// RFC 9162 proofs take their shape (which side each hash goes on) from the
// bits of index ^ (size - 1), so a proof for one size also verifies for a
// size whose bit_width(index ^ (size - 1)) is the same and whose root is the
// same: the size is bound by the root, which the log signs with it.
bool SameShape(uint64_t index, uint64_t size, uint64_t other_size) {
  return std::bit_width(index ^ (size - 1)) == std::bit_width(index ^ (other_size - 1));
}

TEST(MerkleHashTest, DomainSeparatesLeavesFromNodes) {
  const std::string a = MerkleLeafHash("a");
  EXPECT_EQ(a.size(), kMerkleHashSize);
  EXPECT_NE(MerkleLeafHash(""), MerkleEmptyRoot());
  EXPECT_NE(MerkleNodeHash(a, a), MerkleLeafHash(a + a));
}

TEST(CompactRangeTest, AgreesWithTheWholeTreeAtEverySize) {
  std::mt19937_64 rng(1);
  const std::vector<std::string> leaves = RandomLeafHashes(rng, 300);
  const FullTreeReader reader(leaves);
  CompactRange range;
  for (size_t size = 0; size <= leaves.size(); ++size) {
    SCOPED_TRACE(absl::StrCat("size ", size));
    const std::string want = RootFromLeafHashes(absl::MakeConstSpan(leaves).subspan(0, size));
    EXPECT_EQ(range.size(), size);
    EXPECT_EQ(range.frontier().size(), static_cast<size_t>(std::popcount(size)));
    EXPECT_EQ(range.Root(), want);
    EXPECT_EQ(RootFromReader(size, reader).value(), want);
    EXPECT_EQ(CompactRange::FromReader(size, reader).value().Root(), want);
    const absl::StatusOr<CompactRange> parsed = CompactRange::Parse(range.Serialize());
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(parsed->size(), size);
    EXPECT_EQ(parsed->Root(), want);
    if (size < leaves.size()) {
      ASSERT_TRUE(range.Append(leaves[size]).ok());
    }
  }
}

TEST(CompactRangeTest, SerializesVersionSizeAndFrontier) {
  CompactRange range;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(range.Append(MerkleLeafHash(absl::StrCat(i))).ok());
  const std::string bytes = range.Serialize();
  ASSERT_EQ(bytes.size(), 1 + 8 + 2 * kMerkleHashSize);
  EXPECT_EQ(bytes.substr(0, 9), std::string("\x01\0\0\0\0\0\0\0\x03", 9));
  EXPECT_EQ(bytes.substr(9), range.frontier()[0] + range.frontier()[1]);
}

TEST(CompactRangeTest, RejectsMalformedState) {
  CompactRange range;
  ASSERT_TRUE(range.Append(MerkleLeafHash("x")).ok());
  const std::string good = range.Serialize();
  for (const std::string& bad :
       {std::string(), good.substr(0, 8), good.substr(0, good.size() - 1), good + "x", "\x02" + good.substr(1)}) {
    EXPECT_EQ(CompactRange::Parse(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad.size();
  }
  EXPECT_EQ(CompactRange::Create(3, {MerkleLeafHash("x")}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CompactRange::Create(1, {"short"}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CompactRange::Create(0, {}).value().Root(), MerkleEmptyRoot());
}

TEST(CompactRangeTest, AppendRejectsBadHashesAndOverflow) {
  CompactRange range;
  EXPECT_EQ(range.Append("short").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(range.size(), 0u);
  absl::StatusOr<CompactRange> full = CompactRange::Create(kMaxSize, std::vector<std::string>(64, MerkleLeafHash("")));
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(full->Append(MerkleLeafHash("")).code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(full->size(), kMaxSize);
}

TEST(MerkleProofTest, RejectsImpossibleRequests) {
  const std::vector<std::string> leaves = {MerkleLeafHash("a"), MerkleLeafHash("b")};
  const InMemoryHashReader reader(leaves);
  EXPECT_EQ(InclusionProof(0, 0, reader).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(InclusionProof(2, 2, reader).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(0, 2, reader).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(0, 0, reader).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(2, 1, reader).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ConsistencyProof(2, 2, reader).value().empty());
  // Asking about more leaves than the store holds surfaces the store's error.
  EXPECT_EQ(InclusionProof(0, 3, reader).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(reader.NodeHash(64, 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.NodeHash(1, uint64_t{1} << 63).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(MerkleProofTest, PassesReaderFailuresThrough) {
  const BrokenReader unavailable(absl::UnavailableError("store down"));
  EXPECT_EQ(InclusionProof(0, 4, unavailable).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ConsistencyProof(1, 4, unavailable).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(RootFromReader(3, unavailable).status().code(), absl::StatusCode::kUnavailable);
  const BrokenReader corrupt(std::string("31 bytes, not a SHA-256 hash.."));
  EXPECT_EQ(InclusionProof(0, 4, corrupt).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(CompactRange::FromReader(5, corrupt).status().code(), absl::StatusCode::kDataLoss);
}

TEST(MerkleProofTest, RecomputingReaderGivesTheSameProofs) {
  std::mt19937_64 rng(2);
  const std::vector<std::string> leaves = RandomLeafHashes(rng, 40);
  const InMemoryHashReader recomputing(leaves);
  const FullTreeReader stored(leaves);
  for (uint64_t size = 1; size <= leaves.size(); ++size) {
    for (uint64_t i = 0; i < size; ++i) {
      EXPECT_EQ(InclusionProof(i, size, recomputing).value(), InclusionProof(i, size, stored).value());
      EXPECT_EQ(ConsistencyProof(i + 1, size, recomputing).value(), ConsistencyProof(i + 1, size, stored).value());
    }
  }
}

TEST(MerkleVerifyTest, RejectsMalformedInclusion) {
  const std::vector<std::string> leaves = {MerkleLeafHash("a"), MerkleLeafHash("b"), MerkleLeafHash("c")};
  const std::string root = RootFromLeafHashes(leaves);
  const std::vector<std::string> proof = InclusionProof(0, 3, InMemoryHashReader(leaves)).value();
  ASSERT_TRUE(VerifyInclusion(leaves[0], 0, 3, proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 0, {}, MerkleEmptyRoot()).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 3, 3, proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0].substr(1), 0, 3, proof, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 3, proof, root + "x").ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 3, {proof[0]}, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 3, {proof[0], proof[1], root}, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[0], 0, 3, {proof[0], proof[1] + "x"}, root).ok());
  EXPECT_FALSE(VerifyInclusion(leaves[1], 0, 3, proof, root).ok());
}

TEST(MerkleVerifyTest, ConsistencyOfEqualAndEmptySizes) {
  const std::string root = MerkleLeafHash("a");
  EXPECT_TRUE(VerifyConsistency(1, 1, {}, root, root).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, {root}, root, root).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, {}, root, MerkleEmptyRoot()).ok());
  EXPECT_FALSE(VerifyConsistency(0, 0, {}, MerkleEmptyRoot(), MerkleEmptyRoot()).ok());
  EXPECT_FALSE(VerifyConsistency(0, 1, {}, MerkleEmptyRoot(), root).ok());
  EXPECT_FALSE(VerifyConsistency(2, 1, {}, root, root).ok());
  EXPECT_FALSE(VerifyConsistency(1, 2, {}, root, root).ok());
}

// For every size and index: the generated proof verifies against the whole
// tree's root, costs O(log n) reads, and no bit flip, other index or size of
// another shape verifies.
TEST(MerklePropertyTest, InclusionProofs) {
  std::mt19937_64 rng(3);
  int mutations = 0;
  for (const uint64_t size : PropertySizes()) {
    const std::vector<std::string> leaves = RandomLeafHashes(rng, size);
    const std::string root = RootFromLeafHashes(leaves);
    const FullTreeReader reader(leaves);
    for (uint64_t index = 0; index < size; ++index) {
      SCOPED_TRACE(absl::StrCat("index ", index, " of ", size));
      const absl::StatusOr<std::vector<std::string>> proof = InclusionProof(index, size, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_LE(reader.TakeReads(), 2 * std::bit_width(size));
      ASSERT_TRUE(VerifyInclusion(leaves[index], index, size, *proof, root).ok());
      for (size_t i = 0; i < proof->size(); ++i, ++mutations) {
        std::vector<std::string> flipped = *proof;
        flipped[i] = FlipBit(flipped[i], rng);
        EXPECT_FALSE(VerifyInclusion(leaves[index], index, size, flipped, root).ok()) << "flipped proof[" << i << "]";
      }
      for (const uint64_t other : {index ^ 1, index + 1, index - 1, rng() % size, size, kMaxSize}) {
        if (other == index) continue;
        ++mutations;
        EXPECT_FALSE(VerifyInclusion(leaves[index], other, size, *proof, root).ok()) << "index " << other;
      }
      for (const uint64_t other : {size + 1, size - 1, 2 * size, size / 2, index + 1 + rng() % (2 * size)}) {
        if (other == size || other <= index) continue;
        ++mutations;
        EXPECT_EQ(VerifyInclusion(leaves[index], index, other, *proof, root).ok(), SameShape(index, size, other))
            << "size " << other;
      }
    }
  }
  EXPECT_GT(mutations, 10000);
}

// For every size2 and every size1 <= size2: the generated proof verifies
// against both roots, costs O(log n) reads, and no bit flip, other size1,
// swapped or stale root, or size2 of another shape verifies.
TEST(MerklePropertyTest, ConsistencyProofs) {
  std::mt19937_64 rng(4);
  int mutations = 0;
  for (const uint64_t size2 : PropertySizes()) {
    const std::vector<std::string> leaves = RandomLeafHashes(rng, size2);
    const FullTreeReader reader(leaves);
    std::vector<std::string> roots = {MerkleEmptyRoot()};  // roots[n]: the root of the first n leaves.
    CompactRange range;
    for (const std::string& leaf : leaves) {
      ASSERT_TRUE(range.Append(leaf).ok());
      roots.push_back(range.Root());
    }
    ASSERT_EQ(roots[size2], RootFromLeafHashes(leaves));
    for (uint64_t size1 = 1; size1 <= size2; ++size1) {
      SCOPED_TRACE(absl::StrCat("size1 ", size1, ", size2 ", size2));
      const absl::StatusOr<std::vector<std::string>> proof = ConsistencyProof(size1, size2, reader);
      ASSERT_TRUE(proof.ok()) << proof.status();
      EXPECT_LE(reader.TakeReads(), 2 * std::bit_width(size2));
      ASSERT_TRUE(VerifyConsistency(size1, size2, *proof, roots[size1], roots[size2]).ok());
      if (size1 == size2) continue;
      for (size_t i = 0; i < proof->size(); ++i, ++mutations) {
        std::vector<std::string> flipped = *proof;
        flipped[i] = FlipBit(flipped[i], rng);
        EXPECT_FALSE(VerifyConsistency(size1, size2, flipped, roots[size1], roots[size2]).ok()) << "flipped " << i;
      }
      for (const uint64_t other : {size1 - 1, size1 + 1, 1 + rng() % size2}) {
        if (other == size1) continue;
        ++mutations;
        EXPECT_FALSE(VerifyConsistency(other, size2, *proof, roots[size1], roots[size2]).ok()) << "size1 " << other;
      }
      for (const uint64_t other : {size2 - 1, size2 + 1, 2 * size2, size1 + 1 + rng() % (2 * size2)}) {
        if (other == size2 || other <= size1) continue;
        ++mutations;
        EXPECT_EQ(VerifyConsistency(size1, other, *proof, roots[size1], roots[size2]).ok(),
                  SameShape(size1 - 1, size2, other))
            << "size2 " << other;
      }
      mutations += 3;
      EXPECT_FALSE(VerifyConsistency(size1, size2, *proof, roots[size2], roots[size1]).ok());
      EXPECT_FALSE(VerifyConsistency(size1, size2, *proof, roots[size1 - 1], roots[size2]).ok());
      EXPECT_FALSE(VerifyConsistency(size1, size2, *proof, roots[size1], roots[size2 - 1]).ok());
    }
  }
  EXPECT_GT(mutations, 10000);
}

}  // namespace
}  // namespace liaison::audit
