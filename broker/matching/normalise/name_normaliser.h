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

struct NormalisedName {
  // Given-name tokens in order ("mary", "jane"); titles (mr, mrs, ms, miss,
  // mx, dr, rev, sir, dame, lord, lady, prof) removed from the front.
  std::vector<std::string> given;
  // Family-name tokens ("smith", "jones" for Smith-Jones or "Smith Jones");
  // suffixes (jr, jnr, sr, snr, ii, iii, iv) removed from the end.
  // Apostrophes join rather than split: O'Brien -> "obrien".
  std::vector<std::string> family;
  // The family tokens concatenated: "smithjones".
  std::string family_joined;

  bool empty() const { return given.empty() && family.empty(); }
};

// ICU-backed name normalisation. Create once and share: every method is
// const and thread-safe (each thread uses its own clone of the ICU
// transliterators).
class NameNormaliser {
 public:
  // INTERNAL when ICU cannot build the transliterators (missing ICU data).
  static absl::StatusOr<std::unique_ptr<NameNormaliser>> Create();
  ~NameNormaliser();

  // UTF-8 text through ICU "Any-Latin; Latin-ASCII; Lower": "Zoë Łukasz" ->
  // "zoe lukasz", "Дмитрий" -> "dmitrij". Invalid UTF-8 is replaced, never
  // an error.
  std::string ToAscii(absl::string_view utf8) const;

  // The German convention first (ä -> ae, ö -> oe, ü -> ue, ß -> ss, also
  // upper case), then as ToAscii: "Müller" -> "mueller" where ToAscii gives
  // "muller".
  std::string ToAsciiGerman(absl::string_view utf8) const;

  // The name's normalised forms: the ToAscii form first, then the German
  // form when it differs (a name with an umlaut). Empty when both parts are
  // empty after normalisation or either part is a placeholder
  // (identifiers::IsPlaceholderName: MIG_ERROR_..., DUPLICATE_..., NO_SHOW_...).
  std::vector<NormalisedName> Normalise(absl::string_view given_names,
                                        absl::string_view family_name) const;

 private:
  struct Impl;
  explicit NameNormaliser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_NAME_NORMALISER_H_
