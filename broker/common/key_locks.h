#ifndef LIAISON_BROKER_COMMON_KEY_LOCKS_H_
#define LIAISON_BROKER_COMMON_KEY_LOCKS_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"

namespace liaison {

// Exclusive locks on arbitrary string keys, for read-check-write sequences
// on one key (an idempotency key, an inbox). A caller takes all the keys it
// needs in one call, so two callers can never deadlock on each other.
// Thread-safe.
class KeyLocks {
 public:
  // Holds its keys until destroyed.
  class Guard {
   public:
    Guard(Guard&& other) noexcept : locks_(other.locks_), keys_(std::move(other.keys_)) {
      other.locks_ = nullptr;
    }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    Guard& operator=(Guard&&) = delete;
    ~Guard();

   private:
    friend class KeyLocks;
    Guard(KeyLocks* locks, std::vector<std::string> keys) : locks_(locks), keys_(std::move(keys)) {}
    KeyLocks* locks_;
    std::vector<std::string> keys_;
  };

  // Blocks until none of `keys` is held by another guard, then holds them
  // all. Duplicate keys are allowed. A thread must not lock a key it holds.
  Guard Lock(std::vector<std::string> keys);

 private:
  struct Free;
  void Unlock(const std::vector<std::string>& keys);

  absl::Mutex mu_;
  absl::flat_hash_set<std::string> held_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison

#endif  // LIAISON_BROKER_COMMON_KEY_LOCKS_H_
