// The published RFC 6962 / RFC 9162 vectors in ../shared/data/merkle (from
// transparency-dev/merkle): roots for the README's leaves, and inclusion and
// consistency proofs with mutations a verifier must reject.

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "broker/audit/merkle.h"
#include "broker/common/crypto.h"
#include "broker/common/status_macros.h"
#include "gtest/gtest.h"

namespace liaison::audit {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

constexpr absl::string_view kVectorDir = LIAISON_MERKLE_VECTORS;

// The README's leaf inputs (hex) and the roots of their first N, N = 0..8.
constexpr std::array<absl::string_view, 8> kLeafHex = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
constexpr std::array<absl::string_view, 9> kRootHex = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<std::string> ReadmeLeafHashes() {
  std::vector<std::string> hashes;
  hashes.reserve(kLeafHex.size());
  for (const absl::string_view hex : kLeafHex) hashes.push_back(MerkleLeafHash(absl::HexStringToBytes(hex)));
  return hashes;
}

TEST(MerkleVectorsTest, RootsOfTheReadmeLeaves) {
  const std::vector<std::string> leaves = ReadmeLeafHashes();
  const InMemoryHashReader reader(leaves);
  CompactRange range;
  for (size_t size = 0; size <= leaves.size(); ++size) {
    SCOPED_TRACE(absl::StrCat("size ", size));
    const absl::Span<const std::string> prefix = absl::MakeConstSpan(leaves).subspan(0, size);
    EXPECT_EQ(ToHex(RootFromLeafHashes(prefix)), kRootHex[size]);
    EXPECT_EQ(ToHex(range.Root()), kRootHex[size]);
    const absl::StatusOr<std::string> from_reader = RootFromReader(size, reader);
    ASSERT_TRUE(from_reader.ok()) << from_reader.status();
    EXPECT_EQ(ToHex(*from_reader), kRootHex[size]);
    if (size < leaves.size()) {
      ASSERT_TRUE(range.Append(leaves[size]).ok());
    }
  }
  EXPECT_EQ(ToHex(MerkleEmptyRoot()), kRootHex[0]);
}

// Every *.json under `dir`, sorted so failures read the same on every run.
std::vector<std::filesystem::path> JsonFilesUnder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<Struct> LoadJson(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  Struct json;
  const auto status = google::protobuf::util::JsonStringToMessage(text.str(), &json);
  if (!status.ok()) return absl::InvalidArgumentError(absl::StrCat(file.string(), ": ", status.ToString()));
  return json;
}

absl::StatusOr<Value> Field(const Struct& json, const std::string& key, Value::KindCase kind) {
  const auto it = json.fields().find(key);
  if (it == json.fields().end() || it->second.kind_case() != kind) {
    return absl::InvalidArgumentError(absl::StrCat("missing or mistyped field \"", key, "\""));
  }
  return it->second;
}

// JSON numbers arrive as doubles, exact up to 2^53. The "index - 1"
// mutation of index 0 is 2^64 - 1, which rounds to 2^64: map that back.
absl::StatusOr<uint64_t> Uint64Field(const Struct& json, const std::string& key) {
  ASSIGN_OR_RETURN(const Value value, Field(json, key, Value::kNumberValue));
  const double number = value.number_value();
  if (number == 0x1p64) return std::numeric_limits<uint64_t>::max();
  if (!(number >= 0) || number > 0x1p53 || number != std::floor(number)) {
    return absl::InvalidArgumentError(absl::StrCat("field \"", key, "\" is not an exact uint64: ", number));
  }
  return static_cast<uint64_t>(number);
}

absl::StatusOr<std::string> StringField(const Struct& json, const std::string& key) {
  ASSIGN_OR_RETURN(const Value value, Field(json, key, Value::kStringValue));
  return value.string_value();
}

// The proof's strings; null stands for an empty proof.
absl::StatusOr<std::vector<std::string>> ProofField(const Struct& json) {
  const auto it = json.fields().find("proof");
  if (it != json.fields().end() && it->second.has_null_value()) return std::vector<std::string>{};
  ASSIGN_OR_RETURN(const Value value, Field(json, "proof", Value::kListValue));
  std::vector<std::string> proof;
  for (const Value& element : value.list_value().values()) {
    if (!element.has_string_value()) return absl::InvalidArgumentError("a proof element is not a string");
    proof.push_back(element.string_value());
  }
  return proof;
}

// Undecodable base64 is garbage in a proof: a verification failure.
absl::StatusOr<std::string> Decode(absl::string_view base64) {
  std::string bytes;
  if (!absl::Base64Unescape(base64, &bytes)) return absl::InvalidArgumentError(absl::StrCat("bad base64: ", base64));
  return bytes;
}

absl::StatusOr<std::vector<std::string>> DecodeAll(const std::vector<std::string>& base64s) {
  std::vector<std::string> decoded;
  for (const std::string& base64 : base64s) {
    ASSIGN_OR_RETURN(std::string bytes, Decode(base64));
    decoded.push_back(std::move(bytes));
  }
  return decoded;
}

// A vector with its numbers parsed and its hashes still base64, so a broken
// file fails the test while garbage hashes count as a rejected proof.
struct InclusionCase {
  uint64_t index;
  uint64_t size;
  std::string leaf_hash;
  std::string root;
  std::vector<std::string> proof;
};

struct ConsistencyCase {
  uint64_t size1;
  uint64_t size2;
  std::string root1;
  std::string root2;
  std::vector<std::string> proof;
};

absl::StatusOr<InclusionCase> ParseInclusion(const Struct& json) {
  InclusionCase c;
  ASSIGN_OR_RETURN(c.index, Uint64Field(json, "leafIdx"));
  ASSIGN_OR_RETURN(c.size, Uint64Field(json, "treeSize"));
  ASSIGN_OR_RETURN(c.leaf_hash, StringField(json, "leafHash"));
  ASSIGN_OR_RETURN(c.root, StringField(json, "root"));
  ASSIGN_OR_RETURN(c.proof, ProofField(json));
  return c;
}

absl::StatusOr<ConsistencyCase> ParseConsistency(const Struct& json) {
  ConsistencyCase c;
  ASSIGN_OR_RETURN(c.size1, Uint64Field(json, "size1"));
  ASSIGN_OR_RETURN(c.size2, Uint64Field(json, "size2"));
  ASSIGN_OR_RETURN(c.root1, StringField(json, "root1"));
  ASSIGN_OR_RETURN(c.root2, StringField(json, "root2"));
  ASSIGN_OR_RETURN(c.proof, ProofField(json));
  return c;
}

absl::Status Verify(const InclusionCase& c) {
  ASSIGN_OR_RETURN(const std::string leaf_hash, Decode(c.leaf_hash));
  ASSIGN_OR_RETURN(const std::string root, Decode(c.root));
  ASSIGN_OR_RETURN(const std::vector<std::string> proof, DecodeAll(c.proof));
  return VerifyInclusion(leaf_hash, c.index, c.size, proof, root);
}

absl::Status Verify(const ConsistencyCase& c) {
  ASSIGN_OR_RETURN(const std::string root1, Decode(c.root1));
  ASSIGN_OR_RETURN(const std::string root2, Decode(c.root2));
  ASSIGN_OR_RETURN(const std::vector<std::string> proof, DecodeAll(c.proof));
  return VerifyConsistency(c.size1, c.size2, proof, root1, root2);
}

// Where an accepted vector is about the README's leaves, the proof the
// library generates for it must be the vector's proof, byte for byte.
bool MatchesGeneratedProof(const InclusionCase& c) {
  const std::vector<std::string> leaves = ReadmeLeafHashes();
  if (c.size > leaves.size() || Decode(c.leaf_hash).value_or("") != leaves[c.index]) return false;
  const absl::StatusOr<std::vector<std::string>> proof = InclusionProof(c.index, c.size, InMemoryHashReader(leaves));
  return proof.ok() && *proof == DecodeAll(c.proof).value_or(std::vector<std::string>{});
}

bool MatchesGeneratedProof(const ConsistencyCase& c) {
  const std::vector<std::string> leaves = ReadmeLeafHashes();
  if (c.size2 > leaves.size() || Decode(c.root2).value_or("") != absl::HexStringToBytes(kRootHex[c.size2])) {
    return false;
  }
  const absl::StatusOr<std::vector<std::string>> proof = ConsistencyProof(c.size1, c.size2, InMemoryHashReader(leaves));
  return proof.ok() && *proof == DecodeAll(c.proof).value_or(std::vector<std::string>{});
}

// Runs every vector file under `subdir`: verification must fail exactly when
// the file says "wantErr": true.
template <typename Case>
void RunVectors(const std::string& subdir, absl::StatusOr<Case> (*parse)(const Struct&)) {
  const std::filesystem::path dir = std::filesystem::path(std::string(kVectorDir)) / subdir;
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "missing Merkle test vectors: " << dir << " (../shared must sit beside the checkout)";
  const std::vector<std::filesystem::path> files = JsonFilesUnder(dir);
  int accepted = 0, rejected = 0, cross_checked = 0;
  for (const std::filesystem::path& file : files) {
    SCOPED_TRACE(file.string());
    const absl::StatusOr<Struct> json = LoadJson(file);
    ASSERT_TRUE(json.ok()) << json.status();
    const absl::StatusOr<Value> want_err = Field(*json, "wantErr", Value::kBoolValue);
    ASSERT_TRUE(want_err.ok()) << want_err.status();
    const absl::StatusOr<Case> c = parse(*json);
    ASSERT_TRUE(c.ok()) << c.status();
    const absl::Status verdict = Verify(*c);
    EXPECT_EQ(!verdict.ok(), want_err->bool_value()) << "verdict: " << verdict;
    if (verdict.ok()) {
      ++accepted;
      if (MatchesGeneratedProof(*c)) ++cross_checked;
    } else {
      ++rejected;
    }
  }
  std::cout << subdir << ": " << files.size() << " vector files, " << accepted << " accepted (" << cross_checked
            << " equal to the generated proof), " << rejected << " rejected\n";
  EXPECT_GT(files.size(), 0u) << "no vector files under " << dir;
  EXPECT_GT(accepted, 0) << "no happy paths under " << dir;
  EXPECT_GT(rejected, 0) << "no mutations under " << dir;
  EXPECT_GT(cross_checked, 0) << "no happy path under " << dir << " matched a generated proof";
}

TEST(MerkleVectorsTest, Inclusion) { RunVectors<InclusionCase>("inclusion", &ParseInclusion); }

TEST(MerkleVectorsTest, Consistency) { RunVectors<ConsistencyCase>("consistency", &ParseConsistency); }

TEST(MerkleVectorsTest, GarbageBase64IsARejection) {
  // inclusion/0/happy-path.json with its leaf hash replaced by garbage.
  Struct json;
  auto& fields = *json.mutable_fields();
  fields["leafIdx"].set_number_value(0);
  fields["treeSize"].set_number_value(1);
  fields["leafHash"].set_string_value("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
  fields["root"].set_string_value("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
  fields["proof"].set_null_value(google::protobuf::NULL_VALUE);
  absl::StatusOr<InclusionCase> c = ParseInclusion(json);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(Verify(*c).ok());
  c->leaf_hash = "not*base64!";
  EXPECT_FALSE(Verify(*c).ok());
}

}  // namespace
}  // namespace liaison::audit
