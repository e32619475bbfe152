// Properties of the engine over generated policies and notifications:
// default deny, forbid beats permit, rule order never matters, and a field
// never reaches a recipient unless a permit for that recipient allows it.

#include <algorithm>
#include <random>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "policy/field_mask.h"
#include "policy/rule_policy.h"
#include "policy/test_util.h"

namespace liaison::policy {
namespace {

constexpr int kTrials = 400;

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
        a->set_outcome(static_cast<api::ArrestOutcome>(Int(1, 6)));
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

World MakeWorld(Generator& gen) {
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

RulePolicy Build(const policy::v1::Policy& proto) { return RulePolicy(proto, testing::TestDirectory(), "test"); }

// A canonical text of a decision, to compare two decisions exactly.
std::string Canonical(const Decision& d) {
  std::string out = absl::StrCat(d.policy, "|", absl::StrJoin(d.rule_ids, ","), "|", d.legal_basis, "|", d.priority,
                                 "|", d.reason, "\n");
  for (const Delivery& x : d.deliveries) {
    absl::StrAppend(&out, x.recipient_id, "/", x.role, "/", x.crn, "/", x.priority, "/", x.legal_basis, "/",
                    absl::StrJoin(x.rule_ids, ","), "/", absl::FormatDuration(x.ack_deadline), "/",
                    x.summary_only, "/", absl::StrJoin(x.withheld, ","), "/", x.view.SerializeAsString(), "/");
    for (const EscalationTarget& t : x.escalation) absl::StrAppend(&out, t.recipient_id, ":", t.role, ";");
    out += "\n";
  }
  return out;
}

int Deliveries(Generator& gen, const World& w) {
  RulePolicy policy = Build(w.policy);
  return static_cast<int>(policy.Decide(w.Input())->deliveries.size());
}

TEST(PolicyPropertyTest, DefaultDenyWithoutAPermitNothingIsShared) {
  Generator gen(1);
  int checked = 0;
  for (int t = 0; t < kTrials; ++t) {
    World w = MakeWorld(gen);
    // Remove every permit: forbids alone can never share anything.
    auto* rules = w.policy.mutable_rules();
    rules->erase(std::remove_if(rules->begin(), rules->end(),
                                [](const policy::v1::Rule& r) { return r.effect() == policy::v1::EFFECT_PERMIT; }),
                 rules->end());
    absl::StatusOr<Decision> d = Build(w.policy).Decide(w.Input());
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_TRUE(d->deliveries.empty());
    EXPECT_FALSE(d->reason.empty());
    ++checked;
  }
  EXPECT_EQ(checked, kTrials);
}

TEST(PolicyPropertyTest, AForbidThatHoldsBeatsEveryPermit) {
  Generator gen(2);
  int shared_before = 0;
  for (int t = 0; t < kTrials; ++t) {
    World w = MakeWorld(gen);
    shared_before += Deliveries(gen, w) > 0;
    // A forbid holding for every link removes every share.
    policy::v1::Rule* all = w.policy.add_rules();
    all->set_id("zz-forbid-all");
    all->set_effect(policy::v1::EFFECT_FORBID);
    for (int l = 1; l <= 7; ++l) all->mutable_when()->add_links(static_cast<policy::v1::Link>(l));
    all->mutable_forbid();
    EXPECT_EQ(Deliveries(gen, w), 0);
    // A forbid for one role removes exactly that role's shares.
    w.policy.mutable_rules()->RemoveLast();
    const auto role = static_cast<api::RecipientRole>(gen.Int(1, 8));
    policy::v1::Rule* by_role = w.policy.add_rules();
    by_role->set_id("zz-forbid-role");
    by_role->set_effect(policy::v1::EFFECT_FORBID);
    for (int l = 1; l <= 7; ++l) by_role->mutable_when()->add_links(static_cast<policy::v1::Link>(l));
    by_role->mutable_forbid()->add_roles(role);
    absl::StatusOr<Decision> d = Build(w.policy).Decide(w.Input());
    ASSERT_TRUE(d.ok());
    for (const Delivery& x : d->deliveries) EXPECT_NE(x.role, role);
  }
  // The generator must produce worlds where something was shared, or the
  // property says nothing.
  EXPECT_GT(shared_before, kTrials / 5);
}

TEST(PolicyPropertyTest, ShufflingRulesNeverChangesADecision) {
  Generator gen(3);
  int with_deliveries = 0;
  for (int t = 0; t < kTrials; ++t) {
    World w = MakeWorld(gen);
    const std::string expected = Canonical(*Build(w.policy).Decide(w.Input()));
    with_deliveries += expected.find('/') != std::string::npos;
    for (int s = 0; s < 3; ++s) {
      policy::v1::Policy shuffled = w.policy;
      std::vector<policy::v1::Rule> rules(shuffled.rules().begin(), shuffled.rules().end());
      std::shuffle(rules.begin(), rules.end(), gen.rng());
      shuffled.clear_rules();
      for (policy::v1::Rule& r : rules) *shuffled.add_rules() = std::move(r);
      EXPECT_EQ(Canonical(*Build(shuffled).Decide(w.Input())), expected);
    }
  }
  EXPECT_GT(with_deliveries, kTrials / 5);
}

// Every field path set in `view` at depth <= 2 (and related people's
// details by role), except the always-visible ones.
std::vector<std::string> VisiblePaths(const api::Notification& view) {
  std::vector<std::string> out;
  const auto* reflection = view.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(view, &fields);
  for (const auto* f : fields) {
    if (f->name() == "related_people") {
      for (const api::RelatedPerson& r : view.related_people()) {
        if (!r.has_person()) continue;
        out.push_back(absl::StrCat("related_people.",
                                   absl::AsciiStrToLower(absl::StripPrefix(api::RelatedRole_Name(r.role()),
                                                                           "RELATED_ROLE_"))));
      }
      continue;
    }
    if (IsAlwaysVisible(f->name())) continue;
    if (f->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE && !f->is_repeated()) {
      const google::protobuf::Message& sub = reflection->GetMessage(view, f);
      std::vector<const google::protobuf::FieldDescriptor*> subfields;
      sub.GetReflection()->ListFields(sub, &subfields);
      for (const auto* g : subfields) {
        const std::string path = absl::StrCat(f->name(), ".", g->name());
        if (!IsAlwaysVisible(path)) out.push_back(path);
      }
      continue;
    }
    out.push_back(f->name());
  }
  return out;
}

bool CoveredBy(const std::string& path, const std::set<std::string>& allowed) {
  for (const std::string& a : allowed) {
    if (path == a || absl::StartsWith(path, a + ".")) return true;
  }
  return false;
}

TEST(PolicyPropertyTest, AFieldIsVisibleOnlyWhenAPermitForThatRecipientAllowsIt) {
  Generator gen(4);
  int fields_seen = 0;
  for (int t = 0; t < kTrials; ++t) {
    World w = MakeWorld(gen);
    absl::StatusOr<Decision> d = Build(w.policy).Decide(w.Input());
    ASSERT_TRUE(d.ok());
    for (const Delivery& x : d->deliveries) {
      // What the permits that named this recipient's role allow, minus what
      // any forbid on its rule list withholds.
      std::set<std::string> allowed;
      std::set<std::string> withheld;
      bool protected_granted = false;
      for (const policy::v1::Rule& rule : w.policy.rules()) {
        if (std::find(x.rule_ids.begin(), x.rule_ids.end(), rule.id()) == x.rule_ids.end()) continue;
        if (rule.effect() == policy::v1::EFFECT_FORBID) {
          withheld.insert(rule.forbid().withhold().begin(), rule.forbid().withhold().end());
          continue;
        }
        for (const policy::v1::Grant& g : rule.permit().grants()) {
          if (g.recipient().role() != x.role) continue;
          allowed.insert(g.fields().begin(), g.fields().end());
          protected_granted |= std::find(g.fields().begin(), g.fields().end(), kProtectedSource) != g.fields().end();
        }
      }
      const bool nfod = std::find(w.notification.caveats().begin(), w.notification.caveats().end(),
                                  api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE) != w.notification.caveats().end();
      const bool protect = std::find(w.notification.caveats().begin(), w.notification.caveats().end(),
                                     api::CAVEAT_PROTECT_SOURCE) != w.notification.caveats().end();
      // The documented exception: not for onward disclosure always leaves
      // the originator's contact (and only that).
      if (nfod) allowed.insert("originator_contact");
      for (const std::string& path : VisiblePaths(x.view)) {
        ++fields_seen;
        EXPECT_TRUE(CoveredBy(path, allowed)) << path << " reached " << x.recipient_id << " unpermitted";
        EXPECT_FALSE(CoveredBy(path, withheld)) << path << " reached " << x.recipient_id << " though withheld";
        if (nfod) EXPECT_EQ(path, "originator_contact") << "not for onward disclosure";
        if (protect && !protected_granted) {
          EXPECT_FALSE(absl::EndsWith(path, ".summary") || path == "related_people.caller") << path;
        }
      }
    }
  }
  EXPECT_GT(fields_seen, kTrials / 4);
}

}  // namespace
}  // namespace liaison::policy
