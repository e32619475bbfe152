#include "broker/ctl/render_policy.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "broker/ctl/render_text.h"
#include "broker/ctl/text_block.h"

namespace liaison::ctl {
namespace {

template <typename Repeated>
std::string Joined(const Repeated& items) {
  return absl::StrJoin(items.begin(), items.end(), ", ");
}

std::string RuleLine(const v1::PolicyRuleTrace& rule) {
  std::string line = absl::StrCat("  ", rule.rule_id(), " (", absl::AsciiStrToLower(ShortEnumName(rule.effect())));
  if (rule.link() != policy::v1::LINK_SUBJECT && rule.link() != policy::v1::LINK_UNSPECIFIED) {
    absl::StrAppend(&line, ", ", rule.crn(), " as ", ShortEnumName(rule.link()));
  }
  if (rule.fired()) {
    absl::StrAppend(&line, "): fired", rule.why().empty() ? "" : absl::StrCat(" (", rule.why(), ")"));
  } else {
    absl::StrAppend(&line, "): did not fire", rule.why().empty() ? "" : absl::StrCat(": ", rule.why()));
  }
  return absl::StrCat(line, "\n");
}

std::string DeadlineText(int64_t seconds) {
  if (seconds <= 0) return "none";
  return absl::FormatDuration(absl::Seconds(seconds));
}

std::string EscalationText(const v1::ExplainedDelivery& delivery) {
  std::vector<std::string> steps;
  for (const v1::EscalationStep& step : delivery.escalation()) {
    steps.push_back(absl::StrCat(step.recipient_id(), " (", ShortEnumName(step.role()), ")"));
  }
  return absl::StrJoin(steps, ", then ");
}

std::string DeliveryBlock(const v1::ExplainedDelivery& d) {
  TextBlock block;
  block.Add("recipient", absl::StrCat(d.recipient_id(), " (", ShortEnumName(d.role()), ")"))
      .Add("person", d.crn())
      .Add("priority", ShortEnumName(d.priority()))
      .Add("legal basis", d.legal_basis())
      .Add("rules", Joined(d.rule_ids()))
      .Add("deadline", DeadlineText(d.ack_deadline_seconds()))
      .Add("escalation", EscalationText(d))
      .Add("visible", d.visible().empty() ? "the envelope only" : Joined(d.visible()))
      .Add("withheld", Joined(d.withheld()))
      .Add("summary only", d.summary_only() ? "yes (not for onward disclosure)" : "");
  return block.Render();
}

}  // namespace

std::string RenderExplanation(const v1::PolicyExplanation& e) {
  TextBlock decision;
  decision.Add("policy", e.policy_version())
      .Add("rules fired", e.rule_ids().empty() ? "none" : Joined(e.rule_ids()))
      .Add("legal basis", e.legal_basis())
      .Add("priority", e.deliveries().empty() ? "" : ShortEnumName(e.priority()))
      .Add("reason", e.reason());
  std::string text = decision.Render();
  absl::StrAppend(&text, "\nrules:\n");
  for (const v1::PolicyRuleTrace& rule : e.rules()) absl::StrAppend(&text, RuleLine(rule));
  if (e.deliveries().empty()) absl::StrAppend(&text, "\nrecipients: none\n");
  for (const v1::ExplainedDelivery& delivery : e.deliveries()) {
    absl::StrAppend(&text, "\n", DeliveryBlock(delivery));
  }
  return text;
}

}  // namespace liaison::ctl
