#include "broker/synth/query_generator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/common/status_macros.h"
#include "broker/synth/name_corruption.h"
#include "broker/synth/person_traits.h"
#include "broker/synth/record_corruption.h"

namespace liaison::synth {
namespace {

using liaison::v1::OffenderRecord;

// Prisons notify about prisoners: members of prison queries are redrawn
// (up to this many times) until one holds a NOMS number.
constexpr int kPrisonMemberDraws = 16;
// Draws of another index person for a wrong PNC, preferring PNC holders.
constexpr int kWrongPncDraws = 16;

absl::Status CheckFraction(absl::string_view name, double value) {
  if (value >= 0 && value <= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(name, ": must be in [0, 1]"));
}

absl::Status CheckOptions(const QueryOptions& o) {
  RETURN_IF_ERROR(CheckFraction("match_rate", o.match_rate));
  RETURN_IF_ERROR(CheckFraction("hard_negative_rate", o.hard_negative_rate));
  RETURN_IF_ERROR(
      CheckFraction("household_relative_share + twin_like_share", o.household_relative_share + o.twin_like_share));
  RETURN_IF_ERROR(CheckFraction("household_relative_share", o.household_relative_share));
  RETURN_IF_ERROR(CheckFraction("twin_like_share", o.twin_like_share));
  RETURN_IF_ERROR(CheckFraction("police_share + social_care_share", o.police_share + o.social_care_share));
  RETURN_IF_ERROR(CheckFraction("police_share", o.police_share));
  RETURN_IF_ERROR(CheckFraction("social_care_share", o.social_care_share));
  if (o.index_count < 0 || o.index_count > Population::kMaxIndexPeople) {
    return absl::InvalidArgumentError(absl::StrCat("index_count: must be in [0, ", Population::kMaxIndexPeople, "]"));
  }
  if (o.index_count == 0 && (o.match_rate > 0 || o.hard_negative_rate > 0)) {
    return absl::InvalidArgumentError("index_count: 0 leaves no index person for members or hard negatives");
  }
  RETURN_IF_ERROR(o.rates.Validate());
  return o.profiles.Validate();
}

std::string FirstWord(const std::string& text) { return text.substr(0, text.find(' ')); }

// `name` with a first forename other than `avoid`.
void AvoidForename(Sex sex, const std::string& avoid, Rng& rng, liaison::v1::PersonName& name) {
  const std::string& given = name.given_names();
  if (FirstWord(given) != avoid) return;
  const size_t space = given.find(' ');
  const std::string rest = space == std::string::npos ? "" : given.substr(space);
  name.set_given_names(absl::StrCat(ForenameOtherThan(sex, avoid, rng), rest));
}

// A date of birth other than `avoid`.
std::string OtherDateOfBirth(const std::string& dob, const std::string& avoid, Rng& rng) {
  std::string result = dob;
  while (result == avoid) result = FormatDate(RandomDateOfBirth(rng));
  return result;
}

bool HoldsNoms(const OffenderRecord& record) {
  for (const auto& identifier : record.identifiers()) {
    if (identifier.type() == liaison::v1::IDENTIFIER_TYPE_NOMS) return true;
  }
  return false;
}

}  // namespace

absl::string_view QueryKindName(QueryKind kind) {
  switch (kind) {
    case QueryKind::kMember:
      return "member";
    case QueryKind::kStranger:
      return "stranger";
    case QueryKind::kHouseholdRelative:
      return "household_relative";
    case QueryKind::kTwinLike:
      return "twin_like";
    case QueryKind::kNamesake:
      return "namesake";
  }
  return "unknown";
}

absl::StatusOr<QueryGenerator> QueryGenerator::Create(const Population& population, QueryOptions options) {
  RETURN_IF_ERROR(CheckOptions(options));
  return QueryGenerator(population, std::move(options));
}

Query QueryGenerator::Generate(int64_t q) const {
  Rng rng = StreamRng(population_->options().seed, Stream::kQuery, static_cast<uint64_t>(q));
  Query query;
  query.query_id = absl::StrFormat("Q%09d", q);
  query.agency = PickAgency(rng);
  const SyntheticPerson subject = Subject(q, rng, query);
  Describe(subject, rng, query);
  return query;
}

Agency QueryGenerator::PickAgency(Rng& rng) const {
  const double u = rng.Fraction();
  if (u < options_.police_share) return Agency::kPolice;
  if (u < options_.police_share + options_.social_care_share) return Agency::kSocialCare;
  return Agency::kPrison;
}

int64_t QueryGenerator::PickMember(Agency agency, Rng& rng) const {
  const uint64_t count = static_cast<uint64_t>(options_.index_count);
  int64_t member = static_cast<int64_t>(rng.Below(count));
  if (agency != Agency::kPrison) return member;
  for (int draw = 1; draw < kPrisonMemberDraws && !population_->IndexHoldings(member).noms; ++draw) {
    member = static_cast<int64_t>(rng.Below(count));
  }
  return member;
}

SyntheticPerson QueryGenerator::Subject(int64_t q, Rng& rng, Query& query) const {
  if (options_.index_count > 0 && rng.Chance(options_.match_rate)) {
    query.kind = QueryKind::kMember;
    query.index_person = PickMember(query.agency, rng);
    SyntheticPerson member = population_->IndexPerson(query.index_person);
    query.true_crn = member.record.crn();
    query.index_crn = member.record.crn();
    return member;
  }
  SyntheticPerson person;
  if (options_.index_count > 0 && rng.Chance(options_.hard_negative_rate)) {
    person = HardNegative(q, rng, query);
  } else {
    query.kind = QueryKind::kStranger;
    person = population_->NonMember(q);
  }
  if (query.agency == Agency::kPrison && !HoldsNoms(person.record)) {
    liaison::v1::Identifier* noms = person.record.add_identifiers();
    noms->set_type(liaison::v1::IDENTIFIER_TYPE_NOMS);
    noms->set_value(population_->NonMemberNoms(q));
  }
  return person;
}

// Non-member q given the names, date of birth or address of an index person.
SyntheticPerson QueryGenerator::HardNegative(int64_t q, Rng& rng, Query& query) const {
  query.index_person = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(options_.index_count)));
  const SyntheticPerson target = population_->IndexPerson(query.index_person);
  const OffenderRecord& t = target.record;
  query.index_crn = t.crn();
  SyntheticPerson person = population_->NonMember(q);
  OffenderRecord& r = person.record;
  r.clear_aliases();  // they were of the non-member's own name
  const double kind = rng.Fraction();
  if (kind < options_.household_relative_share + options_.twin_like_share) {
    const bool twin = kind >= options_.household_relative_share;
    query.kind = twin ? QueryKind::kTwinLike : QueryKind::kHouseholdRelative;
    r.mutable_name()->set_family_name(t.name().family_name());
    AvoidForename(person.sex, FirstWord(t.name().given_names()), rng, *r.mutable_name());
    r.set_date_of_birth(twin ? t.date_of_birth() : OtherDateOfBirth(r.date_of_birth(), t.date_of_birth(), rng));
    r.clear_addresses();
    *r.add_addresses() = t.addresses(0);
  } else {
    query.kind = QueryKind::kNamesake;
    person.sex = target.sex;
    *r.mutable_name() = t.name();
    r.set_date_of_birth(OtherDateOfBirth(r.date_of_birth(), t.date_of_birth(), rng));
  }
  return person;
}

void QueryGenerator::Describe(const SyntheticPerson& subject, Rng& rng, Query& query) const {
  Corrupter corrupter(options_.rates, options_.profiles.For(query.agency), rng, query.corruptions);
  const OffenderRecord& truth = subject.record;
  ShareIdentifiersAndAliases(corrupter, truth, query.person);
  MaybeWrongIdentifier(corrupter, query);
  *query.person.mutable_name() = truth.name();
  CorruptName(subject.sex, corrupter, *query.person.mutable_name());
  query.person.set_date_of_birth(CorruptDateOfBirth(corrupter, truth.date_of_birth()));
  CorruptAddress(corrupter, truth, query.person);
}

// Replaces the query's PNC with another index person's (valid, and held by
// someone else).
void QueryGenerator::MaybeWrongIdentifier(Corrupter& corrupter, Query& query) const {
  liaison::v1::Identifier* pnc = nullptr;
  for (auto& identifier : *query.person.mutable_identifiers()) {
    if (identifier.type() == liaison::v1::IDENTIFIER_TYPE_PNC) pnc = &identifier;
  }
  const bool member = query.kind == QueryKind::kMember;
  if (pnc == nullptr || options_.index_count < (member ? 2 : 1)) return;
  if (!corrupter.Roll(Corruption::kWrongIdentifier)) return;
  Rng& rng = corrupter.rng();
  int64_t other = query.index_person;
  for (int draw = 0; draw < kWrongPncDraws; ++draw) {
    do {
      other = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(options_.index_count)));
    } while (member && other == query.index_person);
    if (population_->IndexHoldings(other).pnc) break;
  }
  pnc->set_value(population_->IndexPnc(other));
}

}  // namespace liaison::synth
