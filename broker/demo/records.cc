#include "broker/demo/records.h"

namespace liaison::demo {

std::string IdentifierValue(const liaison::v1::OffenderRecord& offender,
                            liaison::v1::IdentifierType type) {
  for (const liaison::v1::Identifier& identifier : offender.identifiers()) {
    if (identifier.type() == type) return identifier.value();
  }
  return "";
}

liaison::v1::PersonDescriptor DescribeByPnc(const liaison::v1::OffenderRecord& offender) {
  liaison::v1::PersonDescriptor person;
  const std::string pnc = IdentifierValue(offender, liaison::v1::IDENTIFIER_TYPE_PNC);
  if (!pnc.empty()) AddIdentifier(liaison::v1::IDENTIFIER_TYPE_PNC, pnc, &person);
  *person.mutable_name() = offender.name();
  person.set_date_of_birth(offender.date_of_birth());
  return person;
}

std::vector<std::string> Recipients(const liaison::v1::OffenderRecord& offender) {
  std::vector<std::string> recipients = {offender.offender_manager().staff_code()};
  if (!offender.co_worker().staff_code().empty()) {
    recipients.push_back(offender.co_worker().staff_code());
  }
  return recipients;
}

}  // namespace liaison::demo
