#!/usr/bin/env bash
# Fault tests against the real broker (issue 7): the crash loop, disk full,
# slow and vanished consumers, SIGTERM under load and a soak. Minutes long,
# so not part of 'deploy/local.sh test'. Each test prints its figures; the
# script ends with a summary line per test and exits non-zero if any failed.
#
# Usage: deploy/fault_test.sh [--soak] [--soak-seconds=N] [--cycles=N] [--only=NAME]
#   --soak            run the soak for 30 minutes (default: a 60 s soak)
#   --soak-seconds=N  run the soak for N seconds
#   --cycles=N        crash loop cycles (default 100)
#   --only=NAME       one test: crash-loop, disk-full, consumers, sigterm, soak
# Environment: LIAISON_BUILD_DIR (default build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${LIAISON_BUILD_DIR:-build}"

soak_seconds=60
cycles=100
only=""
for arg in "$@"; do
  case "$arg" in
    --soak) soak_seconds=1800 ;;
    --soak-seconds=*) soak_seconds="${arg#*=}" ;;
    --cycles=*) cycles="${arg#*=}" ;;
    --only=*) only="${arg#*=}" ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      printf 'fault_test.sh: error: unknown argument: %s (try --help)\n' "$arg" >&2
      exit 2
      ;;
  esac
done
[[ "$soak_seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fault_test.sh: --soak-seconds: must be a positive integer" >&2; exit 2; }
[[ "$cycles" =~ ^[1-9][0-9]*$ ]] || { echo "fault_test.sh: --cycles: must be a positive integer" >&2; exit 2; }

# name | gtest filter | time limit in seconds
tests=(
  "crash-loop|CrashLoopTest.*|$((cycles * 10 + 300))"
  "disk-full|DiskFullTest.*|300"
  "consumers|ConsumersTest.*|300"
  "sigterm|SigtermTest.*|120"
  "soak|SoakTest.*|$((soak_seconds * 5 / 4 + 300))"
)
if [[ -n "$only" ]]; then
  selected=()
  for entry in "${tests[@]}"; do [[ "${entry%%|*}" == "$only" ]] && selected+=("$entry"); done
  ((${#selected[@]} == 1)) || { echo "fault_test.sh: --only: no test named '$only'" >&2; exit 2; }
  tests=("${selected[@]}")
fi

if [[ ! -f "$BUILD_DIR/build.ninja" && ! -f "$BUILD_DIR/Makefile" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" --target fault_test liaison-broker

export LIAISON_CRASH_CYCLES="$cycles" LIAISON_SOAK_SECONDS="$soak_seconds"
export TEST_TMPDIR="${TEST_TMPDIR:-$(mktemp -d /tmp/liaison-fault.XXXXXX)}"
summary=()
failed=0
for entry in "${tests[@]}"; do
  IFS='|' read -r name filter limit <<<"$entry"
  printf '\n=== %s (limit %d s)\n' "$name" "$limit"
  started=$SECONDS
  rc=0
  timeout --signal=KILL "$limit" "$BUILD_DIR/tests/fault/fault_test" --gtest_filter="$filter" || rc=$?
  if ((rc == 0)); then
    summary+=("PASS $name ($((SECONDS - started)) s)")
  else
    reason="exit $rc"
    if ((rc == 137)); then reason="$reason: time limit"; fi
    summary+=("FAIL $name ($((SECONDS - started)) s, $reason)")
    failed=1
  fi
done
printf '\nfault tests:\n'
printf '  %s\n' "${summary[@]}"
exit "$failed"
