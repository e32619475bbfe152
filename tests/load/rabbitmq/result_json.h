#ifndef LIAISON_TESTS_LOAD_RABBITMQ_RESULT_JSON_H_
#define LIAISON_TESTS_LOAD_RABBITMQ_RESULT_JSON_H_

#include <string>

#include "tests/load/rabbitmq/bench_runner.h"

namespace liaison::load::rabbitmq {

// The benchmark's one-line JSON result (system "rabbitmq"), keys in the
// order /tmp/notes/bench-json-format.md (deploy/bench.sh) expects; no
// trailing newline.
std::string FormatResultLine(const BenchResult& result);

}  // namespace liaison::load::rabbitmq

#endif  // LIAISON_TESTS_LOAD_RABBITMQ_RESULT_JSON_H_
