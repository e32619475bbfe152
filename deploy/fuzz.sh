#!/usr/bin/env bash
# Builds the adapters' libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in their own build directory, and runs each for
# a bounded time on a copy of its seed corpus. Called by 'deploy/local.sh
# fuzz'; works from any directory.
#
#   deploy/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Exits non-zero on the first target that finds a crash, leak or undefined
# behaviour; the reproducer is left in $FUZZ_DIR/TARGET/ (run it again with
# the target binary and the file as its argument).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECONDS_PER_TARGET="${1:-60}"
shift || true
[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ && "$SECONDS_PER_TARGET" -gt 0 ]] ||
  { echo "fuzz.sh: SECONDS_PER_TARGET must be a positive whole number" >&2; exit 2; }
FUZZ_BUILD="${LIAISON_FUZZ_BUILD_DIR:-build-fuzz}"
FUZZ_DIR="${LIAISON_FUZZ_WORK_DIR:-.local/fuzz}"

log() { printf '==> %s\n' "$*"; }

# Every adapter's fuzz target: adapters/AGENCY/NAME_fuzz.cc.
targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in adapters/*/*_fuzz.cc; do
    [[ -e "$source" ]] || continue
    targets+=("$(basename "$source" .cc)")
  done
fi
((${#targets[@]} > 0)) || { echo "fuzz.sh: no fuzz targets (adapters/*/*_fuzz.cc)" >&2; exit 1; }

if [[ ! -f "$FUZZ_BUILD/build.ninja" ]]; then
  log "fuzz: configuring $FUZZ_BUILD/ (clang, ASan, UBSan)"
  CC=clang CXX=clang++ cmake -S . -B "$FUZZ_BUILD" -G Ninja -DLIAISON_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    >/dev/null
fi
log "fuzz: building ${targets[*]}"
cmake --build "$FUZZ_BUILD" -j"$(nproc)" --target "${targets[@]}"

mkdir -p "$FUZZ_DIR"
FUZZ_DIR="$(cd "$FUZZ_DIR" && pwd)"  # each target runs inside its own work directory
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for target in "${targets[@]}"; do
  source="$(ls adapters/*/"$target".cc)"
  seeds="$(dirname "$source")/fuzz_corpus"
  binary="$FUZZ_BUILD/$(dirname "$source")/$target"
  work="$FUZZ_DIR/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus"
  cp "$seeds"/* "$work/corpus/"
  log "fuzz: $target for ${SECONDS_PER_TARGET}s ($(ls "$work/corpus" | wc -l) seeds)"
  if ! (cd "$work" && "$ROOT/$binary" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 corpus >"$work/fuzz.log" 2>&1); then
    tail -n 40 "$work/fuzz.log" >&2
    echo "fuzz.sh: $target failed; reproducer and log in $work/" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/fuzz.log" | sed "s/^/    $target /"
  printf '    %s: corpus grew to %s inputs, no crash, leak or undefined behaviour\n' \
    "$target" "$(ls "$work/corpus" | wc -l)"
done
log "fuzz: all ${#targets[@]} targets ran ${SECONDS_PER_TARGET}s each without a finding"
