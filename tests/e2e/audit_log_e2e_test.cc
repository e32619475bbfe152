// The verifiable audit log end to end: a broker with a signing key made by
// deploy/audit-key.sh runs traffic; liaisonctl fetches a checkpoint and
// proofs and checks them with the public key, exports the log, and verifies
// the export offline (no broker, only the public key). A tampered export
// fails naming the first bad entry; another key's export check fails.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "liaison/v1/alert.pb.h"
#include "liaison/v1/audit.pb.h"
#include "liaison/v1/audit_service.pb.h"
#include "tests/e2e/ctl_json.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class AuditLogE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    CommandResult key = RunCommand({"/bin/bash", SourceDir() + "/deploy/audit-key.sh", dir_ + "/key"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    public_key_ = dir_ + "/key/audit-signing.pub";
    demo_ = dir_ + "/demo";
    CommandResult generated = RunCommand({DemoDataBinary(), "--out=" + demo_, "--people=40"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    // The demo config, checkpointing every 3 entries.
    const std::string config = dir_ + "/broker.textproto";
    std::ofstream(config) << absl::StrReplaceAll(Read(SourceDir() + "/deploy/demo/broker.textproto"),
                                                 {{"checkpoint_every_entries: 25", "checkpoint_every_entries: 3"}});
    BrokerProcess::Options options;
    options.binary = BrokerBinary();
    options.data_dir = data_dir_;
    options.config = config;
    options.certs_dir = certs_;
    options.log_file = dir_ + "/broker.log";
    options.extra_flags = {"--audit-signing-key=" + dir_ + "/key/audit-signing.key"};
    auto started = BrokerProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    broker_ = std::move(*started);
  }

  // Traffic: the offender index, a police callout, the inbox read and
  // acknowledged, the audit queried.
  void RunTraffic() {
    ASSERT_EQ(Ctl("probation-registry", {"offenders", "load", demo_ + "/offenders.csv"}).exit_code, 0);
    CommandResult submitted = Ctl("police-adapter", {"submit", demo_ + "/stories/story1-police-callout.json"});
    ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
    CommandResult listed = Ctl("om-inbox", {"--json", "inbox", "list", "--recipient=N07P1001", "--all"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    for (const v1::Alert& alert : ParseJsonLines<v1::Alert>(listed.out)) {
      EXPECT_EQ(Ctl("om-inbox", {"inbox", "get", alert.alert_id()}).exit_code, 0);
      EXPECT_EQ(Ctl("om-inbox", {"inbox", "ack", alert.alert_id()}).exit_code, 0);
    }
    EXPECT_EQ(Ctl("auditor", {"audit", "query", "--recipient=N07P1001"}).exit_code, 0);
  }

  // liaisonctl with no broker, certificates or target: offline.
  CommandResult Offline(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CtlBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::string public_key_;
  std::string demo_;
};

TEST_F(AuditLogE2eTest, ReadsAreAudited) {
  RunTraffic();
  CommandResult r = Ctl("auditor", {"--json", "audit", "query", "--recipient=N07P1001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool listed = false, queried = false;
  for (const v1::AuditEntry& entry : ParseJsonLines<v1::AuditEntry>(r.out)) {
    if (entry.action() == v1::AUDIT_ACTION_ALERTS_LISTED) {
      listed = true;
      EXPECT_EQ(entry.actor(), SpiffeId("om-inbox"));
      EXPECT_EQ(entry.read().count(), static_cast<uint32_t>(entry.read().alert_ids_size()));
    }
    if (entry.action() == v1::AUDIT_ACTION_AUDIT_QUERIED) {
      queried = true;
      EXPECT_EQ(entry.actor(), SpiffeId("auditor"));
    }
  }
  EXPECT_TRUE(listed) << r.out;
  EXPECT_TRUE(queried) << r.out;
}

TEST_F(AuditLogE2eTest, CheckpointsAndProofsVerifyWithThePublicKey) {
  RunTraffic();
  CommandResult checkpoint = Ctl("auditor", {"audit", "checkpoint", "--public-key=" + public_key_});
  ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.err;
  EXPECT_THAT(checkpoint.out, ::testing::StartsWith("liaison.dev/audit\n"));
  EXPECT_THAT(checkpoint.out, HasSubstr("signature: ok"));
  CommandResult prove = Ctl("auditor", {"audit", "prove", "2", "--public-key=" + public_key_});
  ASSERT_EQ(prove.exit_code, 0) << prove.err;
  EXPECT_THAT(prove.out, HasSubstr("verified:"));
  // Checkpoints are issued in the background, so their sizes are taken
  // from the list the broker exports.
  ASSERT_EQ(Ctl("auditor", {"audit", "export", dir_ + "/export"}).exit_code, 0);
  std::vector<std::string> sizes;
  for (const auto& file : std::filesystem::directory_iterator(dir_ + "/export/checkpoints")) {
    sizes.push_back(std::to_string(std::stoull(file.path().stem().string())));
  }
  ASSERT_FALSE(sizes.empty());
  std::sort(sizes.begin(), sizes.end(), [](const std::string& a, const std::string& b) {
    return std::stoull(a) < std::stoull(b);
  });
  CommandResult consistency =
      Ctl("auditor", {"audit", "consistency", sizes.front(), sizes.back(), "--public-key=" + public_key_});
  ASSERT_EQ(consistency.exit_code, 0) << consistency.err;
  EXPECT_THAT(consistency.out, HasSubstr("verified:"));
  CommandResult live = Ctl("auditor", {"audit", "verify"});
  ASSERT_EQ(live.exit_code, 0) << live.out << live.err;
  EXPECT_THAT(live.out, HasSubstr("ok:"));
  // A checkpoint size that was never issued is refused.
  CommandResult missing = Ctl("auditor", {"audit", "prove", "1", "999999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("no checkpoint was issued at size 999999"));
}

TEST_F(AuditLogE2eTest, AnExportVerifiesOfflineAndATamperedOneNamesTheEntry) {
  RunTraffic();
  const std::string exported = dir_ + "/export";
  CommandResult r = Ctl("auditor", {"audit", "export", exported});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("exported"));

  CommandResult verified = Offline({"--json", "audit", "verify", exported, "--public-key=" + public_key_});
  ASSERT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const auto results = ParseJsonLines<v1::VerifyChainResponse>(verified.out);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_GT(results[0].entries(), 40u);
  EXPECT_GE(results[0].checkpoints(), 1u);

  // Another key: the first checkpoint is refused.
  ASSERT_EQ(RunCommand({"/bin/bash", SourceDir() + "/deploy/audit-key.sh", dir_ + "/other"}).exit_code, 0);
  CommandResult other = Offline({"audit", "verify", exported, "--public-key=" + dir_ + "/other/audit-signing.pub"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_THAT(other.out, HasSubstr("not signed by the given key"));

  // Entry 5 changed (its decoded actor): named.
  std::vector<std::string> lines = absl::StrSplit(Read(exported + "/entries.jsonl"), '\n', absl::SkipEmpty());
  ASSERT_GT(lines.size(), 8u);
  std::vector<std::string> changed = lines;
  const size_t actor = changed[4].find("\"actor\":\"");
  ASSERT_NE(actor, std::string::npos) << changed[4];
  changed[4].insert(actor + 9, "forged-");
  std::ofstream(exported + "/entries.jsonl", std::ios::trunc) << absl::StrJoin(changed, "\n") << "\n";
  CommandResult tampered = Offline({"audit", "verify", exported, "--public-key=" + public_key_});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_THAT(tampered.err, HasSubstr("sequence 5"));

  // Entry 7 removed: named.
  std::vector<std::string> removed = lines;
  removed.erase(removed.begin() + 6);
  std::ofstream(exported + "/entries.jsonl", std::ios::trunc) << absl::StrJoin(removed, "\n") << "\n";
  CommandResult deleted = Offline({"audit", "verify", exported, "--public-key=" + public_key_});
  EXPECT_EQ(deleted.exit_code, 1);
  EXPECT_THAT(deleted.err, HasSubstr("sequence 7"));
}

}  // namespace
}  // namespace liaison::testing
