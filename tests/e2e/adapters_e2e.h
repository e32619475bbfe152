#ifndef LIAISON_TESTS_E2E_ADAPTERS_E2E_H_
#define LIAISON_TESTS_E2E_ADAPTERS_E2E_H_

// The four agency adapters as child processes beside a real broker, and
// generated agency input for them (formats: docs/adapters/).

#include <signal.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "broker/csv/csv_writer.h"
#include "broker/synth/population.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {

inline std::string PoliceAdapterBinary() { return LIAISON_POLICE_ADAPTER_BINARY; }
inline std::string SocialCareAdapterBinary() { return LIAISON_SOCIAL_CARE_ADAPTER_BINARY; }
inline std::string PrisonAdapterBinary() { return LIAISON_PRISON_ADAPTER_BINARY; }
inline std::string ProbationAdapterBinary() { return LIAISON_PROBATION_ADAPTER_BINARY; }

struct Adapter {
  std::string name;  // police, social-care, prison, probation
  std::string binary;
  std::string principal;           // whose notifications
  std::string registry_principal;  // whose registry changes
  std::vector<std::string> identity_flags;
  std::filesystem::path drop;
  std::filesystem::path state;
  std::string log;
  std::unique_ptr<ServiceProcess> process;
};

// Input files per adapter name: file name -> lines (CSV: header first).
struct Inputs {
  std::map<std::string, std::map<std::string, std::vector<std::string>>> files;
  // Origins ("drop:FILE:LINE") of records made invalid on purpose.
  std::set<std::string> planted_bad;
  size_t records = 0;
  size_t file_count = 0;
};

inline std::string Quote(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

inline std::string IdOf(const v1::OffenderRecord& record, v1::IdentifierType type) {
  for (const v1::Identifier& id : record.identifiers()) {
    if (id.type() == type) return id.value();
  }
  return "";
}

inline std::string Rfc3339(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone()); }

class AdapterFleetTest : public E2eTest {
 protected:
  void MakeAdapters() {
    const std::string ca = certs_ + "/ca.pem";
    auto identity = [&](const std::string& flag, const std::string& who) {
      return std::vector<std::string>{"--" + flag + "cert-file=" + certs_ + "/" + who + ".pem",
                                       "--" + flag + "key-file=" + certs_ + "/" + who + ".key"};
    };
    auto add = [&](const std::string& name, const std::string& binary, const std::string& principal,
                   const std::string& registry_principal, std::vector<std::string> flags) {
      Adapter adapter;
      adapter.name = name;
      adapter.binary = binary;
      adapter.principal = principal.empty() ? "" : "spiffe://liaison.dev/" + principal;
      adapter.registry_principal = registry_principal.empty() ? "" : "spiffe://liaison.dev/" + registry_principal;
      adapter.identity_flags = std::move(flags);
      adapter.identity_flags.push_back("--ca-file=" + ca);
      adapter.drop = std::filesystem::path(dir_) / (name + "-drop");
      adapter.state = std::filesystem::path(dir_) / (name + "-state");
      adapter.log = dir_ + "/" + name + ".log";
      std::filesystem::create_directories(adapter.drop);
      adapters_.push_back(std::move(adapter));
    };
    add("police", PoliceAdapterBinary(), "police-adapter", "", identity("", "police-adapter"));
    add("social-care", SocialCareAdapterBinary(), "social-care-adapter", "", identity("", "social-care-adapter"));
    std::vector<std::string> prison = identity("", "prison-adapter");
    for (std::string& flag : identity("registry-", "prison-registry")) prison.push_back(flag);
    add("prison", PrisonAdapterBinary(), "prison-adapter", "prison-registry", prison);
    add("probation", ProbationAdapterBinary(), "", "probation-registry", identity("", "probation-registry"));
  }

  std::vector<std::string> AdapterArgv(const Adapter& adapter, const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {adapter.binary,
                                     "run",
                                     "--state-dir=" + adapter.state.string(),
                                     "--broker=" + Target(),
                                     "--drop-dir=" + adapter.drop.string(),
                                     "--scan-interval=20ms",
                                     "--timeout=5s",
                                     "--ready-fd=3"};
    argv.insert(argv.end(), adapter.identity_flags.begin(), adapter.identity_flags.end());
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }

  void StartAdapter(Adapter& adapter) {
    auto started = ServiceProcess::Start(AdapterArgv(adapter, {}), adapter.log);
    ASSERT_TRUE(started.ok()) << started.status();
    adapter.process = std::move(*started);
  }

  // SIGKILL, then report how far it had got (from its state directory).
  void KillAdapter(Adapter& adapter, absl::string_view when) {
    if (adapter.process == nullptr) return;
    EXPECT_EQ(adapter.process->Stop(SIGKILL), 128 + SIGKILL);
    adapter.process.reset();
    CommandResult status = RunCommand({adapter.binary, "status", "--state-dir=" + adapter.state.string()});
    std::cout << adapter.name << " adapter killed (" << when << "): " << status.out;
  }

  // Runs the adapter until its drop directory is empty and its spool is
  // delivered; it then exits by itself.
  void RunUntilIdle(Adapter& adapter) {
    auto started = ServiceProcess::Start(AdapterArgv(adapter, {"--exit-when-idle"}), adapter.log);
    ASSERT_TRUE(started.ok()) << started.status();
    EXPECT_EQ((*started)->Wait(), 0) << ReadFileOrEmpty(adapter.log);
    CommandResult status = RunCommand({adapter.binary, "status", "--state-dir=" + adapter.state.string()});
    std::cout << adapter.name << " adapter finished: " << status.out;
  }

  void RestartBroker(const std::string& listen) {
    broker_.reset();
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = data_dir_;
    options.config = config_;
    options.certs_dir = certs_;
    options.log_file = dir_ + "/broker.log";
    options.extra_flags = {listen};
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
  }

  std::vector<adapters::v1::LedgerEntry> Ledger(const Adapter& adapter) {
    CommandResult result = RunCommand({adapter.binary, "ledger", "--state-dir=" + adapter.state.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<adapters::v1::LedgerEntry> entries;
    for (absl::string_view line : absl::StrSplit(result.out, '\n', absl::SkipEmpty())) {
      adapters::v1::LedgerEntry entry;
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &entry).ok()) << line;
      entries.push_back(std::move(entry));
    }
    return entries;
  }

  // origin -> reason of each quarantined record.
  std::map<std::string, std::string> QuarantineReasons(const Adapter& adapter) {
    CommandResult result =
        RunCommand({adapter.binary, "quarantine", "list", "--state-dir=" + adapter.state.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, std::string> reasons;
    for (absl::string_view line : absl::StrSplit(result.out, '\n', absl::SkipEmpty())) {
      std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 2));
      if (parts.size() == 3) reasons[parts[1]] = parts[2];
    }
    return reasons;
  }

  // Generated input for every adapter, in three rounds of files (-1, -2,
  // -3), with a few records made invalid on purpose in each.
  static Inputs MakeInputs(const synth::Population& population, const std::vector<v1::OffenderRecord>& offenders,
                           absl::Time now) {
    Inputs inputs;
    const size_t n = offenders.size();
    auto add = [&](const std::string& adapter, const std::string& file, std::string line, bool bad = false) {
      auto& lines = inputs.files[adapter][file];
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      lines.push_back(std::move(line));
      if (bad) inputs.planted_bad.insert(absl::StrCat("drop:", file, ":", lines.size()));
    };
    auto round_of = [&](size_t i) { return 1 + (i * 3) / n; };  // 1, 2 or 3

    // Probation: the cases (CSV extract), then registrations, allocations.
    const std::vector<std::string> case_header = {"crn", "pnc", "cro", "noms", "given_names", "family_name",
                                                  "date_of_birth", "address_lines", "town", "postcode",
                                                  "om_staff_code", "om_name", "team_code", "area_code", "status"};
    for (int round = 1; round <= 3; ++round) {
      add("probation", absl::StrCat("probation-cases-", round, ".csv"), csv::CsvRow(case_header));
    }
    for (size_t i = 0; i < n; ++i) {
      const v1::OffenderRecord& r = offenders[i];
      const v1::Address address = r.addresses_size() > 0 ? r.addresses(0) : v1::Address();
      std::string lines;
      for (const std::string& l : address.lines()) absl::StrAppend(&lines, lines.empty() ? "" : "|", l);
      add("probation", absl::StrCat("probation-cases-", round_of(i), ".csv"),
          csv::CsvRow({r.crn(), IdOf(r, v1::IDENTIFIER_TYPE_PNC), IdOf(r, v1::IDENTIFIER_TYPE_CRO),
                       IdOf(r, v1::IDENTIFIER_TYPE_NOMS), r.name().given_names(), r.name().family_name(),
                       r.date_of_birth(), lines, address.town(), address.postcode(),
                       r.offender_manager().staff_code(), r.offender_manager().name(), r.team_code(), r.area_code(),
                       "LICENCE"}));
    }
    // A case row without a CRN cannot be filed.
    add("probation", "probation-cases-2.csv",
        csv::CsvRow({"", "", "", "", "Nobody", "Known", "1980-01-01", "", "", "", "", "", "", "", ""}), true);
    for (size_t i = 0; i < n; ++i) {
      const v1::OffenderRecord& r = offenders[i];
      const std::string file = absl::StrCat("probation-events-", round_of(i), ".jsonl");
      const std::string person = absl::StrCat("\"personReference\":{\"identifiers\":[{\"type\":\"CRN\",\"value\":",
                                              Quote(r.crn()), "}]}");
      if (i % 3 == 0) {
        add("probation", file,
            absl::StrCat("{\"eventType\":\"probation-case.registration.added\",\"version\":1,\"occurredAt\":",
                         Quote(Rfc3339(now - absl::Hours(48) + absl::Minutes(i))), ",", person,
                         ",\"additionalInformation\":{\"registrationId\":\"", 9000 + i,
                         "\",\"registerTypeCode\":\"MAPP\",\"registrationCategoryCode\":\"M2\","
                         "\"registrationLevelCode\":\"M2\"}}"));
      }
      if (i % 4 == 1) {
        add("probation", file,
            absl::StrCat("{\"eventType\":\"person.community.manager.allocated\",\"version\":1,\"occurredAt\":",
                         Quote(Rfc3339(now - absl::Hours(40) + absl::Minutes(i))), ",", person,
                         ",\"additionalInformation\":{\"staffCode\":\"N07A9", i % 10,
                         "\",\"staffName\":\"Officer ", i % 10, "\",\"teamCode\":\"N07T01\"}}"));
      }
    }
    add("probation", "probation-events-1.jsonl", "{\"eventType\":\"probation-case.registration.added\"", true);
    add("probation", "probation-events-3.jsonl",
        "{\"eventType\":\"probation-case.registration.added\",\"version\":1,\"occurredAt\":\"2026-11-02T10:12:00Z\","
        "\"additionalInformation\":{\"registerTypeCode\":\"MAPP\"}}",
        true);

    // Police: a domestic incident for each offender (the suspect), and an
    // arrest for every fifth.
    for (size_t i = 0; i < n; ++i) {
      const v1::OffenderRecord& r = offenders[i];
      const std::string file = absl::StrCat("police-incidents-", round_of(i), ".jsonl");
      const std::string pnc = IdOf(r, v1::IDENTIFIER_TYPE_PNC);
      add("police", file,
          absl::StrCat("{\"recordType\":\"incident\",\"forceCode\":\"MPS\",\"incidentNumber\":\"MPS-E2E-", i,
                       "\",\"incidentTypes\":[\"DA\"],\"attendedAt\":",
                       Quote(Rfc3339(now - absl::Hours(30) + absl::Minutes(i))),
                       ",\"childrenPresent\":true,\"summary\":\"Generated test incident.\",\"people\":[{\"role\":"
                       "\"suspect\",",
                       pnc.empty() ? "" : absl::StrCat("\"pnc\":", Quote(pnc), ","),
                       "\"forenames\":", Quote(r.name().given_names()), ",\"surname\":",
                       Quote(r.name().family_name()), ",\"dateOfBirth\":", Quote(r.date_of_birth()),
                       "},{\"role\":\"victim\",\"forenames\":\"Vic\",\"surname\":\"Example\"},{\"role\":\"child\","
                       "\"age\":4}]}"));
      if (i % 5 == 0) {
        add("police", file,
            absl::StrCat("{\"recordType\":\"custody\",\"forceCode\":\"MPS\",\"custodyRecordNumber\":\"MPS/E2E/", i,
                         "\",\"custodySuite\":\"Central\",\"arrestedAt\":",
                         Quote(Rfc3339(now - absl::Hours(20) + absl::Minutes(i))),
                         ",\"offence\":\"Common assault\",\"outcome\":\"bailed\",\"detainee\":{",
                         pnc.empty() ? "" : absl::StrCat("\"pnc\":", Quote(pnc), ","),
                         "\"forenames\":", Quote(r.name().given_names()), ",\"surname\":",
                         Quote(r.name().family_name()), ",\"dateOfBirth\":", Quote(r.date_of_birth()), "}}"));
      }
    }
    add("police", "police-incidents-1.jsonl",
        absl::StrCat("{\"recordType\":\"incident\",\"forceCode\":\"MPS\",\"incidentNumber\":\"MPS-E2E-BAD1\","
                     "\"incidentTypes\":[\"DA\"],\"attendedAt\":\"last night\",\"people\":[{\"role\":\"suspect\","
                     "\"forenames\":\"A\",\"surname\":",
                     Quote(offenders[0].name().family_name()), "}]}"),
        true);
    add("police", "police-incidents-2.jsonl", "{\"recordType\":\"parking\"}", true);
    add("police", "police-incidents-3.jsonl", "this is not JSON", true);

    // Children's social care: a referral naming every other offender.
    for (size_t i = 0; i < n; i += 2) {
      const v1::OffenderRecord& r = offenders[i];
      const std::string pnc = IdOf(r, v1::IDENTIFIER_TYPE_PNC);
      add("social-care", absl::StrCat("social-care-referrals-", round_of(i), ".jsonl"),
          absl::StrCat("{\"recordType\":\"referral\",\"localAuthority\":\"E09000033\",\"caseReference\":\"CIN-E2E-", i,
                       "\",\"reasons\":[\"DA\"],\"recordedAt\":", Quote(Rfc3339(now - absl::Hours(10) + absl::Minutes(i))),
                       ",\"summary\":\"Generated test referral.\",\"adults\":[{\"involvement\":\"Person of concern\",",
                       pnc.empty() ? "" : absl::StrCat("\"pnc\":", Quote(pnc), ","),
                       "\"forenames\":", Quote(r.name().given_names()), ",\"surname\":",
                       Quote(r.name().family_name()), ",\"dateOfBirth\":", Quote(r.date_of_birth()),
                       "}],\"children\":[{\"forenames\":\"Kid\",\"surname\":\"Example\",\"age\":3}]}"));
    }
    add("social-care", "social-care-referrals-2.jsonl",
        "{\"recordType\":\"referral\",\"localAuthority\":\"E09000033\",\"caseReference\":\"CIN-E2E-BAD\","
        "\"recordedAt\":\"2026-11-02T10:00:00Z\",\"adults\":[{\"involvement\":\"Person of concern\","
        "\"forenames\":\"A\",\"surname\":\"B\",\"dateOfBirth\":\"31/31/1980\"}]}",
        true);

    // Prison: receptions and releases of offenders with NOMS numbers (each
    // sent twice, as the feed may), receptions of people with no case.
    for (size_t i = 0; i < n; ++i) {
      const std::string noms = IdOf(offenders[i], v1::IDENTIFIER_TYPE_NOMS);
      const std::string file = absl::StrCat("prison-events-", round_of(i), ".jsonl");
      auto event = [&](const std::string& type, const std::string& reason, absl::Time at, const std::string& who) {
        return absl::StrCat("{\"eventType\":\"prison-offender-events.prisoner.", type,
                            "\",\"version\":1,\"occurredAt\":", Quote(Rfc3339(at)),
                            ",\"personReference\":{\"identifiers\":[{\"type\":\"NOMS\",\"value\":", Quote(who),
                            "}]},\"additionalInformation\":{\"nomsNumber\":", Quote(who), ",\"reason\":\"", reason,
                            "\",\"prisonId\":\"MDI\"}}");
      };
      if (!noms.empty()) {
        const std::string received = event("received", "ADMISSION", now - absl::Hours(6) + absl::Minutes(i), noms);
        add("prison", file, received);
        add("prison", file, received);  // the feed delivers it twice
        if (i % 2 == 0) add("prison", file, event("released", "RELEASED", now - absl::Hours(5), noms));
      }
      if (i % 6 == 0) {
        add("prison", file,
            event("received", "ADMISSION", now - absl::Hours(4), population.NonMemberNoms(static_cast<int64_t>(i))));
      }
    }
    add("prison", "prison-events-2.jsonl", "{\"eventType\":\"prison-offender-events.prisoner.received\"}", true);

    for (const auto& [adapter, files] : inputs.files) {
      inputs.file_count += files.size();
      for (const auto& [name, lines] : files) {
        inputs.records += lines.size() - (absl::EndsWith(name, ".csv") ? 1 : 0);
      }
    }
    return inputs;
  }

  std::vector<Adapter> adapters_;
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_E2E_ADAPTERS_E2E_H_
