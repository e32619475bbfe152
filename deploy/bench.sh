#!/usr/bin/env bash
# The side-by-side benchmark (issue 7): Liaison, a no-op gRPC server (the
# transport ceiling) and RabbitMQ (durable quorum queue, persistent
# messages, publisher confirms, manual consumer acks), on this machine in
# one run, writing docs/performance.md and its plots (docs/performance/).
# Run through `deploy/local.sh bench [--quick]` from the repository root.
#
#   --quick   one repetition of 3 s per point and a 3-point sweep (a few
#             minutes); default: 3 repetitions of 10 s, medians, 6-point
#             sweep (about 15 minutes)
#
# Transport: plaintext gRPC / AMQP on 127.0.0.1 for all three systems (the
# broker with --insecure-dev, principals from the dev header). Durability is
# real: the broker's RocksDB data directory on disk with its group-commit
# fsyncs and encryption at rest; RabbitMQ's quorum queue fsyncs its log.
# Environment: LIAISON_BUILD_DIR (default build), BENCH_WORK_DIR (default a
# fresh directory under /var/tmp, on disk); BENCH_BROKER_BIN, BENCH_CTL_BIN,
# BENCH_RABBIT_BIN and BENCH_RABBITMQ_SH override the binaries and the
# RabbitMQ node script (default: this tree's), which are then not built.
set -euo pipefail

BUILD_DIR="${LIAISON_BUILD_DIR:-build}"
BROKER_BIN="${BENCH_BROKER_BIN:-$BUILD_DIR/broker/liaison-broker}"
CTL_BIN="${BENCH_CTL_BIN:-$BUILD_DIR/broker/ctl/liaisonctl}"
RABBIT_BIN="${BENCH_RABBIT_BIN:-$BUILD_DIR/tests/load/rabbitmq/liaison-rabbitmq-bench}"
RABBITMQ_SH="${BENCH_RABBITMQ_SH:-deploy/rabbitmq.sh}"
QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    *) printf 'bench.sh: error: unknown argument: %s (only --quick)\n' "$arg" >&2; exit 2 ;;
  esac
done
if ((QUICK)); then REPS=1 DURATION=3 WARMUP=1 SWEEP="0.25 0.5 0.9"; else REPS=3 DURATION=10 WARMUP=2 SWEEP="0.1 0.25 0.5 0.75 0.9 1.0"; fi
CONCURRENCY=64

log() { printf '==> bench: %s\n' "$*" >&2; }
die() { printf 'bench.sh: error: %s\n' "$*" >&2; exit 1; }

WORK="${BENCH_WORK_DIR:-$(mktemp -d /var/tmp/liaison-bench.XXXXXX)}"
mkdir -p "$WORK"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
BROKER_PID=""
NOOP_PID=""
RABBIT_UP=0

cleanup() {
  [[ -z "$BROKER_PID" ]] || { kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; }
  [[ -z "$NOOP_PID" ]] || { kill "$NOOP_PID" 2>/dev/null || true; wait "$NOOP_PID" 2>/dev/null || true; }
  ((RABBIT_UP == 0)) || bash "$RABBITMQ_SH" stop "$WORK/rabbitmq" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---------------------------------------------------------------- deps/build --
have_rabbit_bench() { [[ -f "$RABBITMQ_SH" ]] && { [[ -n "${BENCH_RABBIT_BIN:-}" ]] || [[ -f tests/load/rabbitmq/CMakeLists.txt ]]; }; }

deps() {
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  if ! command -v gnuplot >/dev/null; then
    log "installing gnuplot-nox"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gnuplot-nox
  fi
  if have_rabbit_bench; then bash "$RABBITMQ_SH" deps; fi
}

build() {
  local targets=(liaison-loadgen liaison-noop-server)
  [[ -n "${BENCH_BROKER_BIN:-}" ]] || targets+=(liaison-broker)
  [[ -n "${BENCH_CTL_BIN:-}" ]] || targets+=(liaisonctl)
  if have_rabbit_bench && [[ -z "${BENCH_RABBIT_BIN:-}" ]]; then targets+=(liaison-rabbitmq-bench); fi
  [[ -f "$BUILD_DIR/build.ninja" ]] || cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  log "building ${targets[*]}"
  nice ninja -C "$BUILD_DIR" -j2 "${targets[@]}" >&2
}

# ------------------------------------------------------------------- helpers --
# Median fsync latency of the work directory's filesystem: 200 4 KiB
# appends each followed by fdatasync, as the broker's commit log does.
fsync_probe() {
  python3 - "$WORK" <<'PY'
import os, statistics, sys, time
path = os.path.join(sys.argv[1], "fsync-probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
block, times = b"x" * 4096, []
for _ in range(200):
    os.write(fd, block)
    t = time.perf_counter()
    os.fdatasync(fd)
    times.append((time.perf_counter() - t) * 1e6)
os.close(fd); os.unlink(path)
times.sort()
print(f'{{"fsync_p50_us":{statistics.median(times):.0f},"fsync_p99_us":{times[int(len(times)*0.99)-1]:.0f}}}')
PY
}

# Starts a fresh broker (new data dir, bench config and policy, encryption
# at rest) and loads the index; sets BROKER_PID and BROKER_TARGET.
start_broker() {
  local dir="$WORK/broker-$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  sed "s|@BENCH_DIR@|$PWD/deploy/bench|" deploy/bench/broker.textproto >"$dir/broker.textproto"
  "$CTL_BIN" keys generate "$dir/keys.textproto" >/dev/null
  local ready="$dir/ready"
  mkfifo "$ready"
  "$BROKER_BIN" --listen=127.0.0.1:0 --insecure-dev --data-dir="$dir/data" \
    --config="$dir/broker.textproto" --data-key-file="$dir/keys.textproto" --log-level=warning \
    --ready-fd=3 3>"$ready" 2>"$dir/broker.log" &
  BROKER_PID=$!
  local port
  read -r port <"$ready" || die "the broker did not start; see $dir/broker.log"
  BROKER_TARGET="127.0.0.1:$port"
  "$BUILD_DIR/tests/load/liaison-loadgen" --target="$BROKER_TARGET" --load_only >&2
}

stop_broker() {
  kill "$BROKER_PID"
  wait "$BROKER_PID" || true
  BROKER_PID=""
}

# loadgen SYSTEM TARGET PID SCENARIO RATE [FLAGS...]: one run, appended to results.
loadgen() {
  local system="$1" target="$2" pid="$3" scenario="$4" rate="$5"
  shift 5
  "$BUILD_DIR/tests/load/liaison-loadgen" --system="$system" --target="$target" --server_pid="$pid" \
    --scenario="$scenario" --rate="$rate" --concurrency="$CONCURRENCY" --duration_s="$DURATION" \
    --warmup_s="$WARMUP" "$@" | tee -a "$RESULTS"
}

rabbit() {
  local scenario="$1" rate="$2" mode=fixed
  [[ "$rate" == max ]] && mode=max rate=0
  "$RABBIT_BIN" --port="$RABBITMQ_BENCH_PORT" \
    --server_pid="$RABBITMQ_BENCH_PID" --scenario="$scenario" --mode="$mode" --rate="$rate" \
    --concurrency="$CONCURRENCY" --duration="${DURATION}s" | tee -a "$RESULTS"
}

# median SYSTEM SCENARIO MODE FIELD: the median of FIELD over matching runs.
median() {
  python3 - "$RESULTS" "$@" <<'PY'
import json, statistics, sys
path, system, scenario, mode, field = sys.argv[1:]
rows = [json.loads(l) for l in open(path) if l.strip()]
vals = [r[field] for r in rows if r["system"] == system and r["scenario"] == scenario and r["mode"] == mode]
print(f"{statistics.median(vals):.0f}" if vals else 0)
PY
}

# ---------------------------------------------------------------------- main --
deps
build
log "work directory: $WORK"
FSYNC="$(fsync_probe)"
log "fsync: $FSYNC"
echo "$FSYNC" >"$WORK/fsync.json"

# A fresh broker for each run: the ingest scenario's alerts (routed, but
# nobody subscribed) would otherwise be a backlog ahead of the next run's.
for ((rep = 1; rep <= REPS; rep++)); do
  for scenario in ingest e2e fanout10; do
    log "liaison repetition $rep/$REPS: $scenario at max rate"
    start_broker "$scenario-$rep"
    loadgen liaison "$BROKER_TARGET" "$BROKER_PID" "$scenario" max
    stop_broker
  done
done

log "no-op gRPC server: the transport ceiling"
ready="$WORK/noop-ready"
rm -f "$ready"; mkfifo "$ready"
"$BUILD_DIR/tests/load/liaison-noop-server" --listen=127.0.0.1:0 --ready_fd=3 3>"$ready" 2>"$WORK/noop.log" &
NOOP_PID=$!
read -r noop_port <"$ready" || die "liaison-noop-server did not start; see $WORK/noop.log"
for ((rep = 1; rep <= REPS; rep++)); do loadgen noop "127.0.0.1:$noop_port" "$NOOP_PID" ingest max; done
kill "$NOOP_PID"; wait "$NOOP_PID" || true; NOOP_PID=""

RABBIT_MAX=0
if have_rabbit_bench && [[ -x "$RABBIT_BIN" ]]; then
  log "RabbitMQ: quorum queue, persistent messages, publisher confirms, manual acks"
  bash "$RABBITMQ_SH" start "$WORK/rabbitmq" >&2
  RABBIT_UP=1
  # shellcheck disable=SC1091
  source "$WORK/rabbitmq/server.env"
  for ((rep = 1; rep <= REPS; rep++)); do for scenario in ingest e2e; do rabbit "$scenario" max; done; done
  RABBIT_MAX="$(median rabbitmq e2e max throughput_per_s)"
else
  log "RabbitMQ baseline SKIPPED: $RABBIT_BIN or $RABBITMQ_SH is missing (the RabbitMQ client is tests/load/rabbitmq)"
fi

LIAISON_MAX="$(median liaison e2e max throughput_per_s)"
log "latency against offered load (e2e, open loop): liaison max $LIAISON_MAX/s, rabbitmq max $RABBIT_MAX/s"
start_broker sweep
for f in $SWEEP; do
  loadgen liaison "$BROKER_TARGET" "$BROKER_PID" e2e "$(python3 -c "print(max(1, round($f * $LIAISON_MAX)))")"
done
if ((RABBIT_MAX > 0)); then
  half=$((RABBIT_MAX / 2))
  log "both systems at half RabbitMQ's max rate ($half/s)"
  for ((rep = 1; rep <= REPS; rep++)); do
    stop_broker
    start_broker "half-$rep"
    loadgen liaison "$BROKER_TARGET" "$BROKER_PID" e2e "$half"
  done
  for f in $SWEEP; do rabbit e2e "$(python3 -c "print(max(1, round($f * $RABBIT_MAX)))")"; done
  for ((rep = 1; rep <= REPS; rep++)); do rabbit e2e "$half"; done
fi
stop_broker

log "writing docs/performance.md and docs/performance/*.png"
python3 deploy/bench_report.py --results="$RESULTS" --fsync="$WORK/fsync.json" --half_rate="${half:-0}" \
  --quick="$QUICK" --out=docs/performance.md
log "done; raw results in $RESULTS"
