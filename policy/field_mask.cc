#include "policy/field_mask.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace liaison::policy {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr const char* kAlwaysVisible[] = {
    "notification_id",
    "source",
    "source_ref",
    "occurred_at",
    "received_at",
    "classification",
    "caveats",
    "police_callout.incident_type",
    "police_callout.children_present",
    "police_callout.attended_at",
    "arrest.outcome",
    "arrest.arrested_at",
    "social_care_referral.local_authority",
    "social_care_referral.reasons",
    "social_care_referral.stage",
    "prison_mail_flag.establishment",
    "prison_mail_flag.direction",
    "prison_mail_flag.concern",
};

// Withheld under PROTECT_SOURCE unless the grant lists "protected_source".
constexpr const char* kSourceRevealing[] = {
    "related_people.caller", "police_callout.summary", "arrest.summary", "social_care_referral.summary",
    "prison_mail_flag.summary",
};

constexpr char kRelatedPeople[] = "related_people";

std::string RoleName(api::RelatedRole role) {
  return absl::AsciiStrToLower(absl::StripPrefix(api::RelatedRole_Name(role), "RELATED_ROLE_"));
}

const absl::flat_hash_set<std::string>& AlwaysVisibleSet() {
  static const auto* set = new absl::flat_hash_set<std::string>(std::begin(kAlwaysVisible), std::end(kAlwaysVisible));
  return *set;
}

std::vector<std::string> BuildVocabulary() {
  std::vector<std::string> paths;
  const Descriptor* d = api::Notification::descriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (IsAlwaysVisible(f->name()) || f->name() == kRelatedPeople) continue;
    paths.push_back(f->name());
    if (f->type() != FieldDescriptor::TYPE_MESSAGE) continue;
    const Descriptor* sub = f->message_type();
    for (int j = 0; j < sub->field_count(); ++j) {
      const std::string path = absl::StrCat(f->name(), ".", sub->field(j)->name());
      if (!IsAlwaysVisible(path)) paths.push_back(path);
    }
  }
  const google::protobuf::EnumDescriptor* roles = api::RelatedRole_descriptor();
  for (int i = 0; i < roles->value_count(); ++i) {
    const auto role = static_cast<api::RelatedRole>(roles->value(i)->number());
    if (role == api::RELATED_ROLE_UNSPECIFIED) continue;
    paths.push_back(absl::StrCat(kRelatedPeople, ".", RoleName(role)));
  }
  paths.push_back(kProtectedSource);
  std::sort(paths.begin(), paths.end());
  return paths;
}

// `path` is one of `set` or beneath one.
bool Covered(absl::string_view path, const std::vector<std::string>& set) {
  for (const std::string& p : set) {
    if (path == p || (absl::StartsWith(path, p) && path.size() > p.size() && path[p.size()] == '.')) return true;
  }
  return false;
}

// One of `set` is beneath `path`.
bool HasBelow(absl::string_view path, const std::vector<std::string>& set) {
  for (const std::string& p : set) {
    if (p.size() > path.size() && absl::StartsWith(p, path) && p[path.size()] == '.') return true;
  }
  return false;
}

bool HasAlwaysVisibleBelow(absl::string_view path) {
  for (const char* p : kAlwaysVisible) {
    absl::string_view v(p);
    if (v.size() > path.size() && absl::StartsWith(v, path) && v[path.size()] == '.') return true;
  }
  return false;
}

struct Masks {
  std::vector<std::string> allowed;
  std::vector<std::string> withhold;
};

void FilterRelated(api::Notification* n, const Masks& masks, std::vector<std::string>* withheld) {
  for (int i = 0; i < n->related_people_size(); ++i) {
    api::RelatedPerson* related = n->mutable_related_people(i);
    if (!related->has_person()) continue;
    const std::string path = absl::StrCat(kRelatedPeople, ".", RoleName(related->role()));
    if (Covered(path, masks.allowed) && !Covered(path, masks.withhold)) continue;
    related->clear_person();
    withheld->push_back(absl::StrCat(kRelatedPeople, "[", i, "].person"));
  }
}

void Filter(Message* m, const std::string& prefix, const Masks& masks, std::vector<std::string>* withheld) {
  const Reflection* reflection = m->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string path = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    if (path == kRelatedPeople) {
      FilterRelated(static_cast<api::Notification*>(m), masks, withheld);
      continue;
    }
    if (IsAlwaysVisible(path)) continue;
    const bool blocked = Covered(path, masks.withhold);
    const bool allowed = !blocked && Covered(path, masks.allowed);
    const bool nested = f->type() == FieldDescriptor::TYPE_MESSAGE && !f->is_repeated();
    if (nested && (HasBelow(path, masks.allowed) || HasBelow(path, masks.withhold) || HasAlwaysVisibleBelow(path))) {
      if (allowed && !HasBelow(path, masks.withhold)) continue;
      Filter(reflection->MutableMessage(m, f), path, masks, withheld);
      continue;
    }
    if (allowed) continue;
    reflection->ClearField(m, f);
    withheld->push_back(path);
  }
}

bool HasCaveat(const api::Notification& n, api::Caveat caveat) {
  return std::find(n.caveats().begin(), n.caveats().end(), caveat) != n.caveats().end();
}

}  // namespace

const std::vector<std::string>& FieldVocabulary() {
  static const auto* vocabulary = new std::vector<std::string>(BuildVocabulary());
  return *vocabulary;
}

bool IsKnownField(absl::string_view path) {
  const std::vector<std::string>& v = FieldVocabulary();
  return std::binary_search(v.begin(), v.end(), path);
}

bool IsAlwaysVisible(absl::string_view path) { return AlwaysVisibleSet().contains(path); }

View ApplyFields(const api::Notification& notification, const std::vector<std::string>& allowed,
                 const std::vector<std::string>& withhold) {
  View view;
  view.notification = notification;
  Masks masks;
  masks.withhold = withhold;
  if (HasCaveat(notification, api::CAVEAT_NOT_FOR_ONWARD_DISCLOSURE)) {
    view.summary_only = true;
    masks.allowed = {"originator_contact"};
  } else {
    masks.allowed = allowed;
    if (HasCaveat(notification, api::CAVEAT_PROTECT_SOURCE) &&
        std::find(allowed.begin(), allowed.end(), kProtectedSource) == allowed.end()) {
      masks.withhold.insert(masks.withhold.end(), std::begin(kSourceRevealing), std::end(kSourceRevealing));
    }
  }
  Filter(&view.notification, "", masks, &view.withheld);
  return view;
}

}  // namespace liaison::policy
