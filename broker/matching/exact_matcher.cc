#include "broker/matching/exact_matcher.h"

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/storage/keys.h"

namespace liaison::matching {
namespace {

using storage::Table;

std::string FoldName(absl::string_view name) {
  std::string folded;
  for (char c : name) {
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      folded.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
  }
  return folded;
}

// The CRN an identifier points at, or empty when not in the index.
absl::StatusOr<std::string> Lookup(const storage::KvStore& store, const v1::Identifier& id) {
  if (id.type() == v1::IDENTIFIER_TYPE_CRN) {
    ASSIGN_OR_RETURN(auto record, store.Get(Table::kOffenders, id.value()));
    return record.has_value() ? id.value() : std::string();
  }
  ASSIGN_OR_RETURN(auto crn, store.Get(Table::kIdentity,
                                       storage::IdentityKey(identifiers::TypeName(id.type()), id.value())));
  return crn.value_or(std::string());
}

}  // namespace

bool DisagreesOnDateOfBirthAndName(const v1::PersonDescriptor& subject,
                                   const v1::OffenderRecord& record) {
  const std::string& dob = subject.date_of_birth();
  const bool dob_known = !dob.empty() && !record.date_of_birth().empty() &&
                         !identifiers::IsPlaceholderDateOfBirth(dob) &&
                         !identifiers::IsPlaceholderDateOfBirth(record.date_of_birth());
  if (!dob_known || dob == record.date_of_birth()) return false;

  const std::string family = FoldName(subject.name().family_name());
  if (family.empty() || identifiers::IsPlaceholderName(subject.name().family_name())) return false;
  if (identifiers::IsPlaceholderName(record.name().family_name())) return false;
  if (family == FoldName(record.name().family_name())) return false;
  for (const v1::PersonName& alias : record.aliases()) {
    if (family == FoldName(alias.family_name())) return false;
  }
  return true;
}

absl::StatusOr<MatchOutcome> ExactIdentifierMatcher::Match(const v1::PersonDescriptor& subject) const {
  MatchOutcome outcome;
  v1::MatchResult& result = outcome.result;
  result.set_method(v1::MATCH_METHOD_EXACT_IDENTIFIER);
  std::set<std::string> crns;
  for (const v1::Identifier& id : subject.identifiers()) {
    ASSIGN_OR_RETURN(std::string crn, Lookup(*store_, id));
    if (crn.empty()) continue;
    crns.insert(crn);
    result.add_identifiers_used(id.type());
  }
  if (crns.empty()) {
    result.set_decision(v1::MATCH_DECISION_NO_MATCH);
    result.set_reason(subject.identifiers().empty() ? "no strong identifier given"
                                                    : "no strong identifier is in the offender index");
    return outcome;
  }
  if (crns.size() > 1) {
    result.set_decision(v1::MATCH_DECISION_CONFLICT);
    result.set_reason("strong identifiers belong to different offender records");
    return outcome;
  }
  const std::string& crn = *crns.begin();
  ASSIGN_OR_RETURN(auto stored, store_->Get(Table::kOffenders, crn));
  if (!stored.has_value()) {
    // The identity index points at a record that is gone: treat as unknown.
    result.set_decision(v1::MATCH_DECISION_NO_MATCH);
    result.set_reason("identity index entry has no offender record");
    return outcome;
  }
  ASSIGN_OR_RETURN(v1::OffenderRecord record, ParseStored<v1::OffenderRecord>(*stored, "offender"));
  result.set_crn(crn);
  if (DisagreesOnDateOfBirthAndName(subject, record)) {
    result.set_decision(v1::MATCH_DECISION_SUSPICIOUS);
    result.set_reason("identifier agrees but date of birth and family name both disagree");
    return outcome;
  }
  result.set_decision(v1::MATCH_DECISION_LINKED);
  result.set_reason("strong identifier agrees");
  outcome.offender = std::move(record);
  return outcome;
}

}  // namespace liaison::matching
