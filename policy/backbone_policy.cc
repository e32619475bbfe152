#include "policy/backbone_policy.h"

#include "absl/strings/str_cat.h"

namespace liaison::policy {
namespace {

v1::Priority PriorityOf(const v1::Notification& notification) {
  switch (notification.event_case()) {
    case v1::Notification::kArrest:
      return v1::PRIORITY_IMMEDIATE;
    case v1::Notification::kPoliceCallout:
      return notification.police_callout().children_present() ? v1::PRIORITY_IMMEDIATE
                                                              : v1::PRIORITY_SAME_DAY;
    default:
      return v1::PRIORITY_SAME_DAY;
  }
}

}  // namespace

v1::Notification WithoutChildDetails(const v1::Notification& notification,
                                     std::vector<std::string>* withheld) {
  v1::Notification view = notification;
  for (int i = 0; i < view.related_people_size(); ++i) {
    v1::RelatedPerson* related = view.mutable_related_people(i);
    if (related->role() != v1::RELATED_ROLE_CHILD || !related->has_person()) continue;
    related->clear_person();
    withheld->push_back(absl::StrCat("related_people[", i, "].person"));
  }
  if (view.has_prison_mail_flag() && view.prison_mail_flag().has_correspondent() &&
      view.prison_mail_flag().concern() == v1::MAIL_CONCERN_CONTACT_WITH_CHILD) {
    view.mutable_prison_mail_flag()->clear_correspondent();
    withheld->push_back("prison_mail_flag.correspondent");
  }
  return view;
}

absl::StatusOr<Decision> BackbonePolicy::Decide(const PolicyInput& input) const {
  Decision decision;
  decision.policy = kPolicyId;
  if (input.match->decision() != v1::MATCH_DECISION_LINKED || input.offender == nullptr) {
    decision.reason = "not linked to an offender";
    return decision;
  }
  const v1::OffenderRecord& offender = *input.offender;
  if (offender.offender_manager().staff_code().empty()) {
    decision.reason = "no offender manager allocated";
    return decision;
  }
  decision.rule_ids = {"backbone/offender-manager"};
  decision.legal_basis = kLegalBasis;
  decision.priority = PriorityOf(*input.notification);

  auto add = [&](const v1::StaffMember& staff, v1::RecipientRole role) {
    Delivery delivery;
    delivery.recipient_id = staff.staff_code();
    delivery.role = role;
    delivery.view = WithoutChildDetails(*input.notification, &delivery.withheld);
    decision.deliveries.push_back(std::move(delivery));
  };
  add(offender.offender_manager(), v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  const std::string& co_worker = offender.co_worker().staff_code();
  if (!co_worker.empty() && co_worker != offender.offender_manager().staff_code()) {
    decision.rule_ids.push_back("backbone/co-worker");
    add(offender.co_worker(), v1::RECIPIENT_ROLE_CO_WORKER);
  }
  return decision;
}

}  // namespace liaison::policy
