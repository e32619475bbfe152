#include "broker/ctl/render_review.h"

#include <string>

#include "absl/strings/str_split.h"
#include "broker/common/proto_time.h"
#include "broker/ctl/text_table.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RenderReviewItemTest, ShowsTheBestCandidateAndOnlyAResolutionThatHappened) {
  v1::ReviewItem item;
  item.set_notification_id("ntf_1");
  item.set_decision(v1::MATCH_DECISION_CONFLICT);
  item.set_reason("PNC and NOMS disagree");
  *item.mutable_opened_at() = ToProtoTime(absl::FromUnixSeconds(1795341600));
  item.set_state(v1::REVIEW_STATE_OPEN);
  item.add_candidates()->set_crn("X2");
  item.mutable_candidates(0)->set_weight(-3.5);
  item.add_candidates()->set_crn("X3");
  const std::string text = RenderReviewItem(item);
  for (const char* expected :
       {"notification:   ntf_1\n", "opened:         2026-11-22T10:00:00Z\n",
        "decision:       CONFLICT\n", "reason:         PNC and NOMS disagree\n",
        "best candidate: X2 (weight -3.50)\n", "candidates:     2\n", "state:          OPEN\n"}) {
    EXPECT_THAT(text, HasSubstr(expected));
  }
  EXPECT_THAT(text, Not(HasSubstr("resolved")));
  EXPECT_THAT(text, Not(HasSubstr("linked crn")));
}

TEST(RenderReviewDetailTest, FitsTheTablesToTheWidthAndSaysWhenThereAreNoCandidates) {
  v1::ReviewDetail detail;
  detail.mutable_item()->set_notification_id("ntf_1");
  detail.mutable_subject()->mutable_name()->set_family_name("Smith");
  EXPECT_THAT(RenderReviewDetail(detail), HasSubstr("no candidates"));

  v1::CandidateDetail* candidate = detail.add_candidates();
  candidate->set_crn("X1");
  v1::FieldRow* row = candidate->add_rows();
  row->set_field("address");
  row->set_subject_value(std::string(150, 'a'));
  row->set_candidate_value("Flat 9, " + std::string(120, 'b'));
  row->set_level("jw80");
  const std::string text = RenderReviewDetail(detail, 60);
  EXPECT_THAT(text, HasSubstr("--- candidate 1 of 1: X1 ---\n"));
  EXPECT_THAT(text, HasSubstr("CANDIDATE (X1)"));
  for (absl::string_view line : absl::StrSplit(text, '\n')) EXPECT_LE(DisplayWidth(line), 60u);
}

}  // namespace
}  // namespace liaison::ctl
