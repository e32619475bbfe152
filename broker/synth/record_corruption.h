#ifndef LIAISON_BROKER_SYNTH_RECORD_CORRUPTION_H_
#define LIAISON_BROKER_SYNTH_RECORD_CORRUPTION_H_

// How an agency's record of a person's identifiers, aliases, date of birth
// and address departs from the index. Not thread-safe (uses the
// Corrupter's Rng).

#include <string>

#include "broker/synth/corruption.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::synth {

// Copies into `person` the identifiers (PNC, CRO, NOMS, then the CRN when
// `truth` has one) and aliases of `truth` the agency holds: each is missing
// with the profile's probability (logged as kPncMissing, ...).
void ShareIdentifiersAndAliases(Corrupter& corrupter, const liaison::v1::OffenderRecord& truth,
                                liaison::v1::PersonDescriptor& person);

// `dob` ("YYYY-MM-DD") as the agency records it: empty when missing, day and
// month swapped, or one digit mistyped. Swaps and typos keep the YYYY-MM-DD
// shape but may make an invalid date ("1990-31-02", "1990-02-39").
std::string CorruptDateOfBirth(Corrupter& corrupter, const std::string& dob);

// Adds to `person` the address the agency holds: none (missing), the
// index's current address, or a different one (moved: the previous address
// when the index holds one and a coin says so, else a new one), possibly
// with a postcode typo. REQUIRES: truth.addresses_size() >= 1.
void CorruptAddress(Corrupter& corrupter, const liaison::v1::OffenderRecord& truth,
                    liaison::v1::PersonDescriptor& person);

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_RECORD_CORRUPTION_H_
