#ifndef LIAISON_ADAPTERS_POLICE_JSON_EDIT_FOR_TEST_H_
#define LIAISON_ADAPTERS_POLICE_JSON_EDIT_FOR_TEST_H_

// Test helpers: read a testdata file, and edit one field of a JSON record by
// path ("people[0].dateOfBirth") so table-driven tests can start from a
// valid sample and break one thing at a time. Test-only (aborts on misuse).

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "broker/csv/csv_reader.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace liaison::adapters::testing {

inline void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "test helper: %s\n", what);
    std::abort();
  }
}

inline std::string ReadTestFile(const std::string& path) {
  std::ifstream in(path);
  Require(in.good(), "cannot open a testdata file");
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// Lines of a CSV test file: the header and the first record.
inline std::pair<std::string, std::string> HeaderAndRecord(const std::string& text) {
  const size_t end = text.find('\n');
  Require(end != std::string::npos, "a CSV file needs a header line");
  std::string record = text.substr(end + 1);
  while (!record.empty() && (record.back() == '\n' || record.back() == '\r')) record.pop_back();
  return {text.substr(0, end), record};
}

// The fields of one CSV line (RFC 4180, as the adapter runtime reads it).
inline std::vector<std::string> CsvLine(const std::string& line) {
  std::istringstream in(line);
  csv::CsvReader reader(in);
  auto record = reader.Next();
  Require(record.ok() && record->has_value(), "the CSV line must parse");
  return (*record)->fields;
}

inline google::protobuf::Value String(absl::string_view text) {
  google::protobuf::Value value;
  value.set_string_value(std::string(text));
  return value;
}

inline google::protobuf::Value Number(double number) {
  google::protobuf::Value value;
  value.set_number_value(number);
  return value;
}

// `json` with the field at `path` set to `value`, or removed when nullopt.
// Path segments: "key" or "key[index]".
inline std::string EditJson(const std::string& json, absl::string_view path,
                            std::optional<google::protobuf::Value> value) {
  google::protobuf::Struct root;
  Require(google::protobuf::util::JsonStringToMessage(json, &root).ok(), "the JSON must parse");
  google::protobuf::Struct* object = &root;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string key = parts[i];
    std::optional<int> index;
    if (const size_t open = key.find('['); open != std::string::npos) {
      int n = 0;
      Require(absl::SimpleAtoi(key.substr(open + 1, key.size() - open - 2), &n), "bad index in path");
      index = n;
      key = key.substr(0, open);
    }
    auto& fields = *object->mutable_fields();
    const bool last = i + 1 == parts.size();
    if (last && !index.has_value()) {
      if (value.has_value()) {
        fields[key] = *value;
      } else {
        fields.erase(key);
      }
      break;
    }
    google::protobuf::Value* next = &fields[key];
    if (index.has_value()) {
      auto* items = next->mutable_list_value()->mutable_values();
      Require(*index < items->size(), "index out of range");
      next = items->Mutable(*index);
      if (last) {
        Require(value.has_value(), "cannot remove an array item");
        *next = *value;
        break;
      }
    }
    object = next->mutable_struct_value();
  }
  std::string out;
  Require(google::protobuf::util::MessageToJsonString(root, &out).ok(), "the JSON must print");
  return out;
}

}  // namespace liaison::adapters::testing

#endif  // LIAISON_ADAPTERS_POLICE_JSON_EDIT_FOR_TEST_H_
