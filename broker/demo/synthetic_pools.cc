#include "broker/demo/synthetic_pools.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::demo {
namespace {

const std::vector<std::string>& MaleGivenNames() {
  static const auto* names = new std::vector<std::string>{
      "Aaron",  "Adam",  "Ben",   "Callum", "Connor", "Craig", "Daniel", "Darren", "Dean",
      "Gary",   "Jamie", "Jason", "Jordan", "Kyle",   "Lee",   "Liam",   "Luke",   "Mark",
      "Nathan", "Paul",  "Reece", "Ricky",  "Ryan",   "Scott", "Shane",  "Stuart", "Wayne"};
  return *names;
}

const std::vector<std::string>& FemaleGivenNames() {
  static const auto* names = new std::vector<std::string>{
      "Amy",   "Chloe", "Danielle", "Gemma", "Hayley", "Jade",  "Kayleigh", "Kelly",
      "Laura", "Leah",  "Lisa",     "Megan", "Nicola", "Sarah", "Stacey",   "Zoe"};
  return *names;
}

// A shorter form some records use instead of the full forename: a common
// short name, else the initial.
std::string Shortened(const std::string& given) {
  static const auto* short_names = new std::map<std::string, std::string>{
      {"Callum", "Cal"},   {"Daniel", "Dan"}, {"Jamie", "Jay"},     {"Nathan", "Nat"},
      {"Richard", "Rich"}, {"Stuart", "Stu"}, {"Danielle", "Dani"}, {"Nicola", "Nicky"},
      {"Kayleigh", "Kay"}, {"Megan", "Meg"},  {"Gemma", "Gem"},     {"Ricky", "Rick"}};
  auto it = short_names->find(given);
  return it != short_names->end() ? it->second : given.substr(0, 1);
}

const std::vector<std::string>& Streets() {
  static const auto* streets = new std::vector<std::string>{
      "Alder Road",    "Birchfield Street", "Canal Walk",     "Dockside Close", "Elmcroft Avenue",
      "Fenwick Lane",  "Garnet Street",     "Hollybush Way",  "Ivydale Road",   "Juniper Court",
      "Kestrel Drive", "Larch Grove",       "Millpond Place", "Norbury Rise",   "Orchard Row"};
  return *streets;
}

struct PostTown {
  std::string town;
  std::vector<std::string> districts;
};

const std::vector<PostTown>& PostTowns() {
  static const auto* towns = new std::vector<PostTown>{
      {"London", {"SE4", "SE6", "SE8", "SE13", "SE14", "SE15", "SE23", "N15", "N17", "E8", "E9"}},
      {"Croydon", {"CR0", "CR2", "CR7"}},
      {"Bromley", {"BR1", "BR2"}},
  };
  return *towns;
}

// Inward codes use a digit then two letters from this set.
constexpr char kInwardLetters[] = "ABDEFGHJLNPQRSTUWXYZ";

std::string RandomPostcode(DemoRandom& random, const PostTown& town) {
  // Drawn in sequence: argument evaluation order is unspecified.
  const int last = static_cast<int>(sizeof(kInwardLetters)) - 2;
  const std::string& district = random.Pick(town.districts);
  const int sector = random.Uniform(1, 9);
  const char unit1 = kInwardLetters[random.Uniform(0, last)];
  const char unit2 = kInwardLetters[random.Uniform(0, last)];
  return absl::StrCat(district, " ", sector, std::string(1, unit1), std::string(1, unit2));
}

}  // namespace

const std::vector<std::string>& FamilyNamePool() {
  static const auto* names = new std::vector<std::string>{
      "Ashby",   "Barlow", "Brennan", "Carver", "Doyle",  "Ellison",  "Fairley", "Garside",
      "Hartley", "Hollis", "Ingram",  "Jarvis", "Kemp",   "Lacey",    "Marsh",   "Nolan",
      "Oakley",  "Pryce",  "Quinlan", "Rowley", "Sadler", "Tolley",   "Upton",   "Vickers",
      "Walsh",   "Yates",  "Okoro",   "Mensah", "Begum",  "Kowalski", "Nowak",   "Hussain"};
  return *names;
}

liaison::v1::PersonName RandomName(DemoRandom& random, bool female) {
  const auto& given = female ? FemaleGivenNames() : MaleGivenNames();
  liaison::v1::PersonName name;
  std::string given_names = random.Pick(given);
  if (random.Chance(50)) {
    const std::string& middle = random.Pick(given);
    if (middle != given_names) absl::StrAppend(&given_names, " ", middle);
  }
  name.set_given_names(given_names);
  name.set_family_name(random.Pick(FamilyNamePool()));
  return name;
}

liaison::v1::PersonName RandomAlias(DemoRandom& random, const liaison::v1::PersonName& name,
                                    bool female) {
  liaison::v1::PersonName alias = name;
  const std::string first = name.given_names().substr(0, name.given_names().find(' '));
  switch (random.Uniform(0, 2)) {
    case 0:
      alias.set_given_names(Shortened(first));
      break;
    case 1:
      alias.set_given_names(random.Pick(female ? FemaleGivenNames() : MaleGivenNames()));
      break;
    default:
      alias.set_given_names(first);
      alias.set_family_name(random.Pick(FamilyNamePool()));
      break;
  }
  return alias;
}

liaison::v1::Address RandomAddress(DemoRandom& random) {
  liaison::v1::Address address;
  if (random.Chance(30)) address.add_lines(absl::StrCat("Flat ", random.Uniform(1, 12)));
  const int number = random.Uniform(1, 180);
  address.add_lines(absl::StrCat(number, " ", random.Pick(Streets())));
  const PostTown& town = random.Pick(PostTowns());
  address.set_town(town.town);
  address.set_postcode(RandomPostcode(random, town));
  return address;
}

std::string RandomDateOfBirth(DemoRandom& random) {
  while (true) {
    const int year = random.Uniform(1958, 2006);
    const int month = random.Uniform(1, 12);
    const int day = random.Uniform(1, 28);
    std::string date = absl::StrFormat("%04d-%02d-%02d", year, month, day);
    if (!identifiers::IsPlaceholderDateOfBirth(date)) return date;
  }
}

const std::vector<std::string>& PrisonCodePool() {
  static const auto* codes =
      new std::vector<std::string>{"BAI", "BXI", "HOI", "MDI", "PVI", "TSI", "WWI"};
  return *codes;
}

}  // namespace liaison::demo
