#include "broker/ctl/offenders_commands.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/fake_broker.h"
#include "broker/ctl/test_output.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using testing::CapturedOutput;
using ::testing::ElementsAre;
using testing::FakeBroker;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::WriteTestFile;

// A CSV with `rows` offenders X0000001... under a header; `extra` rows are
// appended verbatim.
std::string OffenderCsv(int rows, const std::string& extra = "") {
  std::string csv = "crn,family_name,rosh_level,om_staff_code\n";
  for (int i = 1; i <= rows; ++i) {
    absl::StrAppend(&csv, "X", 1000000 + i, ",\"Smith, ", i, "\",HIGH,OM1\n");
  }
  return csv + extra;
}

class OffendersTest : public ::testing::Test {
 protected:
  FakeBroker broker_;
  Connection connection_ = broker_.Connect("probation-registry");
};

TEST_F(OffendersTest, LoadStreamsChunks) {
  const std::string csv = WriteTestFile("offenders.csv", OffenderCsv(7));
  CapturedOutput captured;

  ASSERT_TRUE(OffendersLoad(connection_, {csv, 3}, captured.output).ok()) << captured.err.str();

  EXPECT_THAT(broker_.registry.chunk_sizes(), ElementsAre(3, 3, 1));
  EXPECT_THAT(Lines(captured.out.str()), ElementsAre("loaded:   7", "rejected: 0"));
  EXPECT_THAT(captured.err.str(), IsEmpty());
  EXPECT_THAT(broker_.registry.principals(), ElementsAre("probation-registry"));
}

TEST_F(OffendersTest, LoadReportsLocalAndBrokerRejectionsByCsvLine) {
  // Line 2: bad enum (never sent). Line 3: a quoted newline makes the record
  // span lines 3-4. Line 5: the fake broker rejects crn BAD*.
  const std::string csv = WriteTestFile("offenders.csv",
                                        "crn,family_name,rosh_level,om_staff_code\n"
                                        "X1,Smith,SEVERE,OM1\n"
                                        "X2,\"Two\nLines\",LOW,OM1\n"
                                        "BAD3,Jones,LOW,OM1\n"
                                        "X4,Brown,,OM1\n");
  CapturedOutput captured;

  const absl::Status status = OffendersLoad(connection_, {csv, 2}, captured.output);

  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("2 of 4 rows rejected"));
  EXPECT_THAT(broker_.registry.chunk_sizes(), ElementsAre(2, 1));
  EXPECT_THAT(Lines(captured.out.str()), ElementsAre("loaded:   2", "rejected: 2"));
  const std::vector<std::string> errors = Lines(captured.err.str());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_THAT(errors[0], HasSubstr("line 2: INVALID_ARGUMENT: column rosh_level: not one of"));
  EXPECT_THAT(errors[0], Not(HasSubstr("SEVERE")));
  EXPECT_EQ(errors[1], "line 5: INVALID_ARGUMENT: crn: not a valid CRN");
}

TEST_F(OffendersTest, LoadJsonOutputIsOneResponseWithCsvLines) {
  const std::string csv =
      WriteTestFile("offenders.csv", OffenderCsv(2, "BAD9,Jones,LOW,OM1\nX5,Smith,NOPE,OM1\n"));
  CapturedOutput captured(/*json=*/true);

  EXPECT_FALSE(OffendersLoad(connection_, {csv, 500}, captured.output).ok());

  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  v1::BulkLoadResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &response).ok()) << lines[0];
  EXPECT_EQ(response.loaded(), 2u);
  EXPECT_EQ(response.rejected(), 2u);
  ASSERT_EQ(response.errors_size(), 2);
  EXPECT_EQ(response.errors(0).index(), 4u);
  EXPECT_EQ(response.errors(1).index(), 5u);
}

TEST_F(OffendersTest, LoadOfMissingFileFailsWithoutCallingTheBroker) {
  CapturedOutput captured;
  const absl::Status status =
      OffendersLoad(connection_, {"/nonexistent/offenders.csv", 500}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("/nonexistent/offenders.csv"));
  EXPECT_THAT(broker_.registry.principals(), IsEmpty());
}

TEST_F(OffendersTest, LoadWithBadHeaderNamesTheFile) {
  const std::string csv = WriteTestFile("noheader.csv", "pnc,noms\n1,2\n");
  CapturedOutput captured;
  const absl::Status status = OffendersLoad(connection_, {csv, 500}, captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr(csv + ": line 1"));
  EXPECT_THAT(broker_.registry.chunk_sizes(), IsEmpty());
}

TEST_F(OffendersTest, GetPrintsTheRecord) {
  const std::string csv = WriteTestFile("offenders.csv", OffenderCsv(1));
  CapturedOutput load;
  ASSERT_TRUE(OffendersLoad(connection_, {csv, 500}, load.output).ok());

  CapturedOutput text;
  ASSERT_TRUE(OffendersGet(connection_, "X1000001", text.output).ok());
  EXPECT_THAT(text.out.str(), HasSubstr("crn:"));
  EXPECT_THAT(text.out.str(), HasSubstr("X1000001"));
  EXPECT_THAT(text.out.str(), HasSubstr("rosh:"));

  CapturedOutput json(/*json=*/true);
  ASSERT_TRUE(OffendersGet(connection_, "X1000001", json.output).ok());
  v1::OffenderRecord record;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(Lines(json.out.str())[0], &record).ok());
  EXPECT_EQ(record.name().family_name(), "Smith, 1");
  EXPECT_EQ(record.rosh_level(), v1::ROSH_LEVEL_HIGH);
}

TEST_F(OffendersTest, GetUnknownReturnsTheBrokersError) {
  CapturedOutput captured;
  const absl::Status status = OffendersGet(connection_, "X9999999", captured.output);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no such offender");
}

TEST_F(OffendersTest, AllocateSendsTheNewStaff) {
  const std::string csv = WriteTestFile("offenders.csv", OffenderCsv(1));
  CapturedOutput load;
  ASSERT_TRUE(OffendersLoad(connection_, {csv, 500}, load.output).ok());
  OffendersAllocateOptions options;
  options.crn = "X1000001";
  options.om_staff_code = "OM9";
  options.om_name = "New Officer";
  options.team_code = "T9";
  options.manager_staff_code = "MG1";
  options.reason = "transfer";
  CapturedOutput captured;

  ASSERT_TRUE(OffendersAllocate(connection_, options, captured.output).ok());

  const auto allocations = broker_.registry.allocations();
  ASSERT_EQ(allocations.size(), 1u);
  EXPECT_EQ(allocations[0].offender_manager().staff_code(), "OM9");
  EXPECT_EQ(allocations[0].offender_manager().name(), "New Officer");
  EXPECT_EQ(allocations[0].team_code(), "T9");
  EXPECT_EQ(allocations[0].manager().staff_code(), "MG1");
  EXPECT_FALSE(allocations[0].has_co_worker());
  EXPECT_EQ(allocations[0].reason(), "transfer");
  EXPECT_THAT(captured.out.str(), HasSubstr("OM9 (New Officer)"));
}

v1::OffenderRecord Record(const std::string& crn, const std::string& family_name) {
  v1::OffenderRecord record;
  record.set_crn(crn);
  record.mutable_name()->set_given_names("Jon");
  record.mutable_name()->set_family_name(family_name);
  return record;
}

class MergeTest : public OffendersTest {
 protected:
  void SetUp() override {
    broker_.registry.AddOffender(Record("X1000001", "Smith"));
    broker_.registry.AddOffender(Record("X1000002", "Smyth"));
  }
};

TEST_F(MergeTest, MergeSendsBothCrnsAndPrintsBothRecords) {
  CapturedOutput captured;

  ASSERT_TRUE(
      OffendersMerge(connection_, {"X1000002", "X1000001", "same PNC"}, captured.output).ok());

  const auto merges = broker_.registry.merges();
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].merged_crn(), "X1000002");
  EXPECT_EQ(merges[0].surviving_crn(), "X1000001");
  EXPECT_EQ(merges[0].reason(), "same PNC");
  EXPECT_EQ(captured.out.str(),
            "crn:         X1000002\n"
            "name:        Jon Smyth\n"
            "merged into: X1000001\n"
            "\n"
            "crn:         X1000001\n"
            "name:        Jon Smith\n"
            "merged into: (not merged)\n"
            "\n");
}

TEST_F(MergeTest, MergeJsonIsOneResponse) {
  CapturedOutput captured(/*json=*/true);
  ASSERT_TRUE(OffendersMerge(connection_, {"X1000002", "X1000001", ""}, captured.output).ok());
  const std::vector<std::string> lines = Lines(captured.out.str());
  ASSERT_EQ(lines.size(), 1u);
  v1::MergeOffendersResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &response).ok()) << lines[0];
  EXPECT_EQ(response.merged().merged_into(), "X1000001");
  EXPECT_EQ(response.surviving().crn(), "X1000001");
}

TEST_F(MergeTest, MergeErrorsAreTheBrokers) {
  CapturedOutput captured;
  EXPECT_EQ(DescribeStatus(OffendersMerge(connection_, {"X9", "X1000001", ""}, captured.output)),
            "NOT_FOUND: no such offender");
  EXPECT_EQ(DescribeStatus(
                OffendersMerge(connection_, {"X1000001", "X1000001", ""}, captured.output)),
            "FAILED_PRECONDITION: cannot merge a record into itself");
  EXPECT_THAT(captured.out.str(), IsEmpty());
}

TEST_F(MergeTest, UnmergeSendsTheReasonAndPrintsTheRecord) {
  CapturedOutput merge;
  ASSERT_TRUE(OffendersMerge(connection_, {"X1000002", "X1000001", ""}, merge.output).ok());
  CapturedOutput captured;

  ASSERT_TRUE(OffendersUnmerge(connection_, "X1000002", "different people", captured.output).ok());

  const auto unmerges = broker_.registry.unmerges();
  ASSERT_EQ(unmerges.size(), 1u);
  EXPECT_EQ(unmerges[0].merged_crn(), "X1000002");
  EXPECT_EQ(unmerges[0].reason(), "different people");
  EXPECT_EQ(captured.out.str(),
            "crn:         X1000002\nname:        Jon Smyth\nmerged into: (not merged)\n\n");

  CapturedOutput again;
  EXPECT_EQ(DescribeStatus(OffendersUnmerge(connection_, "X1000002", "", again.output)),
            "FAILED_PRECONDITION: the record is not merged");
}

}  // namespace
}  // namespace liaison::ctl
