// Generic gRPC tooling works against the real daemon: server reflection
// lists and describes the services, and health checking answers.
#include <signal.h>

#include <set>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/e2e/e2e_fixture.h"

namespace liaison::testing {
namespace {

namespace reflection = grpc::reflection::v1alpha;

class GenericToolsTest : public E2eTest {};

TEST_F(GenericToolsTest, ReflectionListsAndDescribesTheServices) {
  StartBroker();
  auto stub = reflection::ServerReflection::NewStub(Channel("auditor"));
  grpc::ClientContext ctx;
  auto stream = stub->ServerReflectionInfo(&ctx);
  reflection::ServerReflectionRequest list;
  list.set_list_services("*");
  ASSERT_TRUE(stream->Write(list));
  reflection::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::set<std::string> services;
  for (const auto& service : response.list_services_response().service()) services.insert(service.name());
  for (const char* expected : {"liaison.v1.Ingest", "liaison.v1.Inbox", "liaison.v1.Registry", "liaison.v1.Audit",
                               "grpc.health.v1.Health"}) {
    EXPECT_TRUE(services.contains(expected)) << expected;
  }

  reflection::ServerReflectionRequest describe;
  describe.set_file_containing_symbol("liaison.v1.Ingest");
  ASSERT_TRUE(stream->Write(describe));
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_GT(response.file_descriptor_response().file_descriptor_proto_size(), 0);
  google::protobuf::FileDescriptorProto file;
  ASSERT_TRUE(file.ParseFromString(response.file_descriptor_response().file_descriptor_proto(0)));
  EXPECT_EQ(file.package(), "liaison.v1");
  stream->WritesDone();
  ctx.TryCancel();
}

TEST_F(GenericToolsTest, HealthIsServingUntilShutdown) {
  StartBroker();
  auto health = grpc::health::v1::Health::NewStub(Channel("auditor"));
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("liaison.v1.Ingest");
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&ctx, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(broker_->Stop(SIGTERM), 0) << ReadFileOrEmpty(dir_ + "/broker.log");
}

}  // namespace
}  // namespace liaison::testing
