#ifndef LIAISON_POLICY_WORLD_GENERATOR_H_
#define LIAISON_POLICY_WORLD_GENERATOR_H_

// Random policies, notifications and match results for the property tests
// (property_test.cc): a seeded generator, so a failing world can be rebuilt.

#include <algorithm>
#include <random>
#include <set>
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "policy/field_mask.h"
#include "policy/rule_policy.h"
#include "policy/test_util.h"

namespace liaison::policy {

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& values) {
    return values[Int(0, static_cast<int>(values.size()) - 1)];
  }

  api::Notification Notification() {
    api::Notification n;
    n.set_notification_id(absl::StrCat("ntf_", Int(0, 1 << 20)));
    n.mutable_source()->set_agency_kind(static_cast<api::AgencyKind>(Int(1, 4)));
    n.mutable_source()->set_organisation_code(Pick<std::string>({"MPS", "WMP", "LBL"}));
    n.mutable_occurred_at()->set_seconds(1767225600);
    n.set_classification(static_cast<api::Classification>(Int(1, 2)));
    if (Chance(0.2)) n.add_caveats(api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE);
    if (Chance(0.3)) n.add_caveats(api::CAVEAT_PROTECT_SOURCE);
    if (Chance(0.8)) n.set_originator_contact("originator");
    api::PersonDescriptor* subject = n.mutable_subject();
    subject->mutable_name()->set_family_name("Subject");
    if (Chance(0.7)) subject->set_date_of_birth("1980-01-01");
    if (Chance(0.5)) subject->add_addresses()->set_postcode("SE1 1AA");
    if (Chance(0.3)) {
      api::Identifier* id = subject->add_identifiers();
      id->set_type(api::IDENTIFIER_TYPE_NOMS);
      id->set_value("A1234BC");
    }
    const int related = Int(0, 4);
    for (int i = 0; i < related; ++i) {
      api::RelatedPerson* r = n.add_related_people();
      r->set_role(static_cast<api::RelatedRole>(Int(1, 6)));
      r->mutable_person()->mutable_name()->set_family_name(absl::StrCat("Related", i));
      if (r->role() == api::RELATED_ROLE_CHILD) r->set_age(Int(0, 17));
    }
    switch (Int(0, 3)) {
      case 0: {
        api::PoliceCallout* c = n.mutable_police_callout();
        c->set_incident_type(static_cast<api::CalloutIncidentType>(Int(1, 7)));
        c->set_police_reference("CAD");
        c->set_children_present(Chance(0.5));
        if (Chance(0.7)) c->mutable_location()->set_postcode("SE6 2RJ");
        if (Chance(0.7)) c->set_summary("summary");
        break;
      }
      case 1: {
        api::Arrest* a = n.mutable_arrest();
        a->set_offence("offence");
        a->set_custody_suite("suite");
        a->set_outcome(static_cast<api::ArrestOutcome>(Int(1, 7)));
        if (Chance(0.7)) a->set_summary("summary");
        break;
      }
      case 2: {
        api::SocialCareReferral* r = n.mutable_social_care_referral();
        r->set_local_authority("LBL");
        r->set_case_reference("REF");
        r->add_reasons(static_cast<api::ReferralReason>(Int(1, 7)));
        r->set_stage(static_cast<api::ChildProtectionStage>(Int(1, 5)));
        if (Chance(0.7)) r->set_summary("summary");
        break;
      }
      default: {
        api::PrisonMailFlag* m = n.mutable_prison_mail_flag();
        m->set_establishment(Pick<std::string>({"MDI", "LEI"}));
        m->set_prisoner_noms("A1234BC");
        m->set_concern(static_cast<api::MailConcern>(Int(1, 4)));
        if (Chance(0.7)) m->mutable_correspondent()->mutable_name()->set_family_name("Correspondent");
        if (Chance(0.7)) m->set_summary("summary");
        break;
      }
    }
    return n;
  }

  api::OffenderRecord Person(const std::string& crn) {
    api::OffenderRecord p;
    p.set_crn(crn);
    p.set_area_code(Pick<std::string>({"N07", "N03", ""}));
    if (Chance(0.9)) p.mutable_offender_manager()->set_staff_code(absl::StrCat("OM-", crn));
    if (Chance(0.5)) p.mutable_co_worker()->set_staff_code(absl::StrCat("CW-", crn));
    if (Chance(0.7)) p.mutable_manager()->set_staff_code(absl::StrCat("MG-", crn));
    p.set_rosh_level(static_cast<api::RoshLevel>(Int(0, 4)));
    p.set_mappa_category(static_cast<api::MappaCategory>(Int(0, 4)));
    p.set_mappa_level(static_cast<api::MappaLevel>(Int(0, 3)));
    for (const char* code : {"ADVP", "REG30", "RCPR", "ARSO", "MAPP"}) {
      if (Chance(0.3)) p.add_registrations(code);
    }
    p.set_status(static_cast<api::SupervisionStatus>(Int(1, 6)));
    if (Chance(0.4)) p.set_prison_code(Pick<std::string>({"MDI", "LEI"}));
    if (Chance(0.3)) p.add_licence_conditions("Exclusion zone around the town centre");
    return p;
  }

  policy::v1::Conditions Conditions() {
    policy::v1::Conditions w;
    if (Chance(0.4)) {
      for (int k = 1; k <= 4; ++k) {
        if (Chance(0.5)) w.add_kinds(static_cast<policy::v1::NotificationKind>(k));
      }
    }
    if (Chance(0.2)) w.add_callout_incident_types(static_cast<api::CalloutIncidentType>(Int(1, 7)));
    if (Chance(0.1)) w.set_children_present(Chance(0.5));
    if (Chance(0.2)) w.add_source_agency_kinds(static_cast<api::AgencyKind>(Int(1, 4)));
    if (Chance(0.2)) w.add_caveats_none(api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE);
    if (Chance(0.2)) w.add_caveats_any(api::CAVEAT_PROTECT_SOURCE);
    if (Chance(0.3)) {
      for (int l = 1; l <= 7; ++l) {
        if (Chance(0.5)) w.add_links(static_cast<policy::v1::Link>(l));
      }
    }
    if (Chance(0.3)) w.add_rosh_levels(static_cast<api::RoshLevel>(Int(0, 4)));
    if (Chance(0.2)) w.add_mappa_levels(static_cast<api::MappaLevel>(Int(1, 3)));
    if (Chance(0.3)) w.add_registrations_any(Pick<std::string>({"ADVP", "REG30", "RCPR", "ARSO"}));
    if (Chance(0.3)) w.add_statuses(static_cast<api::SupervisionStatus>(Int(1, 6)));
    if (Chance(0.1)) w.set_has_licence_conditions(Chance(0.5));
    if (Chance(0.1)) w.set_event_within_hours(Int(1, 100));
    return w;
  }

  std::vector<std::string> Fields() {
    std::vector<std::string> fields;
    for (const std::string& f : FieldVocabulary()) {
      if (Chance(0.25)) fields.push_back(f);
    }
    return fields;
  }

  policy::v1::RecipientSpec Recipient() {
    policy::v1::RecipientSpec spec;
    spec.set_role(static_cast<api::RecipientRole>(Int(1, 8)));
    if (spec.role() == api::RECIPIENT_ROLE_TEAM_INBOX) spec.set_team("hub");
    if (spec.role() == api::RECIPIENT_ROLE_PRISON_SECURITY) spec.set_prison(static_cast<policy::v1::PrisonSelector>(Int(0, 2)));
    return spec;
  }

  policy::v1::Policy Policy() {
    policy::v1::Policy p;
    p.set_policy_id("generated");
    const int rules = Int(1, 8);
    for (int i = 0; i < rules; ++i) {
      policy::v1::Rule* rule = p.add_rules();
      rule->set_id(absl::StrCat("r", i));
      rule->set_description("generated");
      *rule->mutable_when() = Conditions();
      if (Chance(0.75)) {
        rule->set_effect(policy::v1::EFFECT_PERMIT);
        policy::v1::Permit* permit = rule->mutable_permit();
        permit->set_legal_basis(absl::StrCat("basis ", Int(0, 2)));
        permit->set_priority(static_cast<api::Priority>(Int(1, 3)));
        if (Chance(0.5)) permit->set_ack_deadline_minutes(Int(1, 600));
        const int grants = Int(1, 3);
        for (int g = 0; g < grants; ++g) {
          policy::v1::Grant* grant = permit->add_grants();
          *grant->mutable_recipient() = Recipient();
          for (std::string& f : Fields()) grant->add_fields(std::move(f));
        }
      } else {
        rule->set_effect(policy::v1::EFFECT_FORBID);
        policy::v1::Forbid* forbid = rule->mutable_forbid();
        if (Chance(0.5)) forbid->add_roles(static_cast<api::RecipientRole>(Int(1, 8)));
        if (Chance(0.6)) {
          for (const std::string& f : Fields()) {
            if (f != kProtectedSource) forbid->add_withhold(f);
          }
        }
      }
    }
    return p;
  }

  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

// One generated world: a notification, its links and a policy.
struct World {
  api::Notification notification;
  api::MatchResult match;
  api::OffenderRecord subject;
  std::vector<RelatedLink> related;
  policy::v1::Policy policy;

  PolicyInput Input() const {
    return PolicyInput{&notification, &match, &subject, testing::EventTime() + absl::Hours(10), related};
  }
};

inline World MakeWorld(Generator& gen) {
  World w;
  w.notification = gen.Notification();
  w.subject = gen.Person("X100001");
  w.match.set_decision(gen.Chance(0.85) ? api::MATCH_DECISION_LINKED : api::MATCH_DECISION_NO_MATCH);
  w.match.set_crn("X100001");
  w.match.set_method(gen.Chance(0.2) ? api::MATCH_METHOD_HUMAN_REVIEW : api::MATCH_METHOD_PROBABILISTIC);
  for (int i = 0; i < w.notification.related_people_size(); ++i) {
    if (!gen.Chance(0.3)) continue;
    api::MatchResult m;
    m.set_decision(api::MATCH_DECISION_LINKED);
    m.set_crn(absl::StrCat("Y20000", i));
    w.related.push_back({i, m, gen.Person(m.crn())});
  }
  w.policy = gen.Policy();
  return w;
}

}  // namespace liaison::policy

#endif  // LIAISON_POLICY_WORLD_GENERATOR_H_
