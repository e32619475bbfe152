#ifndef LIAISON_BROKER_CSV_CSV_READER_H_
#define LIAISON_BROKER_CSV_CSV_READER_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace liaison::csv {

// One CSV record.
struct CsvRecord {
  // 1-based line of the input where the record starts (a quoted field may
  // carry the record over several lines).
  int64_t line = 0;
  std::vector<std::string> fields;
};

struct CsvReaderOptions {
  // A longer record is an error; bounds memory on a malformed file (e.g. an
  // unterminated quote).
  size_t max_record_bytes = 1 << 20;
};

// Reads RFC 4180 CSV one record at a time, so a large file is never held in
// memory: fields separated by commas, records by CRLF, LF or CR; a field in
// double quotes may hold commas, line breaks and "" (one quote). Blank lines
// are skipped. Error messages name the line and the field (by column name
// once set_column_names() is called) but never quote the input, which may
// be personal data. Not thread-safe.
class CsvReader {
 public:
  // `in` must outlive the reader.
  explicit CsvReader(std::istream& in, CsvReaderOptions options = {});

  // The next record, or nullopt at the end of the input. INVALID_ARGUMENT for
  // a malformed record (a quote inside an unquoted field, text after a
  // closing quote, an unterminated quoted field, a record over
  // max_record_bytes); the reader then resumes at the following line, so
  // callers can report the error and carry on. A read error ends the input
  // like end-of-file does (std::streambuf reports no more).
  absl::StatusOr<std::optional<CsvRecord>> Next();

  // The line the most recently read record (good or bad) started on.
  int64_t last_record_line() const { return last_record_line_; }

  // Names for fields by position, used in error messages ("column
  // rosh_level" rather than "field 21").
  void set_column_names(std::vector<std::string> names) { column_names_ = std::move(names); }

 private:
  int Peek();
  int Get();
  static bool IsRecordEnd(int c);
  void ConsumeRecordEnd();
  void SkipBlankLines();
  void SkipRestOfLine();
  void Append(std::string& field, char c);
  absl::Status ReadQuoted(std::string& field);
  absl::Status ReadUnquoted(std::string& field);
  std::string FieldName(size_t index) const;

  std::istream& in_;
  const CsvReaderOptions options_;
  int64_t line_ = 1;
  int64_t last_record_line_ = 0;
  size_t record_bytes_ = 0;
  std::vector<std::string> column_names_;
};

}  // namespace liaison::csv

#endif  // LIAISON_BROKER_CSV_CSV_READER_H_
