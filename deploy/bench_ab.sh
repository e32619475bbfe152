#!/usr/bin/env bash
# A/B comparison of two broker builds by CPU per notification (the metric
# that survives a shared machine): for each repetition, alternately, a fresh
# broker of each build (bench config, encryption at rest, the index loaded),
# one max-rate loadgen run, the loadgen's JSON line kept. Prints each run's
# server_cpu_us_per_msg and the medians.
#
#   deploy/bench_ab.sh DIR_A DIR_B [SCENARIO] [REPS] [SECONDS]
#
# DIR_A and DIR_B each hold liaison-broker; liaisonctl and liaison-loadgen
# come from DIR_A. SCENARIO: ingest (default), e2e or fanout10. Run from the
# repository root (for deploy/bench). Results: $BENCH_WORK_DIR/ab.jsonl.
set -euo pipefail

A="${1:?usage: bench_ab.sh DIR_A DIR_B [SCENARIO] [REPS] [SECONDS]}"
B="${2:?usage: bench_ab.sh DIR_A DIR_B [SCENARIO] [REPS] [SECONDS]}"
SCENARIO="${3:-ingest}"
REPS="${4:-3}"
SECONDS_PER_RUN="${5:-10}"
WORK="${BENCH_WORK_DIR:-$(mktemp -d /var/tmp/liaison-ab.XXXXXX)}"
mkdir -p "$WORK"
OUT="$WORK/ab.jsonl"
: >"$OUT"
PID=""
trap '[[ -z "$PID" ]] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; } || true' EXIT

# run LABEL DIR: one fresh broker of DIR, one loadgen run, tagged with LABEL.
run() {
  local label="$1" bin="$2" dir="$WORK/broker"
  rm -rf "$dir"
  mkdir -p "$dir"
  sed "s|@BENCH_DIR@|$PWD/deploy/bench|" deploy/bench/broker.textproto >"$dir/broker.textproto"
  "$A/liaisonctl" keys generate "$dir/keys.textproto" >/dev/null
  mkfifo "$dir/ready"
  "$bin/liaison-broker" --listen=127.0.0.1:0 --insecure-dev --data-dir="$dir/data" \
    --config="$dir/broker.textproto" --data-key-file="$dir/keys.textproto" --log-level=warning \
    --ready-fd=3 3>"$dir/ready" 2>"$dir/broker.log" &
  PID=$!
  local port
  read -r port <"$dir/ready"
  "$A/liaison-loadgen" --target="127.0.0.1:$port" --load_only >&2
  "$A/liaison-loadgen" --target="127.0.0.1:$port" --server_pid="$PID" --scenario="$SCENARIO" --rate=max \
    --concurrency=64 --duration_s="$SECONDS_PER_RUN" --warmup_s=2 |
    python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['ab']='$label'; print(json.dumps(r))" >>"$OUT"
  kill "$PID"
  wait "$PID" || true
  PID=""
}

for ((rep = 1; rep <= REPS; rep++)); do
  run A "$A"
  run B "$B"
done
python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for label in ("A", "B"):
    mine = [r for r in rows if r["ab"] == label]
    cpu = [r["server_cpu_us_per_msg"] for r in mine]
    rate = [r["throughput_per_s"] for r in mine]
    dlv = [r["delivered_per_s"] for r in mine]
    print(f"{label}: cpu_us_per_msg {cpu} median {statistics.median(cpu):.0f}; "
          f"acked/s {rate} median {statistics.median(rate):.0f}; delivered/s median {statistics.median(dlv):.0f}")
PY
