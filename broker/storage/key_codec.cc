#include "broker/storage/key_codec.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/storage/cipher.h"

namespace liaison::storage {
namespace {

enum Kind { kPlain, kHash, kToken, kTokenIfCrnFacet };

constexpr char kHashMark = '\x01';
constexpr char kTokenMark = '\x02';
constexpr absl::string_view kTokenAad = "liaison key token v1";
constexpr size_t kHashBytes = 16;

// Each table's parts, in order; the last is the rest of the key.
std::vector<Kind> Layout(Table table) {
  switch (table) {
    case Table::kOffenders:
    case Table::kMatchForms:
    case Table::kRematchJobs:
      return {kToken};
    case Table::kIdentity:
    case Table::kNameCounts:
      return {kPlain, kHash};
    case Table::kBlocking:
      return {kHash, kToken};
    case Table::kUnmatchedKeys:
      return {kHash, kPlain};
    case Table::kMerges:
      return {kToken, kToken};
    case Table::kPersonNotifications:
      return {kToken, kPlain};
    case Table::kAuditIndex:
      return {kPlain, kTokenIfCrnFacet, kPlain};
    default:
      return {};
  }
}

// Splits at the first layout.size() - 1 separators.
std::vector<absl::string_view> Split(absl::string_view key, size_t parts) {
  std::vector<absl::string_view> out;
  while (out.size() + 1 < parts) {
    const size_t nul = key.find('\0');
    if (nul == absl::string_view::npos) break;
    out.push_back(key.substr(0, nul));
    key.remove_prefix(nul + 1);
  }
  out.push_back(key);
  return out;
}

Kind Resolve(Kind kind, const std::vector<absl::string_view>& parts) {
  if (kind != kTokenIfCrnFacet) return kind;
  return parts[0] == "crn" ? kToken : kPlain;
}

bool Encoded(absl::string_view part) {
  return !part.empty() && (part[0] == kHashMark || part[0] == kTokenMark);
}

std::string Join(const std::vector<KeyCodec::Part>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.push_back('\0');
    out += parts[i].stored;
  }
  return out;
}

}  // namespace

bool KeyCodec::Rewrites(Table table) { return !Layout(table).empty(); }

absl::StatusOr<std::string> KeyCodec::EncodePart(int kind, absl::string_view plain) const {
  if (plain.empty() || kind == kPlain || Encoded(plain)) return std::string(plain);
  if (kind == kHash) {
    return absl::StrCat(absl::string_view(&kHashMark, 1),
                        absl::WebSafeBase64Escape(keys_->hasher().Mac({plain}).substr(0, kHashBytes)));
  }
  return absl::StrCat(absl::string_view(&kTokenMark, 1), absl::WebSafeBase64Escape(keys_->tokens().Seal(plain, kTokenAad)));
}

absl::StatusOr<std::vector<KeyCodec::Part>> KeyCodec::EncodeParts(Table table, absl::string_view key) const {
  const std::vector<Kind> layout = Layout(table);
  std::vector<Part> out;
  if (layout.empty()) {
    out.push_back({std::string(key), std::string(key)});
    return out;
  }
  const std::vector<absl::string_view> parts = Split(key, layout.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    auto stored = EncodePart(Resolve(layout[i], parts), parts[i]);
    if (!stored.ok()) return stored.status();
    out.push_back({std::string(parts[i]), *std::move(stored)});
  }
  return out;
}

absl::StatusOr<std::string> KeyCodec::Encode(Table table, absl::string_view key) const {
  if (!Rewrites(table)) return std::string(key);
  auto parts = EncodeParts(table, key);
  if (!parts.ok()) return parts.status();
  return Join(*parts);
}

absl::StatusOr<std::string> KeyCodec::Decode(Table table, absl::string_view stored,
                                             const std::vector<Part>& known) const {
  const std::vector<Kind> layout = Layout(table);
  if (layout.empty()) return std::string(stored);
  const std::vector<absl::string_view> parts = Split(stored, layout.size());
  std::vector<std::string> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::string_view part = parts[i];
    if (!part.empty() && part[0] == kTokenMark) {
      std::string sealed;
      if (!absl::WebSafeBase64Unescape(part.substr(1), &sealed)) {
        return absl::DataLossError(absl::StrCat("a stored key of ", TableName(table), " is malformed"));
      }
      auto plain = keys_->tokens().Open(sealed, kTokenAad);
      if (!plain.ok()) {
        return absl::DataLossError(absl::StrCat("a stored key of ", TableName(table),
                                                " does not decrypt under this key file's index secret"));
      }
      out.push_back(*std::move(plain));
    } else if (!part.empty() && part[0] == kHashMark && i < known.size() && known[i].stored == part) {
      out.push_back(known[i].plain);
    } else {
      out.emplace_back(part);
    }
  }
  return absl::StrJoin(out, absl::string_view("\0", 1));
}

absl::StatusOr<KeyCodec::Range> KeyCodec::EncodeRange(Table table, absl::string_view start,
                                                      absl::string_view end) const {
  Range range;
  if (!Rewrites(table)) {
    range.start_parts.push_back({std::string(start), std::string(start)});
    range.start = std::string(start);
    range.end = std::string(end);
    return range;
  }
  auto parts = EncodeParts(table, start);
  if (!parts.ok()) return parts.status();
  const Part& last = parts->back();
  if (!last.plain.empty() && last.plain != last.stored) {
    return absl::InvalidArgumentError(absl::StrCat("a scan of ", TableName(table),
                                                   " must start at a whole key part: its key parts are hashed"));
  }
  range.start_parts = *std::move(parts);
  range.start = Join(range.start_parts);
  if (end.empty()) return range;
  for (size_t nul = start.find('\0'); nul != absl::string_view::npos; nul = start.find('\0', nul + 1)) {
    const absl::string_view prefix = start.substr(0, nul + 1);
    if (PrefixEnd(prefix) != end) continue;
    auto stored_prefix = Encode(table, prefix);
    if (!stored_prefix.ok()) return stored_prefix.status();
    range.end = PrefixEnd(*stored_prefix);
    return range;
  }
  return absl::InvalidArgumentError(absl::StrCat("a scan of ", TableName(table),
                                                 " must end at the end of a key prefix: its key parts are hashed"));
}

}  // namespace liaison::storage
