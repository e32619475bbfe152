#include "broker/ctl/render_text.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "broker/common/proto_time.h"
#include "broker/ctl/text_block.h"

namespace liaison::ctl {
namespace {

constexpr size_t kHashPrefixBytes = 6;

// "RecipientRole" -> "RECIPIENT_ROLE_".
std::string EnumPrefix(absl::string_view type_name) {
  std::string prefix;
  for (size_t i = 0; i < type_name.size(); ++i) {
    if (i > 0 && absl::ascii_isupper(type_name[i])) prefix.push_back('_');
    prefix.push_back(absl::ascii_toupper(type_name[i]));
  }
  return absl::StrCat(prefix, "_");
}

std::string MappaText(const v1::OffenderRecord& o) {
  std::vector<std::string> parts;
  if (o.mappa_category() != 0) {
    parts.push_back(absl::StrCat("category ", ShortEnumName(o.mappa_category())));
  }
  if (o.mappa_level() != 0) parts.push_back(absl::StrCat("level ", ShortEnumName(o.mappa_level())));
  return absl::StrJoin(parts, ", ");
}

std::string StaffText(const v1::StaffMember& staff) {
  std::vector<std::string> details;
  if (!staff.name().empty()) details.push_back(staff.name());
  if (!staff.team_code().empty()) details.push_back(absl::StrCat("team ", staff.team_code()));
  if (details.empty()) return staff.staff_code();
  return absl::StrCat(staff.staff_code(), " (", absl::StrJoin(details, ", "), ")");
}

std::string NameText(const v1::PersonName& name) {
  return std::string(
      absl::StripAsciiWhitespace(absl::StrCat(name.given_names(), " ", name.family_name())));
}

std::string IdentifiersText(const google::protobuf::RepeatedPtrField<v1::Identifier>& ids) {
  std::vector<std::string> texts;
  for (const v1::Identifier& id : ids) {
    texts.push_back(absl::StrCat(ShortEnumName(id.type()), " ", id.value()));
  }
  return absl::StrJoin(texts, ", ");
}

std::string AliasesText(const google::protobuf::RepeatedPtrField<v1::PersonName>& aliases) {
  std::vector<std::string> texts;
  for (const v1::PersonName& alias : aliases) texts.push_back(NameText(alias));
  return absl::StrJoin(texts, "; ");
}

// One address a line, its parts comma separated.
std::string AddressesText(const google::protobuf::RepeatedPtrField<v1::Address>& addresses) {
  std::vector<std::string> texts;
  for (const v1::Address& address : addresses) {
    std::vector<std::string> parts(address.lines().begin(), address.lines().end());
    for (const std::string* part : {&address.town(), &address.postcode()}) {
      if (!part->empty()) parts.push_back(*part);
    }
    texts.push_back(absl::StrJoin(parts, ", "));
  }
  return absl::StrJoin(texts, "\n");
}

// The event's kind (with its main classification) and summary.
std::pair<std::string, std::string> EventText(const v1::Notification& n) {
  switch (n.event_case()) {
    case v1::Notification::kPoliceCallout:
      return {absl::StrCat("police callout, ", ShortEnumName(n.police_callout().incident_type())),
              n.police_callout().summary()};
    case v1::Notification::kArrest:
      return {absl::StrCat("arrest, ", ShortEnumName(n.arrest().outcome())), n.arrest().summary()};
    case v1::Notification::kSocialCareReferral:
      return {
          absl::StrCat("social care referral, ", ShortEnumName(n.social_care_referral().stage())),
          n.social_care_referral().summary()};
    case v1::Notification::kPrisonMailFlag:
      return {absl::StrCat("prison mail flag, ", ShortEnumName(n.prison_mail_flag().concern())),
              n.prison_mail_flag().summary()};
    case v1::Notification::EVENT_NOT_SET:
      break;
  }
  return {"", ""};
}

std::string IdsText(const v1::AuditEntry& e) {
  std::vector<std::string> ids;
  const std::pair<const char*, const std::string*> fields[] = {
      {"notification", &e.notification_id()}, {"source", &e.source()},
      {"source_ref", &e.source_ref()},        {"crn", &e.crn()},
      {"person", &e.person()},                {"recipient", &e.recipient_id()},
      {"alert", &e.alert_id()},              {"change_ref", &e.change_ref()}};
  for (const auto& [name, value] : fields) {
    if (!value->empty()) ids.push_back(absl::StrCat(name, "=", *value));
  }
  return absl::StrJoin(ids, " ");
}

std::string RoutingText(const v1::AuditRouting& r) {
  std::vector<std::string> recipients;
  for (const v1::AuditRecipient& recipient : r.recipients()) {
    recipients.push_back(absl::StrCat(recipient.recipient_id(), " ",
                                      ShortEnumName(recipient.role()), " ", recipient.alert_id()));
  }
  return absl::StrCat("policy ", r.policy(), " rules ", absl::StrJoin(r.rule_ids(), ","),
                      ", priority ", ShortEnumName(r.priority()), ", basis: ", r.legal_basis(),
                      "\nrecipients: ", absl::StrJoin(recipients, "; "));
}

std::string DecisionText(const v1::AuditEntry& e) {
  switch (e.detail_case()) {
    case v1::AuditEntry::kMatch: {
      std::vector<std::string> used;
      for (int type : e.match().identifiers_used()) {
        used.push_back(ShortEnumName(static_cast<v1::IdentifierType>(type)));
      }
      return absl::StrCat(ShortEnumName(e.match().decision()), " by ",
                          ShortEnumName(e.match().method()), " [", absl::StrJoin(used, ","), "] ",
                          e.match().reason());
    }
    case v1::AuditEntry::kRouting:
      return RoutingText(e.routing());
    case v1::AuditEntry::kDelivery:
      return absl::StrCat("attempt ", e.delivery().attempt(), ", inbox sequence ",
                          e.delivery().inbox_sequence());
    case v1::AuditEntry::kAllocation: {
      const v1::AuditAllocation& a = e.allocation();
      return absl::StrCat("offender manager ", a.offender_manager(), " (was ",
                          a.previous_offender_manager(), "), co-worker ", a.co_worker(),
                          ", manager ", a.manager(), ", reason: ", a.reason());
    }
    case v1::AuditEntry::kMerge:
      return absl::StrCat("merged ", e.merge().merged_crn(), e.merge().merged_person(), ", surviving ",
                          e.merge().surviving_crn(), e.merge().surviving_person(), ", reason: ", e.merge().reason());
    case v1::AuditEntry::kRead:
      return absl::StrCat("read ", e.read().count(), e.read().count() == 1 ? " item" : " items",
                          e.read().alert_ids().empty() ? "" : ": ", absl::StrJoin(e.read().alert_ids(), ", "));
    case v1::AuditEntry::DETAIL_NOT_SET:
      break;
    default:
      break;
  }
  return "";
}

}  // namespace

std::string ShortEnumName(const google::protobuf::EnumDescriptor* type, int value) {
  const google::protobuf::EnumValueDescriptor* descriptor = type->FindValueByNumber(value);
  if (descriptor == nullptr) return absl::StrCat(value);
  return std::string(absl::StripPrefix(descriptor->name(), EnumPrefix(type->name())));
}

std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", FromProtoTime(timestamp), absl::UTCTimeZone());
}

std::string RenderAlert(const v1::Alert& a) {
  const auto [event, summary] = EventText(a.notification());
  std::string delivery = absl::StrCat("attempt ", a.delivery_attempt());
  if (a.has_last_delivered_at()) {
    absl::StrAppend(&delivery, ", last ", FormatTimestamp(a.last_delivered_at()));
  }
  std::string state = ShortEnumName(a.state());
  if (a.has_acknowledged_at()) {
    absl::StrAppend(&state, " ", FormatTimestamp(a.acknowledged_at()), " by ", a.acknowledged_by());
  }
  return TextBlock()
      .Add("sequence", absl::StrCat(a.sequence()))
      .Add("alert", a.alert_id())
      .Add("state", state)
      .Add("priority", ShortEnumName(a.priority()))
      .Add("recipient",
           absl::StrCat(a.recipient_id(), " (", ShortEnumName(a.recipient_role()), ")"))
      .Add("crn", a.crn())
      .Add("event", event)
      .Add("summary", summary)
      .Add("delivery", delivery)
      .Add("notification", a.notification_id())
      .Add("created", FormatTimestamp(a.created_at()))
      .Add("legal basis", a.legal_basis())
      .Add("policy", absl::StrCat(a.policy(), a.rule_ids().empty() ? "" : " rules ",
                                  absl::StrJoin(a.rule_ids(), ",")))
      .Add("withheld", absl::StrJoin(a.withheld(), ", "))
      .Render();
}

std::string RenderAuditEntry(const v1::AuditEntry& e) {
  return TextBlock()
      .Add("sequence", absl::StrCat(e.sequence()))
      .Add("time", FormatTimestamp(e.recorded_at()))
      .Add("actor", e.actor())
      .Add("action", ShortEnumName(e.action()))
      .Add("ids", IdsText(e))
      .Add("detail", DecisionText(e))
      .Add("hash", absl::BytesToHexString(e.leaf_hash().substr(0, kHashPrefixBytes)))
      .Render();
}

std::string RenderOffender(const v1::OffenderRecord& o) {
  return TextBlock()
      .Add("crn", o.crn())
      .Add("identifiers", IdentifiersText(o.identifiers()))
      .Add("name", NameText(o.name()))
      .Add("aliases", AliasesText(o.aliases()))
      .Add("date of birth", o.date_of_birth())
      .Add("addresses", AddressesText(o.addresses()))
      .Add("status", o.status() == 0 ? "" : ShortEnumName(o.status()))
      .Add("prison", o.prison_code())
      .Add("rosh", o.rosh_level() == 0 ? "" : ShortEnumName(o.rosh_level()))
      .Add("mappa", MappaText(o))
      .Add("registrations", absl::StrJoin(o.registrations(), ", "))
      .Add("offender manager", StaffText(o.offender_manager()))
      .Add("co-worker", StaffText(o.co_worker()))
      .Add("manager", StaffText(o.manager()))
      .Add("team", o.team_code())
      .Add("area", o.area_code())
      .Add("updated", FormatTimestamp(o.updated_at()))
      .Render();
}

std::string RenderPerson(const v1::PersonDescriptor& person) {
  return TextBlock()
      .Add("name", NameText(person.name()))
      .Add("aliases", AliasesText(person.aliases()))
      .Add("date of birth", person.date_of_birth())
      .Add("addresses", AddressesText(person.addresses()))
      .Add("identifiers", IdentifiersText(person.identifiers()))
      .Render();
}

std::string RenderOffenderBrief(const v1::OffenderRecord& o) {
  return TextBlock()
      .Add("crn", o.crn())
      .Add("name", NameText(o.name()))
      .Add("merged into", o.merged_into().empty() ? "(not merged)" : o.merged_into())
      .Render();
}

}  // namespace liaison::ctl
