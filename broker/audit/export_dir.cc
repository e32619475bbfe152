#include "broker/audit/export_dir.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/audit/checkpoint.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"

namespace liaison::audit {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot read"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The checkpoint notes of an export, in file name (tree size) order.
absl::StatusOr<std::vector<std::string>> ReadCheckpoints(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& file : fs::directory_iterator(dir, error)) {
    if (file.path().extension() == ".txt") files.push_back(file.path());
  }
  if (error) return absl::NotFoundError(absl::StrCat(dir.string(), ": cannot list: ", error.message()));
  std::sort(files.begin(), files.end());
  std::vector<std::string> notes;
  for (const fs::path& file : files) {
    absl::StatusOr<std::string> note = ReadWholeFile(file);
    if (!note.ok()) return note.status();
    notes.push_back(*std::move(note));
  }
  return notes;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ExportWriter>> ExportWriter::Create(const std::string& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, ": exists and is not empty; export into a new directory"));
  }
  fs::create_directories(fs::path(dir) / kExportCheckpointsDir, error);
  if (error) return absl::FailedPreconditionError(absl::StrCat(dir, ": cannot create: ", error.message()));
  auto writer = std::unique_ptr<ExportWriter>(new ExportWriter(dir));
  writer->entries_.open(fs::path(dir) / kExportEntriesFile, std::ios::binary | std::ios::trunc);
  if (!writer->entries_) return absl::FailedPreconditionError(absl::StrCat(dir, ": cannot create ", kExportEntriesFile));
  return writer;
}

absl::Status ExportWriter::AddLeaf(const v1::AuditLeaf& leaf) {
  std::string line;
  if (!google::protobuf::util::MessageToJsonString(leaf, &line).ok()) {
    return absl::InternalError("an audit entry could not be written as JSON");
  }
  entries_ << line << '\n';
  if (!entries_) return absl::UnavailableError(absl::StrCat(dir_, ": cannot write ", kExportEntriesFile));
  return absl::OkStatus();
}

absl::Status ExportWriter::AddCheckpoint(const std::string& note) {
  absl::StatusOr<ParsedNote> parsed = ParseCheckpointNote(note);
  if (!parsed.ok()) return parsed.status();
  const fs::path path =
      fs::path(dir_) / kExportCheckpointsDir / absl::StrFormat("%020u.txt", parsed->checkpoint.size);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << note;
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat(path.string(), ": cannot write"));
  return absl::OkStatus();
}

absl::Status ExportWriter::Close() {
  entries_.close();
  if (!entries_) return absl::UnavailableError(absl::StrCat(dir_, ": cannot write ", kExportEntriesFile));
  return absl::OkStatus();
}

absl::StatusOr<LogVerification> VerifyExport(const std::string& dir, const Ed25519PublicKey& key,
                                             std::string origin) {
  std::ifstream entries(fs::path(dir) / kExportEntriesFile, std::ios::binary);
  if (!entries) return absl::NotFoundError(absl::StrCat(dir, ": no ", kExportEntriesFile, " (not an export?)"));
  absl::StatusOr<std::vector<std::string>> notes = ReadCheckpoints(fs::path(dir) / kExportCheckpointsDir);
  if (!notes.ok()) return notes.status();
  if (origin.empty() && !notes->empty()) {
    absl::StatusOr<ParsedNote> first = ParseCheckpointNote(notes->front());
    if (first.ok()) origin = first->checkpoint.origin;
  }
  LogVerifier verifier(&key, origin);
  for (std::string& note : *notes) verifier.AddCheckpoint(std::move(note));
  std::string line;
  uint64_t expected = 1;
  for (uint64_t line_number = 1; std::getline(entries, line); ++line_number, ++expected) {
    v1::AuditLeaf leaf;
    if (!google::protobuf::util::JsonStringToMessage(line, &leaf).ok()) {
      verifier.FailAtNext(absl::StrCat(kExportEntriesFile, " line ", line_number, " is not an AuditLeaf in JSON"));
      break;
    }
    if (leaf.sequence() == expected && leaf.has_entry()) {
      v1::AuditEntry decoded;
      if (decoded.ParseFromString(leaf.entry_bytes()) &&
          !google::protobuf::util::MessageDifferencer::Equals(decoded, leaf.entry())) {
        verifier.FailAtNext(absl::StrCat("entry ", expected, ": the decoded entry is not what its leaf bytes say"));
        break;
      }
    }
    if (!verifier.AddEntry(leaf.sequence(), leaf.entry_bytes(), &leaf.leaf_hash())) break;
  }
  return verifier.Finish();
}

}  // namespace liaison::audit
