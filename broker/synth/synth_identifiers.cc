#include "broker/synth/synth_identifiers.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/identifiers/identifiers.h"
#include "broker/synth/synth_random.h"

namespace liaison::synth {
namespace {

constexpr uint64_t kCrnBlock = 1'000'000;
constexpr uint64_t kPncSerials = 10'000'000;
// NOMS: letter, four digits, two letters.
constexpr uint64_t kNomsSuffixes = 26 * 26;
constexpr uint64_t kNomsPerLetter = 10'000 * kNomsSuffixes;
constexpr uint64_t kNomsNumbers = 26 * kNomsPerLetter;
// CRO: two-digit year and six-digit serial, less the all-zero placeholder.
constexpr uint64_t kCroSerials = 1'000'000;
constexpr uint64_t kCroNumbers = 100 * kCroSerials - 1;

uint64_t Key(uint64_t seed, uint64_t which) { return Mix64(seed ^ Mix64(which)); }

}  // namespace

IdentifierSpace::IdentifierSpace(uint64_t seed)
    : crn_digits_(kCrnBlock, Key(seed, 1)),
      index_pnc_(kPncSerials, Key(seed, 2)),
      non_member_pnc_(kPncSerials, Key(seed, 3)),
      noms_(kNomsNumbers, Key(seed, 4)),
      cro_(kCroNumbers, Key(seed, 5)) {}

std::string IdentifierSpace::Crn(int64_t i) const {
  const uint64_t block = static_cast<uint64_t>(i) / kCrnBlock;
  const uint64_t digits = crn_digits_.Apply(static_cast<uint64_t>(i) % kCrnBlock);
  return absl::StrFormat("%c%06d", static_cast<char>('A' + block), digits);
}

int IdentifierSpace::IndexPncSerial(int64_t i) const {
  return static_cast<int>(index_pnc_.Apply(static_cast<uint64_t>(i)));
}

int IdentifierSpace::NonMemberPncSerial(int64_t k) const {
  return static_cast<int>(non_member_pnc_.Apply(static_cast<uint64_t>(k)));
}

int64_t IdentifierSpace::IndexPersonWithPncSerial(int serial) const {
  return static_cast<int64_t>(index_pnc_.Invert(static_cast<uint64_t>(serial)));
}

std::string IdentifierSpace::Noms(uint64_t input) const {
  const uint64_t number = noms_.Apply(input);
  const uint64_t rest = number % kNomsPerLetter;
  const uint64_t suffix = rest % kNomsSuffixes;
  return absl::StrFormat("%c%04d%c%c", static_cast<char>('A' + number / kNomsPerLetter), rest / kNomsSuffixes,
                         static_cast<char>('A' + suffix / 26), static_cast<char>('A' + suffix % 26));
}

std::string IdentifierSpace::IndexNoms(int64_t i) const { return Noms(static_cast<uint64_t>(i)); }

std::string IdentifierSpace::NonMemberNoms(int64_t k) const { return Noms(static_cast<uint64_t>(kMaxIndexPeople + k)); }

std::string IdentifierSpace::Cro(uint64_t input, bool sf_form) const {
  const uint64_t number = cro_.Apply(input) + 1;
  const int year = static_cast<int>(number / kCroSerials);
  const int serial = static_cast<int>(number % kCroSerials);
  const std::string standard = identifiers::FormatCro(serial, year);  // NNNNNN/YYC
  if (!sf_form) return standard;
  return absl::StrCat("SF", standard.substr(7, 2), "/", standard.substr(0, 6), standard.substr(9));
}

std::string IdentifierSpace::IndexCro(int64_t i, bool sf_form) const { return Cro(static_cast<uint64_t>(i), sf_form); }

std::string IdentifierSpace::NonMemberCro(int64_t k, bool sf_form) const {
  return Cro(static_cast<uint64_t>(kMaxIndexPeople + k), sf_form);
}

}  // namespace liaison::synth
