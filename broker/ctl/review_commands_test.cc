#include "broker/ctl/review_commands.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "broker/ctl/text_table.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using testing::CapturedOutput;
using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::Each;
using ::testing::ElementsAre;
using testing::FakeBroker;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The notification_id of each --json line parsed as a ReviewItem.
std::vector<std::string> JsonItemIds(const std::string& out) {
  std::vector<std::string> ids;
  for (const std::string& line : Lines(out)) {
    v1::ReviewItem item;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &item).ok()) << line;
    ids.push_back(item.notification_id());
  }
  return ids;
}

// The lines of `text` that contain `needle`.
std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> found;
  for (const std::string& line : Lines(text)) {
    if (line.find(needle) != std::string::npos) found.push_back(line);
  }
  return found;
}

class ReviewTest : public ::testing::Test {
 protected:
  FakeBroker broker_;
  Connection connection_ = broker_.Connect("reviewer-1");
};

TEST_F(ReviewTest, ListTextShowsOneBlockPerOpenItem) {
  CapturedOutput captured;

  ASSERT_TRUE(ReviewList(connection_, {}, captured.output).ok()) << captured.err.str();

  const std::string out = captured.out.str();
  EXPECT_THAT(LinesWith(out, "notification:"),
              ElementsAre("notification:   N-R1", "notification:   N-R2", "notification:   N-R3",
                          "notification:   N-R4"));
  for (const char* expected :
       {"opened:         2026-11-18T", "decision:       REVIEW", "decision:       SUSPICIOUS",
        "decision:       CONFLICT", "reason:         match weight 9.50 is in the review band",
        "best candidate: X1000001 (weight 9.50)", "best candidate: X1000004 (weight 12.00)",
        "candidates:     2", "state:          OPEN"}) {
    EXPECT_THAT(out, HasSubstr(expected));
  }
  EXPECT_THAT(out, Not(HasSubstr("N-R5")));
  EXPECT_EQ(broker_.review.list_requests().front().state(), v1::REVIEW_STATE_OPEN);
  EXPECT_FALSE(broker_.review.list_requests().front().all_states());
  EXPECT_THAT(broker_.review.principals(), Each(std::string("reviewer-1")));
}

TEST_F(ReviewTest, ListJsonFollowsPageTokens) {
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(ReviewList(connection_, {}, captured.output).ok());

  EXPECT_THAT(JsonItemIds(captured.out.str()), ElementsAre("N-R1", "N-R2", "N-R3", "N-R4"));
  std::vector<std::string> tokens;
  for (const auto& request : broker_.review.list_requests()) {
    tokens.push_back(request.page_token());
    EXPECT_EQ(request.page_size(), 0u);
  }
  EXPECT_THAT(tokens, ElementsAre("", "page-2"));
  EXPECT_THAT(captured.err.str(), IsEmpty());
}

TEST_F(ReviewTest, ListLimitSpansTwoPagesAndSaysWhereToContinue) {
  ReviewListOptions options;
  options.limit = 3;
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(ReviewList(connection_, options, captured.output).ok());

  EXPECT_THAT(JsonItemIds(captured.out.str()), ElementsAre("N-R1", "N-R2", "N-R3"));
  const auto requests = broker_.review.list_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].page_size(), 3u);
  EXPECT_EQ(requests[1].page_size(), 1u);
  EXPECT_EQ(requests[1].page_token(), "page-2");
  EXPECT_EQ(captured.err.str(), "more items: --state=open --page-token=page-3\n");

  ReviewListOptions rest;
  rest.page_token = "page-3";
  CapturedOutput continued(/*json=*/true);
  ASSERT_TRUE(ReviewList(connection_, rest, continued.output).ok());
  EXPECT_THAT(JsonItemIds(continued.out.str()), ElementsAre("N-R4"));
  EXPECT_THAT(continued.err.str(), IsEmpty());
}

TEST_F(ReviewTest, ListAllStatesAsksForAllStatesAndPagesOnThem) {
  ReviewListOptions options;
  options.state = *ParseReviewState("all");
  options.limit = 4;
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(ReviewList(connection_, options, captured.output).ok());

  EXPECT_THAT(JsonItemIds(captured.out.str()), ElementsAre("N-R1", "N-R2", "N-R3", "N-R4"));
  const auto requests = broker_.review.list_requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& request : requests) {
    EXPECT_TRUE(request.all_states());
    EXPECT_EQ(request.state(), v1::REVIEW_STATE_UNSPECIFIED);
  }
  EXPECT_EQ(captured.err.str(), "more items: --state=all --page-token=page-4\n");

  ReviewListOptions rest;
  rest.state = v1::REVIEW_STATE_UNSPECIFIED;
  rest.page_token = "page-4";
  CapturedOutput continued(/*json=*/true);
  ASSERT_TRUE(ReviewList(connection_, rest, continued.output).ok());
  EXPECT_THAT(JsonItemIds(continued.out.str()), ElementsAre("N-R5"));
}

TEST_F(ReviewTest, ListOfAnEmptyStateSaysSo) {
  ReviewListOptions options;
  options.state = v1::REVIEW_STATE_SUPERSEDED;
  CapturedOutput captured;
  ASSERT_TRUE(ReviewList(connection_, options, captured.output).ok());
  EXPECT_EQ(captured.out.str(), "no review items\n");
  EXPECT_EQ(broker_.review.list_requests().front().state(), v1::REVIEW_STATE_SUPERSEDED);
  EXPECT_FALSE(broker_.review.list_requests().front().all_states());
}

TEST_F(ReviewTest, ListTextOfAResolvedItemShowsTheResolution) {
  ReviewListOptions options;
  options.state = v1::REVIEW_STATE_LINKED;
  CapturedOutput captured;
  ASSERT_TRUE(ReviewList(connection_, options, captured.output).ok());
  EXPECT_THAT(captured.out.str(),
              AllOf(HasSubstr("state:          LINKED\n"), HasSubstr("linked crn:     X1000007\n"),
                    HasSubstr("resolved:       2026-11-18T12:30:00Z by reviewer-0\n"),
                    HasSubstr("note:           same person\n")));
}

TEST(ParseReviewStateTest, NamesAndAll) {
  EXPECT_EQ(*ParseReviewState("open"), v1::REVIEW_STATE_OPEN);
  EXPECT_EQ(*ParseReviewState("linked"), v1::REVIEW_STATE_LINKED);
  EXPECT_EQ(*ParseReviewState("not-linked"), v1::REVIEW_STATE_NOT_LINKED);
  EXPECT_EQ(*ParseReviewState("NOT_LINKED"), v1::REVIEW_STATE_NOT_LINKED);
  EXPECT_EQ(*ParseReviewState("superseded"), v1::REVIEW_STATE_SUPERSEDED);
  EXPECT_EQ(*ParseReviewState("all"), v1::REVIEW_STATE_UNSPECIFIED);
  for (const char* bad : {"", "closed", "opened", "unspecified"}) {
    const auto state = ParseReviewState(bad);
    ASSERT_FALSE(state.ok()) << bad;
    EXPECT_EQ(state.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(state.status().message(), HasSubstr("--state"));
    EXPECT_THAT(state.status().message(), HasSubstr("not-linked"));
  }
}

TEST_F(ReviewTest, ShowPrintsTheSubjectAndASideBySideTablePerCandidate) {
  CapturedOutput captured;

  ASSERT_TRUE(ReviewShow(connection_, "N-R1", captured.output).ok()) << captured.err.str();

  const std::string out = captured.out.str();
  for (const char* expected :
       {"decision:     REVIEW", "model:        fs-test-1", "state:        OPEN",
        "name:          Jon Paul Smith", "aliases:       Johnny Smith",
        "date of birth: 1980-02-03", "Flat 3, 12 Long Street, Newtown, AB1 2CD",
        "identifiers:   PNC 2001/0000001A", "--- candidate 1 of 2: X1000001 ---",
        "--- candidate 2 of 2: X1000002 ---", "offender manager: N07P1001",
        "offender manager: N07P1002", "weight:           9.50", "weight:           4.25"}) {
    EXPECT_THAT(out, HasSubstr(expected));
  }
  EXPECT_THAT(LinesWith(out, "FIELD"),
              ElementsAre(ContainsRegex(R"(^FIELD +\| NOTIFICATION +\| CANDIDATE \(X1000001\) +)"
                                        R"(\| LEVEL +\| WEIGHT$)"),
                          HasSubstr("| CANDIDATE (X1000002) |")));
  // One row per field: the notification's value, the candidate's, the level
  // and the weight, in that order.
  EXPECT_THAT(
      LinesWith(out, "forename"),
      ElementsAre(ContainsRegex(R"(^forename +\| Jon Paul +\| John Paul +\| jw92 +\| +3\.10$)"),
                  ContainsRegex(R"(^forename +\| Jon Paul +\| Jon +\| prefix +\| +1\.20$)")));
  EXPECT_THAT(LinesWith(out, "day_month_swap"),
              ElementsAre(ContainsRegex(
                  R"(^dob +\| 1980-02-03 +\| 1980-03-02 +\| day_month_swap +\| +1\.40$)")));
  EXPECT_THAT(LinesWith(out, "year_off_by_one"),
              ElementsAre(AllOf(HasSubstr("| 1981-02-03 "),
                                HasSubstr("| year_off_by_one |  -1.50"))));
  EXPECT_THAT(LinesWith(out, "postcode"),
              ElementsAre(ContainsRegex(R"(^postcode +\| AB1 2CD +\| +\| missing +\| +0\.00$)")));
  for (const std::string& line : Lines(out)) EXPECT_LE(DisplayWidth(line), 100u) << line;
  // The long candidate address is wrapped, not cut.
  EXPECT_THAT(out, HasSubstr("Lower"));
  EXPECT_THAT(out, HasSubstr("2CE"));
}

TEST_F(ReviewTest, ShowJsonRoundTrips) {
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(ReviewShow(connection_, "N-R1", captured.output).ok());

  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  v1::ReviewDetail printed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &printed).ok()) << lines[0];
  const std::optional<v1::ReviewDetail> served = broker_.review.detail("N-R1");
  ASSERT_TRUE(served.has_value());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(printed, *served))
      << printed.DebugString();
  EXPECT_EQ(printed.candidates(0).rows(0).candidate_value(), "John Paul");
}

TEST_F(ReviewTest, ShowUnknownIsTheBrokersNotFound) {
  CapturedOutput captured;
  const absl::Status status = ReviewShow(connection_, "N-NOPE", captured.output);
  EXPECT_EQ(DescribeStatus(status), "NOT_FOUND: no review item for N-NOPE");
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

TEST_F(ReviewTest, ResolveLinkSendsTheCrnAndPrintsTheItem) {
  CapturedOutput captured;

  ASSERT_TRUE(ReviewResolve(connection_, {"N-R1", "X1000002", false, "same dob"}, captured.output)
                  .ok());

  const std::optional<v1::ResolveReviewRequest> request = broker_.review.last_resolve();
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->notification_id(), "N-R1");
  EXPECT_EQ(request->outcome_case(), v1::ResolveReviewRequest::kLinkCrn);
  EXPECT_EQ(request->link_crn(), "X1000002");
  EXPECT_EQ(request->note(), "same dob");
  EXPECT_THAT(captured.out.str(),
              AllOf(HasSubstr("state:          LINKED\n"), HasSubstr("linked crn:     X1000002\n"),
                    HasSubstr("resolved:       2026-11-22T11:00:00Z by reviewer-1\n"),
                    HasSubstr("note:           same dob\n")));
}

TEST_F(ReviewTest, ResolveNotLinkedSendsNoCrn) {
  CapturedOutput captured(/*json=*/true);

  ASSERT_TRUE(ReviewResolve(connection_, {"N-R2", "", true, ""}, captured.output).ok());

  const std::optional<v1::ResolveReviewRequest> request = broker_.review.last_resolve();
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->outcome_case(), v1::ResolveReviewRequest::kNotLinked);
  EXPECT_TRUE(request->not_linked());
  EXPECT_THAT(request->link_crn(), IsEmpty());
  v1::ReviewItem item;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(Lines(captured.out.str())[0], &item).ok());
  EXPECT_EQ(item.state(), v1::REVIEW_STATE_NOT_LINKED);
  EXPECT_EQ(item.resolved_by(), "reviewer-1");
}

TEST_F(ReviewTest, ResolveNeedsExactlyOneOutcome) {
  const ReviewResolveOptions both{"N-R1", "X1000001", true, ""};
  const ReviewResolveOptions neither{"N-R1", "", false, "note"};
  EXPECT_THAT(ValidateReviewResolveOptions(both).message(), HasSubstr("exclude each other"));
  EXPECT_THAT(ValidateReviewResolveOptions(neither).message(),
              HasSubstr("one of --link=CRN or --not-linked is required"));
  for (const ReviewResolveOptions& options : {both, neither}) {
    CapturedOutput captured;
    EXPECT_EQ(ReviewResolve(connection_, options, captured.output).code(),
              absl::StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(broker_.review.resolve_calls(), 0);
}

TEST_F(ReviewTest, ResolveOfAResolvedItemIsFailedPrecondition) {
  CapturedOutput first;
  ASSERT_TRUE(ReviewResolve(connection_, {"N-R3", "", true, ""}, first.output).ok());

  for (const char* id : {"N-R3", "N-R5"}) {
    CapturedOutput captured;
    const absl::Status status = ReviewResolve(connection_, {id, "", true, ""}, captured.output);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << id;
    EXPECT_THAT(DescribeStatus(status),
                HasSubstr(absl::StrCat("FAILED_PRECONDITION: review item ", id, " is not open")));
    EXPECT_THAT(captured.out.str(), IsEmpty());
  }
}

TEST_F(ReviewTest, ResolveErrorsFromTheBroker) {
  CapturedOutput captured;
  EXPECT_EQ(DescribeStatus(ReviewResolve(connection_, {"N-R1", "X9999999", false, ""},
                                         captured.output)),
            "INVALID_ARGUMENT: link_crn: X9999999 is not a candidate");
  EXPECT_EQ(
      DescribeStatus(ReviewResolve(connection_, {"N-NOPE", "", true, ""}, captured.output)),
      "NOT_FOUND: no review item for N-NOPE");
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

}  // namespace
}  // namespace liaison::ctl
