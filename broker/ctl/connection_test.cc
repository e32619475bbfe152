#include "broker/ctl/connection.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace liaison::ctl {
namespace {

using ::testing::HasSubstr;

TEST(IsLoopbackTargetTest, RecognisesThisMachine) {
  for (const char* target : {"127.0.0.1:7443", "localhost:1", "[::1]:7443", "127.1.2.3:9",
                             "ipv4:127.0.0.1:7443", "dns:///localhost:7443", "unix:/tmp/s"}) {
    EXPECT_TRUE(IsLoopbackTarget(target)) << target;
  }
  for (const char* target : {"10.0.0.1:7443", "broker.example:7443", "[2001:db8::1]:7443",
                             "localhost.example.com:1", "dns:///broker:7443"}) {
    EXPECT_FALSE(IsLoopbackTarget(target)) << target;
  }
}

TEST(ValidateConnectionOptionsTest, RequiresTlsFilesUnlessInsecure) {
  ConnectionOptions options;
  EXPECT_THAT(ValidateConnectionOptions(options).message(), HasSubstr("--ca, --cert and --key"));
  options.ca_file = "ca.pem";
  options.cert_file = "c.pem";
  options.key_file = "c.key";
  EXPECT_TRUE(ValidateConnectionOptions(options).ok());
  options.principal = "om-inbox";
  EXPECT_THAT(ValidateConnectionOptions(options).message(), HasSubstr("--principal"));
}

TEST(ValidateConnectionOptionsTest, InsecureOnlyOnLoopback) {
  ConnectionOptions options;
  options.insecure_dev = true;
  options.principal = "om-inbox";
  EXPECT_TRUE(ValidateConnectionOptions(options).ok());
  options.target = "broker.example:7443";
  const absl::Status status = ValidateConnectionOptions(options);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("loopback"));
}

TEST(ValidateConnectionOptionsTest, TimeoutMustBePositive) {
  ConnectionOptions options;
  options.insecure_dev = true;
  options.timeout = absl::ZeroDuration();
  EXPECT_THAT(ValidateConnectionOptions(options).message(), HasSubstr("--timeout"));
}

TEST(DialTest, UnreadablePemFileIsNamed) {
  ConnectionOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  options.cert_file = "/nonexistent/c.pem";
  options.key_file = "/nonexistent/c.key";
  const absl::StatusOr<Connection> connection = Connection::Dial(options);
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(connection.status().message(), HasSubstr("/nonexistent/ca.pem"));
}

}  // namespace
}  // namespace liaison::ctl
