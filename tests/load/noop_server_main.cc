// liaison-noop-server: the transport ceiling. Serves liaison.v1.Ingest with
// handlers that answer at once (no parsing beyond gRPC's, no storage), on
// the same transport as the broker run: mutual TLS with deploy/certs.sh
// certificates, or plaintext loopback.
//
//   liaison-noop-server --listen=127.0.0.1:0 --ready_fd=3 [--certs_dir=DIR]

#include <unistd.h>

#include <csignal>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "liaison/v1/ingest_service.grpc.pb.h"
#include "tests/load/transport.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "Address to serve on (port 0 picks one)");
ABSL_FLAG(std::string, certs_dir, "", "deploy/certs.sh directory for mutual TLS; empty: plaintext");
ABSL_FLAG(int, ready_fd, -1, "When >= 0: write the bound port and a newline here once serving");

namespace liaison::load {
namespace {

class NoopIngest final : public v1::Ingest::CallbackService {
  grpc::ServerUnaryReactor* Submit(grpc::CallbackServerContext* context, const v1::SubmitRequest* request,
                                   v1::SubmitResponse* response) override {
    response->set_notification_id(request->notification().source_ref());
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  grpc::ServerUnaryReactor* SubmitBatch(grpc::CallbackServerContext* context, const v1::SubmitBatchRequest* request,
                                        v1::SubmitBatchResponse* response) override {
    for (const auto& n : request->notifications()) response->add_results()->set_notification_id(n.source_ref());
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

int Serve() {
  NoopIngest service;
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen), MakeServerCredentials(absl::GetFlag(FLAGS_certs_dir)), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "--listen: cannot serve on " << absl::GetFlag(FLAGS_listen) << "\n";
    return 1;
  }
  const int fd = absl::GetFlag(FLAGS_ready_fd);
  const std::string line = absl::StrCat(port, "\n");
  if (fd >= 0 && write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 1;
  if (fd >= 0) close(fd);
  std::cerr << "liaison-noop-server listening on port " << port << "\n";
  // Serve until SIGTERM or SIGINT.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int received = 0;
  sigwait(&signals, &received);
  server->Shutdown();
  return 0;
}

}  // namespace
}  // namespace liaison::load

int main(int argc, char** argv) {
  // Block the stop signals before gRPC starts its threads, so sigwait gets them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  absl::ParseCommandLine(argc, argv);
  return liaison::load::Serve();
}
