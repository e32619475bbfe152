#ifndef LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_ENCODER_H_
#define LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_ENCODER_H_

// Internal to double_metaphone.cc and its rule files; use
// double_metaphone.h instead.
//
// The rules are split by letter: double_metaphone.cc has the driver and the
// simple letters, double_metaphone_c_g.cc the C and G rules,
// double_metaphone_p_z.cc the letters P to Z.

#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"
#include "broker/matching/text/double_metaphone.h"

namespace liaison::matching::text::metaphone_internal {

// The two non-ASCII letters the algorithm has rules for, held as their
// Latin-1 bytes so that every letter is one char.
inline constexpr char kCCedilla = '\xC7';  // Ç
inline constexpr char kNTilde = '\xD1';    // Ñ

// One encoding of one word. Each Encode* method handles the letter at pos_,
// appends to the codes and returns how many letters it used up.
//
// The original works on text that may hold several words, and a few of its
// rules look for a space: the "VAN "/"VON "/"SAN " prefixes and the
// "MAC C-"/"MAC G-" joins. Our input is one run of letters, so those rules
// cannot fire and are left out. A space still means "past the end of the
// word", which the rules for final letters ("JOSE ", "-IER ", CH at the end)
// rely on.
class Encoder {
 public:
  // REQUIRES: `letters` holds only A-Z, kCCedilla and kNTilde.
  Encoder(std::string letters, size_t max_length);

  // Call once.
  MetaphoneCodes Run();

 private:
  // The letter at i: ' ' past the end, '\0' before the start.
  char At(int i) const;
  // A, E, I, O, U or Y inside the word.
  bool IsVowel(int i) const;
  // True when one of `options` starts at `start`; false for a negative start.
  bool Matches(int start, std::initializer_list<absl::string_view> options) const;
  void Add(absl::string_view both) { Add(both, both); }
  void Add(absl::string_view primary, absl::string_view alternate);
  bool Full() const { return primary_.size() >= max_length_ && alternate_.size() >= max_length_; }
  // Doubled letters are encoded once: 2 when the next letter is c, else 1.
  int SkipDouble(char c) const { return At(pos_ + 1) == c ? 2 : 1; }

  // double_metaphone.cc
  int EncodeStart();
  int EncodeLetter();
  int EncodeD();
  int EncodeH();
  int EncodeJ();
  int EncodeL();
  int EncodeM();

  // double_metaphone_c_g.cc
  int EncodeC();
  int EncodeCh();
  bool IsHardCh() const;
  int EncodeCc();
  int EncodeG();
  int EncodeGh();
  int EncodeGn();
  int EncodeSoftG();

  // double_metaphone_p_z.cc
  int EncodeP();
  int EncodeR();
  int EncodeS();
  int EncodeSc();
  int EncodeT();
  int EncodeW();
  int EncodeX();
  int EncodeZ();

  const std::string word_;
  const int length_;
  const int last_;
  const size_t max_length_;
  // Slavic or Germanic spelling (a W, a K or "CZ") turns some rules off.
  const bool slavo_germanic_;
  int pos_ = 0;
  std::string primary_;
  std::string alternate_;
};

}  // namespace liaison::matching::text::metaphone_internal

#endif  // LIAISON_BROKER_MATCHING_TEXT_DOUBLE_METAPHONE_ENCODER_H_
