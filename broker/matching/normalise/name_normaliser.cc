#include "broker/matching/normalise/name_normaliser.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/identifiers/identifiers.h"
#include "broker/matching/normalise/tokens.h"
#include "broker/matching/normalise/transliterator_pool.h"
#include "unicode/parseerr.h"
#include "unicode/utypes.h"

namespace liaison::matching::normalise {
namespace {

constexpr char kAsciiId[] = "Any-Latin; Latin-ASCII; Lower";

// The German convention ahead of the same chain. NFC first so that a
// decomposed umlaut (u + U+0308) is caught as well; ICU escapes keep this
// source ASCII.
constexpr char kGermanRules[] =
    ":: NFC;"
    "\\u00E4 > ae; \\u00F6 > oe; \\u00FC > ue;"
    "\\u00C4 > Ae; \\u00D6 > Oe; \\u00DC > Ue;"
    "\\u00DF > ss; \\u1E9E > SS;"
    ":: Any-Latin; :: Latin-ASCII; :: Lower;";

const absl::flat_hash_set<absl::string_view>& Titles() {
  static const auto* titles = new absl::flat_hash_set<absl::string_view>{
      "mr", "mrs", "ms", "miss", "mx", "dr", "rev", "sir", "dame", "lord", "lady", "prof", "master"};
  return *titles;
}

const absl::flat_hash_set<absl::string_view>& Suffixes() {
  static const auto* suffixes = new absl::flat_hash_set<absl::string_view>{"jr", "jnr", "sr", "snr", "ii", "iii", "iv"};
  return *suffixes;
}

std::vector<std::string> GivenTokens(absl::string_view ascii) {
  std::vector<std::string> tokens = SplitTokens(ascii);
  size_t titles = 0;
  while (titles < tokens.size() && Titles().contains(tokens[titles])) ++titles;
  tokens.erase(tokens.begin(), tokens.begin() + titles);
  return tokens;
}

std::vector<std::string> FamilyTokens(absl::string_view ascii) {
  std::vector<std::string> tokens = SplitTokens(ascii);
  while (!tokens.empty() && Suffixes().contains(tokens.back())) tokens.pop_back();
  return tokens;
}

NormalisedName BuildName(absl::string_view given_ascii, absl::string_view family_ascii) {
  NormalisedName name;
  name.given = GivenTokens(given_ascii);
  name.family = FamilyTokens(family_ascii);
  name.family_joined = absl::StrJoin(name.family, "");
  return name;
}

icu::UnicodeString FromUtf8(absl::string_view utf8) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

// UTF-8 of `text`, with every code unit outside ASCII replaced by '?'
// (surrogate pairs give one '?').
std::string ToAsciiUtf8(const icu::UnicodeString& text) {
  std::string out;
  out.reserve(text.length());
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    out.push_back(c < 0x80 ? static_cast<char>(c) : '?');
  }
  return out;
}

absl::Status IcuError(absl::string_view what, UErrorCode code, const UParseError* parse = nullptr) {
  std::string message = absl::StrCat("cannot build the ", what, " transliterator: ", u_errorName(code));
  if (parse != nullptr) absl::StrAppend(&message, " at rule line ", parse->line, " offset ", parse->offset);
  return absl::InternalError(message);
}

}  // namespace

struct NameNormaliser::Impl {
  Impl(std::unique_ptr<icu::Transliterator> ascii_prototype, std::unique_ptr<icu::Transliterator> german_prototype)
      : ascii(std::move(ascii_prototype)), german(std::move(german_prototype)) {}

  TransliteratorPool ascii;
  TransliteratorPool german;
};

absl::StatusOr<std::unique_ptr<NameNormaliser>> NameNormaliser::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> ascii(icu::Transliterator::createInstance(kAsciiId, UTRANS_FORWARD, status));
  if (U_FAILURE(status) || ascii == nullptr) return IcuError("ASCII", status);

  UParseError parse_error;
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> german(icu::Transliterator::createFromRules(
      "Liaison-GermanAscii", icu::UnicodeString(kGermanRules, -1, US_INV), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || german == nullptr) return IcuError("German", status, &parse_error);

  auto impl = std::make_unique<Impl>(std::move(ascii), std::move(german));
  return std::unique_ptr<NameNormaliser>(new NameNormaliser(std::move(impl)));
}

NameNormaliser::NameNormaliser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

NameNormaliser::~NameNormaliser() = default;

std::string NameNormaliser::ToAscii(absl::string_view utf8) const {
  return ToAsciiUtf8(impl_->ascii.Transliterate(FromUtf8(utf8)));
}

std::string NameNormaliser::ToAsciiGerman(absl::string_view utf8) const {
  return ToAsciiUtf8(impl_->german.Transliterate(FromUtf8(utf8)));
}

std::vector<NormalisedName> NameNormaliser::Normalise(absl::string_view given_names,
                                                      absl::string_view family_name) const {
  if (identifiers::IsPlaceholderName(given_names) || identifiers::IsPlaceholderName(family_name)) return {};
  NormalisedName plain = BuildName(ToAscii(given_names), ToAscii(family_name));
  if (plain.empty()) return {};
  std::vector<NormalisedName> forms;
  forms.push_back(std::move(plain));
  NormalisedName german = BuildName(ToAsciiGerman(given_names), ToAsciiGerman(family_name));
  if (german != forms.front()) forms.push_back(std::move(german));
  return forms;
}

}  // namespace liaison::matching::normalise
