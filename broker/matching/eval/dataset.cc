#include "broker/matching/eval/dataset.h"

#include <fstream>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "broker/csv/csv_reader.h"

namespace liaison::matching::eval {
namespace {

const std::map<std::string, std::string>& Presets() {
  static const auto* const kPresets = new std::map<std::string, std::string>{
      {"febrl",
       "id=rec_id,entity=febrl:rec_id,given=given_name,family=surname,dob=date_of_birth,"
       "address=street_number+address_1,town=suburb,postcode=postcode,id:SSN=soc_sec_id"},
      {"fake1000", "id=unique_id,entity=cluster,given=first_name,family=surname,dob=dob,town=city,id:EMAIL=email"},
      {"synth-index",
       "id=crn,entity=crn,given=given_names,family=family_name,aliases=aliases,dob=date_of_birth,"
       "lines=address_lines,town=town,postcode=postcode,id:PNC=pnc,id:CRO=cro,id:NOMS=noms,id:CRN=crn"},
      {"synth-queries",
       "id=query_id,entity=true_crn,given=given_names,family=family_name,aliases=aliases,dob=date_of_birth,"
       "lines=address_lines,town=town,postcode=postcode,id:PNC=pnc,id:CRO=cro,id:NOMS=noms,id:CRN=crn"},
  };
  return *kPresets;
}

bool KnownField(absl::string_view f) {
  static const char* const kFields[] = {"id", "entity", "given", "family", "dob", "town",
                                        "postcode", "address", "lines", "aliases"};
  for (const char* k : kFields) {
    if (f == k) return true;
  }
  return absl::StartsWith(f, "id:") && f.size() > 3;
}

std::string FebrlEntity(absl::string_view rec_id) {
  std::vector<absl::string_view> parts = absl::StrSplit(rec_id, '-');
  return parts.size() >= 3 ? std::string(parts[1]) : std::string(rec_id);
}

RawPerson::Name SplitAlias(absl::string_view alias) {
  std::vector<std::string> words = absl::StrSplit(alias, ' ', absl::SkipWhitespace());
  if (words.empty()) return {};
  RawPerson::Name name;
  name.family = words.back();
  words.pop_back();
  name.given = absl::StrJoin(words, " ");
  return name;
}

}  // namespace

std::vector<std::string> ColumnMap::ComparisonNames(bool joint_place) const {
  std::vector<std::string> names;
  auto has = [&](absl::string_view f) {
    for (const Field& field : fields) {
      if (field.field == f) return true;
    }
    return false;
  };
  if (has("given")) names.push_back("forename");
  if (has("family")) names.push_back("surname");
  if (has("given") && has("family")) names.push_back("name_order");
  if (has("dob")) names.push_back("dob");
  const bool any_place = has("postcode") || has("address") || has("lines") || has("town");
  if (joint_place && any_place) {
    names.push_back("place");
  } else {
    if (has("postcode")) names.push_back("postcode");
    if (has("address") || has("lines")) names.push_back("address");
    if (has("town")) names.push_back("town");
  }
  for (const Field& field : fields) {
    if (absl::StartsWith(field.field, "id:")) names.push_back(field.field);
  }
  return names;
}

absl::StatusOr<ColumnMap> ParseColumnMap(const std::string& spec) {
  auto preset = Presets().find(spec);
  const std::string& text = preset != Presets().end() ? preset->second : spec;
  ColumnMap map;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    absl::StripAsciiWhitespace(&kv.first);
    if (!KnownField(kv.first) || kv.second.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("columns: \"", part,
                                                     "\" is not FIELD=COLUMN with a known field (or a preset: ",
                                                     "febrl, fake1000, synth-index, synth-queries)"));
    }
    map.fields.push_back({kv.first, absl::StrSplit(kv.second, '+', absl::SkipWhitespace())});
  }
  bool has_id = false;
  for (const ColumnMap::Field& f : map.fields) has_id = has_id || f.field == "id";
  if (!has_id) return absl::InvalidArgumentError("columns: an id=COLUMN mapping is required");
  return map;
}

absl::StatusOr<std::vector<Row>> ReadRows(const std::string& path, const ColumnMap& map) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  csv::CsvReader reader(in);
  std::map<std::string, size_t> column_index;
  std::vector<Row> rows;
  std::vector<std::string> header;
  while (true) {
    auto record = reader.Next();
    if (!record.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", record.status().message()));
    if (!record->has_value()) break;
    std::vector<std::string>& cells = (*record)->fields;
    for (std::string& c : cells) absl::StripAsciiWhitespace(&c);
    if (header.empty()) {
      header = cells;
      for (size_t i = 0; i < header.size(); ++i) column_index[header[i]] = i;
      for (const ColumnMap::Field& f : map.fields) {
        for (std::string column : f.columns) {
          if (absl::StartsWith(column, "febrl:")) column = column.substr(6);
          if (!column_index.contains(column)) {
            return absl::InvalidArgumentError(absl::StrCat(path, ": no column \"", column, "\" (for ", f.field, ")"));
          }
        }
      }
      reader.set_column_names(header);
      continue;
    }
    auto cell = [&](const std::string& column) -> std::string {
      const size_t i = column_index[column];
      return i < cells.size() ? cells[i] : std::string();
    };
    Row row;
    RawPerson& p = row.person;
    for (const ColumnMap::Field& f : map.fields) {
      std::vector<std::string> values;
      for (const std::string& column : f.columns) {
        if (absl::StartsWith(column, "febrl:")) {
          values.push_back(FebrlEntity(cell(column.substr(6))));
        } else if (std::string v = cell(column); !v.empty()) {
          values.push_back(std::move(v));
        }
      }
      const std::string joined = absl::StrJoin(values, " ");
      if (f.field == "id") row.id = joined;
      else if (f.field == "entity") row.entity = joined;
      else if (f.field == "given") p.name.given = joined;
      else if (f.field == "family") p.name.family = joined;
      else if (f.field == "dob") p.date_of_birth = joined;
      else if (f.field == "address" || f.field == "lines" || f.field == "town" || f.field == "postcode") {
        if (p.addresses.empty()) p.addresses.emplace_back();
        RawPerson::Address& a = p.addresses.front();
        if (f.field == "address" && !joined.empty()) a.lines.push_back(joined);
        if (f.field == "lines") a.lines = absl::StrSplit(joined, '|', absl::SkipWhitespace());
        if (f.field == "town") a.town = joined;
        if (f.field == "postcode") a.postcode = joined;
      } else if (f.field == "aliases") {
        for (absl::string_view alias : absl::StrSplit(joined, '|', absl::SkipWhitespace())) {
          p.aliases.push_back(SplitAlias(alias));
        }
      } else if (absl::StartsWith(f.field, "id:") && !joined.empty()) {
        p.identifiers.emplace_back(f.field.substr(3), joined);
      }
    }
    if (row.id.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": line ", (*record)->line, ": the id column is empty"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace liaison::matching::eval
