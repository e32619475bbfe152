#include "policy/backbone_policy.h"

#include "gtest/gtest.h"

namespace liaison::policy {
namespace {

class BackbonePolicyTest : public testing::Test {
 protected:
  void SetUp() override {
    offender_.set_crn("X100001");
    offender_.mutable_offender_manager()->set_staff_code("N07P1001");
    match_.set_decision(v1::MATCH_DECISION_LINKED);
    match_.set_crn("X100001");
    v1::PoliceCallout* callout = notification_.mutable_police_callout();
    callout->set_children_present(true);
    v1::RelatedPerson* partner = notification_.add_related_people();
    partner->set_role(v1::RELATED_ROLE_PARTNER);
    partner->mutable_person()->mutable_name()->set_family_name("Partner");
    v1::RelatedPerson* child = notification_.add_related_people();
    child->set_role(v1::RELATED_ROLE_CHILD);
    child->set_age(4);
    child->mutable_person()->mutable_name()->set_given_names("Child");
  }
  Decision Decide() {
    auto decision = policy_.Decide({&notification_, &match_, &offender_, absl::UnixEpoch()});
    EXPECT_TRUE(decision.ok()) << decision.status();
    return *decision;
  }

  BackbonePolicy policy_;
  v1::Notification notification_;
  v1::MatchResult match_;
  v1::OffenderRecord offender_;
};

TEST_F(BackbonePolicyTest, SharesWithTheOffenderManagerOnALegalBasis) {
  Decision decision = Decide();
  ASSERT_EQ(decision.deliveries.size(), 1u);
  EXPECT_EQ(decision.deliveries[0].recipient_id, "N07P1001");
  EXPECT_EQ(decision.deliveries[0].role, v1::RECIPIENT_ROLE_OFFENDER_MANAGER);
  EXPECT_EQ(decision.legal_basis, BackbonePolicy::kLegalBasis);
  EXPECT_EQ(decision.priority, v1::PRIORITY_IMMEDIATE);
}

TEST_F(BackbonePolicyTest, AddsADistinctCoWorker) {
  offender_.mutable_co_worker()->set_staff_code("N07P1002");
  Decision decision = Decide();
  ASSERT_EQ(decision.deliveries.size(), 2u);
  EXPECT_EQ(decision.deliveries[1].recipient_id, "N07P1002");
  EXPECT_EQ(decision.deliveries[1].role, v1::RECIPIENT_ROLE_CO_WORKER);
  offender_.mutable_co_worker()->set_staff_code("N07P1001");
  EXPECT_EQ(Decide().deliveries.size(), 1u);
}

TEST_F(BackbonePolicyTest, WithholdsChildrensIdentityButKeepsRoleAndAge) {
  Delivery delivery = Decide().deliveries[0];
  ASSERT_EQ(delivery.view.related_people_size(), 2);
  EXPECT_TRUE(delivery.view.related_people(0).has_person());
  EXPECT_FALSE(delivery.view.related_people(1).has_person());
  EXPECT_EQ(delivery.view.related_people(1).age(), 4);
  EXPECT_EQ(delivery.withheld, std::vector<std::string>{"related_people[1].person"});
}

TEST_F(BackbonePolicyTest, WithholdsTheChildCorrespondentOfAMailFlag) {
  v1::PrisonMailFlag* flag = notification_.mutable_prison_mail_flag();
  flag->set_concern(v1::MAIL_CONCERN_CONTACT_WITH_CHILD);
  flag->mutable_correspondent()->mutable_name()->set_family_name("Child");
  Delivery delivery = Decide().deliveries[0];
  EXPECT_FALSE(delivery.view.prison_mail_flag().has_correspondent());
  EXPECT_EQ(delivery.withheld.back(), "prison_mail_flag.correspondent");
  flag->set_concern(v1::MAIL_CONCERN_CONTACT_WITH_KNOWN_OFFENDER);
  EXPECT_TRUE(Decide().deliveries[0].view.prison_mail_flag().has_correspondent());
}

TEST_F(BackbonePolicyTest, SharesNothingWhenUnlinkedOrUnallocated) {
  match_.set_decision(v1::MATCH_DECISION_NO_MATCH);
  EXPECT_TRUE(policy_.Decide({&notification_, &match_, nullptr, absl::UnixEpoch()})->deliveries.empty());
  match_.set_decision(v1::MATCH_DECISION_LINKED);
  offender_.clear_offender_manager();
  Decision decision = Decide();
  EXPECT_TRUE(decision.deliveries.empty());
  EXPECT_EQ(decision.reason, "no offender manager allocated");
}

TEST_F(BackbonePolicyTest, CalloutWithoutChildrenIsSameDay) {
  notification_.mutable_police_callout()->set_children_present(false);
  EXPECT_EQ(Decide().priority, v1::PRIORITY_SAME_DAY);
}

}  // namespace
}  // namespace liaison::policy
