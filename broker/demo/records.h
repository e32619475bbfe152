#ifndef LIAISON_BROKER_DEMO_RECORDS_H_
#define LIAISON_BROKER_DEMO_RECORDS_H_

// Small helpers over the offender and person protos used by the demo
// generator. Thread-safe (pure functions).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::demo {

// Appends an identifier of `type` with `value` to `message` (an
// OffenderRecord or a PersonDescriptor).
template <typename Message>
void AddIdentifier(liaison::v1::IdentifierType type, absl::string_view value, Message* message) {
  liaison::v1::Identifier* identifier = message->add_identifiers();
  identifier->set_type(type);
  identifier->set_value(std::string(value));
}

// The value of `offender`'s identifier of `type`, or "" when it has none.
std::string IdentifierValue(const liaison::v1::OffenderRecord& offender,
                            liaison::v1::IdentifierType type);

// `offender` as an agency would name them: the PNC (when held), name and
// date of birth only.
liaison::v1::PersonDescriptor DescribeByPnc(const liaison::v1::OffenderRecord& offender);

// The staff codes alerts about `offender` go to: the offender manager, then
// the co-worker when there is one.
std::vector<std::string> Recipients(const liaison::v1::OffenderRecord& offender);

}  // namespace liaison::demo

#endif  // LIAISON_BROKER_DEMO_RECORDS_H_
