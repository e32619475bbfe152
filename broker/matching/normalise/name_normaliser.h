#ifndef LIAISON_BROKER_MATCHING_NORMALISE_NAME_NORMALISER_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_NAME_NORMALISER_H_

// Turns names as agencies typed them into comparable tokens: transliterated
// to lower-case ASCII with ICU, titles and suffixes removed, punctuation
// stripped, hyphenated and double surnames split into tokens.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::matching::normalise {

// Tokens are runs of [a-z0-9] in the transliterated text. Apostrophes (',
// U+2019, `) are deleted, so they join rather than split: O'Brien ->
// "obrien". Every other character (space, hyphen, full stop...) separates.
struct NormalisedName {
  // Given-name tokens in order ("mary", "jane"); all leading titles (mr, mrs,
  // ms, miss, mx, dr, rev, sir, dame, lord, lady, prof, master) removed, even
  // when nothing is left.
  std::vector<std::string> given;
  // Family-name tokens ("smith", "jones" for Smith-Jones or "Smith Jones");
  // all trailing suffixes (jr, jnr, sr, snr, ii, iii, iv) removed. When that
  // leaves nothing the family name stays empty: no given token is moved
  // across to guess at it.
  std::vector<std::string> family;
  // The family tokens concatenated: "smithjones".
  std::string family_joined;

  bool empty() const { return given.empty() && family.empty(); }
  bool operator==(const NormalisedName&) const = default;
};

// ICU-backed name normalisation. Create once and share: every method is
// const and thread-safe. ICU does not promise that one Transliterator may be
// used from several threads at once, so each call borrows a clone from a
// small mutex-protected pool (see transliterator_pool.h); the pool grows to
// the peak number of concurrent callers and is freed with the normaliser.
class NameNormaliser {
 public:
  // INTERNAL when ICU cannot build the transliterators (missing ICU data).
  static absl::StatusOr<std::unique_ptr<NameNormaliser>> Create();
  ~NameNormaliser();

  // UTF-8 text through ICU "Any-Latin; Latin-ASCII; Lower": "Zoë Łukasz" ->
  // "zoe lukasz", "Дмитрий" -> "dmitrij". The result is always ASCII: a
  // character the chain leaves outside ASCII (a symbol such as U+2603, or
  // the U+FFFD that replaces invalid UTF-8) becomes '?'. Never an error.
  std::string ToAscii(absl::string_view utf8) const;

  // The German convention first (ä -> ae, ö -> oe, ü -> ue, ß -> ss, also
  // upper case), then as ToAscii: "Müller" -> "mueller" where ToAscii gives
  // "muller".
  std::string ToAsciiGerman(absl::string_view utf8) const;

  // The name's normalised forms: the ToAscii form first, then the German
  // form when it differs (a name with an umlaut). Empty when both parts are
  // empty after normalisation or either part is a placeholder
  // (identifiers::IsPlaceholderName: MIG_ERROR_..., DUPLICATE_..., NO_SHOW_...).
  std::vector<NormalisedName> Normalise(absl::string_view given_names, absl::string_view family_name) const;

 private:
  struct Impl;
  explicit NameNormaliser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_NAME_NORMALISER_H_
