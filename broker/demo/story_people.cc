#include "broker/demo/story_people.h"

#include "broker/demo/records.h"
#include "broker/demo/staff.h"
#include "broker/identifiers/identifiers.h"

namespace liaison::demo {
namespace {

using liaison::v1::IDENTIFIER_TYPE_CRO;
using liaison::v1::IDENTIFIER_TYPE_NOMS;
using liaison::v1::IDENTIFIER_TYPE_PNC;

liaison::v1::PersonName Name(absl::string_view given_names, absl::string_view family_name) {
  liaison::v1::PersonName name;
  name.set_given_names(std::string(given_names));
  name.set_family_name(std::string(family_name));
  return name;
}

liaison::v1::Address Address(std::vector<std::string> lines, absl::string_view town,
                             absl::string_view postcode) {
  liaison::v1::Address address;
  for (std::string& line : lines) address.add_lines(std::move(line));
  address.set_town(std::string(town));
  address.set_postcode(std::string(postcode));
  return address;
}

liaison::v1::PersonDescriptor Person(liaison::v1::PersonName name, absl::string_view dob,
                                     liaison::v1::Address address) {
  liaison::v1::PersonDescriptor person;
  *person.mutable_name() = std::move(name);
  person.set_date_of_birth(std::string(dob));
  *person.add_addresses() = std::move(address);
  return person;
}

// The fields every story offender shares: area N07, team N07T01, manager
// Jo Evans, on a sentence in the community.
liaison::v1::OffenderRecord StoryBase(absl::string_view crn, liaison::v1::PersonName name,
                                      absl::string_view dob, liaison::v1::Address address) {
  liaison::v1::OffenderRecord offender;
  offender.set_crn(std::string(crn));
  *offender.mutable_name() = std::move(name);
  offender.set_date_of_birth(std::string(dob));
  *offender.add_addresses() = std::move(address);
  *offender.mutable_manager() = JoEvans();
  offender.set_team_code("N07T01");
  offender.set_area_code(std::string(kAreaCode));
  return offender;
}

liaison::v1::RelatedPerson Child(absl::string_view given, absl::string_view dob, int age) {
  liaison::v1::RelatedPerson child;
  child.set_role(liaison::v1::RELATED_ROLE_CHILD);
  *child.mutable_person() = Person(Name(given, "Cottrell"), dob, Story1PartnerAddress());
  child.set_age(age);
  return child;
}

}  // namespace

liaison::v1::Address Story1PartnerAddress() {
  return Address({"27 Wendover Close"}, "London", "SE6 2RJ");
}

liaison::v1::Address Story2ExPartnerAddress() {
  return Address({"8 Linnet Way"}, "London", "SE12 9HW");
}

liaison::v1::OffenderRecord Story1Offender() {
  liaison::v1::OffenderRecord offender =
      StoryBase(kStory1Crn, Name("Kieran James", "Thornbury"), "1988-03-14",
                Address({"Flat 4", "19 Carrow Road"}, "London", "SE13 6PL"));
  AddIdentifier(IDENTIFIER_TYPE_PNC, identifiers::FormatPnc(2006, 412733), &offender);
  AddIdentifier(IDENTIFIER_TYPE_CRO, identifiers::FormatCro(231877, 6), &offender);
  AddIdentifier(IDENTIFIER_TYPE_NOMS, "A4821KT", &offender);
  *offender.add_aliases() = Name("Kieran", "Thorn");
  *offender.add_aliases() = Name("Kie", "Thornbury");
  *offender.mutable_offender_manager() = AlexMorgan();
  *offender.mutable_co_worker() = SamPatel();
  offender.set_rosh_level(liaison::v1::ROSH_LEVEL_MEDIUM);
  offender.add_registrations("REG30");
  offender.add_registrations("ADVP");
  offender.set_status(liaison::v1::SUPERVISION_STATUS_LICENCE);
  offender.add_licence_conditions(
      "Notify the supervising officer of any developing intimate relationship");
  return offender;
}

liaison::v1::OffenderRecord Story2Offender() {
  liaison::v1::OffenderRecord offender =
      StoryBase(kStory2Crn, Name("Lewis Craig", "Pemberton"), "1984-11-02",
                Address({"12 Ashgrove Court", "Mayfield Road"}, "London", "SE4 1TN"));
  AddIdentifier(IDENTIFIER_TYPE_PNC, identifiers::FormatPnc(2003, 88214), &offender);
  *offender.mutable_offender_manager() = ChrisLee();
  offender.set_rosh_level(liaison::v1::ROSH_LEVEL_HIGH);
  offender.add_registrations("ADVP");
  offender.set_status(liaison::v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
  offender.add_licence_conditions(
      "Restraining order: no contact with the victim and not to enter Linnet Way, SE12");
  return offender;
}

liaison::v1::OffenderRecord Story6Offender() {
  liaison::v1::OffenderRecord offender =
      StoryBase(kStory6Crn, Name("Shannon Louise", "Brierley"), "1995-09-09",
                Address({"41 Harefield Road"}, "London", "SE4 2LB"));
  AddIdentifier(IDENTIFIER_TYPE_PNC, identifiers::FormatPnc(2013, 530719), &offender);
  *offender.add_aliases() = Name("Shannon", "Brearley");
  *offender.mutable_offender_manager() = AlexMorgan();
  *offender.mutable_co_worker() = RileyShah();
  offender.set_rosh_level(liaison::v1::ROSH_LEVEL_LOW);
  offender.set_status(liaison::v1::SUPERVISION_STATUS_COMMUNITY_ORDER);
  return offender;
}

std::vector<liaison::v1::OffenderRecord> StoryOffenders() {
  return {Story1Offender(), Story2Offender(), Story6Offender()};
}

liaison::v1::PersonDescriptor Story1Partner() {
  return Person(Name("Leanne Marie", "Cottrell"), "1993-07-22", Story1PartnerAddress());
}

std::vector<liaison::v1::RelatedPerson> Story1Children() {
  return {Child("Mia", "2017-05-03", 9), Child("Tyler", "2020-02-17", 6),
          Child("Ava", "2022-08-29", 4), Child("Noah", "2024-06-11", 2)};
}

liaison::v1::PersonDescriptor Story2ExPartner() {
  return Person(Name("Donna Kirsty", "Waldron"), "1986-05-30", Story2ExPartnerAddress());
}

liaison::v1::PersonDescriptor UnmatchedPerson() {
  liaison::v1::PersonDescriptor person = Person(Name("Callum Ryan", "Treadgold"), "1991-02-17",
                                                Address({"3 Sorrel Mews"}, "London", "SE14 5DW"));
  AddIdentifier(IDENTIFIER_TYPE_PNC, identifiers::FormatPnc(2010, 604482), &person);
  return person;
}

std::vector<std::string> ReservedIdentifiers() {
  std::vector<std::string> reserved;
  for (const liaison::v1::OffenderRecord& offender : StoryOffenders()) {
    reserved.push_back(offender.crn());
    for (const liaison::v1::Identifier& id : offender.identifiers()) reserved.push_back(id.value());
  }
  const liaison::v1::PersonDescriptor unmatched = UnmatchedPerson();
  for (const liaison::v1::Identifier& id : unmatched.identifiers()) reserved.push_back(id.value());
  return reserved;
}

}  // namespace liaison::demo
