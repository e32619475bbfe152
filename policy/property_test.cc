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
#include "policy/world_generator.h"

namespace liaison::policy {
namespace {

constexpr int kTrials = 400;


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
