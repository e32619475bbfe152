#ifndef LIAISON_BROKER_SYNTH_NAME_CORRUPTION_H_
#define LIAISON_BROKER_SYNTH_NAME_CORRUPTION_H_

// How an agency mis-records a person's name. Not thread-safe (uses the
// Corrupter's Rng).

#include "broker/synth/corruption.h"
#include "broker/synth/names.h"
#include "liaison/v1/person.pb.h"

namespace liaison::synth {

// Applies the name corruptions to `name` (the person's name as the index
// holds it; the person is of `sex`), each logged by `corrupter`. In order:
// hyphen reduced, surname changed, nickname, middle name dropped or added,
// given and family typos, diacritics dropped, forename/surname swap, title,
// case noise, whitespace noise.
void CorruptName(Sex sex, Corrupter& corrupter, liaison::v1::PersonName& name);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_NAME_CORRUPTION_H_
