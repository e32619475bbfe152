#ifndef LIAISON_TESTS_FAULT_FAULT_ENV_H_
#define LIAISON_TESTS_FAULT_FAULT_ENV_H_

#include <cstdlib>
#include <string>

#include "absl/strings/numbers.h"

namespace liaison::testing {

// A positive integer setting from the environment (deploy/fault_test.sh sets
// them), else `fallback`.
inline int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  int parsed = 0;
  if (value == nullptr || !absl::SimpleAtoi(value, &parsed) || parsed <= 0) return fallback;
  return parsed;
}

}  // namespace liaison::testing

#endif  // LIAISON_TESTS_FAULT_FAULT_ENV_H_
