#ifndef LIAISON_BROKER_MATCHING_FORM_BUILDER_H_
#define LIAISON_BROKER_MATCHING_FORM_BUILDER_H_

// Builds match forms (normalised names, dates, addresses, identifiers and
// phonetic codes) from people as agencies describe them.

#include <string>
#include <utility>
#include <vector>

#include "broker/matching/normalise/name_normaliser.h"
#include "liaison/matching/v1/match_form.pb.h"
#include "liaison/v1/offender.pb.h"
#include "liaison/v1/person.pb.h"

namespace liaison::matching {

// A person from any source, before normalisation: what evaluation tools map
// CSV columns onto, and what descriptors and offender records reduce to.
struct RawPerson {
  struct Name {
    std::string given;
    std::string family;
  };
  struct Address {
    std::vector<std::string> lines;
    std::string town;
    std::string postcode;
  };
  // (type, value): values are compared as given, so canonicalise first.
  std::vector<std::pair<std::string, std::string>> identifiers;
  Name name;
  std::vector<Name> aliases;
  std::string date_of_birth;
  std::vector<Address> addresses;
};

// Thread-safe (the normaliser is).
class FormBuilder {
 public:
  // `names` is not owned and must outlive the builder.
  explicit FormBuilder(const normalise::NameNormaliser* names) : names_(names) {}

  // Placeholder and empty values are left out of the form.
  v1::MatchForm Build(const RawPerson& person, std::string id) const;
  v1::MatchForm FromDescriptor(const liaison::v1::PersonDescriptor& person, std::string id) const;
  // The form of an offender record, with its CRN as id and as an identifier.
  v1::MatchForm FromOffender(const liaison::v1::OffenderRecord& record) const;

 private:
  void AddNames(const RawPerson::Name& name, bool alias, v1::MatchForm* form) const;
  const normalise::NameNormaliser* names_;
};

RawPerson RawFromDescriptor(const liaison::v1::PersonDescriptor& person);

}  // namespace liaison::matching

#endif  // LIAISON_BROKER_MATCHING_FORM_BUILDER_H_
