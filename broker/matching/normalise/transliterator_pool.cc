#include "broker/matching/normalise/transliterator_pool.h"

#include <utility>

namespace liaison::matching::normalise {

TransliteratorPool::TransliteratorPool(std::unique_ptr<icu::Transliterator> prototype)
    : prototype_(std::move(prototype)) {}

icu::UnicodeString TransliteratorPool::Transliterate(icu::UnicodeString text) const {
  std::unique_ptr<icu::Transliterator> clone = Acquire();
  if (clone == nullptr) {
    // Out of memory: fall back to the prototype, serialised.
    absl::MutexLock lock(&mu_);
    prototype_->transliterate(text);
    return text;
  }
  clone->transliterate(text);
  Release(std::move(clone));
  return text;
}

size_t TransliteratorPool::IdleCount() const {
  absl::MutexLock lock(&mu_);
  return idle_.size();
}

std::unique_ptr<icu::Transliterator> TransliteratorPool::Acquire() const {
  absl::MutexLock lock(&mu_);
  if (idle_.empty()) return std::unique_ptr<icu::Transliterator>(prototype_->clone());
  std::unique_ptr<icu::Transliterator> clone = std::move(idle_.back());
  idle_.pop_back();
  return clone;
}

void TransliteratorPool::Release(std::unique_ptr<icu::Transliterator> clone) const {
  absl::MutexLock lock(&mu_);
  idle_.push_back(std::move(clone));
}

}  // namespace liaison::matching::normalise
