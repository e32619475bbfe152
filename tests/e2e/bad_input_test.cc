// Must-show 6: bad input gets a clear error naming the field, and nothing is
// written. Through liaisonctl and the real broker.
#include <signal.h>

#include <fstream>

#include "tests/support/stopped_store.h"
#include "gmock/gmock.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/consistency.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kValid[] = R"json({
  "sourceRef": "BAD-INPUT-1",
  "occurredAt": "2026-11-20T21:14:00Z",
  "classification": "CLASSIFICATION_OFFICIAL",
  "subject": {"identifiers": [{"type": "IDENTIFIER_TYPE_PNC", "value": "%PNC%"}]},
  "policeCallout": {"incidentType": "CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE", "summary": "%SUMMARY%"}
})json";

std::string Notification(const std::string& pnc, const std::string& summary) {
  return absl::StrReplaceAll(kValid, {{"%PNC%", pnc}, {"%SUMMARY%", summary}});
}

class BadInputTest : public E2eTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(BadInputTest, EachIsRefusedNamingTheFieldAndNothingIsWritten) {
  StartBroker();
  struct Case {
    std::string file;
    std::string text;
    std::string expected;  // in liaisonctl's stderr
    std::string secret;    // must not be
  };
  const std::string missing_subject =
      R"json({"sourceRef": "BAD-2", "occurredAt": "2026-11-20T21:14:00Z", "classification": "CLASSIFICATION_OFFICIAL",
              "policeCallout": {"incidentType": "CALLOUT_INCIDENT_TYPE_DOMESTIC_ABUSE"}})json";
  const std::vector<Case> cases = {
      {"malformed.json", "{\"sourceRef\": \"BAD-1\", ", "malformed.json: invalid notification JSON", ""},
      {"unknown-field.json", R"json({"sourceRef": "BAD-5", "shoeSize": 9})json", "shoeSize", ""},
      {"missing-subject.json", missing_subject, "INVALID_ARGUMENT: subject: is required", ""},
      {"oversized.json", Notification("1979/0163001B", std::string(70000, 'x')),
       "INVALID_ARGUMENT: notification: is ", ""},
      {"invalid-pnc.json", Notification("1979/0163001C", "s"), "INVALID_ARGUMENT: subject.identifiers[0].value: ",
       "0163001C"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    CommandResult r = Ctl("police-adapter", {"submit", Write(c.file, c.text)});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr(c.expected));
    if (!c.secret.empty()) {
      EXPECT_THAT(r.err, Not(HasSubstr(c.secret)));
    }
  }
  // Oversized also states the limit.
  CommandResult oversized = Ctl("police-adapter", {"submit", dir_ + "/oversized.json"});
  EXPECT_THAT(oversized.err, HasSubstr("the limit is 65536"));

  ASSERT_EQ(broker_->Stop(SIGTERM), 0);
  auto store = StoppedStore::Open(data_dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  auto census = CheckConsistency(**store);
  ASSERT_TRUE(census.ok()) << census.status();
  EXPECT_EQ(census->notifications, 0u);
  // Only the broker's own POLICY_LOADED entry from its first start.
  EXPECT_EQ(census->audit_entries, 1u);
}

}  // namespace
}  // namespace liaison::testing
