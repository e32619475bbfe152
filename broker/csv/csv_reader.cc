#include "broker/csv/csv_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace liaison::csv {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

}  // namespace

CsvReader::CsvReader(std::istream& in, CsvReaderOptions options) : in_(in), options_(options) {}

int CsvReader::Peek() { return in_.rdbuf() == nullptr ? kEof : in_.rdbuf()->sgetc(); }

int CsvReader::Get() {
  const int c = in_.rdbuf() == nullptr ? kEof : in_.rdbuf()->sbumpc();
  // A lone CR ends a line too; a CR of a CRLF pair is counted by its LF.
  if (c == '\n' || (c == '\r' && Peek() != '\n')) ++line_;
  return c;
}

bool CsvReader::IsRecordEnd(int c) { return c == kEof || c == '\n' || c == '\r'; }

void CsvReader::ConsumeRecordEnd() {
  if (Peek() == '\r') Get();
  if (Peek() == '\n') Get();
}

void CsvReader::SkipBlankLines() {
  while (Peek() == '\n' || Peek() == '\r') Get();
}

void CsvReader::SkipRestOfLine() {
  while (!IsRecordEnd(Peek())) Get();
  ConsumeRecordEnd();
}

void CsvReader::Append(std::string& field, char c) {
  // Past the limit the record is still parsed (to find where it ends) but
  // nothing more is kept; Next() reports it.
  if (++record_bytes_ <= options_.max_record_bytes) field.push_back(c);
}

std::string CsvReader::FieldName(size_t index) const {
  if (index < column_names_.size()) return absl::StrCat("column ", column_names_[index]);
  return absl::StrCat("field ", index + 1);
}

absl::Status CsvReader::ReadQuoted(std::string& field) {
  Get();  // The opening quote.
  while (true) {
    const int c = Get();
    if (c == kEof) return absl::InvalidArgumentError("unterminated quoted field");
    if (c == '"') {
      if (Peek() != '"') break;
      Get();
    }
    Append(field, static_cast<char>(c));
  }
  if (Peek() != ',' && !IsRecordEnd(Peek())) {
    return absl::InvalidArgumentError("unexpected text after a closing quote");
  }
  return absl::OkStatus();
}

absl::Status CsvReader::ReadUnquoted(std::string& field) {
  while (Peek() != ',' && !IsRecordEnd(Peek())) {
    if (Peek() == '"') return absl::InvalidArgumentError("quote inside an unquoted field");
    Append(field, static_cast<char>(Get()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  SkipBlankLines();
  if (Peek() == kEof) return std::nullopt;
  CsvRecord record;
  record.line = last_record_line_ = line_;
  record_bytes_ = 0;
  while (true) {
    std::string field;
    const absl::Status status = Peek() == '"' ? ReadQuoted(field) : ReadUnquoted(field);
    if (!status.ok()) {
      SkipRestOfLine();
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", record.line, ", ", FieldName(record.fields.size()), ": ", status.message()));
    }
    record.fields.push_back(std::move(field));
    if (Peek() != ',') break;
    Get();
  }
  ConsumeRecordEnd();
  if (record_bytes_ > options_.max_record_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("line ", record.line, ": record longer than ",
                                                   options_.max_record_bytes, " bytes"));
  }
  return record;
}

}  // namespace liaison::csv
