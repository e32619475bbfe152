// Encryption at rest, end to end: the demo population is loaded and the
// stories submitted through the real broker, a data key is rotated and the
// store re-encrypted, and then every file in the data directory (SST, WAL,
// MANIFEST, OPTIONS, RocksDB's own LOG) is searched for every name, date of
// birth, postcode and identifier of the population and of the stories'
// people. None may be there. A control run writes the same people into a
// store without encryption and must find them, so the search can fail.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "broker/csv/csv_reader.h"
#include "broker/storage/rocksdb_kv_store.h"
#include "gmock/gmock.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;

// The offenders file as rows of column -> value.
std::vector<std::map<std::string, std::string>> ReadOffenders(const std::string& path) {
  std::ifstream in(path);
  csv::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  for (auto record = reader.Next(); record.ok() && record->has_value(); record = reader.Next()) {
    if (header.empty()) {
      header = (*record)->fields;
      continue;
    }
    std::map<std::string, std::string>& row = rows.emplace_back();
    for (size_t i = 0; i < header.size() && i < (*record)->fields.size(); ++i) row[header[i]] = (*record)->fields[i];
  }
  return rows;
}

// A value and the forms it may be stored in (as typed, normalised).
void AddForms(absl::string_view value, std::set<std::string>* needles) {
  const std::string v(absl::StripAsciiWhitespace(value));
  if (v.size() < 5) return;  // shorter strings turn up in random bytes
  needles->insert(v);
  needles->insert(absl::AsciiStrToLower(v));
  needles->insert(absl::AsciiStrToUpper(v));
  needles->insert(absl::StrReplaceAll(v, {{" ", ""}, {"-", ""}, {"/", ""}}));
}

void AddDate(absl::string_view iso, std::set<std::string>* needles) {
  std::vector<std::string> p = absl::StrSplit(iso, '-');
  if (p.size() != 3) return;
  needles->insert(std::string(iso));
  needles->insert(p[0] + p[1] + p[2]);
  needles->insert(p[2] + "/" + p[1] + "/" + p[0]);
}

// Names (each word of five letters or more), dates of birth, postcodes and
// identifiers of the offenders file and the story files.
std::set<std::string> PopulationNeedles(const std::string& demo) {
  std::set<std::string> needles;
  for (auto& fields : ReadOffenders(demo + "/offenders.csv")) {
    for (const char* column : {"crn", "pnc", "cro", "noms", "postcode"}) AddForms(fields.at(column), &needles);
    for (const char* column : {"given_names", "family_name", "aliases"}) {
      for (absl::string_view word : absl::StrSplit(fields.at(column), absl::ByAnyChar(" |-"), absl::SkipEmpty())) {
        AddForms(word, &needles);
      }
    }
    AddDate(fields.at("date_of_birth"), &needles);
  }
  const std::regex field("\"(givenNames|familyName|postcode|value|dateOfBirth)\": \"([^\"]+)\"");
  for (const auto& entry : std::filesystem::directory_iterator(demo + "/stories")) {
    const std::string text = ReadFileOrEmpty(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it) {
      const std::string name = (*it)[1], value = (*it)[2];
      if (name == "dateOfBirth") {
        AddDate(value, &needles);
      } else if (name == "givenNames" || name == "familyName") {
        for (absl::string_view word : absl::StrSplit(value, ' ', absl::SkipEmpty())) AddForms(word, &needles);
      } else {
        AddForms(value, &needles);
      }
    }
  }
  return needles;
}

// The needles found in any file under `dir`, with the file they were in.
std::map<std::string, std::string> Search(const std::string& dir, const std::set<std::string>& needles,
                                          size_t* files) {
  std::map<std::string, std::string> found;
  *files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++*files;
    const std::string bytes = ReadFileOrEmpty(entry.path());
    for (const std::string& needle : needles) {
      if (!found.contains(needle) && absl::StrContains(bytes, needle)) found[needle] = entry.path().filename();
    }
  }
  return found;
}

// Every key and value of every table as RocksDB returns them (decompressed):
// SST files are block-compressed, which can hide a value from a search of
// the files' bytes, so the search covers this too.
std::string LogicalDump(const std::string& dir) {
  auto store = storage::RocksKvStore::Open({.path = dir, .read_only = true});
  EXPECT_TRUE(store.ok()) << store.status();
  std::string all;
  if (!store.ok()) return all;
  for (storage::Table table : storage::kAllTables) {
    EXPECT_TRUE((*store)->Scan(table, "", "", false, [&](absl::string_view k, absl::string_view v) {
      all.append(k.data(), k.size()).append(1, '\n').append(v.data(), v.size()).append(1, '\n');
      return true;
    }).ok());
  }
  return all;
}

std::set<std::string> FoundIn(absl::string_view bytes, const std::set<std::string>& needles) {
  std::set<std::string> found;
  for (const std::string& needle : needles) {
    if (absl::StrContains(bytes, needle)) found.insert(needle);
  }
  return found;
}

class AtRestTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    demo_ = dir_ + "/demo";
    CommandResult generated = RunCommand({DemoDataBinary(), "--out=" + demo_, "--people=300"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
  }

  void Submit(const std::string& who, const std::string& story) {
    CommandResult r = Ctl(who, {"submit", demo_ + "/stories/" + story});
    EXPECT_EQ(r.exit_code, 0) << story << ": " << r.err;
  }

  CommandResult Store(const std::string& command) {
    return RunCommand({CtlBinary(), "store", command, "--data-dir=" + data_dir_, "--data-key-file=" + data_dir_ + ".keys"});
  }

  std::string demo_;
};

TEST_F(AtRestTest, NoPersonalDataInAnyFileAfterTrafficRotationAndReencryption) {
  StartBroker();
  CommandResult loaded = Ctl("probation-registry", {"offenders", "load", demo_ + "/offenders.csv"});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  Submit("police-adapter", "story1-police-callout.json");
  Submit("social-care-adapter", "story1-social-care-referral.json");
  Submit("police-adapter", "unmatched-police-callout.json");
  ASSERT_EQ(Ctl("om-inbox", {"inbox", "list", "--recipient=N07P1001", "--all"}).exit_code, 0);

  // Rotate without a restart: after SIGHUP the broker writes under data key
  // 2 and still reads key 1.
  CommandResult rotated = RunCommand({CtlBinary(), "keys", "rotate", data_dir_ + ".keys"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  ASSERT_EQ(::kill(broker_->pid(), SIGHUP), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!absl::StrContains(ReadFileOrEmpty(dir_ + "/broker.log"), "\"data_keys_reloaded\"")) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the broker did not reload its keys on SIGHUP";
    std::this_thread::yield();
  }
  Submit("police-adapter", "story2-police-callout.json");
  Submit("police-adapter", "story6-arrest.json");
  CommandResult inbox = Ctl("om-inbox", {"inbox", "list", "--recipient=N07P1001", "--all"});
  ASSERT_EQ(inbox.exit_code, 0) << inbox.err;
  EXPECT_EQ(Ctl("auditor", {"audit", "verify"}).exit_code, 0);
  // The audit log names people by a keyed hash: a query by CRN finds the
  // person's entries, and no entry holds the CRN.
  CommandResult by_person = Ctl("auditor", {"--json", "audit", "query", "--person=X700001"});
  ASSERT_EQ(by_person.exit_code, 0) << by_person.err;
  EXPECT_THAT(by_person.out, HasSubstr("\"person\":\"psn_"));
  EXPECT_THAT(by_person.out, ::testing::Not(HasSubstr("X700001")));
  CommandResult all_entries = Ctl("auditor", {"--json", "audit", "query", "--limit=1000"});
  ASSERT_EQ(all_entries.exit_code, 0) << all_entries.err;
  EXPECT_GT(all_entries.out.size(), 1000u);
  EXPECT_THAT(all_entries.out, ::testing::Not(::testing::ContainsRegex("\"[A-Z][0-9]{6}\"")));
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);

  CommandResult before = Store("key-usage");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_THAT(before.out, HasSubstr("data key 1: "));
  EXPECT_THAT(before.out, HasSubstr("data key 2: "));
  CommandResult moved = Store("reencrypt");
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_THAT(moved.out, HasSubstr("re-encrypted "));
  EXPECT_THAT(moved.out, ::testing::Not(HasSubstr("data key 1: ")));
  EXPECT_THAT(moved.out, HasSubstr("data key 2: "));

  // Everything still reads after re-encryption, with the same alerts.
  StartBroker();
  CommandResult after = Ctl("om-inbox", {"inbox", "list", "--recipient=N07P1001", "--all"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, inbox.out);
  EXPECT_EQ(Ctl("auditor", {"audit", "verify"}).exit_code, 0);
  ASSERT_EQ(broker_->Stop(SIGTERM), 0);

  const std::set<std::string> needles = PopulationNeedles(demo_);
  ASSERT_GT(needles.size(), 1500u);
  size_t files = 0;
  std::map<std::string, std::string> found = Search(data_dir_, needles, &files);
  EXPECT_GE(files, 5u);
  for (const auto& [needle, file] : found) ADD_FAILURE() << "personal data in " << file << " (" << needle.size() << " characters)";
  EXPECT_TRUE(found.empty()) << found.size() << " of " << needles.size() << " values found in " << files << " files";
  const std::string logical = LogicalDump(data_dir_);
  EXPECT_GT(logical.size(), 100000u);
  EXPECT_EQ(FoundIn(logical, needles).size(), 0u) << "personal data in a decompressed key or value";
  std::cout << "searched " << files << " files and " << logical.size() << " bytes of decompressed records for "
            << needles.size() << " forms of the population's names, dates of birth, postcodes and identifiers: "
            << found.size() << " found\n";
}

// The control: the same people stored without encryption are found by the
// same searches: in the files while they are in the write-ahead log, and
// in the decompressed keys and values once flushed to SST files.
TEST_F(AtRestTest, TheSearchFindsThePopulationInAStoreWithoutEncryption) {
  const std::string plain_dir = dir_ + "/plain";
  {
    auto store = storage::RocksKvStore::Open({.path = plain_dir});
    ASSERT_TRUE(store.ok()) << store.status();
    const std::string csv = ReadFileOrEmpty(demo_ + "/offenders.csv");
    int line = 0;
    for (absl::string_view row : absl::StrSplit(csv, '\n', absl::SkipEmpty())) {
      ASSERT_TRUE((*store)->Write({{storage::Table::kOffenders, std::to_string(line++), std::string(row)}}, false).ok());
    }
  }
  const std::set<std::string> needles = PopulationNeedles(demo_);
  size_t files = 0;
  std::map<std::string, std::string> found = Search(plain_dir, needles, &files);
  {
    auto store = storage::RocksKvStore::Open({.path = plain_dir});
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Flush().ok());
  }
  const std::set<std::string> logical = FoundIn(LogicalDump(plain_dir), needles);
  // Every offender's crn, as typed, is found.
  size_t crns = 0;
  for (auto& row : ReadOffenders(demo_ + "/offenders.csv")) {
    ++crns;
    EXPECT_TRUE(found.contains(row.at("crn"))) << "a crn was not found in the plaintext store's files";
    EXPECT_TRUE(logical.contains(row.at("crn"))) << "a crn was not found in the plaintext store's records";
    EXPECT_TRUE(logical.contains(row.at("family_name")) || row.at("family_name").size() < 5);
  }
  EXPECT_EQ(crns, 300u);
}

}  // namespace
}  // namespace liaison::testing
