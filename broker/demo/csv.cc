#include "broker/demo/csv.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace liaison::demo {
namespace {

// Reads the fields of one record starting at `*pos`, leaving `*pos` after
// the record's terminator.
class RecordReader {
 public:
  RecordReader(absl::string_view text, size_t* pos) : text_(text), pos_(*pos), out_pos_(pos) {}

  absl::StatusOr<std::vector<std::string>> Read() {
    std::vector<std::string> fields;
    while (true) {
      absl::StatusOr<std::string> field = ReadField();
      if (!field.ok()) return field.status();
      fields.push_back(*std::move(field));
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      break;
    }
    if (absl::string_view(text_).substr(pos_, 2) == "\r\n") {
      pos_ += 2;
    } else if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
    } else if (pos_ < text_.size()) {
      return absl::InvalidArgumentError("unexpected character after a quoted field");
    }
    *out_pos_ = pos_;
    return fields;
  }

 private:
  absl::StatusOr<std::string> ReadField() {
    if (pos_ < text_.size() && text_[pos_] == '"') return ReadQuoted();
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
           absl::string_view(text_).substr(pos_, 2) != "\r\n") {
      if (text_[pos_] == '"') return absl::InvalidArgumentError("quote inside an unquoted field");
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  absl::StatusOr<std::string> ReadQuoted() {
    std::string value;
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != '"') {
        value.push_back(c);
      } else if (pos_ < text_.size() && text_[pos_] == '"') {
        value.push_back('"');
        ++pos_;
      } else {
        return value;
      }
    }
    return absl::InvalidArgumentError("unterminated quoted field");
  }

  absl::string_view text_;
  size_t pos_;
  size_t* out_pos_;
};

}  // namespace

std::string CsvField(absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(field);
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
}

std::string CsvRow(const std::vector<std::string>& fields) {
  return absl::StrCat(absl::StrJoin(fields, ",",
                                    [](std::string* out, const std::string& field) {
                                      out->append(CsvField(field));
                                    }),
                      "\n");
}

absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view text) {
  std::vector<std::vector<std::string>> records;
  size_t pos = 0;
  while (pos < text.size()) {
    absl::StatusOr<std::vector<std::string>> record = RecordReader(text, &pos).Read();
    if (!record.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("CSV record ", records.size() + 1, ": ", record.status().message()));
    }
    records.push_back(*std::move(record));
  }
  return records;
}

}  // namespace liaison::demo
