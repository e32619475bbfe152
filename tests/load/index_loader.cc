#include "tests/load/index_loader.h"

#include "absl/strings/str_cat.h"
#include "liaison/v1/registry_service.grpc.pb.h"

namespace liaison::load {

absl::Status LoadIndex(const Transport& transport, const std::vector<v1::OffenderRecord>& index) {
  constexpr char kPrincipal[] = "probation-registry";
  auto stub = v1::Registry::NewStub(MakeChannel(transport, kPrincipal, 2000));
  grpc::ClientContext context;
  SetPrincipal(transport, kPrincipal, &context);
  v1::BulkLoadResponse response;
  auto writer = stub->BulkLoad(&context, &response);
  for (size_t i = 0; i < index.size(); i += 500) {
    v1::BulkLoadRequest chunk;
    for (size_t j = i; j < std::min(index.size(), i + 500); ++j) *chunk.add_offenders() = index[j];
    if (!writer->Write(chunk)) break;
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  if (response.rejected() > 0) {
    return absl::InternalError(absl::StrCat(response.rejected(), " offenders rejected; first: index ",
                                            response.errors(0).index(), ": ", response.errors(0).message()));
  }
  return absl::OkStatus();
}

}  // namespace liaison::load
