#include "policy/conditions.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "policy/policy.h"

namespace liaison::policy {
namespace {

using policy::v1::NotificationKind;

template <typename Repeated>
std::set<int> Ints(const Repeated& values) {
  std::set<int> out;
  for (int v : values) out.insert(v);
  return out;
}

template <typename Name>
std::string Names(const std::set<int>& values, Name name) {
  std::vector<std::string> names;
  for (int v : values) names.push_back(name(v));
  return absl::StrJoin(names, ", ");
}

// Empty `want` holds; otherwise `have` must be in it.
template <typename Name>
std::optional<std::string> OneOf(const char* field, const std::set<int>& want, int have, Name name) {
  if (want.empty() || want.contains(have)) return std::nullopt;
  return absl::StrCat(field, ": is ", name(have), ", wants one of ", Names(want, name));
}

bool Subset(const std::set<int>& small, const std::set<int>& big) {
  return std::includes(big.begin(), big.end(), small.begin(), small.end());
}
bool Subset(const std::set<std::string>& small, const std::set<std::string>& big) {
  return std::includes(big.begin(), big.end(), small.begin(), small.end());
}

// a (empty: anything) covers everything b (empty: anything) admits.
template <typename Set>
bool Covers(const Set& a, const Set& b) {
  if (a.empty()) return true;
  if (b.empty()) return false;
  return Subset(b, a);
}

template <typename T>
bool CoversOptional(const std::optional<T>& a, const std::optional<T>& b) {
  return !a.has_value() || a == b;
}

std::string KindName(int v) { return policy::v1::NotificationKind_Name(static_cast<NotificationKind>(v)); }

}  // namespace

NormalisedConditions Normalise(const policy::v1::Conditions& w) {
  NormalisedConditions c;
  c.kinds = Ints(w.kinds());
  c.incident_types = Ints(w.callout_incident_types());
  c.referral_reasons = Ints(w.referral_reasons());
  c.stages = Ints(w.child_protection_stages());
  c.mail_concerns = Ints(w.mail_concerns());
  c.arrest_outcomes = Ints(w.arrest_outcomes());
  if (w.has_children_present()) c.children_present = w.children_present();
  // Sub-type conditions imply their kind.
  if (c.kinds.empty()) {
    if (!c.incident_types.empty() || c.children_present.has_value()) {
      c.kinds.insert(policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT);
    }
    if (!c.referral_reasons.empty() || !c.stages.empty()) c.kinds.insert(policy::v1::NOTIFICATION_KIND_SOCIAL_CARE_REFERRAL);
    if (!c.mail_concerns.empty()) c.kinds.insert(policy::v1::NOTIFICATION_KIND_PRISON_MAIL_FLAG);
    if (!c.arrest_outcomes.empty()) c.kinds.insert(policy::v1::NOTIFICATION_KIND_ARREST);
  }
  c.agency_kinds = Ints(w.source_agency_kinds());
  for (const std::string& o : w.source_organisations()) c.organisations.insert(o);
  c.classifications = Ints(w.classifications());
  c.caveats_any = Ints(w.caveats_any());
  c.caveats_none = Ints(w.caveats_none());
  if (w.has_event_within_hours()) c.within_hours = w.event_within_hours();
  if (w.has_event_older_than_hours()) c.older_than_hours = w.event_older_than_hours();
  c.links = Ints(w.links());
  if (c.links.empty()) c.links.insert(policy::v1::LINK_SUBJECT);
  c.bases = Ints(w.match_bases());
  c.rosh_levels = Ints(w.rosh_levels());
  c.mappa_categories = Ints(w.mappa_categories());
  c.mappa_levels = Ints(w.mappa_levels());
  for (const std::string& r : w.registrations_any()) c.registrations.insert(absl::AsciiStrToUpper(r));
  c.statuses = Ints(w.statuses());
  if (w.has_has_licence_conditions()) c.has_licence_conditions = w.has_licence_conditions();
  for (const std::string& l : w.licence_conditions_any()) c.licence_conditions.insert(absl::AsciiStrToLower(l));
  return c;
}

std::optional<std::string> FirstFailure(const NormalisedConditions& c, const Facts& facts) {
  const api::Notification& n = *facts.notification;
  std::optional<std::string> failure;
  auto check = [&](std::optional<std::string> f) {
    if (!failure.has_value() && f.has_value()) failure = std::move(f);
  };
  check(OneOf("kinds", c.kinds, KindOf(n), KindName));
  if (failure) return failure;
  check(OneOf("callout_incident_types", c.incident_types, n.police_callout().incident_type(), [](int v) {
    return api::CalloutIncidentType_Name(static_cast<api::CalloutIncidentType>(v));
  }));
  if (!failure && c.children_present.has_value() && n.police_callout().children_present() != *c.children_present) {
    failure = absl::StrCat("children_present: is ", n.police_callout().children_present() ? "true" : "false");
  }
  if (!failure && !c.referral_reasons.empty()) {
    const auto& reasons = n.social_care_referral().reasons();
    const bool any = std::any_of(reasons.begin(), reasons.end(), [&](int r) { return c.referral_reasons.contains(r); });
    if (!any) {
      failure = absl::StrCat("referral_reasons: none of ", Names(c.referral_reasons, [](int v) {
                               return api::ReferralReason_Name(static_cast<api::ReferralReason>(v));
                             }));
    }
  }
  check(OneOf("child_protection_stages", c.stages, n.social_care_referral().stage(), [](int v) {
    return api::ChildProtectionStage_Name(static_cast<api::ChildProtectionStage>(v));
  }));
  check(OneOf("mail_concerns", c.mail_concerns, n.prison_mail_flag().concern(),
              [](int v) { return api::MailConcern_Name(static_cast<api::MailConcern>(v)); }));
  check(OneOf("arrest_outcomes", c.arrest_outcomes, n.arrest().outcome(),
              [](int v) { return api::ArrestOutcome_Name(static_cast<api::ArrestOutcome>(v)); }));
  check(OneOf("source_agency_kinds", c.agency_kinds, n.source().agency_kind(),
              [](int v) { return api::AgencyKind_Name(static_cast<api::AgencyKind>(v)); }));
  if (!failure && !c.organisations.empty() && !c.organisations.contains(n.source().organisation_code())) {
    failure = absl::StrCat("source_organisations: is ", n.source().organisation_code(), ", wants one of ",
                           absl::StrJoin(c.organisations, ", "));
  }
  check(OneOf("classifications", c.classifications, n.classification(),
              [](int v) { return api::Classification_Name(static_cast<api::Classification>(v)); }));
  auto caveat_name = [](int v) { return api::Caveat_Name(static_cast<api::Caveat>(v)); };
  if (!failure && !c.caveats_any.empty()) {
    const bool any = std::any_of(n.caveats().begin(), n.caveats().end(), [&](int v) { return c.caveats_any.contains(v); });
    if (!any) failure = absl::StrCat("caveats_any: carries none of ", Names(c.caveats_any, caveat_name));
  }
  if (!failure) {
    for (int v : n.caveats()) {
      if (c.caveats_none.contains(v)) {
        failure = absl::StrCat("caveats_none: carries ", caveat_name(v));
        break;
      }
    }
  }
  const double hours = absl::ToDoubleHours(facts.event_age);
  if (!failure && c.within_hours.has_value() && hours > *c.within_hours) {
    failure = absl::StrCat("event_within_hours: the event was ", static_cast<int64_t>(hours), " hours ago");
  }
  if (!failure && c.older_than_hours.has_value() && hours <= *c.older_than_hours) {
    failure = absl::StrCat("event_older_than_hours: the event was ", static_cast<int64_t>(hours), " hours ago");
  }
  check(OneOf("links", c.links, facts.link,
              [](int v) { return policy::v1::Link_Name(static_cast<policy::v1::Link>(v)); }));
  check(OneOf("match_bases", c.bases, facts.basis,
              [](int v) { return policy::v1::MatchBasis_Name(static_cast<policy::v1::MatchBasis>(v)); }));
  if (failure) return failure;
  const api::OffenderRecord& p = *facts.offender;
  check(OneOf("rosh_levels", c.rosh_levels, p.rosh_level(),
              [](int v) { return api::RoshLevel_Name(static_cast<api::RoshLevel>(v)); }));
  check(OneOf("mappa_categories", c.mappa_categories, p.mappa_category(),
              [](int v) { return api::MappaCategory_Name(static_cast<api::MappaCategory>(v)); }));
  check(OneOf("mappa_levels", c.mappa_levels, p.mappa_level(),
              [](int v) { return api::MappaLevel_Name(static_cast<api::MappaLevel>(v)); }));
  if (!failure && !c.registrations.empty()) {
    const bool any = std::any_of(p.registrations().begin(), p.registrations().end(), [&](const std::string& r) {
      return c.registrations.contains(absl::AsciiStrToUpper(r));
    });
    if (!any) failure = absl::StrCat("registrations_any: has none of ", absl::StrJoin(c.registrations, ", "));
  }
  check(OneOf("statuses", c.statuses, p.status(),
              [](int v) { return api::SupervisionStatus_Name(static_cast<api::SupervisionStatus>(v)); }));
  if (!failure && c.has_licence_conditions.has_value() &&
      (p.licence_conditions_size() > 0) != *c.has_licence_conditions) {
    failure = absl::StrCat("has_licence_conditions: is ", p.licence_conditions_size() > 0 ? "true" : "false");
  }
  if (!failure && !c.licence_conditions.empty()) {
    const bool any = std::any_of(p.licence_conditions().begin(), p.licence_conditions().end(),
                                 [&](const std::string& l) {
                                   const std::string lower = absl::AsciiStrToLower(l);
                                   return std::any_of(c.licence_conditions.begin(), c.licence_conditions.end(),
                                                      [&](const std::string& phrase) {
                                                        return absl::StrContains(lower, phrase);
                                                      });
                                 });
    if (!any) failure = "licence_conditions_any: has none of them";
  }
  return failure;
}

std::string Summary(const NormalisedConditions& c) {
  std::vector<std::string> held;
  auto add = [&](bool given, const char* name) {
    if (given) held.push_back(name);
  };
  add(!c.kinds.empty(), "kinds");
  add(!c.incident_types.empty(), "callout_incident_types");
  add(c.children_present.has_value(), "children_present");
  add(!c.referral_reasons.empty(), "referral_reasons");
  add(!c.stages.empty(), "child_protection_stages");
  add(!c.mail_concerns.empty(), "mail_concerns");
  add(!c.arrest_outcomes.empty(), "arrest_outcomes");
  add(!c.agency_kinds.empty(), "source_agency_kinds");
  add(!c.organisations.empty(), "source_organisations");
  add(!c.classifications.empty(), "classifications");
  add(!c.caveats_any.empty(), "caveats_any");
  add(!c.caveats_none.empty(), "caveats_none");
  add(c.within_hours.has_value(), "event_within_hours");
  add(c.older_than_hours.has_value(), "event_older_than_hours");
  add(true, "links");
  add(!c.bases.empty(), "match_bases");
  add(!c.rosh_levels.empty(), "rosh_levels");
  add(!c.mappa_categories.empty(), "mappa_categories");
  add(!c.mappa_levels.empty(), "mappa_levels");
  add(!c.registrations.empty(), "registrations_any");
  add(!c.statuses.empty(), "statuses");
  add(c.has_licence_conditions.has_value(), "has_licence_conditions");
  add(!c.licence_conditions.empty(), "licence_conditions_any");
  return absl::StrCat("held: ", absl::StrJoin(held, ", "));
}

std::optional<std::string> NeverHolds(const NormalisedConditions& c) {
  if (c.kinds.contains(policy::v1::NOTIFICATION_KIND_UNSPECIFIED)) {
    return "kinds: NOTIFICATION_KIND_UNSPECIFIED never matches (every notification has an event)";
  }
  struct Family {
    bool given;
    NotificationKind kind;
    const char* field;
  };
  const Family families[] = {
      {!c.incident_types.empty(), policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT, "callout_incident_types"},
      {c.children_present.has_value(), policy::v1::NOTIFICATION_KIND_POLICE_CALLOUT, "children_present"},
      {!c.referral_reasons.empty(), policy::v1::NOTIFICATION_KIND_SOCIAL_CARE_REFERRAL, "referral_reasons"},
      {!c.stages.empty(), policy::v1::NOTIFICATION_KIND_SOCIAL_CARE_REFERRAL, "child_protection_stages"},
      {!c.mail_concerns.empty(), policy::v1::NOTIFICATION_KIND_PRISON_MAIL_FLAG, "mail_concerns"},
      {!c.arrest_outcomes.empty(), policy::v1::NOTIFICATION_KIND_ARREST, "arrest_outcomes"},
  };
  const Family* first = nullptr;
  for (const Family& f : families) {
    if (!f.given) continue;
    if (!c.kinds.contains(f.kind)) {
      return absl::StrCat(f.field, ": applies only to ", KindName(f.kind), ", which kinds excludes");
    }
    if (first != nullptr && first->kind != f.kind) {
      return absl::StrCat(first->field, " and ", f.field,
                          ": a notification has one event, so both can never hold together");
    }
    if (first == nullptr) first = &f;
  }
  if (!c.caveats_any.empty() && Subset(c.caveats_any, c.caveats_none)) {
    return "caveats_any, caveats_none: every caveat wanted is also excluded";
  }
  if (c.within_hours.has_value() && c.older_than_hours.has_value() && *c.older_than_hours >= *c.within_hours) {
    return absl::StrCat("event_older_than_hours (", *c.older_than_hours, ") is not below event_within_hours (",
                        *c.within_hours, ")");
  }
  if (c.has_licence_conditions == false && !c.licence_conditions.empty()) {
    return "has_licence_conditions: false, yet licence_conditions_any names conditions";
  }
  return std::nullopt;
}

bool AtLeastAsGeneral(const NormalisedConditions& a, const NormalisedConditions& b) {
  const bool within = !a.within_hours.has_value() || (b.within_hours.has_value() && *b.within_hours <= *a.within_hours);
  const bool older =
      !a.older_than_hours.has_value() || (b.older_than_hours.has_value() && *b.older_than_hours >= *a.older_than_hours);
  return Covers(a.kinds, b.kinds) && Covers(a.incident_types, b.incident_types) &&
         Covers(a.referral_reasons, b.referral_reasons) && Covers(a.stages, b.stages) &&
         Covers(a.mail_concerns, b.mail_concerns) && Covers(a.arrest_outcomes, b.arrest_outcomes) &&
         CoversOptional(a.children_present, b.children_present) && Covers(a.agency_kinds, b.agency_kinds) &&
         Covers(a.organisations, b.organisations) && Covers(a.classifications, b.classifications) &&
         Covers(a.caveats_any, b.caveats_any) && Subset(a.caveats_none, b.caveats_none) && within && older &&
         Subset(b.links, a.links) && Covers(a.bases, b.bases) && Covers(a.rosh_levels, b.rosh_levels) &&
         Covers(a.mappa_categories, b.mappa_categories) && Covers(a.mappa_levels, b.mappa_levels) &&
         Covers(a.registrations, b.registrations) && Covers(a.statuses, b.statuses) &&
         CoversOptional(a.has_licence_conditions, b.has_licence_conditions) &&
         Covers(a.licence_conditions, b.licence_conditions);
}

}  // namespace liaison::policy
