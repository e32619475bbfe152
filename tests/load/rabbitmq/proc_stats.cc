#include "tests/load/rabbitmq/proc_stats.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "broker/common/status_macros.h"

namespace liaison::load::rabbitmq {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<int64_t> ParseCpuTicks(absl::string_view stat) {
  const size_t paren = stat.rfind(')');
  if (paren == absl::string_view::npos) return absl::InvalidArgumentError("/proc stat: no ')' after the command");
  // After ") " come fields 3, 4, ...: utime is field 14, stime field 15.
  const std::vector<absl::string_view> fields =
      absl::StrSplit(stat.substr(paren + 1), ' ', absl::SkipWhitespace());
  int64_t utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) || !absl::SimpleAtoi(fields[12], &stime)) {
    return absl::InvalidArgumentError("/proc stat: fields utime/stime missing or not numbers");
  }
  return utime + stime;
}

absl::StatusOr<int64_t> ParsePeakRssBytes(absl::string_view status) {
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    if (!absl::ConsumePrefix(&line, "VmHWM:")) continue;
    const std::vector<absl::string_view> parts = absl::StrSplit(line, ' ', absl::SkipWhitespace());
    int64_t kib = 0;
    if (parts.size() != 2 || parts[1] != "kB" || !absl::SimpleAtoi(parts[0], &kib)) {
      return absl::InvalidArgumentError("/proc status: VmHWM is not '<number> kB'");
    }
    return kib * 1024;
  }
  return absl::InvalidArgumentError("/proc status: no VmHWM line");
}

absl::StatusOr<ProcStats> ReadProcStats(int64_t pid) {
  const std::string dir = absl::StrCat("/proc/", pid);
  ASSIGN_OR_RETURN(std::string stat, ReadFile(dir + "/stat"));
  ASSIGN_OR_RETURN(std::string status, ReadFile(dir + "/status"));
  ASSIGN_OR_RETURN(int64_t ticks, ParseCpuTicks(stat));
  ASSIGN_OR_RETURN(int64_t peak, ParsePeakRssBytes(status));
  const double ticks_per_s = static_cast<double>(sysconf(_SC_CLK_TCK));
  return ProcStats{absl::Seconds(ticks / ticks_per_s), peak};
}

}  // namespace liaison::load::rabbitmq
