#include "broker/ctl/offenders_commands.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "broker/common/status_macros.h"
#include "broker/ctl/command_status.h"
#include "broker/ctl/file_util.h"
#include "broker/ctl/offender_csv.h"
#include "broker/ctl/render_text.h"
#include "liaison/v1/registry_service.grpc.pb.h"

namespace liaison::ctl {
namespace {

// What the client knows about the rows it read while streaming them.
struct LoadProgress {
  // The CSV line of each record sent, by position in the stream.
  std::vector<int64_t> sent_lines;
  // Rows rejected before sending; `index` holds the CSV line.
  std::vector<v1::BulkLoadError> local_errors;
};

// The reader's message without its leading "line N" (the report puts the
// line in its own place).
std::string WithoutLinePrefix(absl::string_view message, int64_t line) {
  if (absl::ConsumePrefix(&message, absl::StrCat("line ", line))) {
    if (!absl::ConsumePrefix(&message, ", ")) absl::ConsumePrefix(&message, ": ");
  }
  return std::string(message);
}

void RecordLocalError(const OffenderCsvReader::Row& row, LoadProgress& progress) {
  v1::BulkLoadError& error = progress.local_errors.emplace_back();
  error.set_index(static_cast<uint64_t>(row.line));
  error.set_code(static_cast<int32_t>(row.record.status().code()));
  error.set_message(WithoutLinePrefix(row.record.status().message(), row.line));
}

// Sends every valid row in chunks; stops early when the stream breaks (the
// reason comes from Finish()).
void StreamRows(OffenderCsvReader& reader, size_t chunk_size,
                grpc::ClientWriterInterface<v1::BulkLoadRequest>& writer, LoadProgress& progress) {
  v1::BulkLoadRequest chunk;
  while (std::optional<OffenderCsvReader::Row> row = reader.Next()) {
    if (!row->record.ok()) {
      RecordLocalError(*row, progress);
      continue;
    }
    *chunk.add_offenders() = *std::move(row->record);
    progress.sent_lines.push_back(row->line);
    if (static_cast<size_t>(chunk.offenders_size()) >= chunk_size) {
      if (!writer.Write(chunk)) return;
      chunk.Clear();
    }
  }
  if (chunk.offenders_size() > 0) writer.Write(chunk);
}

// The broker's response with stream positions turned into CSV lines and the
// local rejections merged in, errors in line order.
v1::BulkLoadResponse MergeReport(const v1::BulkLoadResponse& broker, const LoadProgress& progress) {
  v1::BulkLoadResponse report;
  report.set_loaded(broker.loaded());
  report.set_rejected(broker.rejected() + progress.local_errors.size());
  std::vector<v1::BulkLoadError> errors = progress.local_errors;
  for (v1::BulkLoadError error : broker.errors()) {
    if (error.index() < progress.sent_lines.size()) {
      error.set_index(static_cast<uint64_t>(progress.sent_lines[error.index()]));
    } else {
      error.set_message(
          absl::StrCat("(record #", error.index(), " of the stream) ", error.message()));
      error.set_index(0);
    }
    errors.push_back(std::move(error));
  }
  std::stable_sort(errors.begin(), errors.end(),
                   [](const auto& a, const auto& b) { return a.index() < b.index(); });
  for (v1::BulkLoadError& error : errors) *report.add_errors() = std::move(error);
  return report;
}

absl::Status PrintLoadReport(const v1::BulkLoadResponse& report, const Output& output) {
  if (output.json) return WriteJsonLine(report, output.out);
  output.out << "loaded:   " << report.loaded() << "\nrejected: " << report.rejected() << "\n";
  for (const v1::BulkLoadError& error : report.errors()) {
    output.err << "line " << error.index() << ": " << CodeName(error.code()) << ": "
               << error.message() << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status OffendersLoad(const Connection& connection, const OffendersLoadOptions& options,
                           const Output& output) {
  ASSIGN_OR_RETURN(std::unique_ptr<std::ifstream> in, OpenForReading(options.csv_path));
  absl::StatusOr<std::unique_ptr<OffenderCsvReader>> reader = OffenderCsvReader::Open(*in);
  if (!reader.ok()) {
    return absl::Status(reader.status().code(),
                        absl::StrCat(options.csv_path, ": ", reader.status().message()));
  }
  auto stub = v1::Registry::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureStreamingCall(context);
  v1::BulkLoadResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::BulkLoadRequest>> writer =
      stub->BulkLoad(&context, &response);
  LoadProgress progress;
  StreamRows(**reader, std::max<size_t>(options.chunk_size, 1), *writer, progress);
  writer->WritesDone();
  RETURN_IF_ERROR(FromGrpcStatus(writer->Finish()));
  const v1::BulkLoadResponse report = MergeReport(response, progress);
  RETURN_IF_ERROR(PrintLoadReport(report, output));
  if (report.rejected() == 0) return absl::OkStatus();
  const auto code = report.errors().empty()
                        ? absl::StatusCode::kInvalidArgument
                        : static_cast<absl::StatusCode>(report.errors(0).code());
  return ItemsFailed(code == absl::StatusCode::kOk ? absl::StatusCode::kUnknown : code,
                     report.rejected(), report.loaded() + report.rejected(), "rows", "rejected");
}

absl::Status OffendersGet(const Connection& connection, const std::string& crn,
                          const Output& output) {
  auto stub = v1::Registry::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::GetOffenderRequest request;
  request.set_crn(crn);
  v1::OffenderRecord offender;
  RETURN_IF_ERROR(FromGrpcStatus(stub->GetOffender(&context, request, &offender)));
  return PrintOffender(offender, output);
}

absl::Status OffendersAllocate(const Connection& connection,
                               const OffendersAllocateOptions& options, const Output& output) {
  v1::AllocateManagerRequest request;
  request.set_crn(options.crn);
  request.mutable_offender_manager()->set_staff_code(options.om_staff_code);
  request.mutable_offender_manager()->set_name(options.om_name);
  if (!options.co_worker_staff_code.empty()) {
    request.mutable_co_worker()->set_staff_code(options.co_worker_staff_code);
  }
  if (!options.manager_staff_code.empty()) {
    request.mutable_manager()->set_staff_code(options.manager_staff_code);
  }
  request.set_team_code(options.team_code);
  request.set_reason(options.reason);
  auto stub = v1::Registry::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::OffenderRecord offender;
  RETURN_IF_ERROR(FromGrpcStatus(stub->AllocateManager(&context, request, &offender)));
  return PrintOffender(offender, output);
}

absl::Status OffendersMerge(const Connection& connection, const OffendersMergeOptions& options,
                            const Output& output) {
  v1::MergeOffendersRequest request;
  request.set_merged_crn(options.merged_crn);
  request.set_surviving_crn(options.surviving_crn);
  request.set_reason(options.reason);
  auto stub = v1::Registry::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::MergeOffendersResponse response;
  RETURN_IF_ERROR(FromGrpcStatus(stub->MergeOffenders(&context, request, &response)));
  if (output.json) return WriteJsonLine(response, output.out);
  output.out << RenderOffenderBrief(response.merged()) << '\n'
             << RenderOffenderBrief(response.surviving()) << '\n';
  return absl::OkStatus();
}

absl::Status OffendersUnmerge(const Connection& connection, const std::string& merged_crn,
                              const std::string& reason, const Output& output) {
  v1::UnmergeOffenderRequest request;
  request.set_merged_crn(merged_crn);
  request.set_reason(reason);
  auto stub = v1::Registry::NewStub(connection.channel());
  grpc::ClientContext context;
  connection.ConfigureUnaryCall(context);
  v1::OffenderRecord offender;
  RETURN_IF_ERROR(FromGrpcStatus(stub->UnmergeOffender(&context, request, &offender)));
  if (output.json) return WriteJsonLine(offender, output.out);
  output.out << RenderOffenderBrief(offender) << '\n';
  return absl::OkStatus();
}

}  // namespace liaison::ctl
