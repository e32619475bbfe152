#ifndef LIAISON_BROKER_DEMO_SYNTHETIC_POOLS_H_
#define LIAISON_BROKER_DEMO_SYNTHETIC_POOLS_H_

// Small built-in pools the demo generator draws invented people from: common
// forenames and surnames combined at random (never a list of real people),
// street names, London post towns and prisons. Thread-compatible.

#include <string>
#include <vector>

#include "broker/demo/demo_random.h"
#include "liaison/v1/person.pb.h"

namespace liaison::demo {

// Surnames the generator can use; single words, so the family name is
// always the last word of a full name.
const std::vector<std::string>& FamilyNamePool();

// One or two given names and a family name from the pools.
liaison::v1::PersonName RandomName(DemoRandom& random, bool female);

// A variant of `name` as another agency might have recorded it: a
// different or shortened forename, or another surname.
liaison::v1::PersonName RandomAlias(DemoRandom& random, const liaison::v1::PersonName& name,
                                    bool female);

// "Flat 2" (sometimes) then "<number> <street>", a post town and a postcode
// that is never a placeholder.
liaison::v1::Address RandomAddress(DemoRandom& random);

// YYYY-MM-DD between 1958 and 2006; never a placeholder date.
std::string RandomDateOfBirth(DemoRandom& random);

// Three-letter prison codes.
const std::vector<std::string>& PrisonCodePool();

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_SYNTHETIC_POOLS_H_
