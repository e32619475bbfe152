// liaison-health-probe: asks a broker's plaintext health port
// (liaison-broker --health-listen) whether it is serving, for probes that
// run a command: Docker's HEALTHCHECK, a Kubernetes exec probe, a systemd
// ExecStartPost. Exit 0: SERVING; 1: anything else (the reason on stderr);
// 2: bad flags.

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/time.h"
#include "broker/common/build_info.h"
#include "broker/common/flag_names.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpc/health/v1/health.grpc.pb.h"

ABSL_FLAG(std::string, address, "127.0.0.1:7444", "The broker's --health-listen address, HOST:PORT");
ABSL_FLAG(std::string, service, "", "The service to ask about (empty: the broker as a whole)");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(2), "Deadline of the check");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Checks a Liaison broker's health port. Example:\n"
                               "  liaison-health-probe --address=127.0.0.1:7444");
  liaison::InstallVersionFlag("liaison-health-probe");
  liaison::NormalizeFlagNames(argc, argv);
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_timeout) <= absl::ZeroDuration()) {
    std::fprintf(stderr, "liaison-health-probe: --timeout: must be positive\n");
    return 2;
  }
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_address), grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::GetFlag(FLAGS_timeout)));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(absl::GetFlag(FLAGS_service));
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) {
    std::fprintf(stderr, "liaison-health-probe: %s: %s\n", absl::GetFlag(FLAGS_address).c_str(),
                 status.error_message().c_str());
    return 1;
  }
  const std::string name = grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
  std::printf("%s\n", name.c_str());
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? 0 : 1;
}
