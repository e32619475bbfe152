// liaisonctl reads what the demo generator (broker/demo) writes: every
// offender survives the CSV round trip, and every story parses as a
// Notification.

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "broker/ctl/offender_csv.h"
#include "broker/ctl/submit_command.h"
#include "broker/demo/demo_data.h"
#include "broker/demo/offenders_csv.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

// What the CSV carries of `record`: the first address, no licence
// conditions, no team for the co-worker and manager (there are no columns
// for them), no output-only fields.
v1::OffenderRecord AsCarriedByCsv(v1::OffenderRecord record) {
  while (record.addresses_size() > 1) record.mutable_addresses()->RemoveLast();
  record.clear_licence_conditions();
  if (record.has_co_worker()) record.mutable_co_worker()->clear_team_code();
  if (record.has_manager()) record.mutable_manager()->clear_team_code();
  record.clear_updated_at();
  return record;
}

TEST(DemoCompatTest, GeneratedOffendersRoundTrip) {
  demo::DemoOptions options;
  options.people = 500;
  options.seed = 7;
  const auto offenders = demo::GenerateOffenders(options);
  ASSERT_TRUE(offenders.ok()) << offenders.status();
  std::istringstream csv(demo::OffendersCsv(*offenders));

  auto reader = OffenderCsvReader::Open(csv);
  ASSERT_TRUE(reader.ok()) << reader.status();
  size_t i = 0;
  while (std::optional<OffenderCsvReader::Row> row = (*reader)->Next()) {
    ASSERT_LT(i, offenders->size());
    ASSERT_TRUE(row->record.ok()) << row->record.status();
    std::string diff;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(AsCarriedByCsv((*offenders)[i]), *row->record))
        << "row " << i << ": " << diff;
    ++i;
  }
  EXPECT_EQ(i, offenders->size());
}

TEST(DemoCompatTest, StoriesParseAsNotifications) {
  const auto files = demo::GenerateDemoFiles(demo::DemoOptions());
  ASSERT_TRUE(files.ok()) << files.status();
  int stories = 0;
  for (const demo::DemoFile& file : *files) {
    if (!absl::StartsWith(file.path, "stories/")) continue;
    ++stories;
    const auto notification = ParseNotificationJson(file.contents);
    EXPECT_TRUE(notification.ok()) << file.path << ": " << notification.status();
  }
  EXPECT_GT(stories, 0);
}

}  // namespace
}  // namespace liaison::ctl
