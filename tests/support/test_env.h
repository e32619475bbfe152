#ifndef LIAISON_TESTS_SUPPORT_TEST_ENV_H_
#define LIAISON_TESTS_SUPPORT_TEST_ENV_H_

#include <memory>
#include <string>
#include <vector>

#include "grpcpp/channel.h"

namespace liaison::testing {

// Paths fixed at build time (see tests/CMakeLists.txt).
std::string BrokerBinary();
std::string CtlBinary();
std::string DemoDataBinary();
std::string SourceDir();

// A development PKI for tests, made with deploy/certs.sh: ca.pem,
// server.pem/key and NAME.pem/key for police-adapter, social-care-adapter,
// prison-adapter, probation-registry, om-inbox, auditor and stranger.
// Created on first use when ctest's fixture has not made it.
std::string TrustedCertsDir();
// Another CA with its own police-adapter certificate, trusted by nobody.
std::string RogueCertsDir();

// Runs deploy/certs.sh with `args` (e.g. {DIR, NAME...} or {"revoke", DIR,
// NAME}); a failure is a test failure. Returns its standard output.
std::string RunCertsScript(const std::vector<std::string>& args);

// A fresh, empty directory under the test temp dir.
std::string FreshDir(const std::string& name);

// A mutual-TLS channel to `target` as client `name` from `certs_dir`,
// verifying the server ("localhost") against the CA in `trust_dir` (default:
// certs_dir).
std::shared_ptr<grpc::Channel> MtlsChannel(const std::string& target, const std::string& certs_dir,
                                           const std::string& name, const std::string& trust_dir = "");
// The same, trusting `ca_dir`'s CA but presenting no client certificate.
std::shared_ptr<grpc::Channel> ServerAuthOnlyChannel(const std::string& target, const std::string& ca_dir);

// The SPIFFE id deploy/certs.sh puts in NAME's certificate.
std::string SpiffeId(const std::string& name);

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_SUPPORT_TEST_ENV_H_
