#include "broker/server/health_server.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/server/broker_server.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace liaison::server {
namespace {

void SetAll(grpc::HealthCheckServiceInterface* health, bool serving) {
  health->SetServingStatus(serving);
  for (const std::string& name : ServedServiceNames()) health->SetServingStatus(name, serving);
}

}  // namespace

absl::StatusOr<std::unique_ptr<HealthServer>> HealthServer::Start(const std::string& listen_address) {
  auto server = std::unique_ptr<HealthServer>(new HealthServer());
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen_address, grpc::InsecureServerCredentials(), &server->port_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("--health-listen: cannot listen on ", listen_address));
  }
  SetAll(server->server_->GetHealthCheckService(), true);
  Log(LogLevel::kInfo, "health_serving", {{"port", server->port_}});
  return server;
}

void HealthServer::SetNotServing() {
  if (server_ != nullptr) SetAll(server_->GetHealthCheckService(), false);
}

void HealthServer::Shutdown() {
  if (server_ == nullptr) return;
  server_->GetHealthCheckService()->Shutdown();
  // Health calls are unary and immediate; Watch streams are cut at once.
  server_->Shutdown(std::chrono::system_clock::now());
  server_->Wait();
  server_.reset();
}

HealthServer::~HealthServer() { Shutdown(); }

}  // namespace liaison::server
