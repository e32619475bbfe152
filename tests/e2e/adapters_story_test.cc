// Story 5 of domain.md through the adapters: probation's case extract puts
// two offenders, held in different prisons, in the index; a prison domain
// event (a mail-monitoring alert) flags one writing to the other; both
// offender managers and both prisons' security departments are told.

#include <filesystem>
#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "broker/csv/csv_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "liaison/store/v1/records.pb.h"
#include "liaison/v1/alert.pb.h"
#include "tests/e2e/adapters_e2e.h"
#include "tests/support/consistency.h"
#include "tests/support/stopped_store.h"

namespace liaison::testing {
namespace {

using ::testing::IsSupersetOf;

class AdapterStoryTest : public AdapterFleetTest {};

TEST_F(AdapterStoryTest, Story5AMailFlagFromAPrisonDomainEventReachesBothOffenderManagersAndBothPrisons) {
  auto population = synth::Population::Create(synth::PopulationOptions{});
  ASSERT_TRUE(population.ok());
  // Two index people who hold NOMS numbers: the writer and the recipient.
  std::vector<v1::OffenderRecord> pair;
  for (int64_t i = 0; pair.size() < 2; ++i) {
    v1::OffenderRecord record = population->IndexPerson(i).record;
    if (!IdOf(record, v1::IDENTIFIER_TYPE_NOMS).empty()) pair.push_back(std::move(record));
  }
  const v1::OffenderRecord& writer = pair[0];
  const v1::OffenderRecord& known = pair[1];
  const std::vector<std::string> prisons = {"MDI", "HOI"};
  const std::vector<std::string> managers = {"N07S501", "N07S502"};

  StartBroker();
  ASSERT_NE(broker_, nullptr);
  MakeAdapters();
  Adapter& prison = adapters_[2];
  Adapter& probation = adapters_[3];
  ASSERT_EQ(prison.name, "prison");
  ASSERT_EQ(probation.name, "probation");

  {
    std::ofstream out(probation.drop / ".cases.csv");
    out << csv::CsvRow({"crn", "noms", "given_names", "family_name", "date_of_birth", "om_staff_code", "om_name",
                        "team_code", "area_code", "status", "prison_code"})
        << "\n";
    for (int k = 0; k < 2; ++k) {
      const v1::OffenderRecord& r = pair[k];
      out << csv::CsvRow({r.crn(), IdOf(r, v1::IDENTIFIER_TYPE_NOMS), r.name().given_names(),
                          r.name().family_name(), r.date_of_birth(), managers[k], "Officer", "N07T01", "N07",
                          "IN_CUSTODY", prisons[k]})
          << "\n";
    }
  }
  std::filesystem::rename(probation.drop / ".cases.csv", probation.drop / "cases.csv");
  RunUntilIdle(probation);

  const std::string writer_noms = IdOf(writer, v1::IDENTIFIER_TYPE_NOMS);
  const std::string event = absl::StrCat(
      "{\"eventType\":\"person.alert.created\",\"version\":1,\"occurredAt\":",
      Quote(Rfc3339(absl::Now() - absl::Hours(1))),
      ",\"personReference\":{\"identifiers\":[{\"type\":\"NOMS\",\"value\":", Quote(writer_noms),
      "}]},\"additionalInformation\":{\"alertUuid\":\"e2e-story-5\",\"alertCode\":\"PMK\",\"prisonId\":\"MDI\","
      "\"prisoner\":{\"givenNames\":",
      Quote(writer.name().given_names()), ",\"familyName\":", Quote(writer.name().family_name()),
      ",\"dateOfBirth\":", Quote(writer.date_of_birth()),
      "},\"monitoring\":{\"establishment\":\"MDI\",\"direction\":\"OUTGOING\",\"concern\":\"KNOWN_OFFENDER\","
      "\"monitoringReference\":\"MM-E2E-5\",\"summary\":\"Letter to a known associate.\",\"correspondent\":{"
      "\"identifiers\":[{\"type\":\"NOMS\",\"value\":",
      Quote(IdOf(known, v1::IDENTIFIER_TYPE_NOMS)), "}],\"givenNames\":", Quote(known.name().given_names()),
      ",\"familyName\":", Quote(known.name().family_name()), ",\"dateOfBirth\":", Quote(known.date_of_birth()),
      "}}}}");
  {
    std::ofstream out(prison.drop / ".events.jsonl");
    out << event << "\n";
  }
  std::filesystem::rename(prison.drop / ".events.jsonl", prison.drop / "events.jsonl");
  RunUntilIdle(prison);
  std::vector<adapters::v1::LedgerEntry> ledger = Ledger(prison);
  ASSERT_EQ(ledger.size(), 1u);
  ASSERT_EQ(ledger[0].outcome(), adapters::v1::OUTCOME_NOTIFIED) << ReadFileOrEmpty(prison.log);
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);

  auto store = StoppedStore::Open(data_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE(CheckConsistency(**store).ok());
  std::set<std::string> recipients;
  ASSERT_TRUE((*store)
                  ->Scan(storage::Table::kAlerts, "", "", false,
                         [&](absl::string_view, absl::string_view value) {
                           v1::Alert alert;
                           EXPECT_TRUE(alert.ParseFromArray(value.data(), static_cast<int>(value.size())));
                           if (alert.notification_id() == ledger[0].notification_id()) {
                             recipients.insert(alert.recipient_id());
                           }
                           return true;
                         })
                  .ok());
  std::cout << "story 5: the mail flag's alerts went to";
  for (const std::string& recipient : recipients) std::cout << " " << recipient;
  std::cout << "\n";
  EXPECT_THAT(recipients, IsSupersetOf({managers[0], managers[1], std::string("MDI-SECURITY"),
                                        std::string("HOI-SECURITY")}));
}

}  // namespace
}  // namespace liaison::testing
