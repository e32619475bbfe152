#include "broker/demo/staff.h"

#include "absl/strings/str_format.h"

namespace liaison::demo {
namespace {

liaison::v1::StaffMember Staff(absl::string_view code, absl::string_view name,
                               absl::string_view team) {
  liaison::v1::StaffMember staff;
  staff.set_staff_code(std::string(code));
  staff.set_name(std::string(name));
  staff.set_team_code(std::string(team));
  return staff;
}

std::vector<liaison::v1::StaffMember>* BuildPool() {
  static constexpr const char* kNames[] = {
      "Dana Whitlow", "Priya Nair",    "Tom Ashcroft",   "Grace Adeyemi", "Owen Pritchard",
      "Hannah Lowe",  "Marcus Bell",   "Ruth Gallagher", "Imran Qureshi", "Ellie Stanton",
      "Victor Osei",  "Fiona Marsden", "Kofi Boateng",   "Lucy Tranter",  "Harvey Dunn",
      "Nadia Rahman", "Simon Crowe",   "Bethan Lloyd",   "Ade Ogunleye",  "Carla Mendes"};
  auto* pool = new std::vector<liaison::v1::StaffMember>;
  int index = 0;
  for (const char* name : kNames) {
    const std::string code = absl::StrFormat("N07P%04d", index + 1);
    const std::string team = absl::StrFormat("N07T%02d", index % 4 + 1);
    pool->push_back(Staff(code, name, team));
    ++index;
  }
  return pool;
}

}  // namespace

liaison::v1::StaffMember AlexMorgan() { return Staff("N07P1001", "Alex Morgan", "N07T01"); }
liaison::v1::StaffMember SamPatel() { return Staff("N07P1002", "Sam Patel", "N07T01"); }
liaison::v1::StaffMember ChrisLee() { return Staff("N07P1003", "Chris Lee", "N07T01"); }
liaison::v1::StaffMember RileyShah() { return Staff("N07P1004", "Riley Shah", "N07T01"); }
liaison::v1::StaffMember JoEvans() { return Staff("N07M0001", "Jo Evans", "N07T01"); }

const std::vector<liaison::v1::StaffMember>& OffenderManagerPool() {
  static const std::vector<liaison::v1::StaffMember>* pool = BuildPool();
  return *pool;
}

liaison::v1::StaffMember TeamManager(absl::string_view team_code) {
  if (team_code == "N07T02" || team_code == "N07T04") {
    return Staff("N07M0002", "Pat Okafor", "N07T02");
  }
  if (team_code == "N07T03") return Staff("N07M0003", "Morgan Hale", "N07T03");
  return JoEvans();
}

}  // namespace liaison::demo
