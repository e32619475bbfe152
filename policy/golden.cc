#include "policy/golden.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace liaison::policy {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr int64_t kDefaultOccurredSeconds = 1767225600;  // 2026-01-01T00:00:00Z

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first.empty()) first = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  std::string first;
};

template <typename T>
absl::StatusOr<T> ParseFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot read"));
  std::stringstream text;
  text << in.rdbuf();
  T message;
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &message)) {
    return absl::InvalidArgumentError(absl::StrCat(path.string(), ":", errors.first));
  }
  return message;
}

// Is `path` visible in `n`? "related_people.<role>": some related person in
// that role has details; otherwise a dotted field path that is set.
bool Visible(const api::Notification& n, const std::string& path) {
  if (absl::StartsWith(path, "related_people.")) {
    const std::string role = path.substr(std::string("related_people.").size());
    for (const api::RelatedPerson& r : n.related_people()) {
      std::string name = api::RelatedRole_Name(r.role());
      name = absl::AsciiStrToLower(absl::StripPrefix(name, "RELATED_ROLE_"));
      if (name == role && r.has_person()) return true;
    }
    return false;
  }
  const Message* m = &n;
  const std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(parts[i]);
    if (f == nullptr) return false;
    const auto* reflection = m->GetReflection();
    if (f->is_repeated()) return reflection->FieldSize(*m, f) > 0;
    if (!reflection->HasField(*m, f)) return false;
    if (i + 1 < parts.size()) {
      if (f->type() != FieldDescriptor::TYPE_MESSAGE) return false;
      m = &reflection->GetMessage(*m, f);
    }
  }
  return true;
}

std::string Key(const std::string& recipient, api::RecipientRole role, const std::string& crn) {
  return absl::StrCat(recipient, " as ", api::RecipientRole_Name(role), " about ", crn);
}

}  // namespace

void BuildGoldenInput(const policy::v1::GoldenCase& golden, GoldenInput* out) {
  out->notification = golden.notification();
  if (!out->notification.has_occurred_at()) out->notification.mutable_occurred_at()->set_seconds(kDefaultOccurredSeconds);
  if (!out->notification.has_received_at()) *out->notification.mutable_received_at() = out->notification.occurred_at();
  const absl::Time occurred = absl::FromUnixSeconds(out->notification.occurred_at().seconds());
  const uint32_t hours = golden.hours_after_event() > 0 ? golden.hours_after_event() : 1;
  out->subject_match.set_decision(api::MATCH_DECISION_NO_MATCH);
  out->input.related.clear();
  for (const policy::v1::LinkedPerson& linked : golden.linked()) {
    api::MatchResult match;
    match.set_decision(api::MATCH_DECISION_LINKED);
    match.set_crn(linked.person().crn());
    match.set_method(linked.basis() == policy::v1::MATCH_BASIS_HUMAN_CONFIRMED ? api::MATCH_METHOD_HUMAN_REVIEW
                                                                                : api::MATCH_METHOD_PROBABILISTIC);
    if (linked.link() == policy::v1::LINK_SUBJECT || linked.link() == policy::v1::LINK_UNSPECIFIED) {
      out->subject_match = match;
      out->subject = linked.person();
      out->has_subject = true;
    } else {
      out->input.related.push_back({static_cast<int>(linked.related_index()), match, linked.person()});
    }
  }
  out->input.notification = &out->notification;
  out->input.match = &out->subject_match;
  out->input.offender = out->has_subject ? &out->subject : nullptr;
  out->input.now = occurred + absl::Hours(hours);
}

GoldenResult RunGoldenCase(const policy::v1::GoldenCase& golden, const Policy& policy) {
  GoldenResult result;
  result.name = golden.name();
  GoldenInput built;
  BuildGoldenInput(golden, &built);
  absl::StatusOr<Decision> decision = policy.Decide(built.input);
  if (!decision.ok()) {
    result.failures.push_back(absl::StrCat("the policy could not decide: ", decision.status().message()));
    return result;
  }
  std::map<std::string, const Delivery*> actual;
  for (const Delivery& d : decision->deliveries) actual[Key(d.recipient_id, d.role, d.crn)] = &d;
  std::set<std::string> expected_keys;
  for (const policy::v1::ExpectedDelivery& want : golden.deliveries()) {
    const std::string key = Key(want.recipient_id(), want.role(), want.crn());
    expected_keys.insert(key);
    auto it = actual.find(key);
    if (it == actual.end()) {
      result.failures.push_back(absl::StrCat("expected a delivery to ", key, "; there is none"));
      continue;
    }
    const Delivery& got = *it->second;
    if (want.priority() != api::PRIORITY_UNSPECIFIED && want.priority() != got.priority) {
      result.failures.push_back(absl::StrCat(key, ": priority is ", api::Priority_Name(got.priority), ", expected ",
                                             api::Priority_Name(want.priority())));
    }
    for (const std::string& path : want.visible()) {
      if (!Visible(got.view, path)) result.failures.push_back(absl::StrCat(key, ": ", path, " should be visible; it is not"));
    }
    for (const std::string& path : want.withheld()) {
      if (!Visible(built.notification, path)) {
        result.failures.push_back(
            absl::StrCat(key, ": ", path, " is not in the case's notification, so the case cannot show it withheld"));
      } else if (Visible(got.view, path)) {
        result.failures.push_back(absl::StrCat(key, ": ", path, " should be withheld; it is visible"));
      }
    }
    if (want.rule_ids_size() > 0) {
      std::vector<std::string> rules(want.rule_ids().begin(), want.rule_ids().end());
      std::sort(rules.begin(), rules.end());
      if (rules != got.rule_ids) {
        result.failures.push_back(absl::StrCat(key, ": rules ", absl::StrJoin(got.rule_ids, ","), ", expected ",
                                               absl::StrJoin(rules, ",")));
      }
    }
    if (want.summary_only() != got.summary_only) {
      result.failures.push_back(absl::StrCat(key, ": summary_only is ", got.summary_only ? "true" : "false"));
    }
  }
  for (const auto& [key, delivery] : actual) {
    if (!expected_keys.contains(key)) result.failures.push_back(absl::StrCat("unexpected delivery to ", key));
  }
  if (golden.fired_size() > 0) {
    std::vector<std::string> fired(golden.fired().begin(), golden.fired().end());
    std::sort(fired.begin(), fired.end());
    if (fired != decision->rule_ids) {
      result.failures.push_back(absl::StrCat("rules fired: ", absl::StrJoin(decision->rule_ids, ","), ", expected ",
                                             absl::StrJoin(fired, ",")));
    }
  }
  return result;
}

absl::StatusOr<GoldenDir> ReadGoldenDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return absl::NotFoundError(absl::StrCat(dir, ": not a directory"));
  GoldenDir out;
  const fs::path directory_file = fs::path(dir) / "directory.textproto";
  absl::StatusOr<policy::v1::Directory> directory = ParseFile<policy::v1::Directory>(directory_file);
  if (!directory.ok()) return directory.status();
  out.directory = *std::move(directory);
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && absl::EndsWith(entry.path().filename().string(), ".case.textproto")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return absl::NotFoundError(absl::StrCat(dir, ": no *.case.textproto files"));
  for (const fs::path& file : files) {
    absl::StatusOr<policy::v1::GoldenCase> golden = ParseFile<policy::v1::GoldenCase>(file);
    if (!golden.ok()) return golden.status();
    if (golden->name().empty()) golden->set_name(file.filename().string());
    out.cases.emplace_back(file.string(), *std::move(golden));
  }
  return out;
}

}  // namespace liaison::policy
