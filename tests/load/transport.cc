#include "tests/load/transport.h"

#include <fstream>
#include <sstream>

namespace liaison::load {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const Transport& transport, const std::string& who, int shard) {
  grpc::ChannelArguments args;
  // A distinct argument keeps gRPC from sharing one subchannel (and TCP
  // connection) between shards.
  args.SetInt("liaison.bench.shard", shard);
  args.SetInt(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, 16 << 20);
  if (transport.certs_dir.empty()) {
    return grpc::CreateCustomChannel(transport.target, grpc::InsecureChannelCredentials(), args);
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadAll(transport.certs_dir + "/ca.pem");
  ssl.pem_private_key = ReadAll(transport.certs_dir + "/" + who + ".key");
  ssl.pem_cert_chain = ReadAll(transport.certs_dir + "/" + who + ".pem");
  return grpc::CreateCustomChannel(transport.target, grpc::SslCredentials(ssl), args);
}

void SetPrincipal(const Transport& transport, const std::string& who, grpc::ClientContext* context) {
  if (transport.certs_dir.empty()) context->AddMetadata("x-liaison-principal", "spiffe://liaison.dev/" + who);
}

std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const std::string& certs_dir) {
  if (certs_dir.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = ReadAll(certs_dir + "/ca.pem");
  ssl.pem_key_cert_pairs.push_back({ReadAll(certs_dir + "/server.key"), ReadAll(certs_dir + "/server.pem")});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace liaison::load
