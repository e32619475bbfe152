// Test tool: serves the fake broker (fake_broker.h) with a few alerts and
// audit entries (and the fake's canned review queue) for
// liaisonctl_cli_test.sh. Prints the port on stdout, then
// serves until SIGTERM or SIGINT.

#include <signal.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "broker/ctl/fake_broker.h"

int main() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  liaison::ctl::testing::FakeBroker broker;
  for (int i = 1; i <= 3; ++i) {
    liaison::v1::Alert alert;
    alert.set_alert_id(absl::StrCat("A", i));
    alert.set_recipient_id("OM001");
    alert.set_sequence(i);
    alert.set_state(liaison::v1::ALERT_STATE_PENDING);
    broker.inbox.AddAlert(alert);
    liaison::v1::AuditEntry entry;
    entry.set_sequence(i);
    entry.set_action(liaison::v1::AUDIT_ACTION_ALERT_DELIVERED);
    broker.audit.AddEntry(entry);
  }
  liaison::v1::VerifyChainResponse broken;
  broken.set_first_bad_sequence(2);
  broken.set_problem("hash mismatch");
  broker.audit.set_verify_response(broken);

  std::cout << broker.port() << std::endl;
  int signal = 0;
  sigwait(&signals, &signal);
  return 0;
}
