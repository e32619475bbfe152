// Double Metaphone rules for C and G, the two letters with the most
// spellings to tell apart.

#include "broker/matching/text/double_metaphone_encoder.h"

namespace liaison::matching::text::metaphone_internal {

int Encoder::EncodeC() {
  const int p = pos_;
  // Germanic "-ACH-" ("Bacher", "Macher"), but not "-ACHI-" or "-ACHE-".
  if (p > 1 && !IsVowel(p - 2) && Matches(p - 1, {"ACH"}) && At(p + 2) != 'I' &&
      (At(p + 2) != 'E' || Matches(p - 2, {"BACHER", "MACHER"}))) {
    Add("K");
    return 2;
  }
  if (p == 0 && Matches(p, {"CAESAR"})) {
    Add("S");
    return 2;
  }
  if (Matches(p, {"CHIA"})) {  // Italian "Chianti"
    Add("K");
    return 2;
  }
  if (Matches(p, {"CH"})) return EncodeCh();
  if (Matches(p, {"CZ"}) && !Matches(p - 2, {"WICZ"})) {  // "Czerny"
    Add("S", "X");
    return 2;
  }
  if (Matches(p + 1, {"CIA"})) {  // "Focaccia"
    Add("X");
    return 3;
  }
  if (Matches(p, {"CC"}) && !(p == 1 && At(0) == 'M')) return EncodeCc();  // not "McClellan"
  if (Matches(p, {"CK", "CG", "CQ"})) {
    Add("K");
    return 2;
  }
  if (Matches(p, {"CI", "CE", "CY"})) {
    Add("S", Matches(p, {"CIO", "CIE", "CIA"}) ? "X" : "S");  // Italian "-CIO-"
    return 2;
  }
  Add("K");
  return Matches(p + 1, {"C", "K", "Q"}) && !Matches(p + 1, {"CE", "CI"}) ? 2 : 1;
}

int Encoder::EncodeCh() {
  const int p = pos_;
  if (p > 0 && Matches(p, {"CHAE"})) {  // "Michael"
    Add("K", "X");
    return 2;
  }
  // Greek roots at the start: "chemistry", "chorus", "character", but not
  // "chore".
  if (p == 0 && (Matches(p + 1, {"HARAC", "HARIS"}) || Matches(p + 1, {"HOR", "HYM", "HIA", "HEM"})) &&
      !Matches(0, {"CHORE"})) {
    Add("K");
    return 2;
  }
  if (IsHardCh() || (p > 0 && Matches(0, {"MC"}))) {  // "McHugh"
    Add("K");
  } else if (p == 0) {
    Add("X");
  } else {
    Add("X", "K");
  }
  return 2;
}

// CH sounding as K in Germanic and Greek spellings: "Schmidt", "orchestra",
// "architect", "orchid", before T or S, and before most consonants or the end
// of the word when it starts the word or follows A, O, U or E ("Christie",
// "Beech").
bool Encoder::IsHardCh() const {
  const int p = pos_;
  if (Matches(0, {"SCH"}) || Matches(p - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || Matches(p + 2, {"T", "S"})) {
    return true;
  }
  return (p == 0 || Matches(p - 1, {"A", "O", "U", "E"})) &&
         Matches(p + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "});
}

int Encoder::EncodeCc() {
  const int p = pos_;
  // "Bellocchio", "bertucci" (X); "accident", "succeed" (KS); not "Bacchus".
  if (Matches(p + 2, {"I", "E", "H"}) && !Matches(p + 2, {"HU"})) {
    Add((p == 1 && At(0) == 'A') || Matches(p - 1, {"UCCEE", "UCCES"}) ? "KS" : "X");
    return 3;
  }
  Add("K");  // Pierce's rule
  return 2;
}

int Encoder::EncodeG() {
  const int p = pos_;
  if (At(p + 1) == 'H') return EncodeGh();
  if (At(p + 1) == 'N') return EncodeGn();
  if (Matches(p + 1, {"LI"}) && !slavo_germanic_) {  // "Tagliaro"
    Add("KL", "L");
    return 2;
  }
  if (Matches(p + 1, {"E", "I", "Y"}) || Matches(p - 1, {"AGGI", "OGGI"})) return EncodeSoftG();
  Add("K");
  return SkipDouble('G');
}

int Encoder::EncodeGh() {
  const int p = pos_;
  if (p > 0 && !IsVowel(p - 1)) {
    Add("K");
    return 2;
  }
  if (p == 0) {  // "Ghislane" (J), "ghost" (K)
    Add(At(p + 2) == 'I' ? "J" : "K");
    return 2;
  }
  // Parker's rule: silent after a B, H or D two to four letters back
  // ("Hugh", "bough", "Broughton").
  if ((p > 1 && Matches(p - 2, {"B", "H", "D"})) || (p > 2 && Matches(p - 3, {"B", "H", "D"})) ||
      (p > 3 && Matches(p - 4, {"B", "H"}))) {
    return 2;
  }
  if (p > 2 && At(p - 1) == 'U' && Matches(p - 3, {"C", "G", "L", "R", "T"})) {
    Add("F");  // "laugh", "cough", "rough", "tough"
  } else if (At(p - 1) != 'I') {
    Add("K");  // silent in "-IGH-" ("Knight")
  }
  return 2;
}

int Encoder::EncodeGn() {
  const int p = pos_;
  if (p == 1 && IsVowel(0) && !slavo_germanic_) {
    Add("KN", "N");  // "Agnes"
  } else if (!Matches(p + 2, {"EY"}) && !slavo_germanic_) {
    Add("N", "KN");  // "benign"
  } else {
    Add("KN");  // "Cagney"
  }
  return 2;
}

// G before E, I or Y, or in Italian "-AGGI-"/"-OGGI-".
int Encoder::EncodeSoftG() {
  const int p = pos_;
  // K or J: at the start before "ES", "EP", "EL", "IB", "IN", "Y"...
  // ("Gerken", "Gibbs", "Gybbes"); and "-GER-", "-GY-" inside the word,
  // except after E or I, in "danger", "ranger", "manger", "-RGY-", "-OGY-".
  const bool initial = p == 0 && (At(p + 1) == 'Y' ||
                                  Matches(p + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"}));
  const bool ger_or_gy = (Matches(p + 1, {"ER"}) || At(p + 1) == 'Y') && !Matches(0, {"DANGER", "RANGER", "MANGER"}) &&
                         !Matches(p - 1, {"E", "I"}) && !Matches(p - 1, {"RGY", "OGY"});
  if (initial || ger_or_gy) {
    Add("K", "J");
  } else if (Matches(0, {"SCH"}) || Matches(p + 1, {"ET"})) {
    Add("K");  // Germanic
  } else if (Matches(p + 1, {"IER "})) {
    Add("J");  // French final "-GIER" ("Rogier")
  } else {
    Add("J", "K");  // "Biaggi", "George"
  }
  return 2;
}

}  // namespace liaison::matching::text::metaphone_internal
