#include "policy/testing.h"

#include <cstdlib>
#include <iostream>

#include "policy/loader.h"

namespace liaison::policy {
namespace {

constexpr char kText[] = R"pb(
policy_id: "test-offender-manager"
description: "Tests: the offender manager and co-worker hear about every linked notification"
rules {
  id: "test/offender-manager"
  description: "Every linked notification, same day, without children's details"
  effect: EFFECT_PERMIT
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_SAME_DAY
    grants {
      recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER }
      fields: ["originator_contact", "subject", "police_callout", "arrest", "social_care_referral",
               "prison_mail_flag.prisoner_noms", "prison_mail_flag.monitoring_reference", "prison_mail_flag.summary",
               "related_people.victim", "related_people.partner", "related_people.correspondent",
               "related_people.co_accused", "related_people.caller"]
    }
    grants {
      recipient { role: RECIPIENT_ROLE_CO_WORKER }
      fields: ["originator_contact", "subject", "police_callout", "arrest", "social_care_referral",
               "prison_mail_flag.prisoner_noms", "prison_mail_flag.monitoring_reference", "prison_mail_flag.summary",
               "related_people.victim", "related_people.partner", "related_people.correspondent",
               "related_people.co_accused", "related_people.caller"]
    }
  }
}
rules {
  id: "test/mail-correspondent"
  description: "A mail flag's correspondent, unless the concern is contact with a child"
  effect: EFFECT_PERMIT
  when {
    mail_concerns: [MAIL_CONCERN_UNSPECIFIED, MAIL_CONCERN_CONTACT_WITH_VICTIM, MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER,
                    MAIL_CONCERN_OTHER]
  }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_SAME_DAY
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } fields: "prison_mail_flag.correspondent" }
    grants { recipient { role: RECIPIENT_ROLE_CO_WORKER } fields: "prison_mail_flag.correspondent" }
  }
}
rules {
  id: "test/arrest-immediate"
  description: "Arrests are immediate"
  effect: EFFECT_PERMIT
  when { kinds: NOTIFICATION_KIND_ARREST }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } }
    grants { recipient { role: RECIPIENT_ROLE_CO_WORKER } }
  }
}
rules {
  id: "test/children-present-immediate"
  description: "Callouts with children present are immediate"
  effect: EFFECT_PERMIT
  when { children_present: true }
  permit {
    legal_basis: "Offender Management Act 2007 s.14"
    priority: PRIORITY_IMMEDIATE
    grants { recipient { role: RECIPIENT_ROLE_OFFENDER_MANAGER } }
    grants { recipient { role: RECIPIENT_ROLE_CO_WORKER } }
  }
}
)pb";

}  // namespace

std::shared_ptr<const RulePolicy> OffenderManagerTestPolicy() {
  static const std::shared_ptr<const RulePolicy> policy = [] {
    absl::StatusOr<std::shared_ptr<const RulePolicy>> parsed = ParsePolicy(kText, "test policy", {});
    if (!parsed.ok()) {
      std::cerr << parsed.status() << "\n";
      std::abort();
    }
    return *parsed;
  }();
  return policy;
}

}  // namespace liaison::policy
