#ifndef LIAISON_BROKER_SYNTH_ADDRESSES_H_
#define LIAISON_BROKER_SYNTH_ADDRESSES_H_

// UK-style addresses: "Flat 4, 27 Mill Lane" in a town with a postcode of
// valid shape in a real-looking area (LS6 2QT, SW1A 4DR). Never a
// placeholder postcode (NF1 1NF, NF1 1FA). Immutable tables; thread-safe.

#include <string>

#include "absl/strings/string_view.h"
#include "broker/synth/synth_random.h"
#include "liaison/v1/person.pb.h"

namespace liaison::synth {

// The letters the last two characters of a postcode are drawn from (no C,
// I, K, M, O or V).
inline constexpr absl::string_view kPostcodeUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

// A random address, areas weighted by population: one or two lines (about
// 12% "Flat N, ..." and 15% with a locality line), a town of the postcode
// area, and a postcode.
liaison::v1::Address RandomAddress(Rng& rng);

// `postcode` with one character mistyped: a digit for another digit, a unit
// letter for another unit letter, or the two unit letters swapped. The
// result differs from `postcode` and keeps the UK shape.
std::string PostcodeTypo(absl::string_view postcode, Rng& rng);

// The region (index into ProbationAreaData()) serving `postcode`'s area; 0
// when the area is not one RandomAddress uses.
int RegionOfPostcode(absl::string_view postcode);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_ADDRESSES_H_
