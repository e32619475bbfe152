#include "broker/synth/synth_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "broker/csv/csv_writer.h"
#include "broker/synth/row_streamer.h"

namespace liaison::synth {
namespace {

using liaison::v1::IdentifierType;

template <typename Identifiers>
std::string IdentifierValue(const Identifiers& identifiers, IdentifierType type) {
  for (const liaison::v1::Identifier& identifier : identifiers) {
    if (identifier.type() == type) return identifier.value();
  }
  return "";
}

template <typename Names>
std::string Aliases(const Names& aliases) {
  return absl::StrJoin(aliases, "|", [](std::string* out, const liaison::v1::PersonName& name) {
    absl::StrAppend(out, name.given_names(), " ", name.family_name());
  });
}

template <typename Addresses>
const liaison::v1::Address& FirstAddress(const Addresses& addresses) {
  return addresses.empty() ? liaison::v1::Address::default_instance() : addresses[0];
}

// Writes the header line of each output, then the rows.
absl::Status WriteWithHeaders(int64_t count, const std::vector<std::ostream*>& outputs,
                              const std::vector<absl::string_view>& headers, const RowTextFn& row_text,
                              const StreamOptions& options) {
  for (size_t s = 0; s < outputs.size(); ++s) *outputs[s] << headers[s] << "\n";
  return StreamRows(count, outputs, row_text, options);
}

std::string CorruptionNames(const CorruptionLog& log) {
  std::vector<absl::string_view> names;
  for (int c = 0; c < static_cast<int>(Corruption::kCount); ++c) {
    if (log.WasApplied(static_cast<Corruption>(c))) {
      names.push_back(CorruptionName(static_cast<Corruption>(c)));
    }
  }
  return absl::StrJoin(names, "|");
}

}  // namespace

std::vector<std::string> IndexCsvFields(const liaison::v1::OffenderRecord& record) {
  const liaison::v1::Address& address = FirstAddress(record.addresses());
  return {
      record.crn(),
      IdentifierValue(record.identifiers(), liaison::v1::IDENTIFIER_TYPE_PNC),
      IdentifierValue(record.identifiers(), liaison::v1::IDENTIFIER_TYPE_CRO),
      IdentifierValue(record.identifiers(), liaison::v1::IDENTIFIER_TYPE_NOMS),
      record.name().given_names(),
      record.name().family_name(),
      Aliases(record.aliases()),
      record.date_of_birth(),
      absl::StrJoin(address.lines(), "|"),
      address.town(),
      address.postcode(),
      record.offender_manager().staff_code(),
      record.offender_manager().name(),
      record.offender_manager().team_code(),
      record.team_code(),
      record.area_code(),
  };
}

std::vector<std::string> QueryCsvFields(const Query& query) {
  const liaison::v1::PersonDescriptor& person = query.person;
  const liaison::v1::Address& address = FirstAddress(person.addresses());
  return {
      query.query_id,
      query.true_crn,
      std::string(AgencyName(query.agency)),
      IdentifierValue(person.identifiers(), liaison::v1::IDENTIFIER_TYPE_PNC),
      IdentifierValue(person.identifiers(), liaison::v1::IDENTIFIER_TYPE_CRO),
      IdentifierValue(person.identifiers(), liaison::v1::IDENTIFIER_TYPE_NOMS),
      IdentifierValue(person.identifiers(), liaison::v1::IDENTIFIER_TYPE_CRN),
      person.name().given_names(),
      person.name().family_name(),
      Aliases(person.aliases()),
      person.date_of_birth(),
      absl::StrJoin(address.lines(), "|"),
      address.town(),
      address.postcode(),
  };
}

std::vector<std::string> QueryTruthCsvFields(const Query& query) {
  return {query.query_id, std::string(QueryKindName(query.kind)), query.index_crn, CorruptionNames(query.corruptions)};
}

absl::Status WriteIndexCsv(const Population& population, int64_t count, std::ostream& out,
                           const StreamOptions& options) {
  if (count < 0 || count > Population::kMaxIndexPeople) {
    return absl::InvalidArgumentError(absl::StrCat("index count must be in [0, ", Population::kMaxIndexPeople, "]"));
  }
  auto row_text = [&](int64_t i, std::vector<std::string>& texts) {
    texts[0] += csv::CsvRow(IndexCsvFields(population.IndexPerson(i).record));
  };
  return WriteWithHeaders(count, {&out}, {kIndexCsvHeader}, row_text, options);
}

absl::Status WriteQueryCsv(const QueryGenerator& generator, int64_t count, std::ostream& out, std::ostream* truth,
                           const StreamOptions& options) {
  if (count < 0 || count > Population::kMaxNonMembers) {
    return absl::InvalidArgumentError(absl::StrCat("query count must be in [0, ", Population::kMaxNonMembers, "]"));
  }
  auto row_text = [&](int64_t q, std::vector<std::string>& texts) {
    const Query query = generator.Generate(q);
    texts[0] += csv::CsvRow(QueryCsvFields(query));
    if (texts.size() > 1) texts[1] += csv::CsvRow(QueryTruthCsvFields(query));
  };
  if (truth == nullptr) return WriteWithHeaders(count, {&out}, {kQueryCsvHeader}, row_text, options);
  return WriteWithHeaders(count, {&out, truth}, {kQueryCsvHeader, kQueryTruthCsvHeader}, row_text, options);
}

}  // namespace liaison::synth
