#ifndef LIAISON_BROKER_MATCHING_NORMALISE_TRANSLITERATOR_POOL_H_
#define LIAISON_BROKER_MATCHING_NORMALISE_TRANSLITERATOR_POOL_H_

// Thread-safe use of one ICU transliterator. ICU documents Transliterator
// objects as not safe for concurrent use (compound and rule-based ones keep
// working state), so each call borrows a clone for its own exclusive use and
// hands it back afterwards.
//
// Why a pool rather than thread_local clones: a thread_local cache keyed by
// the owner outlives the owner (stale entries, or a new owner at a reused
// address picking up the wrong clone) and holds one clone per thread that
// ever called, until that thread exits. The pool holds at most one clone per
// peak concurrent caller, frees them all with itself, and costs two short
// uncontended mutex acquisitions per call.

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "unicode/translit.h"
#include "unicode/unistr.h"

namespace liaison::matching::normalise {

// Thread-safe: Transliterate may be called from any number of threads.
class TransliteratorPool {
 public:
  // REQUIRES: prototype != nullptr.
  explicit TransliteratorPool(std::unique_ptr<icu::Transliterator> prototype);

  TransliteratorPool(const TransliteratorPool&) = delete;
  TransliteratorPool& operator=(const TransliteratorPool&) = delete;

  // `text` run through the transliterator.
  icu::UnicodeString Transliterate(icu::UnicodeString text) const;

  // Clones currently idle in the pool (for tests).
  size_t IdleCount() const;

 private:
  // An idle clone, or a new one; nullptr only when ICU cannot allocate.
  std::unique_ptr<icu::Transliterator> Acquire() const;
  void Release(std::unique_ptr<icu::Transliterator> clone) const;

  mutable absl::Mutex mu_;
  // Only cloned, and used directly if cloning fails, under mu_.
  const std::unique_ptr<icu::Transliterator> prototype_ ABSL_PT_GUARDED_BY(mu_);
  mutable std::vector<std::unique_ptr<icu::Transliterator>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liaison::matching::normalise

#endif  // LIAISON_BROKER_MATCHING_NORMALISE_TRANSLITERATOR_POOL_H_
