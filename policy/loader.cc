#include "policy/loader.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "broker/common/crypto.h"
#include "google/protobuf/io/tokenizer.h"
#include "policy/conditions.h"
#include "policy/field_mask.h"
#include "policy/text_location.h"

namespace liaison::policy {
namespace {

using internal::CollectErrors;
using internal::LineOf;
using internal::Step;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;


bool IsRuleId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  if (!absl::ascii_islower(id[0]) && !absl::ascii_isdigit(id[0])) return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '.' && c != '_' && c != '/' && c != '-') return false;
  }
  return true;
}

bool IsPolicyId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (!absl::ascii_islower(id[0]) && !absl::ascii_isdigit(id[0])) return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '.' && c != '-') return false;
  }
  return true;
}

std::string SpecKey(const policy::v1::RecipientSpec& spec) {
  return absl::StrCat(spec.role(), "|", spec.team(), "|", spec.prison());
}

class Validator {
 public:
  Validator(const policy::v1::Policy& policy, const policy::v1::Directory& directory, absl::string_view origin,
            const TextFormat::ParseInfoTree* tree)
      : policy_(policy), directory_(directory), origin_(origin), tree_(tree) {}

  std::vector<PolicyProblem> Run() {
    if (!IsPolicyId(policy_.policy_id())) {
      Add(LineOf(tree_, {{"policy_id"}}), "", "policy_id: is required: 1-64 of [a-z0-9.-], starting with a letter or digit");
    }
    CheckRetention();
    std::set<std::string> ids;
    std::vector<bool> sound(policy_.rules_size(), false);
    for (int i = 0; i < policy_.rules_size(); ++i) {
      const policy::v1::Rule& rule = policy_.rules(i);
      const size_t before = problems_.size();
      if (!IsRuleId(rule.id())) {
        AddRule(i, {{"id"}}, "id: is required: [a-z0-9][a-z0-9._/-]*, at most 128 characters");
      } else if (!ids.insert(rule.id()).second) {
        AddRule(i, {{"id"}}, "id: is used by an earlier rule; rule ids must be unique");
      }
      if (rule.description().empty()) AddRule(i, {{"description"}}, "description: is required (say what the rule is for)");
      CheckRule(i);
      sound[i] = problems_.size() == before;
    }
    CheckShadowing(sound);
    return std::move(problems_);
  }

 private:
  void Add(int line, std::string rule_id, std::string message) {
    problems_.push_back({origin_, line, std::move(rule_id), std::move(message)});
  }

  // A problem inside rule `i`, at the deepest element of `path` written.
  void AddRule(int i, std::initializer_list<Step> path, std::string message) {
    std::vector<Step> full = {{"rules", i}};
    full.insert(full.end(), path.begin(), path.end());
    const int line = LineOf(tree_, full);
    const std::string& id = policy_.rules(i).id();
    Add(line, id.empty() ? absl::StrCat("#", i + 1) : id, std::move(message));
  }

  void CheckRetention() {
    std::set<int> kinds;
    for (int i = 0; i < policy_.retention_size(); ++i) {
      const policy::v1::Retention& r = policy_.retention(i);
      const int line = LineOf(tree_, {{"retention", i}});
      if (r.kind() == policy::v1::NOTIFICATION_KIND_UNSPECIFIED) {
        Add(line, "", absl::StrCat("retention[", i, "].kind: is required"));
      } else if (!kinds.insert(r.kind()).second) {
        Add(line, "", absl::StrCat("retention[", i, "].kind: ", policy::v1::NotificationKind_Name(r.kind()),
                                   " already has a retention period"));
      }
      if (r.unmatched_days() == 0 && r.delivered_days() == 0) {
        Add(line, "", absl::StrCat("retention[", i, "]: give unmatched_days, delivered_days or both"));
      }
    }
  }

  // Can the directory ever resolve `spec`? Empty when it can.
  std::string Unresolvable(const policy::v1::RecipientSpec& spec) const {
    auto any_area = [&](auto member) {
      return std::any_of(directory_.areas().begin(), directory_.areas().end(),
                         [&](const policy::v1::Area& a) { return !member(a).empty(); });
    };
    const std::string role = api::RecipientRole_Name(spec.role());
    if (spec.role() != api::RECIPIENT_ROLE_TEAM_INBOX && !spec.team().empty()) {
      return absl::StrCat("team: only a RECIPIENT_ROLE_TEAM_INBOX names a team, not ", role);
    }
    if (spec.role() != api::RECIPIENT_ROLE_PRISON_SECURITY && spec.prison() != policy::v1::PRISON_SELECTOR_UNSPECIFIED) {
      return absl::StrCat("prison: only a RECIPIENT_ROLE_PRISON_SECURITY selects a prison, not ", role);
    }
    switch (spec.role()) {
      case api::RECIPIENT_ROLE_UNSPECIFIED:
        return "role: is required";
      case api::RECIPIENT_ROLE_OFFENDER_MANAGER:
      case api::RECIPIENT_ROLE_CO_WORKER:
      case api::RECIPIENT_ROLE_MANAGER:
        return "";
      case api::RECIPIENT_ROLE_MAPPA_COORDINATOR:
        return any_area([](const policy::v1::Area& a) -> const std::string& { return a.mappa_coordinator(); })
                   ? ""
                   : "cannot resolve: the directory names no area's MAPPA coordinator";
      case api::RECIPIENT_ROLE_POLICE_PUBLIC_PROTECTION:
        return any_area([](const policy::v1::Area& a) -> const std::string& { return a.police_public_protection(); })
                   ? ""
                   : "cannot resolve: the directory names no area's police public protection unit";
      case api::RECIPIENT_ROLE_DUTY_INBOX:
        return any_area([](const policy::v1::Area& a) -> const std::string& { return a.duty_inbox(); })
                   ? ""
                   : "cannot resolve: the directory names no area's duty inbox";
      case api::RECIPIENT_ROLE_PRISON_SECURITY:
        return std::any_of(directory_.prisons().begin(), directory_.prisons().end(),
                           [](const policy::v1::PrisonEntry& p) { return !p.security_inbox().empty(); })
                   ? ""
                   : "cannot resolve: the directory names no prison security department";
      case api::RECIPIENT_ROLE_TEAM_INBOX:
        if (spec.team().empty()) return "team: is required for RECIPIENT_ROLE_TEAM_INBOX";
        for (const policy::v1::TeamEntry& t : directory_.teams()) {
          if (t.code() == spec.team()) return "";
        }
        return absl::StrCat("cannot resolve: team '", spec.team(), "' is not in the directory");
      default:
        return absl::StrCat("role: ", static_cast<int>(spec.role()), " is not a recipient role");
    }
  }

  void CheckFieldPath(int i, std::initializer_list<Step> where, const std::string& label, const std::string& path,
                      bool withhold) {
    if (withhold && path == kProtectedSource) {
      AddRule(i, where, absl::StrCat(label, ": '", path, "' can only be granted, not withheld"));
    } else if (IsAlwaysVisible(path)) {
      AddRule(i, where, absl::StrCat(label, ": '", path, "' is always visible; remove it"));
    } else if (!IsKnownField(path)) {
      AddRule(i, where, absl::StrCat(label, ": '", path, "' is not a field path (docs/policy.md lists them)"));
    }
  }

  void CheckRule(int i) {
    const policy::v1::Rule& rule = policy_.rules(i);
    switch (rule.effect()) {
      case policy::v1::EFFECT_PERMIT:
        if (!rule.has_permit()) AddRule(i, {{"effect"}}, "permit: is required when effect is EFFECT_PERMIT");
        if (rule.has_forbid()) AddRule(i, {{"forbid"}}, "forbid: is only for EFFECT_FORBID rules");
        if (rule.has_permit()) CheckPermit(i, rule.permit());
        break;
      case policy::v1::EFFECT_FORBID:
        if (!rule.has_forbid()) AddRule(i, {{"effect"}}, "forbid: is required when effect is EFFECT_FORBID");
        if (rule.has_permit()) AddRule(i, {{"permit"}}, "permit: is only for EFFECT_PERMIT rules");
        if (rule.has_forbid()) CheckForbid(i, rule.forbid());
        break;
      default:
        AddRule(i, {{"effect"}}, "effect: is required (EFFECT_PERMIT or EFFECT_FORBID)");
    }
    const NormalisedConditions when = Normalise(rule.when());
    if (when.links.contains(policy::v1::LINK_UNSPECIFIED)) {
      AddRule(i, {{"when"}, {"links"}}, "can never fire: links: LINK_UNSPECIFIED never matches");
    }
    if (std::optional<std::string> never = NeverHolds(when)) {
      AddRule(i, {{"when"}}, absl::StrCat("can never fire: ", *never));
    }
  }

  void CheckPermit(int i, const policy::v1::Permit& permit) {
    if (absl::StripAsciiWhitespace(permit.legal_basis()).empty()) {
      AddRule(i, {{"permit"}, {"legal_basis"}},
              "permit.legal_basis: is required: every share must name the law it relies on");
    }
    if (permit.priority() == api::PRIORITY_UNSPECIFIED) {
      AddRule(i, {{"permit"}, {"priority"}},
              "permit.priority: is required (PRIORITY_IMMEDIATE, PRIORITY_SAME_DAY or PRIORITY_ROUTINE)");
    }
    if (permit.grants_size() == 0) {
      AddRule(i, {{"permit"}}, "permit.grants: a permit must name at least one recipient");
    }
    std::set<std::string> specs;
    for (int g = 0; g < permit.grants_size(); ++g) {
      const policy::v1::Grant& grant = permit.grants(g);
      const std::string label = absl::StrCat("permit.grants[", g, "]");
      if (std::string why = Unresolvable(grant.recipient()); !why.empty()) {
        AddRule(i, {{"permit"}, {"grants", g}, {"recipient"}}, absl::StrCat(label, ".recipient: ", why));
      }
      if (!specs.insert(SpecKey(grant.recipient())).second) {
        AddRule(i, {{"permit"}, {"grants", g}},
                absl::StrCat(label, ": names the same recipient as an earlier grant; merge their fields"));
      }
      for (int f = 0; f < grant.fields_size(); ++f) {
        CheckFieldPath(i, {{"permit"}, {"grants", g}, {"fields", f}}, absl::StrCat(label, ".fields[", f, "]"),
                       grant.fields(f), false);
      }
    }
    if (permit.escalation_size() > 0 && permit.ack_deadline_minutes() == 0) {
      AddRule(i, {{"permit"}, {"escalation", 0}},
              "permit.escalation: needs permit.ack_deadline_minutes (escalation happens when the deadline passes)");
    }
    for (int e = 0; e < permit.escalation_size(); ++e) {
      if (std::string why = Unresolvable(permit.escalation(e)); !why.empty()) {
        AddRule(i, {{"permit"}, {"escalation", e}}, absl::StrCat("permit.escalation[", e, "]: ", why));
      }
    }
  }

  void CheckForbid(int i, const policy::v1::Forbid& forbid) {
    for (int r = 0; r < forbid.roles_size(); ++r) {
      if (forbid.roles(r) == api::RECIPIENT_ROLE_UNSPECIFIED) {
        AddRule(i, {{"forbid"}, {"roles", r}}, absl::StrCat("forbid.roles[", r, "]: RECIPIENT_ROLE_UNSPECIFIED is not a role"));
      }
    }
    for (int f = 0; f < forbid.withhold_size(); ++f) {
      CheckFieldPath(i, {{"forbid"}, {"withhold", f}}, absl::StrCat("forbid.withhold[", f, "]"), forbid.withhold(f),
                     true);
    }
  }

  // True when every recipient and field `p` grants, `q` grants too, on the
  // same legal basis, at least as urgently, with the same deadline and
  // escalation (or `p` sets none): `p` adds nothing wherever `q` holds.
  static bool AddsNothing(const policy::v1::Permit& p, const policy::v1::Permit& q) {
    if (p.legal_basis() != q.legal_basis() || q.priority() > p.priority()) return false;
    if (p.ack_deadline_minutes() != 0) {
      if (q.ack_deadline_minutes() != p.ack_deadline_minutes() || q.escalation_size() != p.escalation_size()) {
        return false;
      }
      for (int e = 0; e < p.escalation_size(); ++e) {
        if (SpecKey(p.escalation(e)) != SpecKey(q.escalation(e))) return false;
      }
    }
    for (const policy::v1::Grant& g : p.grants()) {
      const auto h = std::find_if(q.grants().begin(), q.grants().end(), [&](const policy::v1::Grant& h) {
        return SpecKey(h.recipient()) == SpecKey(g.recipient());
      });
      if (h == q.grants().end()) return false;
      const std::set<std::string> have(h->fields().begin(), h->fields().end());
      for (const std::string& f : g.fields()) {
        if (!have.contains(f)) return false;
      }
    }
    return true;
  }

  void CheckShadowing(const std::vector<bool>& sound) {
    std::vector<NormalisedConditions> when;
    for (const policy::v1::Rule& rule : policy_.rules()) when.push_back(Normalise(rule.when()));
    for (int i = 0; i < policy_.rules_size(); ++i) {
      const policy::v1::Rule& p = policy_.rules(i);
      if (!sound[i] || p.effect() != policy::v1::EFFECT_PERMIT) continue;
      std::set<int> roles;
      for (const policy::v1::Grant& g : p.permit().grants()) roles.insert(g.recipient().role());
      for (int j = 0; j < policy_.rules_size(); ++j) {
        const policy::v1::Rule& q = policy_.rules(j);
        if (j == i || !sound[j] || !AtLeastAsGeneral(when[j], when[i])) continue;
        if (q.effect() == policy::v1::EFFECT_FORBID && q.forbid().withhold_size() == 0) {
          const bool covers = q.forbid().roles_size() == 0 ||
                              std::all_of(roles.begin(), roles.end(), [&](int r) {
                                return std::find(q.forbid().roles().begin(), q.forbid().roles().end(), r) !=
                                       q.forbid().roles().end();
                              });
          if (covers) {
            AddRule(i, {}, absl::StrCat("shadowed: forbid '", q.id(), "' holds wherever this rule does and removes every "
                                        "recipient it names, so it can never share anything"));
            break;
          }
        }
        if (q.effect() == policy::v1::EFFECT_PERMIT && AddsNothing(p.permit(), q.permit())) {
          // Two identical rules: report only the later id.
          const bool mutual = AtLeastAsGeneral(when[i], when[j]) && AddsNothing(q.permit(), p.permit());
          if (mutual && p.id() < q.id()) continue;
          AddRule(i, {}, absl::StrCat("shadowed: permit '", q.id(), "' holds wherever this rule does and already "
                                      "grants everything it grants, on the same legal basis"));
          break;
        }
      }
    }
  }

  const policy::v1::Policy& policy_;
  const policy::v1::Directory& directory_;
  std::string origin_;
  const TextFormat::ParseInfoTree* tree_;
  std::vector<PolicyProblem> problems_;
};

}  // namespace

std::string PolicyProblem::ToString() const {
  std::string out = origin;
  if (line > 0) absl::StrAppend(&out, ":", line);
  absl::StrAppend(&out, ": ");
  if (!rule_id.empty()) absl::StrAppend(&out, "rule '", rule_id, "': ");
  absl::StrAppend(&out, message);
  return out;
}

std::vector<PolicyProblem> ValidatePolicy(const policy::v1::Policy& policy, const policy::v1::Directory& directory,
                                          absl::string_view origin, const TextFormat::ParseInfoTree* tree) {
  return Validator(policy, directory, origin, tree).Run();
}

std::string ContentHash(absl::string_view text) { return ToHex(Sha256({text})).substr(0, 16); }

absl::StatusOr<std::shared_ptr<const RulePolicy>> ParsePolicy(absl::string_view text, absl::string_view origin,
                                                              const policy::v1::Directory& directory) {
  policy::v1::Policy proto;
  TextFormat::Parser parser;
  CollectErrors errors{std::string(origin), text};
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &proto)) {
    std::vector<std::string> lines = errors.errors();
    if (lines.empty()) lines.push_back(absl::StrCat(origin, ": not a liaison.policy.v1.Policy textproto"));
    return absl::InvalidArgumentError(absl::StrCat("invalid policy:\n", absl::StrJoin(lines, "\n")));
  }
  std::vector<PolicyProblem> problems = ValidatePolicy(proto, directory, origin, &tree);
  if (!problems.empty()) {
    std::vector<std::string> lines;
    for (const PolicyProblem& p : problems) lines.push_back(p.ToString());
    return absl::InvalidArgumentError(
        absl::StrCat("invalid policy (", problems.size(), " problem", problems.size() == 1 ? "" : "s", "):\n",
                     absl::StrJoin(lines, "\n")));
  }
  return std::make_shared<const RulePolicy>(std::move(proto), directory, ContentHash(text));
}

absl::StatusOr<std::shared_ptr<const RulePolicy>> LoadPolicyFile(const std::string& path,
                                                                  const policy::v1::Directory& directory) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the policy file"));
  std::stringstream text;
  text << in.rdbuf();
  return ParsePolicy(text.str(), path, directory);
}


}  // namespace liaison::policy
