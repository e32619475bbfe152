#include "adapters/common/deliverer.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "broker/common/log.h"
#include "broker/common/proto_time.h"

namespace liaison::adapters {

absl::Duration BackoffDelay(const BackoffOptions& options, uint32_t attempt, std::mt19937_64& random) {
  absl::Duration d = options.initial;
  for (uint32_t i = 0; i < attempt && d < options.max; ++i) d *= 2;
  d = std::min(d, options.max);
  std::uniform_real_distribution<double> half(0.5, 1.0);
  return d * half(random);
}

Deliverer::Deliverer(AdapterStore* store, BrokerClient* client, Clock* clock, Options options)
    : store_(store),
      client_(client),
      clock_(clock),
      options_(options),
      random_(options.seed != 0 ? options.seed : std::random_device{}()) {}

Deliverer::~Deliverer() { Stop(); }

absl::StatusOr<Deliverer::Round> Deliverer::RunOnce() {
  Round round;
  auto pending = store_->Pending(options_.max_batch);
  if (!pending.ok()) return pending.status();
  const std::vector<SpoolItem>& items = *pending;
  // On a retryable failure of item i: count the retry and stop the round.
  auto fail = [&](const SpoolItem& item, const absl::Status& status) -> absl::Status {
    absl::Status noted = store_->Retried(item);
    if (!noted.ok()) return noted;
    round.retry_after = BackoffDelay(options_.backoff, failures_++, random_);
    Log(LogLevel::kWarning, "delivery_retry",
        {{"code", absl::StatusCodeToString(status.code())},
         {"attempts", item.entry.attempts() + 1},
         {"retry_after_ms", static_cast<long long>(absl::ToInt64Milliseconds(*round.retry_after))}});
    return absl::OkStatus();
  };
  auto settle = [&](const SpoolItem& item, const CallResult& result) -> absl::Status {
    if (result.status.ok()) {
      v1::LedgerEntry ledger;
      ledger.set_outcome(result.outcome);
      ledger.set_notification_id(result.notification_id);
      ledger.set_duplicate(result.duplicate);
      *ledger.mutable_at() = ToProtoTime(clock_->Now());
      ++round.delivered;
      return store_->Delivered(item, std::move(ledger));
    }
    ++round.quarantined;
    Log(LogLevel::kWarning, "action_quarantined",
        {{"record", static_cast<unsigned long long>(item.entry.record_id())},
         {"code", absl::StatusCodeToString(result.status.code())}});
    return store_->QuarantineAction(item, std::string(result.status.message()),
                                    static_cast<int>(result.status.code()), clock_->Now());
  };
  size_t i = 0;
  while (i < items.size()) {
    if (items[i].entry.action().has_submit()) {
      size_t end = i;
      std::vector<const v1::Action*> batch;
      while (end < items.size() && items[end].entry.action().has_submit()) {
        batch.push_back(&items[end].entry.action());
        ++end;
      }
      std::vector<CallResult> results = client_->SubmitBatch(batch);
      for (size_t k = 0; k < results.size(); ++k) {
        if (IsRetryable(results[k].status)) {
          absl::Status noted = fail(items[i + k], results[k].status);
          if (!noted.ok()) return noted;
          return round;
        }
        absl::Status settled = settle(items[i + k], results[k]);
        if (!settled.ok()) return settled;
      }
      i = end;
    } else {
      CallResult result = client_->Registry(items[i].entry.action());
      if (IsRetryable(result.status)) {
        absl::Status noted = fail(items[i], result.status);
        if (!noted.ok()) return noted;
        return round;
      }
      absl::Status settled = settle(items[i], result);
      if (!settled.ok()) return settled;
      ++i;
    }
  }
  failures_ = 0;
  return round;
}

void Deliverer::Start() { thread_ = std::thread([this] { Loop(); }); }

void Deliverer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void Deliverer::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void Deliverer::Loop() {
  while (true) {
    absl::Duration wait = absl::ZeroDuration();
    auto round = RunOnce();
    if (!round.ok()) {
      Log(LogLevel::kError, "delivery_store_error", {{"code", absl::StatusCodeToString(round.status().code())}});
      wait = absl::Seconds(1);
    } else if (round->retry_after.has_value()) {
      wait = *round->retry_after;
    } else if (round->delivered + round->quarantined == 0) {
      wait = absl::Seconds(1);  // idle: until woken
    }
    absl::MutexLock lock(&mu_);
    if (stop_) return;
    if (wait > absl::ZeroDuration()) {
      const bool idle = round.ok() && !round->retry_after.has_value();
      auto ready = [this, idle]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stop_ || (idle && woken_); };
      mu_.AwaitWithTimeout(absl::Condition(&ready), wait);
      if (stop_) return;
    }
    woken_ = false;
  }
}

}  // namespace liaison::adapters
