#ifndef LIAISON_ADAPTERS_COMMON_BROKER_CLIENT_H_
#define LIAISON_ADAPTERS_COMMON_BROKER_CLIENT_H_

// The adapter's calls to the broker: Ingest for notifications, Registry for
// offender-index changes, each over its own mutual-TLS identity.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "broker/ctl/connection.h"
#include "liaison/adapters/v1/adapter.pb.h"
#include "liaison/v1/registry_service.pb.h"

namespace liaison::adapters {

// The broker's answer to one action.
struct CallResult {
  absl::Status status;
  std::string notification_id;  // submit
  bool duplicate = false;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;  // when status is OK
};

class BrokerClient {
 public:
  virtual ~BrokerClient() = default;
  // Submits notifications in one SubmitBatch; one result per item, in
  // order. A call-level failure gives every item that status.
  virtual std::vector<CallResult> SubmitBatch(const std::vector<const v1::Action*>& actions) = 0;
  // Makes one registry call.
  virtual CallResult Registry(const v1::Action& action) = 0;
};

// BrokerClient over gRPC. `registry` may be null when the adapter makes no
// registry calls (a registry action then fails with FAILED_PRECONDITION).
std::unique_ptr<BrokerClient> NewGrpcBrokerClient(std::optional<ctl::Connection> ingest,
                                                  std::optional<ctl::Connection> registry);

// Whether a failed call may succeed if retried unchanged (the broker down,
// overloaded, or refusing a certificate that may be being renewed).
bool IsRetryable(const absl::Status& status);

}  // namespace liaison::adapters

#endif  // LIAISON_ADAPTERS_COMMON_BROKER_CLIENT_H_
