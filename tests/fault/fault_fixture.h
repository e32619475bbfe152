#ifndef LIAISON_TESTS_FAULT_FAULT_FIXTURE_H_
#define LIAISON_TESTS_FAULT_FAULT_FIXTURE_H_

// Fault tests (deploy/local.sh fault-test): the real broker under load, with
// inbox subscribers attached, while it is killed, starved of disk, stopped or
// left running for a long time. Each test prints its figures.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/support/alert_subscriber.h"
#include "tests/support/broker_load.h"
#include "tests/support/consistency.h"

namespace liaison::testing {

// Alert ids by recipient id.
using AlertsByRecipient = std::map<std::string, std::set<std::string>>;

class FaultTest : public E2eTest {
 protected:
  // The demo config with the per-principal rate limit lifted (the load is
  // the point) and a short acknowledgement deadline, so unacknowledged
  // alerts are redelivered within the test.
  // `replacements` are further (text, replacement) edits of the config.
  void UseFaultConfig(int ack_deadline_seconds = 2,
                      std::vector<std::pair<std::string, std::string>> replacements = {});

  // Starts the broker and publishes channels to it for the subscribers.
  void StartServing();
  // Withdraws the channels (subscribers wait) and stops the broker with
  // `signal`; returns its exit code.
  int StopServing(int signal);

  // Every alert id in `recipient`'s inbox, acknowledged or not (ListAlerts
  // as om-inbox).
  std::set<std::string> InboxAlertIds(const std::string& recipient);

  // The current channel as `who`; null while the broker is down.
  std::shared_ptr<grpc::Channel> Current(const std::string& who);
  AlertSubscriber::ChannelSource InboxSource() {
    return [this] { return Current("om-inbox"); };
  }

  // Upserts `offenders` into the running broker.
  void LoadOffenders(const std::vector<TestOffender>& offenders);

  // Opens the stopped broker's store and checks every invariant; fails the
  // test (and returns nullopt) when something is inconsistent.
  std::optional<StoreCensus> CheckStopped(const std::string& when);
  // The alerts each of `notification_ids` lists, by recipient id, read from
  // the stopped broker's store.
  AlertsByRecipient AlertsOf(const std::set<std::string>& notification_ids);

 private:
  absl::Mutex channel_mu_;
  // broker_ is replaced only while this is false.
  bool serving_ ABSL_GUARDED_BY(channel_mu_) = false;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_ ABSL_GUARDED_BY(channel_mu_);
};

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_FAULT_FAULT_FIXTURE_H_
