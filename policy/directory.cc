#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "policy/loader.h"

// The directory of recipients outside the offender index (areas, prisons,
// teams), checked when a config is loaded and before a policy is validated
// against it.

namespace liaison::policy {

bool IsRecipientId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
  });
}

absl::Status ValidateDirectory(const policy::v1::Directory& directory) {
  auto bad_id = [](const std::string& path, const std::string& id) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": '", id, "' is not a recipient id (1-64 of [A-Za-z0-9._:-])"));
  };
  absl::flat_hash_set<std::string> codes;
  for (int i = 0; i < directory.areas_size(); ++i) {
    const policy::v1::Area& a = directory.areas(i);
    const std::string path = absl::StrCat("directory.areas[", i, "]");
    if (a.code().empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".code: is required"));
    if (!codes.insert(a.code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".code: '", a.code(), "' is listed twice"));
    }
    for (const auto& [name, id] : {std::pair<const char*, const std::string*>{"mappa_coordinator", &a.mappa_coordinator()},
                                   {"duty_inbox", &a.duty_inbox()},
                                   {"police_public_protection", &a.police_public_protection()}}) {
      if (!id->empty() && !IsRecipientId(*id)) return bad_id(absl::StrCat(path, ".", name), *id);
    }
  }
  codes.clear();
  for (int i = 0; i < directory.prisons_size(); ++i) {
    const policy::v1::PrisonEntry& p = directory.prisons(i);
    const std::string path = absl::StrCat("directory.prisons[", i, "]");
    if (p.code().empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".code: is required"));
    if (!codes.insert(p.code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".code: '", p.code(), "' is listed twice"));
    }
    if (!IsRecipientId(p.security_inbox())) return bad_id(absl::StrCat(path, ".security_inbox"), p.security_inbox());
  }
  codes.clear();
  for (int i = 0; i < directory.teams_size(); ++i) {
    const policy::v1::TeamEntry& t = directory.teams(i);
    const std::string path = absl::StrCat("directory.teams[", i, "]");
    if (t.code().empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".code: is required"));
    if (!codes.insert(t.code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".code: '", t.code(), "' is listed twice"));
    }
    if (!IsRecipientId(t.inbox())) return bad_id(absl::StrCat(path, ".inbox"), t.inbox());
  }
  return absl::OkStatus();
}

}  // namespace liaison::policy
