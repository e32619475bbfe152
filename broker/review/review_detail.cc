// The side-by-side view of a review item: the notification's person and
// each candidate's record as it is now, field by field, with the agreement
// level the matcher finds today.

#include "absl/strings/str_join.h"
#include "broker/common/proto_util.h"
#include "broker/common/status_macros.h"
#include "broker/identifiers/identifiers.h"
#include "broker/matching/comparisons.h"
#include "broker/review/review_queue.h"
#include "broker/storage/keys.h"
#include "broker/validation/field_checks.h"
#include "liaison/store/v1/records.pb.h"

namespace liaison::review {
namespace {

using storage::Table;

// The pieces of a person the rows show, as recorded.
struct Shown {
  std::string given, family, aliases, dob, postcode, address, town;
  std::vector<std::pair<std::string, std::string>> identifiers;
};

Shown Show(const v1::PersonDescriptor& p) {
  Shown s;
  s.given = p.name().given_names();
  s.family = p.name().family_name();
  std::vector<std::string> aliases, postcodes, addresses, towns;
  for (const v1::PersonName& a : p.aliases()) aliases.push_back(absl::StrCat(a.given_names(), " ", a.family_name()));
  s.aliases = absl::StrJoin(aliases, "; ");
  s.dob = p.date_of_birth();
  for (const v1::Address& a : p.addresses()) {
    if (!a.postcode().empty()) postcodes.push_back(a.postcode());
    if (!a.lines().empty()) addresses.push_back(absl::StrJoin(a.lines(), ", "));
    if (!a.town().empty()) towns.push_back(a.town());
  }
  s.postcode = absl::StrJoin(postcodes, "; ");
  s.address = absl::StrJoin(addresses, "; ");
  s.town = absl::StrJoin(towns, "; ");
  for (const v1::Identifier& id : p.identifiers()) {
    s.identifiers.emplace_back(std::string(identifiers::TypeName(id.type())), id.value());
  }
  return s;
}

v1::PersonDescriptor OfRecord(const v1::OffenderRecord& r) {
  v1::PersonDescriptor p;
  v1::Identifier* crn = p.add_identifiers();
  crn->set_type(v1::IDENTIFIER_TYPE_CRN);
  crn->set_value(r.crn());
  for (const v1::Identifier& id : r.identifiers()) *p.add_identifiers() = id;
  *p.mutable_name() = r.name();
  *p.mutable_aliases() = r.aliases();
  p.set_date_of_birth(r.date_of_birth());
  *p.mutable_addresses() = r.addresses();
  return p;
}

std::string Value(const Shown& s, absl::string_view field) {
  if (field == "forename") return s.given;
  if (field == "surname") return s.family;
  if (field == "dob") return s.dob;
  if (field == "postcode") return s.postcode;
  if (field == "address") return s.address;
  if (field == "town") return s.town;
  if (field.substr(0, 3) == "id:") {
    std::vector<std::string> values;
    for (const auto& [type, value] : s.identifiers) {
      if (type == field.substr(3)) values.push_back(value);
    }
    return absl::StrJoin(values, "; ");
  }
  return "";
}

}  // namespace

absl::StatusOr<v1::CandidateDetail> ReviewQueue::Detail(const v1::PersonDescriptor& subject,
                                                        const matching::v1::MatchForm& subject_form,
                                                        const v1::ReviewCandidate& candidate) const {
  v1::CandidateDetail detail;
  detail.set_crn(candidate.crn());
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kOffenders, candidate.crn()));
  if (!bytes.has_value()) return detail;  // record since deleted: nothing to show
  ASSIGN_OR_RETURN(auto record, ParseStored<v1::OffenderRecord>(*bytes, "offender"));
  detail.set_offender_manager(record.offender_manager().staff_code());
  const matching::Model& model = deps_.matcher->model();
  ASSIGN_OR_RETURN(std::optional<matching::v1::MatchForm> form, deps_.matcher->index().Form(candidate.crn()));
  const matching::v1::MatchForm candidate_form = form.value_or(deps_.matcher->forms().FromOffender(record));
  const matching::PairScore score = matching::ScorePair(
      model, matching::Compare(subject_form, candidate_form, model.specs()), &deps_.matcher->index());
  detail.set_weight(score.weight);
  const Shown left = Show(subject);
  const Shown right = Show(OfRecord(record));
  for (const v1::FieldComparison& c : deps_.matcher->Explain(score)) {
    v1::FieldRow* row = detail.add_rows();
    row->set_field(c.field());
    row->set_subject_value(Value(left, c.field()));
    row->set_candidate_value(Value(right, c.field()));
    row->set_level(c.level());
    row->set_weight(c.weight());
  }
  if (!left.aliases.empty() || !right.aliases.empty()) {
    v1::FieldRow* row = detail.add_rows();
    row->set_field("aliases");
    row->set_subject_value(left.aliases);
    row->set_candidate_value(right.aliases);
  }
  return detail;
}

absl::StatusOr<v1::ReviewDetail> ReviewQueue::Get(absl::string_view notification_id) const {
  RETURN_IF_ERROR(validation::CheckId("notification_id", notification_id));
  v1::ReviewDetail detail;
  ASSIGN_OR_RETURN(*detail.mutable_item(), LoadItem(notification_id));
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, deps_.store->Get(Table::kNotifications, notification_id));
  if (!bytes.has_value()) return absl::DataLossError("a review item's notification is missing");
  ASSIGN_OR_RETURN(auto stored, ParseStored<store::v1::StoredNotification>(*bytes, "notification"));
  *detail.mutable_subject() = stored.notification().subject();
  const matching::v1::MatchForm subject_form = deps_.matcher->forms().FromDescriptor(detail.subject(), "");
  for (const v1::ReviewCandidate& candidate : detail.item().candidates()) {
    ASSIGN_OR_RETURN(*detail.add_candidates(), Detail(detail.subject(), subject_form, candidate));
  }
  return detail;
}

}  // namespace liaison::review
