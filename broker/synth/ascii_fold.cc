#include "broker/synth/ascii_fold.h"

#include <cstddef>

namespace liaison::synth {
namespace {

struct Folding {
  absl::string_view utf8;
  absl::string_view ascii;
};

constexpr Folding kFoldings[] = {
    {"À", "A"}, {"Á", "A"},  {"Â", "A"},  {"Ã", "A"}, {"Ä", "A"},  {"Å", "A"}, {"Ā", "A"}, {"Ą", "A"},  {"à", "a"},
    {"á", "a"}, {"â", "a"},  {"ã", "a"},  {"ä", "a"}, {"å", "a"},  {"ā", "a"}, {"ą", "a"}, {"Æ", "AE"}, {"æ", "ae"},
    {"Ç", "C"}, {"Ć", "C"},  {"Č", "C"},  {"ç", "c"}, {"ć", "c"},  {"č", "c"}, {"È", "E"}, {"É", "E"},  {"Ê", "E"},
    {"Ë", "E"}, {"Ē", "E"},  {"Ė", "E"},  {"Ę", "E"}, {"è", "e"},  {"é", "e"}, {"ê", "e"}, {"ë", "e"},  {"ē", "e"},
    {"ė", "e"}, {"ę", "e"},  {"Ğ", "G"},  {"ğ", "g"}, {"Ģ", "G"},  {"ģ", "g"}, {"Ì", "I"}, {"Í", "I"},  {"Î", "I"},
    {"Ï", "I"}, {"Ī", "I"},  {"Į", "I"},  {"İ", "I"}, {"ì", "i"},  {"í", "i"}, {"î", "i"}, {"ï", "i"},  {"ī", "i"},
    {"į", "i"}, {"ı", "i"},  {"Ķ", "K"},  {"ķ", "k"}, {"Ł", "L"},  {"Ļ", "L"}, {"ł", "l"}, {"ļ", "l"},  {"Ñ", "N"},
    {"Ń", "N"}, {"Ņ", "N"},  {"ñ", "n"},  {"ń", "n"}, {"ņ", "n"},  {"Ò", "O"}, {"Ó", "O"}, {"Ô", "O"},  {"Õ", "O"},
    {"Ö", "O"}, {"Ø", "O"},  {"Ő", "O"},  {"ò", "o"}, {"ó", "o"},  {"ô", "o"}, {"õ", "o"}, {"ö", "o"},  {"ø", "o"},
    {"ő", "o"}, {"Œ", "OE"}, {"œ", "oe"}, {"Ř", "R"}, {"ř", "r"},  {"Ś", "S"}, {"Ş", "S"}, {"Š", "S"},  {"Ș", "S"},
    {"ś", "s"}, {"ş", "s"},  {"š", "s"},  {"ș", "s"}, {"ß", "ss"}, {"Ț", "T"}, {"ț", "t"}, {"Ù", "U"},  {"Ú", "U"},
    {"Û", "U"}, {"Ü", "U"},  {"Ū", "U"},  {"Ų", "U"}, {"Ű", "U"},  {"ù", "u"}, {"ú", "u"}, {"û", "u"},  {"ü", "u"},
    {"ū", "u"}, {"ų", "u"},  {"ű", "u"},  {"Ý", "Y"}, {"ý", "y"},  {"ÿ", "y"}, {"Ź", "Z"}, {"Ż", "Z"},  {"Ž", "Z"},
    {"ź", "z"}, {"ż", "z"},  {"ž", "z"},
};

// The length of the UTF-8 sequence starting with `lead` (1 for a stray
// continuation byte, so scanning always advances).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

const Folding* FindFolding(absl::string_view sequence) {
  for (const Folding& folding : kFoldings) {
    if (folding.utf8 == sequence) return &folding;
  }
  return nullptr;
}

}  // namespace

bool IsAscii(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string AsciiFold(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out.push_back(text[i++]);
      continue;
    }
    const size_t length = SequenceLength(lead);
    const Folding* folding = FindFolding(text.substr(i, length));
    if (folding != nullptr) out.append(folding->ascii.data(), folding->ascii.size());
    i += length;
  }
  return out;
}

bool AsciiFoldCovers(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t length = SequenceLength(lead);
    if (lead >= 0x80 && FindFolding(text.substr(i, length)) == nullptr) return false;
    i += length;
  }
  return true;
}

}  // namespace liaison::synth
