#include "broker/server/policy_explanation.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "policy/field_mask.h"

namespace liaison::server {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr char kRelatedPeople[] = "related_people";

// Appends `prefix.<field>` for each set field of `message` that is not
// always visible.
void AppendSetFields(const Message& message, const std::string& prefix, std::vector<std::string>* paths) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string path = absl::StrCat(prefix, ".", f->name());
    if (!policy::IsAlwaysVisible(path)) paths->push_back(path);
  }
}

v1::ExplainedDelivery ToDeliveryProto(const policy::Delivery& delivery) {
  v1::ExplainedDelivery out;
  out.set_recipient_id(delivery.recipient_id);
  out.set_role(delivery.role);
  out.set_crn(delivery.crn);
  out.set_priority(delivery.priority);
  out.set_legal_basis(delivery.legal_basis);
  for (const std::string& id : delivery.rule_ids) out.add_rule_ids(id);
  out.set_ack_deadline_seconds(absl::ToInt64Seconds(delivery.ack_deadline));
  for (const policy::EscalationTarget& target : delivery.escalation) {
    v1::EscalationStep* step = out.add_escalation();
    step->set_recipient_id(target.recipient_id);
    step->set_role(target.role);
  }
  for (std::string& path : VisiblePaths(delivery.view)) out.add_visible(std::move(path));
  for (const std::string& path : delivery.withheld) out.add_withheld(path);
  out.set_summary_only(delivery.summary_only);
  return out;
}

v1::PolicyRuleTrace ToTraceProto(const policy::RuleTrace& trace) {
  v1::PolicyRuleTrace out;
  out.set_rule_id(trace.rule_id);
  out.set_effect(trace.effect);
  out.set_crn(trace.crn);
  out.set_link(trace.link);
  out.set_fired(trace.fired);
  out.set_why(trace.why);
  return out;
}

}  // namespace

std::vector<std::string> VisiblePaths(const v1::Notification& view) {
  std::vector<std::string> paths;
  std::vector<const FieldDescriptor*> fields;
  view.GetReflection()->ListFields(view, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->name() == kRelatedPeople) {
      for (int i = 0; i < view.related_people_size(); ++i) {
        if (view.related_people(i).has_person()) paths.push_back(absl::StrCat(kRelatedPeople, "[", i, "].person"));
      }
    } else if (policy::IsAlwaysVisible(f->name())) {
      continue;
    } else if (f->type() == FieldDescriptor::TYPE_MESSAGE && !f->is_repeated()) {
      AppendSetFields(view.GetReflection()->GetMessage(view, f), f->name(), &paths);
    } else {
      paths.push_back(f->name());
    }
  }
  return paths;
}

v1::PolicyExplanation ToExplanationProto(const policy::Explanation& explanation) {
  const policy::Decision& decision = explanation.decision;
  v1::PolicyExplanation out;
  out.set_policy_version(decision.policy);
  for (const std::string& id : decision.rule_ids) out.add_rule_ids(id);
  out.set_legal_basis(decision.legal_basis);
  out.set_priority(decision.priority);
  out.set_reason(decision.reason);
  for (const policy::Delivery& delivery : decision.deliveries) *out.add_deliveries() = ToDeliveryProto(delivery);
  for (const policy::RuleTrace& trace : explanation.traces) *out.add_rules() = ToTraceProto(trace);
  return out;
}

}  // namespace liaison::server
