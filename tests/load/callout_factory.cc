#include "tests/load/callout_factory.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "broker/common/proto_time.h"
#include "broker/demo/demo_random.h"
#include "broker/demo/synthetic_offenders.h"

namespace liaison::load {
namespace {

constexpr absl::string_view kNarratives[] = {
    "Officers attended following a 999 call from a neighbour reporting shouting and the sound of breaking "
    "glass. On arrival the victim was tearful with a visible injury to her left forearm and stated that the "
    "subject had grabbed her during an argument about money and his contact with a former associate. The "
    "subject had left the address before police arrived. Victim declined to provide a statement at this "
    "time but a DASH risk assessment was completed and graded high. Body-worn video captured. Area search "
    "negative. Safeguarding referral submitted and IDVA informed. Victim has moved address once already this year "
    "and asked that her new address is not disclosed to the subject.",
    "Report from the victim's sister that the subject had attended the address in breach of a verbal "
    "agreement and was refusing to leave. Officers found the subject in the kitchen, calm but smelling of "
    "alcohol. Victim disclosed a pattern of controlling behaviour over recent weeks including checking her "
    "phone and preventing her from seeing friends. No injuries seen. Subject left voluntarily and was given "
    "words of advice. DASH completed, graded medium. Victim given safety advice and details of local "
    "support services. Intelligence log created. Neighbour reports hearing similar arguments most weekends since "
    "the summer; house-to-house enquiries to be completed by the day shift.",
    "Call from the victim reporting the subject had sent repeated threatening messages and then attended "
    "her workplace car park. CCTV requested from the employer. Victim states the subject threatened to harm "
    "himself and her if she ended the relationship. Officers located the subject nearby and he was spoken "
    "to regarding harassment. Screenshots of messages retained as evidence. DASH graded high; referral to "
    "MARAC to follow. Victim moved to stay with family overnight. Subject made counter-allegations which were "
    "recorded; no injuries or evidence found to support them. Crime report raised for harassment.",
};

constexpr absl::string_view kStreets[] = {"Lewisham High Street", "Brockley Rise", "Catford Road",
                                          "Ladywell Road",        "Sydenham Road", "Honor Oak Park"};

v1::Notification MakeCallout(const v1::OffenderRecord& offender, bool children_present, demo::DemoRandom& random) {
  v1::Notification n;
  n.set_classification(v1::CLASSIFICATION_OFFICIAL_SENSITIVE);
  n.set_originator_contact("PC 4471 Lewisham Public Protection, 020 7946 0" + std::to_string(random.Uniform(100, 999)));
  *n.mutable_occurred_at() = ToProtoTime(absl::Now() - absl::Hours(2));
  auto* subject = n.mutable_subject();
  for (const auto& id : offender.identifiers()) {
    if (id.type() == v1::IDENTIFIER_TYPE_PNC) *subject->add_identifiers() = id;
  }
  *subject->mutable_name() = offender.name();
  subject->set_date_of_birth(offender.date_of_birth());
  if (offender.addresses_size() > 0) *subject->add_addresses() = offender.addresses(0);
  auto* victim = n.add_related_people();
  victim->set_role(v1::RELATED_ROLE_VICTIM);
  victim->mutable_person()->mutable_name()->set_given_names("Sarah Jane");
  victim->mutable_person()->mutable_name()->set_family_name("Whitfield");
  victim->mutable_person()->set_date_of_birth("1991-03-14");
  victim->set_age(33);
  if (children_present) {
    auto* child = n.add_related_people();
    child->set_role(v1::RELATED_ROLE_CHILD);
    child->mutable_person()->mutable_name()->set_given_names("Leo");
    child->mutable_person()->mutable_name()->set_family_name("Whitfield");
    child->set_age(6);
  }
  auto* callout = n.mutable_police_callout();
  callout->set_incident_type(v1::CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE);
  callout->set_police_reference(absl::StrCat("CAD", random.Uniform(1000000, 9999999)));
  auto* location = callout->mutable_location();
  location->add_lines(absl::StrCat(random.Uniform(1, 240), " ", kStreets[random.Uniform(0, 5)]));
  location->set_town("London");
  location->set_postcode("SE13 " + std::to_string(random.Uniform(1, 9)) + "AB");
  *callout->mutable_attended_at() = n.occurred_at();
  callout->set_children_present(children_present);
  callout->set_summary(std::string(kNarratives[random.Uniform(0, 2)]));
  return n;
}

}  // namespace

std::vector<v1::OffenderRecord> MakeBenchIndex(int count, uint64_t seed) {
  demo::DemoRandom random(seed);
  std::set<std::string> used;
  std::vector<v1::OffenderRecord> index = demo::GenerateSyntheticOffenders(count, random, &used);
  for (auto& offender : index) {
    offender.set_status(v1::SUPERVISION_STATUS_LICENCE);
    offender.clear_prison_code();
    offender.add_registrations("ADVP");
  }
  return index;
}

CalloutFactory::CalloutFactory(const std::vector<v1::OffenderRecord>& index, bool children_present, uint64_t seed) {
  demo::DemoRandom random(seed);
  for (const auto& offender : index) {
    bool has_pnc = false;
    for (const auto& id : offender.identifiers()) has_pnc |= id.type() == v1::IDENTIFIER_TYPE_PNC;
    if (has_pnc) templates_.push_back(MakeCallout(offender, children_present, random));
  }
}

const v1::Notification& CalloutFactory::Template(uint64_t sequence) const {
  return templates_[sequence % templates_.size()];
}

std::string EncodeSourceRef(absl::string_view run_id, uint64_t sequence, absl::Time intended) {
  return absl::StrCat(run_id, "/", sequence, "/", absl::ToUnixNanos(intended));
}

std::optional<DecodedSourceRef> DecodeSourceRef(absl::string_view source_ref, absl::string_view run_id) {
  std::vector<absl::string_view> parts = absl::StrSplit(source_ref, '/');
  if (parts.size() != 3 || parts[0] != run_id) return std::nullopt;
  DecodedSourceRef decoded;
  int64_t nanos = 0;
  if (!absl::SimpleAtoi(parts[1], &decoded.sequence) || !absl::SimpleAtoi(parts[2], &nanos)) return std::nullopt;
  decoded.intended = absl::FromUnixNanos(nanos);
  return decoded;
}

}  // namespace liaison::load
