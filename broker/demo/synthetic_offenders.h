#ifndef LIAISON_BROKER_DEMO_SYNTHETIC_OFFENDERS_H_
#define LIAISON_BROKER_DEMO_SYNTHETIC_OFFENDERS_H_

// Invented offenders for the demo caseload: plausible mixes of status,
// risk, MAPPA, registrations and identifiers, held by the offender manager
// pool of area N07. Not thread-safe (draws from `random`).

#include <set>
#include <string>
#include <vector>

#include "broker/demo/demo_random.h"
#include "liaison/v1/offender.pb.h"

namespace liaison::demo {

// Generates `count` offenders. Not everyone has every identifier: most have
// a PNC, fewer a CRO, and a NOMS number mainly those who have been in
// prison. Every CRN, PNC, CRO and NOMS value is canonical, absent from
// `*used` on entry, and added to `*used`. REQUIRES: count >= 0 and well
// below the 900,000 possible CRNs.
std::vector<liaison::v1::OffenderRecord> GenerateSyntheticOffenders(int count, DemoRandom& random,
                                                                    std::set<std::string>* used);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_SYNTHETIC_OFFENDERS_H_
