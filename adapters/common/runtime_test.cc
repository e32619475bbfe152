// The adapter runtime with a test parser and a fake broker: acceptance,
// delivery with retries, quarantine and replay, drop-directory resume.

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "adapters/common/adapter_store.h"
#include "adapters/common/csv_fields.h"
#include "adapters/common/deliverer.h"
#include "adapters/common/intake.h"
#include "adapters/common/json_fields.h"
#include "broker/common/crypto.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::adapters {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// {"ref": R, "kind": "submit"|"change"|"none", "count": N}: N actions.
class TestParser : public RecordParser {
 public:
  absl::string_view name() const override { return "test"; }
  absl::StatusOr<std::vector<v1::Action>> ParseJson(absl::string_view line, absl::Time) const override {
    auto object = ParseJsonObject(line);
    if (!object.ok()) return object.status();
    JsonObject record(&*object, "");
    auto ref = record.RequiredString("ref");
    if (!ref.ok()) return ref.status();
    auto kind = record.RequiredString("kind");
    if (!kind.ok()) return kind.status();
    auto count = record.OptionalInt("count");
    if (!count.ok()) return count.status();
    return Make(*ref, *kind, count->value_or(1));
  }
  absl::StatusOr<std::vector<v1::Action>> ParseCsv(const CsvRow& row, absl::Time) const override {
    CsvFields fields(row);
    auto ref = fields.Required("ref");
    if (!ref.ok()) return ref.status();
    auto kind = fields.Required("kind");
    if (!kind.ok()) return kind.status();
    return Make(*ref, *kind, 1);
  }

 private:
  static absl::StatusOr<std::vector<v1::Action>> Make(const std::string& ref, const std::string& kind, int64_t n) {
    std::vector<v1::Action> actions;
    if (kind == "none") return actions;
    if (kind != "submit" && kind != "change") return JsonFieldError("kind", "must be submit, change or none");
    for (int64_t i = 0; i < n; ++i) {
      v1::Action action;
      action.set_ref(n == 1 ? ref : absl::StrCat(ref, ":", i));
      if (kind == "submit") {
        action.mutable_submit()->set_source_ref(action.ref());
      } else {
        action.mutable_apply_change()->set_change_ref(action.ref());
      }
      actions.push_back(std::move(action));
    }
    return actions;
  }
};

// Answers from a script: refs listed in `fail` get that status, the rest
// succeed; every call is recorded.
class FakeBroker : public BrokerClient {
 public:
  std::vector<CallResult> SubmitBatch(const std::vector<const v1::Action*>& actions) override {
    ++batches;
    std::vector<CallResult> results;
    for (const v1::Action* action : actions) results.push_back(Answer(*action, v1::OUTCOME_NOTIFIED));
    return results;
  }
  CallResult Registry(const v1::Action& action) override { return Answer(action, v1::OUTCOME_REGISTRY_CHANGED); }

  CallResult Answer(const v1::Action& action, v1::Outcome outcome) {
    calls.push_back(action.ref());
    CallResult result;
    auto it = fail.find(action.ref());
    if (it != fail.end()) {
      result.status = it->second;
      return result;
    }
    result.outcome = outcome;
    result.duplicate = ++seen[action.ref()] > 1;
    if (outcome == v1::OUTCOME_NOTIFIED) result.notification_id = "ntf_" + action.ref();
    return result;
  }

  std::map<std::string, absl::Status> fail;
  std::map<std::string, int> seen;
  std::vector<std::string> calls;
  int batches = 0;
};

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("adapter_runtime_", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  void Reopen() {
    store_.reset();
    auto store = AdapterStore::Open((dir_ / "state").string());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  IntakeSummary Feed(const std::string& text, v1::InputFormat format = v1::INPUT_FORMAT_JSON_LINES) {
    Intake intake(store_.get(), &parser_, &clock_, Intake::Options{});
    std::istringstream in(text);
    auto summary = intake.AcceptStream(in, format, "test");
    EXPECT_TRUE(summary.ok()) << summary.status();
    return summary.value_or(IntakeSummary{});
  }
  Deliverer::Round Deliver(Deliverer& deliverer) {
    auto round = deliverer.RunOnce();
    EXPECT_TRUE(round.ok()) << round.status();
    return round.value_or(Deliverer::Round{});
  }

  fs::path dir_;
  TestParser parser_;
  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  FakeBroker broker_;
  std::unique_ptr<AdapterStore> store_;
};

TEST_F(RuntimeTest, EveryRecordIsSpooledQuarantinedOrNotRelevantAndSurvivesReopening) {
  IntakeSummary summary = Feed(
      "{\"ref\":\"a\",\"kind\":\"submit\"}\n"
      "\n"
      "{\"ref\":\"b\",\"kind\":\"change\",\"count\":2}\n"
      "{\"ref\":\"c\",\"kind\":\"none\"}\n"
      "{\"ref\":\"Smith\",\"kind\":\"bogus\"}\n"
      "not json at all\n");
  EXPECT_EQ(summary.records, 5);
  EXPECT_EQ(summary.actions, 3);
  EXPECT_EQ(summary.quarantined, 2);
  EXPECT_EQ(summary.not_relevant, 1);
  Reopen();  // as after a crash
  EXPECT_EQ(store_->PendingCount(), 3);
  EXPECT_EQ(store_->QuarantineCount(), 2);
  EXPECT_EQ(store_->counters().accepted(), 5);
  auto quarantined = store_->Quarantined(10);
  ASSERT_TRUE(quarantined.ok());
  ASSERT_EQ(quarantined->size(), 2u);
  EXPECT_EQ((*quarantined)[0].entry.reason(), "kind: must be submit, change or none");
  EXPECT_THAT((*quarantined)[0].entry.reason(), Not(HasSubstr("Smith")));
  EXPECT_EQ((*quarantined)[0].entry.record().origin(), "test:5");
  EXPECT_EQ((*quarantined)[1].entry.reason(), "record: must be a JSON object");
  auto pending = store_->Pending(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[0].entry.action().ref(), "a");
  EXPECT_EQ((*pending)[1].entry.action().ref(), "b:0");
  EXPECT_EQ((*pending)[2].entry.action().ref(), "b:1");
}

TEST_F(RuntimeTest, DeliversInOrderBatchingNotificationsAndRecordsOutcomes) {
  Feed("{\"ref\":\"a\",\"kind\":\"submit\"}\n{\"ref\":\"b\",\"kind\":\"submit\"}\n"
       "{\"ref\":\"c\",\"kind\":\"change\"}\n{\"ref\":\"d\",\"kind\":\"submit\"}\n");
  Deliverer deliverer(store_.get(), &broker_, &clock_, Deliverer::Options{});
  Deliverer::Round round = Deliver(deliverer);
  EXPECT_EQ(round.delivered, 4);
  EXPECT_FALSE(round.retry_after.has_value());
  EXPECT_EQ(broker_.calls, (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(broker_.batches, 2);  // [a b], then c alone, then [d]
  EXPECT_EQ(store_->PendingCount(), 0);
  auto ledger = store_->Ledger(10);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 4u);
  EXPECT_EQ((*ledger)[0].outcome(), v1::OUTCOME_NOTIFIED);
  EXPECT_EQ((*ledger)[0].notification_id(), "ntf_a");
  EXPECT_EQ((*ledger)[2].outcome(), v1::OUTCOME_REGISTRY_CHANGED);
  EXPECT_EQ(store_->counters().delivered(), 4);
}

TEST_F(RuntimeTest, ABrokerOutageStopsTheRoundBacksOffAndResendsTheSameRef) {
  Feed("{\"ref\":\"a\",\"kind\":\"change\"}\n{\"ref\":\"b\",\"kind\":\"change\"}\n");
  broker_.fail["a"] = absl::UnavailableError("connection refused");
  Deliverer::Options options;
  options.seed = 7;
  Deliverer deliverer(store_.get(), &broker_, &clock_, options);
  absl::Duration previous = absl::ZeroDuration();
  for (int attempt = 0; attempt < 5; ++attempt) {
    Deliverer::Round round = Deliver(deliverer);
    EXPECT_EQ(round.delivered, 0);
    ASSERT_TRUE(round.retry_after.has_value());
    // Equal jitter: within [d/2, d] for d = 100ms * 2^attempt.
    const absl::Duration d = absl::Milliseconds(100) * (1 << attempt);
    EXPECT_GE(*round.retry_after, d / 2);
    EXPECT_LE(*round.retry_after, d);
    EXPECT_GT(*round.retry_after, previous / 2);
    previous = *round.retry_after;
  }
  EXPECT_EQ(broker_.calls, std::vector<std::string>(5, "a"));  // b waits behind a: order kept
  EXPECT_EQ(store_->counters().retried(), 5);
  broker_.fail.clear();
  Deliverer::Round round = Deliver(deliverer);
  EXPECT_EQ(round.delivered, 2);
  EXPECT_EQ(store_->PendingCount(), 0);
}

TEST_F(RuntimeTest, BackoffIsCappedAtTheMaximum) {
  std::mt19937_64 random(1);
  BackoffOptions options;
  for (uint32_t attempt : {10u, 20u, 63u, 1000u}) {
    absl::Duration d = BackoffDelay(options, attempt, random);
    EXPECT_LE(d, options.max);
    EXPECT_GE(d, options.max / 2);
  }
}

TEST_F(RuntimeTest, ARefusedActionIsQuarantinedWithTheBrokersReasonAndReplayedAfterAFix) {
  Feed("{\"ref\":\"a\",\"kind\":\"submit\"}\n{\"ref\":\"b\",\"kind\":\"submit\"}\n");
  broker_.fail["a"] = absl::InvalidArgumentError("subject.date_of_birth: must be YYYY-MM-DD");
  Deliverer deliverer(store_.get(), &broker_, &clock_, Deliverer::Options{});
  Deliverer::Round round = Deliver(deliverer);
  EXPECT_EQ(round.delivered, 1);
  EXPECT_EQ(round.quarantined, 1);
  auto quarantined = store_->Quarantined(10);
  ASSERT_TRUE(quarantined.ok());
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ((*quarantined)[0].entry.reason(), "subject.date_of_birth: must be YYYY-MM-DD");
  EXPECT_EQ((*quarantined)[0].entry.broker_code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ((*quarantined)[0].entry.action().ref(), "a");

  broker_.fail.clear();  // the fix
  auto replayed = store_->ReplayAction((*quarantined)[0].id, clock_.Now());
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(store_->QuarantineCount(), 0);
  round = Deliver(deliverer);
  EXPECT_EQ(round.delivered, 1);
  auto ledger = store_->Ledger(10);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 2u);
  EXPECT_EQ((*ledger)[0].ref(), "a");
  EXPECT_EQ((*ledger)[0].outcome(), v1::OUTCOME_NOTIFIED);
}

TEST_F(RuntimeTest, AQuarantinedRecordReplaysThroughTheParserAndStaysWhenStillBad) {
  Feed("{\"ref\":\"a\",\"kind\":\"later\"}\n");
  auto quarantined = store_->Quarantined(10);
  ASSERT_TRUE(quarantined.ok());
  ASSERT_EQ(quarantined->size(), 1u);
  const uint64_t id = (*quarantined)[0].id;
  // Still bad: kept, with the new reason and a replay count.
  auto again = store_->Replay(id, ParseRaw(parser_, (*quarantined)[0].entry.record(), clock_.Now()), clock_.Now());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->quarantined);
  auto kept = store_->GetQuarantined(id);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->entry.replays(), 1);
  // A fixed parse (here: an edited record) spools it.
  v1::RawRecord fixed = (*kept)->entry.record();
  fixed.set_json("{\"ref\":\"a\",\"kind\":\"submit\"}");
  auto spooled = store_->Replay(id, ParseRaw(parser_, fixed, clock_.Now()), clock_.Now());
  ASSERT_TRUE(spooled.ok());
  EXPECT_FALSE(spooled->quarantined);
  EXPECT_EQ(store_->PendingCount(), 1);
  EXPECT_EQ(store_->QuarantineCount(), 0);
  EXPECT_EQ(store_->counters().replayed(), 1);
}

TEST_F(RuntimeTest, CsvRecordsAreReadByHeaderAndABadRowIsQuarantinedAlone) {
  IntakeSummary summary = Feed("Kind,REF\nsubmit,a\n\"unterminated,b\nsubmit,c\n", v1::INPUT_FORMAT_CSV);
  EXPECT_EQ(summary.actions, 1);  // the bad quote swallows the rest of the input
  EXPECT_EQ(summary.quarantined, 1);
  summary = Feed("kind,ref\nsubmit,x\nsubmit\nchange,y\n", v1::INPUT_FORMAT_CSV);
  EXPECT_EQ(summary.records, 3);
  EXPECT_EQ(summary.actions, 2);
  EXPECT_EQ(summary.quarantined, 1);
}

TEST_F(RuntimeTest, ADropFileMovesToDoneOrQuarantineAndResumesAfterACrash) {
  const fs::path drop = dir_ / "drop";
  fs::create_directories(drop);
  Intake::Options options;
  options.chunk = 2;
  Intake intake(store_.get(), &parser_, &clock_, options);
  DropDirectory directory(drop.string(), &intake);
  ASSERT_TRUE(directory.Prepare().ok());
  std::string text;
  for (int i = 0; i < 5; ++i) absl::StrAppend(&text, "{\"ref\":\"r", i, "\",\"kind\":\"submit\"}\n");
  std::ofstream(drop / "good.jsonl") << text;
  std::ofstream(drop / "bad.jsonl") << "{\"ref\":\"q\",\"kind\":\"oops\"}\n";
  std::ofstream(drop / "notes.txt") << "hello\n";
  std::ofstream(drop / ".incoming.jsonl") << "{\"ref\":\"hidden\",\"kind\":\"submit\"}\n";

  // A crash after the first chunk: progress says 2 records of good.jsonl
  // are accepted, so the rescan accepts only the other 3.
  {
    Intake partial(store_.get(), &parser_, &clock_, options);
    std::istringstream first_two(text.substr(0, text.find("r2") - 9));
    std::string key;
    {
      std::ifstream in(drop / "good.jsonl", std::ios::binary);
      std::ostringstream all;
      all << in.rdbuf();
      key = absl::StrCat("good.jsonl", std::string(1, '\0'), ToHex(Sha256({all.str()})));
    }
    auto progress = store_->Progress(key);
    ASSERT_TRUE(progress.ok());
    ASSERT_TRUE(partial.AcceptStream(first_two, v1::INPUT_FORMAT_JSON_LINES, "drop:good.jsonl", &*progress).ok());
    EXPECT_EQ(progress->records_done, 2);
  }
  Reopen();
  Intake intake2(store_.get(), &parser_, &clock_, options);
  DropDirectory directory2(drop.string(), &intake2);
  auto scanned = directory2.ScanOnce();
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_EQ(*scanned, 3);
  EXPECT_TRUE(fs::exists(drop / "done" / "good.jsonl"));
  EXPECT_TRUE(fs::exists(drop / "quarantine" / "bad.jsonl"));
  EXPECT_TRUE(fs::exists(drop / "quarantine" / "notes.txt"));
  EXPECT_TRUE(fs::exists(drop / ".incoming.jsonl"));  // not yet renamed in: left alone
  auto pending = store_->Pending(100);
  ASSERT_TRUE(pending.ok());
  std::vector<std::string> refs;
  for (const SpoolItem& item : *pending) refs.push_back(item.entry.action().ref());
  EXPECT_EQ(refs, (std::vector<std::string>{"r0", "r1", "r2", "r3", "r4"}));  // each once
  EXPECT_EQ(store_->QuarantineCount(), 2);

  // The same file dropped again is recognised and not accepted twice.
  std::ofstream(drop / "good.jsonl") << text;
  scanned = directory2.ScanOnce();
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(store_->PendingCount(), 5);
  EXPECT_TRUE(fs::exists(drop / "done" / "good.jsonl.1"));
}

TEST_F(RuntimeTest, ASecondProcessCannotOpenTheSameStateDirectory) {
  auto second = AdapterStore::Open((dir_ / "state").string());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace liaison::adapters
