#include "broker/common/key_locks.h"

#include <algorithm>

namespace liaison {

// The condition "none of these keys is held", evaluated under mu_.
struct KeyLocks::Free {
  const absl::flat_hash_set<std::string>* held;
  const std::vector<std::string>* keys;
  bool operator()() const {
    return std::none_of(keys->begin(), keys->end(), [&](const std::string& k) { return held->contains(k); });
  }
};

KeyLocks::Guard::~Guard() {
  if (locks_ != nullptr) locks_->Unlock(keys_);
}

KeyLocks::Guard KeyLocks::Lock(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  absl::MutexLock lock(&mu_);
  Free free{&held_, &keys};
  mu_.Await(absl::Condition(&free, &Free::operator()));
  for (const std::string& key : keys) held_.insert(key);
  return Guard(this, std::move(keys));
}

void KeyLocks::Unlock(const std::vector<std::string>& keys) {
  absl::MutexLock lock(&mu_);
  for (const std::string& key : keys) held_.erase(key);
}

}  // namespace liaison
