#include "adapters/common/intake.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/common/crypto.h"
#include "broker/common/log.h"
#include "broker/csv/csv_reader.h"

namespace liaison::adapters {
namespace fs = std::filesystem;

Intake::Intake(AdapterStore* store, const RecordParser* parser, Clock* clock, Options options)
    : store_(store), parser_(parser), clock_(clock), options_(std::move(options)) {}

absl::Status Intake::Flush(std::vector<ParsedRecord>* chunk, IntakeSummary* summary, FileProgress* progress) {
  if (chunk->empty()) return absl::OkStatus();
  auto accepted = store_->Accept(std::move(*chunk), clock_->Now(), progress);
  chunk->clear();
  if (!accepted.ok()) return accepted.status();
  bool spooled = false;
  for (const AcceptedRecord& record : *accepted) {
    ++summary->records;
    summary->actions += record.actions;
    if (record.quarantined) {
      ++summary->quarantined;
      Log(LogLevel::kWarning, "record_quarantined", {{"record", static_cast<unsigned long long>(record.record_id)}});
    } else if (record.actions == 0) {
      ++summary->not_relevant;
    }
    spooled = spooled || record.actions > 0;
  }
  if (spooled && options_.on_spooled) options_.on_spooled();
  return absl::OkStatus();
}

absl::StatusOr<IntakeSummary> Intake::AcceptStream(std::istream& in, v1::InputFormat format, absl::string_view origin,
                                                   FileProgress* progress) {
  IntakeSummary summary;
  std::vector<ParsedRecord> chunk;
  const uint64_t skip = progress != nullptr ? progress->records_done : 0;
  uint64_t seen = 0;  // records framed so far
  auto add = [&](v1::RawRecord raw, absl::StatusOr<std::vector<v1::Action>> actions) -> absl::Status {
    if (seen++ < skip) {
      ++summary.resumed_past;
      return absl::OkStatus();
    }
    chunk.push_back({std::move(raw), std::move(actions)});
    const bool drained = options_.interactive && in.rdbuf()->in_avail() <= 0;
    if (chunk.size() >= options_.chunk || drained) return Flush(&chunk, &summary, progress);
    return absl::OkStatus();
  };
  auto fail = [](absl::string_view reason) { return absl::InvalidArgumentError(reason); };

  if (format == v1::INPUT_FORMAT_JSON_LINES) {
    std::string line;
    int64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (absl::StripAsciiWhitespace(line).empty()) continue;
      v1::RawRecord raw;
      raw.set_format(format);
      raw.set_origin(absl::StrCat(origin, ":", number));
      absl::StatusOr<std::vector<v1::Action>> actions;
      if (line.size() > options_.max_record_bytes) {
        actions = fail(absl::StrCat("record: longer than ", options_.max_record_bytes, " bytes"));
      } else {
        raw.set_json(line);
        actions = parser_->ParseJson(line, clock_->Now());
      }
      absl::Status added = add(std::move(raw), std::move(actions));
      if (!added.ok()) return added;
    }
  } else if (format == v1::INPUT_FORMAT_CSV) {
    csv::CsvReader reader(in, csv::CsvReaderOptions{options_.max_record_bytes});
    std::vector<std::string> header;
    bool have_header = false;
    while (true) {
      auto next = reader.Next();
      v1::RawRecord raw;
      raw.set_format(format);
      raw.set_origin(absl::StrCat(origin, ":", reader.last_record_line()));
      if (!next.ok()) {
        if (!have_header) {
          // Without a header no row can be read: the whole input is one bad record.
          absl::Status added = add(std::move(raw), fail(absl::StrCat("header: ", next.status().message())));
          if (!added.ok()) return added;
          break;
        }
        for (const std::string& name : header) raw.add_csv_header(name);
        absl::Status added = add(std::move(raw), fail(next.status().message()));
        if (!added.ok()) return added;
        continue;
      }
      if (!next->has_value()) break;
      if (!have_header) {
        header = (*next)->fields;
        for (std::string& name : header) name = std::string(absl::StripAsciiWhitespace(name));
        reader.set_column_names(header);
        have_header = true;
        continue;
      }
      for (const std::string& name : header) raw.add_csv_header(name);
      for (const std::string& field : (*next)->fields) raw.add_csv_fields(field);
      absl::StatusOr<std::vector<v1::Action>> actions = ParseRaw(*parser_, raw, clock_->Now());
      absl::Status added = add(std::move(raw), std::move(actions));
      if (!added.ok()) return added;
    }
  } else {
    v1::RawRecord raw;
    raw.set_origin(std::string(origin));
    absl::Status added = add(std::move(raw), fail("file: unknown format (name it .jsonl or .csv)"));
    if (!added.ok()) return added;
  }
  absl::Status flushed = Flush(&chunk, &summary, progress);
  if (!flushed.ok()) return flushed;
  return summary;
}

v1::InputFormat FormatOfFile(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  if (absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson") || absl::EndsWith(lower, ".json")) {
    return v1::INPUT_FORMAT_JSON_LINES;
  }
  if (absl::EndsWith(lower, ".csv")) return v1::INPUT_FORMAT_CSV;
  return v1::INPUT_FORMAT_UNSPECIFIED;
}

DropDirectory::DropDirectory(std::string directory, Intake* intake)
    : directory_(std::move(directory)), intake_(intake) {}

absl::Status DropDirectory::Prepare() {
  std::error_code error;
  for (const char* sub : {"done", "quarantine"}) {
    fs::create_directories(fs::path(directory_) / sub, error);
    if (error) {
      return absl::FailedPreconditionError(
          absl::StrCat("drop directory: cannot create ", sub, "/: ", error.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> DropDirectory::ScanOnce() {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory_, error)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || absl::EndsWith(name, ".tmp") || absl::EndsWith(name, ".part")) continue;
    names.push_back(std::move(name));
  }
  if (error) return absl::UnavailableError(absl::StrCat("drop directory: cannot list: ", error.message()));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    absl::Status processed = ProcessFile(name);
    if (!processed.ok()) return processed;
  }
  return names.size();
}

absl::Status DropDirectory::ProcessFile(const std::string& name) {
  const fs::path path = fs::path(directory_) / name;
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::UnavailableError(absl::StrCat("drop directory: cannot read ", name));
  std::ostringstream content;
  content << file.rdbuf();
  const std::string bytes = content.str();
  const std::string key = absl::StrCat(name, std::string(1, '\0'), ToHex(Sha256({bytes})));
  auto progress = intake_->store().Progress(key);
  if (!progress.ok()) return progress.status();
  std::istringstream in(bytes);
  auto summary = intake_->AcceptStream(in, FormatOfFile(name), absl::StrCat("drop:", name), &*progress);
  if (!summary.ok()) return summary.status();
  absl::Status finished = intake_->store().FinishFile(*progress, absl::Now());
  if (!finished.ok()) return finished;
  const bool quarantined = progress->quarantined_any;
  Log(LogLevel::kInfo, "file_accepted",
      {{"records", static_cast<unsigned long long>(summary->records)},
       {"actions", static_cast<unsigned long long>(summary->actions)},
       {"quarantined", static_cast<unsigned long long>(summary->quarantined)},
       {"resumed_past", static_cast<unsigned long long>(summary->resumed_past)}});
  return MoveTo(name, quarantined ? "quarantine" : "done");
}

absl::Status DropDirectory::MoveTo(const std::string& name, absl::string_view subdirectory) {
  const fs::path from = fs::path(directory_) / name;
  fs::path to = fs::path(directory_) / std::string(subdirectory) / name;
  for (int n = 1; fs::exists(to); ++n) {
    to = fs::path(directory_) / std::string(subdirectory) / absl::StrCat(name, ".", n);
  }
  std::error_code error;
  fs::rename(from, to, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("drop directory: cannot move a file to ", subdirectory, "/: ",
                                               error.message()));
  }
  return absl::OkStatus();
}

}  // namespace liaison::adapters
