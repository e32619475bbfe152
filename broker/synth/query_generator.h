#ifndef LIAISON_BROKER_SYNTH_QUERY_GENERATOR_H_
#define LIAISON_BROKER_SYNTH_QUERY_GENERATOR_H_

// Queries: notifications from agencies describing a person, with ground
// truth. A member query is a corrupted copy of an index person; a
// non-member query describes someone not in the index, sometimes
// deliberately close to an index person (a household relative, a twin-like
// relative, a namesake). Query q is a pure function of (seed, q).
// Immutable; thread-safe.

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "broker/synth/agency.h"
#include "broker/synth/corruption.h"
#include "broker/synth/population.h"
#include "liaison/v1/person.pb.h"

namespace liaison::synth {

enum class QueryKind {
  kMember,             // an index person
  kStranger,           // a fresh non-member
  kHouseholdRelative,  // same surname and address as an index person; other forename and DOB
  kTwinLike,           // same surname, DOB and address; other forename
  kNamesake,           // same names; other DOB and address
};

// "member", "stranger", "household_relative", "twin_like", "namesake".
absl::string_view QueryKindName(QueryKind kind);

struct Query {
  std::string query_id;  // "Q000000042"
  // The index person's CRN; empty when the person is not in the index.
  std::string true_crn;
  Agency agency = Agency::kPolice;
  // As the agency recorded them: date_of_birth is YYYY-MM-DD or empty.
  liaison::v1::PersonDescriptor person;

  // Ground truth for analysis (not written to the query CSV).
  QueryKind kind = QueryKind::kStranger;
  // The member, or the index person a hard negative resembles (index and
  // CRN); else -1 and empty.
  int64_t index_person = -1;
  std::string index_crn;
  CorruptionLog corruptions;
};

struct QueryOptions {
  // Members are drawn uniformly from index people 0..index_count-1.
  int64_t index_count = 0;
  // The share of queries about index people.
  double match_rate = 0.7;
  // The share of non-member queries that resemble an index person, split
  // into household relatives and twin-like relatives (the rest namesakes).
  double hard_negative_rate = 0.3;
  double household_relative_share = 0.4;
  double twin_like_share = 0.2;
  // Agencies sending the queries (the rest from prisons).
  double police_share = 0.5;
  double social_care_share = 0.25;
  AgencyProfiles profiles;
  CorruptionRates rates;
};

class QueryGenerator {
 public:
  // INVALID_ARGUMENT naming the field for a rate or share outside [0, 1],
  // shares summing over 1, or index_count outside [0,
  // Population::kMaxIndexPeople] (0 only when match_rate and
  // hard_negative_rate are 0). `population` must outlive the generator.
  static absl::StatusOr<QueryGenerator> Create(const Population& population, QueryOptions options);

  // REQUIRES: 0 <= q < Population::kMaxNonMembers.
  Query Generate(int64_t q) const;

  const QueryOptions& options() const { return options_; }

 private:
  QueryGenerator(const Population& population, QueryOptions options)
      : population_(&population), options_(std::move(options)) {}

  Agency PickAgency(Rng& rng) const;
  int64_t PickMember(Agency agency, Rng& rng) const;
  SyntheticPerson HardNegative(int64_t q, Rng& rng, Query& query) const;
  SyntheticPerson Subject(int64_t q, Rng& rng, Query& query) const;
  void Describe(const SyntheticPerson& subject, Rng& rng, Query& query) const;
  void MaybeWrongIdentifier(Corrupter& corrupter, Query& query) const;

  const Population* population_;
  QueryOptions options_;
};

}  // namespace liaison::synth

#endif  // LIAISON_BROKER_SYNTH_QUERY_GENERATOR_H_
