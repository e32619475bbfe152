#ifndef LIAISON_BROKER_SYNTH_SYNTH_IDENTIFIERS_H_
#define LIAISON_BROKER_SYNTH_SYNTH_IDENTIFIERS_H_

// Numbering of the strong identifiers synthetic people carry. Each number
// is a keyed bijection of the person's index, so identifiers are unique by
// construction (no table of issued values) and index people and non-members
// never share one. Every value is canonical and passes
// identifiers::Canonicalize. Immutable; thread-safe.

#include <cstdint>
#include <string>

#include "broker/synth/permutation.h"

namespace liaison::synth {

class IdentifierSpace {
 public:
  // Capacities: index people are 0..kMaxIndexPeople-1, non-members
  // 0..kMaxNonMembers-1.
  static constexpr int64_t kMaxIndexPeople = 10'000'000;
  static constexpr int64_t kMaxNonMembers = 10'000'000;

  explicit IdentifierSpace(uint64_t seed);

  // CRN of index person i: 'A' + i / 1,000,000 then six digits scattered
  // within that letter's block. REQUIRES: 0 <= i < kMaxIndexPeople.
  std::string Crn(int64_t i) const;

  // PNC serials (0..9,999,999). Index people have distinct serials, as do
  // non-members; a non-member's PNC must therefore differ from the index
  // person holding the same serial in year (see Population). REQUIRES: i, k
  // in range; 0 <= serial < 10,000,000.
  int IndexPncSerial(int64_t i) const;
  int NonMemberPncSerial(int64_t k) const;
  int64_t IndexPersonWithPncSerial(int serial) const;

  // NOMS number "A1234BC"; distinct over index people and non-members.
  std::string IndexNoms(int64_t i) const;
  std::string NonMemberNoms(int64_t k) const;

  // CRO number "NNNNNN/YYC", or "SFYY/NNNNNNC" when `sf_form`; distinct
  // over index people and non-members (the SF form of a number is the same
  // number), never the placeholder 000000/00Z.
  std::string IndexCro(int64_t i, bool sf_form) const;
  std::string NonMemberCro(int64_t k, bool sf_form) const;

 private:
  std::string Noms(uint64_t input) const;
  std::string Cro(uint64_t input, bool sf_form) const;

  Permutation crn_digits_;
  Permutation index_pnc_;
  Permutation non_member_pnc_;
  Permutation noms_;
  Permutation cro_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_SYNTH_IDENTIFIERS_H_
