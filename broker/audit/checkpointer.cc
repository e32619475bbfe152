#include "broker/audit/checkpointer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "broker/audit/checkpoint.h"
#include "broker/common/log.h"
#include "broker/common/status_macros.h"
#include "broker/storage/keys.h"

namespace liaison::audit {

using storage::Table;

absl::StatusOr<std::unique_ptr<Checkpointer>> Checkpointer::Create(Deps deps, Options options) {
  RETURN_IF_ERROR(CheckOrigin("audit.origin", options.origin));
  if (options.every_entries == 0) return absl::InvalidArgumentError("audit.checkpoint_every_entries: must be above 0");
  if (options.every <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("audit.checkpoint_every_seconds: must be above 0");
  }
  if (deps.signer == nullptr) return absl::InvalidArgumentError("audit.signing_key_file: a signing key is required");
  uint64_t last = 0;
  RETURN_IF_ERROR(deps.store->Scan(Table::kAuditCheckpoints, "", "", /*reverse=*/true,
                                   [&](absl::string_view key, absl::string_view) {
                                     last = storage::DecodeU64(key).value_or(0);
                                     return false;
                                   }));
  auto checkpointer = std::unique_ptr<Checkpointer>(new Checkpointer(std::move(deps), std::move(options)));
  absl::MutexLock lock(&checkpointer->mu_);
  checkpointer->last_size_ = last;
  checkpointer->last_time_ = checkpointer->deps_.clock->Now();
  return checkpointer;
}

uint64_t Checkpointer::last_size() const {
  absl::MutexLock lock(&mu_);
  return last_size_;
}

absl::StatusOr<std::optional<std::string>> Checkpointer::MaybeIssue() { return Issue(/*only_when_due=*/true); }

absl::StatusOr<std::optional<std::string>> Checkpointer::IssueNow() { return Issue(/*only_when_due=*/false); }

absl::StatusOr<std::optional<std::string>> Checkpointer::Issue(bool only_when_due) {
  absl::MutexLock issuing(&issue_mu_);
  const commit::AuditTreeHead head = deps_.head();
  const absl::Time now = deps_.clock->Now();
  {
    absl::MutexLock lock(&mu_);
    if (head.size <= last_size_) return std::optional<std::string>();
    const bool due = head.size - last_size_ >= options_.every_entries || now - last_time_ >= options_.every;
    if (only_when_due && !due) return std::optional<std::string>();
  }
  ASSIGN_OR_RETURN(std::string note, SignCheckpoint({options_.origin, head.size, head.root}, options_.origin,
                                                    *deps_.signer));
  RETURN_IF_ERROR(deps_.store->Write({{Table::kAuditCheckpoints, storage::EncodeU64(head.size), note}}, /*sync=*/true));
  {
    absl::MutexLock lock(&mu_);
    last_size_ = head.size;
    last_time_ = now;
  }
  Log(LogLevel::kInfo, "audit_checkpoint_issued", {{"tree_size", head.size}});
  return std::optional<std::string>(std::move(note));
}

void Checkpointer::OnAppended(uint64_t tree_size) {
  absl::MutexLock lock(&mu_);
  if (tree_size >= last_size_ + options_.every_entries) woken_ = true;
}

void Checkpointer::Start(absl::Duration poll) {
  absl::MutexLock lock(&mu_);
  if (thread_ != nullptr) return;
  stopping_ = false;
  jump_listener_ = deps_.clock->AddJumpListener([this] {
    absl::MutexLock l(&mu_);
    woken_ = true;
  });
  thread_ = std::make_unique<std::thread>([this, poll] { Loop(poll); });
}

void Checkpointer::Stop() {
  std::unique_ptr<std::thread> thread;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  if (thread == nullptr) return;
  deps_.clock->RemoveJumpListener(jump_listener_);
  thread->join();
}

void Checkpointer::Loop(absl::Duration poll) {
  while (true) {
    absl::StatusOr<std::optional<std::string>> issued = MaybeIssue();
    if (!issued.ok()) {
      Log(LogLevel::kError, "audit_checkpoint_failed", {{"code", absl::StatusCodeToString(issued.status().code())}});
    }
    absl::MutexLock lock(&mu_);
    const absl::Duration wait =
        std::clamp(last_time_ + options_.every - deps_.clock->Now(), absl::Milliseconds(10), poll);
    mu_.AwaitWithTimeout(absl::Condition(this, &Checkpointer::Woken), wait);
    if (stopping_) return;
    woken_ = false;
  }
}

}  // namespace liaison::audit
