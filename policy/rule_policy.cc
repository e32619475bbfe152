#include "policy/rule_policy.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/field_mask.h"

namespace liaison::policy {
namespace {

using policy::v1::Link;

struct LinkContext {
  Link link = policy::v1::LINK_SUBJECT;
  const api::MatchResult* match = nullptr;
  const api::OffenderRecord* offender = nullptr;
};

Link LinkOfRole(api::RelatedRole role) {
  switch (role) {
    case api::RELATED_ROLE_VICTIM:
      return policy::v1::LINK_VICTIM;
    case api::RELATED_ROLE_CHILD:
      return policy::v1::LINK_CHILD;
    case api::RELATED_ROLE_PARTNER:
      return policy::v1::LINK_PARTNER;
    case api::RELATED_ROLE_CORRESPONDENT:
      return policy::v1::LINK_CORRESPONDENT;
    case api::RELATED_ROLE_CO_ACCUSED:
      return policy::v1::LINK_CO_ACCUSED;
    case api::RELATED_ROLE_CALLER:
      return policy::v1::LINK_CALLER;
    default:
      return policy::v1::LINK_UNSPECIFIED;
  }
}

policy::v1::MatchBasis BasisOf(const api::MatchResult& match) {
  return match.method() == api::MATCH_METHOD_HUMAN_REVIEW ? policy::v1::MATCH_BASIS_HUMAN_CONFIRMED
                                                         : policy::v1::MATCH_BASIS_AUTO_LINKED;
}

struct Recipient {
  std::string id;
  api::RecipientRole role;
};

// Lower is more urgent; UNSPECIFIED never reaches here (validation).
bool MoreUrgent(api::Priority a, api::Priority b) { return a < b; }

// What one recipient gets about one linked person, as the permits and
// forbids accumulate.
struct Share {
  api::RecipientRole role = api::RECIPIENT_ROLE_UNSPECIFIED;
  const LinkContext* context = nullptr;
  std::set<std::string> fields;
  std::set<std::string> withhold;
  std::set<std::string> rules;
  std::set<std::string> bases;
  api::Priority priority = api::PRIORITY_UNSPECIFIED;
  absl::Duration deadline = absl::ZeroDuration();
  const policy::v1::Permit* deadline_permit = nullptr;
  api::Priority deadline_priority = api::PRIORITY_UNSPECIFIED;
};

class Resolver {
 public:
  Resolver(const policy::v1::Directory& directory, const api::Notification& notification)
      : directory_(directory), notification_(notification) {}

  // Appends the recipients `spec` names for `context`; explains a recipient
  // that cannot be resolved in `problem` (no personal data).
  void Resolve(const policy::v1::RecipientSpec& spec, const LinkContext& context, std::vector<Recipient>* out,
               std::string* problem) const {
    const api::OffenderRecord& p = *context.offender;
    const std::string role = api::RecipientRole_Name(spec.role());
    auto staff = [&](const api::StaffMember& member, const char* what) {
      // A case without a co-worker is normal, not a problem worth noting.
      if (member.staff_code().empty() && spec.role() == api::RECIPIENT_ROLE_CO_WORKER) return;
      if (member.staff_code().empty()) {
        *problem = absl::StrCat(role, ": no ", what, " on the offender record");
        return;
      }
      out->push_back({member.staff_code(), spec.role()});
    };
    auto area = [&](auto member, const char* what) {
      const policy::v1::Area* a = FindArea(p.area_code());
      if (a == nullptr || member(*a).empty()) {
        *problem = absl::StrCat(role, ": the directory has no ", what, " for the person's area");
        return;
      }
      out->push_back({member(*a), spec.role()});
    };
    switch (spec.role()) {
      case api::RECIPIENT_ROLE_OFFENDER_MANAGER:
        return staff(p.offender_manager(), "offender manager");
      case api::RECIPIENT_ROLE_CO_WORKER:
        return staff(p.co_worker(), "co-worker");
      case api::RECIPIENT_ROLE_MANAGER:
        return staff(p.manager(), "manager");
      case api::RECIPIENT_ROLE_MAPPA_COORDINATOR:
        return area([](const policy::v1::Area& a) -> const std::string& { return a.mappa_coordinator(); },
                    "MAPPA coordinator");
      case api::RECIPIENT_ROLE_POLICE_PUBLIC_PROTECTION:
        return area([](const policy::v1::Area& a) -> const std::string& { return a.police_public_protection(); },
                    "police public protection unit");
      case api::RECIPIENT_ROLE_DUTY_INBOX:
        return area([](const policy::v1::Area& a) -> const std::string& { return a.duty_inbox(); },
                    "duty inbox");
      case api::RECIPIENT_ROLE_PRISON_SECURITY: {
        std::vector<std::string> codes;
        const bool both = spec.prison() == policy::v1::PRISON_SELECTOR_UNSPECIFIED;
        if (both || spec.prison() == policy::v1::PRISON_SELECTOR_HOLDING) {
          if (!p.prison_code().empty()) codes.push_back(p.prison_code());
        }
        if (both || spec.prison() == policy::v1::PRISON_SELECTOR_NAMED) {
          const std::string& named = notification_.prison_mail_flag().establishment();
          if (!named.empty() && std::find(codes.begin(), codes.end(), named) == codes.end()) codes.push_back(named);
        }
        if (codes.empty()) *problem = absl::StrCat(role, ": no prison holds the person or is named");
        for (const std::string& code : codes) {
          const policy::v1::PrisonEntry* prison = FindPrison(code);
          if (prison == nullptr || prison->security_inbox().empty()) {
            *problem = absl::StrCat(role, ": the directory has no security inbox for a prison involved");
            continue;
          }
          out->push_back({prison->security_inbox(), spec.role()});
        }
        return;
      }
      case api::RECIPIENT_ROLE_TEAM_INBOX: {
        for (const policy::v1::TeamEntry& team : directory_.teams()) {
          if (team.code() == spec.team()) {
            out->push_back({team.inbox(), spec.role()});
            return;
          }
        }
        *problem = absl::StrCat(role, ": team ", spec.team(), " is not in the directory");
        return;
      }
      default:
        *problem = absl::StrCat(role, ": not a recipient role");
        return;
    }
  }

 private:
  const policy::v1::Area* FindArea(const std::string& code) const {
    for (const policy::v1::Area& a : directory_.areas()) {
      if (!code.empty() && a.code() == code) return &a;
    }
    return nullptr;
  }
  const policy::v1::PrisonEntry* FindPrison(const std::string& code) const {
    for (const policy::v1::PrisonEntry& p : directory_.prisons()) {
      if (p.code() == code) return &p;
    }
    return nullptr;
  }

  const policy::v1::Directory& directory_;
  const api::Notification& notification_;
};

std::string JoinSorted(const std::set<std::string>& values) { return absl::StrJoin(values, "; "); }

}  // namespace

policy::v1::NotificationKind KindOf(const api::Notification& notification) {
  switch (notification.event_case()) {
    case api::Notification::kPoliceCallout:
      return policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT;
    case api::Notification::kArrest:
      return policy::v1::NOTIFICATION_KIND_ARREST;
    case api::Notification::kSocialCareReferral:
      return policy::v1::NOTIFICATION_KIND_SOCIAL_CARE_REFERRAL;
    case api::Notification::kPrisonMailFlag:
      return policy::v1::NOTIFICATION_KIND_PRISON_MAIL_FLAG;
    default:
      return policy::v1::NOTIFICATION_KIND_UNSPECIFIED;
  }
}

RulePolicy::RulePolicy(policy::v1::Policy proto, policy::v1::Directory directory, std::string content_hash)
    : proto_(std::move(proto)),
      directory_(std::move(directory)),
      version_(absl::StrCat(proto_.policy_id(), "@", content_hash)) {
  for (const policy::v1::Rule& rule : proto_.rules()) rules_.push_back({&rule, Normalise(rule.when())});
  std::sort(rules_.begin(), rules_.end(),
            [](const CompiledRule& a, const CompiledRule& b) { return a.rule->id() < b.rule->id(); });
}

absl::Duration RulePolicy::UnmatchedRetention(policy::v1::NotificationKind kind, absl::Duration fallback) const {
  for (const policy::v1::Retention& r : proto_.retention()) {
    if (r.kind() == kind && r.unmatched_days() > 0) return absl::Hours(24) * r.unmatched_days();
  }
  return fallback;
}

std::optional<absl::Duration> RulePolicy::DeliveredRetention(policy::v1::NotificationKind kind) const {
  for (const policy::v1::Retention& r : proto_.retention()) {
    if (r.kind() == kind && r.delivered_days() > 0) return absl::Hours(24) * r.delivered_days();
  }
  return std::nullopt;
}

absl::Duration RulePolicy::AllocationHistory() const {
  const uint32_t days = proto_.allocation_history_days() > 0 ? proto_.allocation_history_days() : 365;
  return absl::Hours(24) * days;
}

absl::StatusOr<Decision> RulePolicy::Decide(const PolicyInput& input) const {
  absl::StatusOr<Explanation> explanation = Evaluate(input, /*trace=*/false);
  if (!explanation.ok()) return explanation.status();
  return std::move(explanation->decision);
}

absl::StatusOr<Explanation> RulePolicy::Explain(const PolicyInput& input) const { return Evaluate(input, true); }

absl::StatusOr<Explanation> RulePolicy::Evaluate(const PolicyInput& input, bool trace) const {
  if (input.notification == nullptr || input.match == nullptr) {
    return absl::InvalidArgumentError("policy input: notification and match are required");
  }
  const api::Notification& n = *input.notification;
  if (KindOf(n) == policy::v1::NOTIFICATION_KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError("notification: has no event, so no rule can be applied");
  }
  if (!n.has_occurred_at()) return absl::InvalidArgumentError("notification.occurred_at: is required");
  const absl::Time occurred = absl::FromUnixSeconds(n.occurred_at().seconds()) + absl::Nanoseconds(n.occurred_at().nanos());

  // The linked people: the subject, then related people, in order.
  std::vector<LinkContext> links;
  if (input.match->decision() == api::MATCH_DECISION_LINKED && input.offender != nullptr &&
      input.offender->merged_into().empty()) {
    links.push_back({policy::v1::LINK_SUBJECT, input.match, input.offender});
  }
  for (const RelatedLink& related : input.related) {
    if (related.related_index < 0 || related.related_index >= n.related_people_size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("policy input: related link ", related.related_index, " is not a related person"));
    }
    if (related.match.decision() != api::MATCH_DECISION_LINKED || !related.offender.merged_into().empty()) continue;
    const Link link = LinkOfRole(n.related_people(related.related_index).role());
    if (link == policy::v1::LINK_UNSPECIFIED) continue;
    links.push_back({link, &related.match, &related.offender});
  }

  Explanation out;
  Decision& decision = out.decision;
  decision.policy = version_;
  const Resolver resolver(directory_, n);
  std::set<std::string> fired;
  std::set<std::string> problems;
  // Keyed by (crn, recipient id): deterministic order.
  std::map<std::pair<std::string, std::string>, Share> shares;
  bool any_forbid_all = false;

  for (const LinkContext& link : links) {
    const Facts facts{&n, link.link, BasisOf(*link.match), link.offender, input.now - occurred};
    const std::string& crn = link.offender->crn();
    std::vector<const CompiledRule*> forbids;
    for (const CompiledRule& compiled : rules_) {
      const std::optional<std::string> failure = FirstFailure(compiled.when, facts);
      if (trace) {
        out.traces.push_back({compiled.rule->id(), compiled.rule->effect(), crn, link.link, !failure.has_value(),
                              failure.has_value() ? *failure : Summary(compiled.when)});
      }
      if (failure.has_value()) continue;
      fired.insert(compiled.rule->id());
      if (compiled.rule->effect() == policy::v1::EFFECT_FORBID) {
        forbids.push_back(&compiled);
        continue;
      }
      const policy::v1::Permit& permit = compiled.rule->permit();
      for (const policy::v1::Grant& grant : permit.grants()) {
        std::vector<Recipient> recipients;
        std::string problem;
        resolver.Resolve(grant.recipient(), link, &recipients, &problem);
        if (!problem.empty()) problems.insert(absl::StrCat("rule ", compiled.rule->id(), ": ", problem));
        for (const Recipient& r : recipients) {
          Share& share = shares[{crn, r.id}];
          if (share.context == nullptr || r.role < share.role) share.role = r.role;
          share.context = &link;
          share.fields.insert(grant.fields().begin(), grant.fields().end());
          share.rules.insert(compiled.rule->id());
          share.bases.insert(permit.legal_basis());
          if (share.priority == api::PRIORITY_UNSPECIFIED || MoreUrgent(permit.priority(), share.priority)) {
            share.priority = permit.priority();
          }
          const absl::Duration deadline = absl::Minutes(permit.ack_deadline_minutes());
          if (deadline > absl::ZeroDuration()) {
            const bool better = share.deadline_permit == nullptr || deadline < share.deadline ||
                                (deadline == share.deadline && MoreUrgent(permit.priority(), share.deadline_priority));
            if (better) {
              share.deadline = deadline;
              share.deadline_permit = &permit;
              share.deadline_priority = permit.priority();
            }
          }
        }
      }
    }
    // Forbids override: the whole share about this person, some recipients,
    // or some fields.
    for (const CompiledRule* forbid_rule : forbids) {
      const policy::v1::Forbid& forbid = forbid_rule->rule->forbid();
      if (forbid.roles_size() == 0 && forbid.withhold_size() == 0) any_forbid_all = true;
      for (auto it = shares.begin(); it != shares.end();) {
        Share& share = it->second;
        const bool applies = it->first.first == crn &&
                             (forbid.roles_size() == 0 || std::find(forbid.roles().begin(), forbid.roles().end(),
                                                                    share.role) != forbid.roles().end());
        if (!applies) {
          ++it;
          continue;
        }
        if (forbid.withhold_size() == 0) {
          it = shares.erase(it);
          continue;
        }
        share.withhold.insert(forbid.withhold().begin(), forbid.withhold().end());
        share.rules.insert(forbid_rule->rule->id());
        ++it;
      }
    }
  }

  std::set<std::string> bases;
  for (auto& [key, share] : shares) {
    Delivery delivery;
    delivery.crn = key.first;
    delivery.recipient_id = key.second;
    delivery.role = share.role;
    const std::vector<std::string> allowed(share.fields.begin(), share.fields.end());
    const std::vector<std::string> withhold(share.withhold.begin(), share.withhold.end());
    View view = ApplyFields(n, allowed, withhold);
    delivery.view = std::move(view.notification);
    delivery.withheld = std::move(view.withheld);
    delivery.summary_only = view.summary_only;
    delivery.rule_ids.assign(share.rules.begin(), share.rules.end());
    delivery.legal_basis = JoinSorted(share.bases);
    delivery.priority = share.priority;
    delivery.ack_deadline = share.deadline;
    if (share.deadline_permit != nullptr) {
      for (const policy::v1::RecipientSpec& spec : share.deadline_permit->escalation()) {
        std::vector<Recipient> targets;
        std::string problem;
        resolver.Resolve(spec, *share.context, &targets, &problem);
        if (!problem.empty()) problems.insert(absl::StrCat("escalation: ", problem));
        for (const Recipient& t : targets) delivery.escalation.push_back({t.id, t.role});
      }
    }
    bases.insert(share.bases.begin(), share.bases.end());
    if (decision.deliveries.empty() || MoreUrgent(delivery.priority, decision.priority)) {
      decision.priority = delivery.priority;
    }
    decision.deliveries.push_back(std::move(delivery));
  }
  decision.rule_ids.assign(fired.begin(), fired.end());
  decision.legal_basis = JoinSorted(bases);
  std::vector<std::string> reasons;
  if (decision.deliveries.empty()) {
    if (links.empty()) {
      reasons.push_back("not linked to an offender");
    } else if (any_forbid_all) {
      reasons.push_back("a forbid rule overrides every permit");
    } else if (fired.empty()) {
      reasons.push_back("no rule permits sharing (default deny)");
    } else {
      reasons.push_back("no recipient could be resolved");
    }
  }
  reasons.insert(reasons.end(), problems.begin(), problems.end());
  decision.reason = absl::StrJoin(reasons, "; ");
  return out;
}

}  // namespace liaison::policy
