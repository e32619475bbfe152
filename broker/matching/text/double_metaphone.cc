#include "broker/matching/text/double_metaphone.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "broker/matching/text/double_metaphone_encoder.h"

namespace liaison::matching::text {
namespace metaphone_internal {

Encoder::Encoder(std::string letters, size_t max_length)
    : word_(std::move(letters)),
      length_(static_cast<int>(word_.size())),
      last_(length_ - 1),
      max_length_(max_length),
      slavo_germanic_(absl::StrContains(word_, 'W') || absl::StrContains(word_, 'K') ||
                      absl::StrContains(word_, "CZ")) {}

char Encoder::At(int i) const {
  if (i < 0) return '\0';
  return i < length_ ? word_[i] : ' ';
}

bool Encoder::IsVowel(int i) const {
  if (i < 0 || i >= length_) return false;
  const char c = word_[i];
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

bool Encoder::Matches(int start, std::initializer_list<absl::string_view> options) const {
  if (start < 0) return false;
  for (absl::string_view option : options) {
    bool all = true;
    for (size_t k = 0; all && k < option.size(); ++k) all = At(start + static_cast<int>(k)) == option[k];
    if (all) return true;
  }
  return false;
}

void Encoder::Add(absl::string_view primary, absl::string_view alternate) {
  absl::StrAppend(&primary_, primary);
  absl::StrAppend(&alternate_, alternate);
}

MetaphoneCodes Encoder::Run() {
  if (length_ > 0) pos_ = EncodeStart();
  while (pos_ < length_ && !Full()) pos_ += EncodeLetter();
  if (primary_.size() > max_length_) primary_.resize(max_length_);
  if (alternate_.size() > max_length_) alternate_.resize(max_length_);
  return {std::move(primary_), std::move(alternate_)};
}

// Silent first letters (GN, KN, PN, WR, PS) are skipped; an initial X sounds
// as S ("Xavier").
int Encoder::EncodeStart() {
  if (Matches(0, {"GN", "KN", "PN", "WR", "PS"})) return 1;
  if (At(0) == 'X') {
    Add("S");
    return 1;
  }
  return 0;
}

int Encoder::EncodeLetter() {
  // One line a letter, as a table.
  // clang-format off
  switch (At(pos_)) {
    case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
      if (pos_ == 0) Add("A");  // vowels are coded only at the start
      return 1;
    case 'B': Add("P"); return SkipDouble('B');
    case kCCedilla: Add("S"); return 1;
    case 'C': return EncodeC();
    case 'D': return EncodeD();
    case 'F': Add("F"); return SkipDouble('F');
    case 'G': return EncodeG();
    case 'H': return EncodeH();
    case 'J': return EncodeJ();
    case 'K': Add("K"); return SkipDouble('K');
    case 'L': return EncodeL();
    case 'M': return EncodeM();
    case 'N': Add("N"); return SkipDouble('N');
    case kNTilde: Add("N"); return 1;
    case 'P': return EncodeP();
    case 'Q': Add("K"); return SkipDouble('Q');
    case 'R': return EncodeR();
    case 'S': return EncodeS();
    case 'T': return EncodeT();
    case 'V': Add("F"); return SkipDouble('V');
    case 'W': return EncodeW();
    case 'X': return EncodeX();
    case 'Z': return EncodeZ();
    default: return 1;
  }
  // clang-format on
}

int Encoder::EncodeD() {
  const int p = pos_;
  if (Matches(p, {"DG"})) {
    if (Matches(p + 2, {"I", "E", "Y"})) {  // "edge"
      Add("J");
      return 3;
    }
    Add("TK");  // "Edgar"
    return 2;
  }
  Add("T");
  return Matches(p, {"DT", "DD"}) ? 2 : 1;
}

// H is kept only at the start or after a vowel, and only before a vowel.
int Encoder::EncodeH() {
  if ((pos_ == 0 || IsVowel(pos_ - 1)) && IsVowel(pos_ + 1)) {
    Add("H");
    return 2;
  }
  return 1;
}

int Encoder::EncodeJ() {
  const int p = pos_;
  if (Matches(p, {"JOSE"})) {  // Spanish: "Jose" alone is H, within a word J or H
    if (p == 0 && At(p + 4) == ' ') {
      Add("H");
    } else {
      Add("J", "H");
    }
    return 1;
  }
  if (p == 0) {
    Add("J", "A");  // "Jankelowicz" matches "Yankelovich"
  } else if (IsVowel(p - 1) && !slavo_germanic_ && (At(p + 1) == 'A' || At(p + 1) == 'O')) {
    Add("J", "H");  // Spanish "bajador"
  } else if (p == last_) {
    Add("J", "");  // may be silent ("Raj")
  } else if (!Matches(p + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) && !Matches(p - 1, {"S", "K", "L"})) {
    Add("J");
  }
  return SkipDouble('J');
}

int Encoder::EncodeL() {
  const int p = pos_;
  if (At(p + 1) != 'L') {
    Add("L");
    return 1;
  }
  // Spanish "-ILLO", "-ILLA", "-ALLE" ("Cabrillo", "Gallegos"): the
  // alternate drops the L.
  const bool spanish = (p == length_ - 3 && Matches(p - 1, {"ILLO", "ILLA", "ALLE"})) ||
                       ((Matches(last_ - 1, {"AS", "OS"}) || Matches(last_, {"A", "O"})) && Matches(p - 1, {"ALLE"}));
  Add("L", spanish ? "" : "L");
  return 2;
}

int Encoder::EncodeM() {
  const int p = pos_;
  Add("M");
  // Silent B in "dumb", "thumb" and "-UMBER".
  if (Matches(p - 1, {"UMB"}) && (p + 1 == last_ || Matches(p + 2, {"ER"}))) return 2;
  return SkipDouble('M');
}

namespace {

// Upper-case A-Z, and Ç and Ñ from UTF-8 in either case; everything else is
// dropped.
std::string Letters(absl::string_view word) {
  std::string letters;
  letters.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      letters.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    } else if (c == '\xC3' && i + 1 < word.size()) {
      const char next = word[i + 1];
      if (next == '\x87' || next == '\xA7') letters.push_back(kCCedilla);
      if (next == '\x91' || next == '\xB1') letters.push_back(kNTilde);
    }
  }
  return letters;
}

}  // namespace
}  // namespace metaphone_internal

MetaphoneCodes DoubleMetaphone(absl::string_view word, size_t max_length) {
  return metaphone_internal::Encoder(metaphone_internal::Letters(word), max_length).Run();
}

bool MetaphoneAgrees(const MetaphoneCodes& a, const MetaphoneCodes& b) {
  for (const std::string* x : {&a.primary, &a.alternate}) {
    for (const std::string* y : {&b.primary, &b.alternate}) {
      if (!x->empty() && *x == *y) return true;
    }
  }
  return false;
}

}  // namespace liaison::matching::text
