#include "broker/demo/demo_data.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/common/status_macros.h"
#include "broker/demo/demo_random.h"
#include "broker/demo/offenders_csv.h"
#include "broker/demo/stories.h"
#include "broker/demo/story_people.h"
#include "broker/demo/synthetic_offenders.h"

namespace liaison::demo {
namespace {

absl::Status CheckRelativePath(absl::string_view path) {
  const std::filesystem::path p{std::string(path)};
  if (path.empty() || p.is_absolute()) {
    return absl::InvalidArgumentError("demo file paths must be relative");
  }
  for (const auto& part : p) {
    if (part == "..") return absl::InvalidArgumentError("demo file paths must not contain ..");
  }
  return absl::OkStatus();
}

absl::Status WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create directory ", path.parent_path().string(), ": ", error.message()));
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path.string()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<liaison::v1::OffenderRecord>> GenerateOffenders(
    const DemoOptions& options) {
  if (options.people < kMinPeople || options.people > kMaxPeople) {
    return absl::InvalidArgumentError(
        absl::StrCat("people must be between ", kMinPeople, " and ", kMaxPeople));
  }
  std::vector<liaison::v1::OffenderRecord> offenders = StoryOffenders();
  const std::vector<std::string> reserved = ReservedIdentifiers();
  std::set<std::string> used(reserved.begin(), reserved.end());
  DemoRandom random(options.seed);
  for (auto& offender : GenerateSyntheticOffenders(options.people - kMinPeople, random, &used)) {
    offenders.push_back(std::move(offender));
  }
  return offenders;
}

absl::StatusOr<std::vector<DemoFile>> GenerateDemoFiles(const DemoOptions& options) {
  ASSIGN_OR_RETURN(const std::vector<liaison::v1::OffenderRecord> offenders,
                   GenerateOffenders(options));
  std::vector<DemoFile> files;
  files.push_back({"offenders.csv", OffendersCsv(offenders)});
  const std::vector<Story> stories = BuildStories();
  for (const Story& story : stories) {
    ASSIGN_OR_RETURN(std::string json, NotificationJson(story.notification));
    files.push_back({story.file, std::move(json)});
  }
  files.push_back({"expected.json", ExpectedJson(stories)});
  return files;
}

absl::Status WriteDemoFiles(absl::string_view out_dir, const std::vector<DemoFile>& files) {
  if (out_dir.empty()) return absl::InvalidArgumentError("the output directory is empty");
  for (const DemoFile& file : files) RETURN_IF_ERROR(CheckRelativePath(file.path));
  const std::filesystem::path root{std::string(out_dir)};
  for (const DemoFile& file : files) RETURN_IF_ERROR(WriteFile(root / file.path, file.contents));
  return absl::OkStatus();
}

}  // namespace liaison::demo
