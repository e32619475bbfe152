#ifndef LIAISON_BROKER_COMMON_STATUS_MACROS_H_
#define LIAISON_BROKER_COMMON_STATUS_MACROS_H_

// Abseil 20220623 has no RETURN_IF_ERROR / ASSIGN_OR_RETURN; these are ours.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LIAISON_STATUS_CONCAT_INNER(a, b) a##b
#define LIAISON_STATUS_CONCAT(a, b) LIAISON_STATUS_CONCAT_INNER(a, b)

// Returns the status of `expr` from the enclosing function unless it is OK.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::absl::Status liaison_status_ = (expr);   \
    if (!liaison_status_.ok()) {               \
      return liaison_status_;                  \
    }                                          \
  } while (0)

// Evaluates `rexpr` (a StatusOr); returns its status on error, otherwise
// moves its value into `lhs` (which may be a declaration: `auto x`).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  LIAISON_ASSIGN_OR_RETURN_IMPL(LIAISON_STATUS_CONCAT(liaison_statusor_, __LINE__), lhs, rexpr)

#define LIAISON_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) {                                     \
    return std::move(statusor).status();                    \
  }                                                         \
  lhs = std::move(statusor).value()

#endif  // LIAISON_BROKER_COMMON_STATUS_MACROS_H_
