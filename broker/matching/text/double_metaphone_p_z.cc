// Double Metaphone rules for the letters P to Z that depend on context.

#include "broker/matching/text/double_metaphone_encoder.h"

namespace liaison::matching::text::metaphone_internal {

int Encoder::EncodeP() {
  if (At(pos_ + 1) == 'H') {
    Add("F");
    return 2;
  }
  Add("P");
  return Matches(pos_ + 1, {"P", "B"}) ? 2 : 1;  // "Campbell", "raspberry"
}

int Encoder::EncodeR() {
  const int p = pos_;
  // French final "-IER" ("Rogier") is silent in the primary, but not after
  // "ME" or "MA" ("Hochmeier").
  const bool french = p == last_ && !slavo_germanic_ && Matches(p - 2, {"IE"}) && !Matches(p - 4, {"ME", "MA"});
  Add(french ? "" : "R", "R");
  return SkipDouble('R');
}

int Encoder::EncodeS() {
  const int p = pos_;
  if (Matches(p - 1, {"ISL", "YSL"})) return 1;  // silent: "island", "isle", "Carlisle"
  if (p == 0 && Matches(p, {"SUGAR"})) {
    Add("X", "S");
    return 1;
  }
  if (Matches(p, {"SH"})) {  // Germanic "-SHEIM", "-SHOLM"... keep the S
    Add(Matches(p + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");
    return 2;
  }
  if (Matches(p, {"SIO", "SIA"})) {  // Italian and Armenian "-SIO-", "-SIA(N)"
    Add("S", slavo_germanic_ ? "S" : "X");
    return 3;
  }
  // "Smith" and "Schmidt", "Snider" and "Schneider" share an X; Slavic "SZ".
  if ((p == 0 && Matches(p + 1, {"M", "N", "L", "W"})) || At(p + 1) == 'Z') {
    Add("S", "X");
    return At(p + 1) == 'Z' ? 2 : 1;
  }
  if (Matches(p, {"SC"})) return EncodeSc();
  // French final "-AIS", "-OIS" ("Resnais", "Artois").
  const bool french = p == last_ && Matches(p - 2, {"AI", "OI"});
  Add(french ? "" : "S", "S");
  return Matches(p + 1, {"S", "Z"}) ? 2 : 1;
}

int Encoder::EncodeSc() {
  const int p = pos_;
  if (At(p + 2) != 'H') {
    Add(Matches(p + 2, {"I", "E", "Y"}) ? "S" : "SK");
    return 3;
  }
  // Schlesinger's rule for SCH.
  if (Matches(p + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {
    Add(Matches(p + 3, {"ER", "EN"}) ? "X" : "SK", "SK");  // Dutch "school", "Schenker"
  } else if (p == 0 && !IsVowel(3) && At(3) != 'W') {
    Add("X", "S");  // "Schmidt", "Schneider"
  } else {
    Add("X");
  }
  return 3;
}

int Encoder::EncodeT() {
  const int p = pos_;
  if (Matches(p, {"TION"}) || Matches(p, {"TIA", "TCH"})) {
    Add("X");
    return 3;
  }
  if (Matches(p, {"TH"}) || Matches(p, {"TTH"})) {
    // "Thomas", "Thames" and Germanic "SCH-" words keep a plain T.
    if (Matches(p + 2, {"OM", "AM"}) || Matches(0, {"SCH"})) {
      Add("T");
    } else {
      Add("0", "T");
    }
    return 2;
  }
  Add("T");
  return Matches(p + 1, {"T", "D"}) ? 2 : 1;
}

int Encoder::EncodeW() {
  const int p = pos_;
  if (Matches(p, {"WR"})) {
    Add("R");
    return 2;
  }
  if (p == 0 && (IsVowel(p + 1) || Matches(p, {"WH"}))) {
    Add("A", IsVowel(p + 1) ? "F" : "A");  // "Wasserman" matches "Vasserman"
  }
  // "Arnow" matches "Arnoff"; Polish "-EWSKI", "-OWSKI"; German "SCHW-".
  if ((p == last_ && IsVowel(p - 1)) || Matches(p - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) || Matches(0, {"SCH"})) {
    Add("", "F");
    return 1;
  }
  if (Matches(p, {"WICZ", "WITZ"})) {  // "Filipowicz"
    Add("TS", "FX");
    return 4;
  }
  return 1;
}

int Encoder::EncodeX() {
  const int p = pos_;
  // Silent in French final "-IAUX", "-EAUX", "-AUX", "-OUX" ("Breaux").
  const bool french = p == last_ && (Matches(p - 3, {"IAU", "EAU"}) || Matches(p - 2, {"AU", "OU"}));
  if (!french) Add("KS");
  return Matches(p + 1, {"C", "X"}) ? 2 : 1;
}

int Encoder::EncodeZ() {
  const int p = pos_;
  if (At(p + 1) == 'H') {  // Chinese pinyin "Zhao"
    Add("J");
    return 2;
  }
  // Italian "-ZZO", "-ZZI", "-ZZA" and Slavo-Germanic Z (not after T) may be TS.
  const bool ts = Matches(p + 1, {"ZO", "ZI", "ZA"}) || (slavo_germanic_ && p > 0 && At(p - 1) != 'T');
  Add("S", ts ? "TS" : "S");
  return SkipDouble('Z');
}

}  // namespace liaison::matching::text::metaphone_internal
