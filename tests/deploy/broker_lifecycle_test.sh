#!/usr/bin/env bash
# The real broker under a service manager's eye: it sends READY=1 to
# $NOTIFY_SOCKET once serving; its --health-listen port answers SERVING to
# liaison-health-probe; on SIGTERM, with an Inbox.Subscribe stream open, it
# sends STOPPING=1 and exits 0 within --shutdown-grace plus a margin.
# Usage: broker_lifecycle_test.sh BROKER HEALTH_PROBE LIAISONCTL SOURCE_DIR
set -euo pipefail
broker="$1" probe="$2" ctl="$3" src="$4"
py=/usr/bin/python3
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/broker.log" ]] && cat "$work/broker.log" >&2; exit 1; }

# A stand-in service manager: binds the socket, prints each datagram.
mkfifo "$work/manager-ready" "$work/ready"
"$py" - "$work/notify" "$work/manager-ready" > "$work/notify.out" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(60)
open(sys.argv[2], "w").close()  # bound: the broker may start
for _ in range(2):
    print(s.recv(512).decode().replace("\n", "|"), flush=True)
PY
manager=$!
pids+=("$manager")
cat "$work/manager-ready" >/dev/null

NOTIFY_SOCKET="$work/notify" "$broker" --data-dir="$work/data" --config="$src/deploy/demo/broker.textproto" \
  --insecure-dev --listen=127.0.0.1:0 --health-listen=127.0.0.1:0 --shutdown-grace=2s --ready-fd=3 \
  2>"$work/broker.log" 3>"$work/ready" &
broker_pid=$!
pids+=("$broker_pid")
read -r port <"$work/ready" || fail "the broker did not report ready"
# The health server starts before the ready line is written.
health_port="$(grep -o '"event":"health_serving","port":[0-9]*' "$work/broker.log" | grep -o '[0-9]*$')"
[[ -n "$health_port" ]] || fail "no health_serving line"
[[ "$("$probe" --address="127.0.0.1:$health_port")" == SERVING ]] || fail "health probe: not SERVING"
[[ "$("$probe" --address="127.0.0.1:$health_port" --service=liaison.v1.Inbox)" == SERVING ]] ||
  fail "health probe for liaison.v1.Inbox: not SERVING"
# The health port serves nothing else: an Audit call there is UNIMPLEMENTED.
out="$("$ctl" --target="127.0.0.1:$health_port" --insecure-dev --principal=spiffe://liaison.dev/auditor \
  audit query --limit=1 2>&1)" && fail "the health port served an Audit call: $out"
grep -qi "unimplemented" <<<"$out" || fail "expected UNIMPLEMENTED from the health port, got: $out"
echo "ok: health port $health_port serves grpc.health.v1 only"

# An open subscription stream while the broker stops.
"$ctl" --target="127.0.0.1:$port" --insecure-dev --principal=spiffe://liaison.dev/om-inbox \
  inbox watch --recipient=N07P1001 >"$work/watch.out" 2>&1 &
watcher=$!
pids+=("$watcher")
"$ctl" --target="127.0.0.1:$port" --insecure-dev --principal=spiffe://liaison.dev/om-inbox \
  inbox list --recipient=N07P1001 >/dev/null 2>&1 || fail "inbox list as om-inbox failed"
# (The watch may still be connecting; either way the broker must stop in time.)
kill -0 "$watcher" 2>/dev/null || fail "inbox watch ended early: $(cat "$work/watch.out")"
start=$(date +%s%N)
kill -TERM "$broker_pid"
code=0
wait "$broker_pid" || code=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
((code == 0)) || fail "broker exited $code after SIGTERM"
((elapsed_ms < 7000)) || fail "shutdown took ${elapsed_ms} ms (grace 2s, bound 7s)"
wait "$watcher" || true  # the stream ends with the broker
wait "$manager" || fail "the stand-in manager did not get two notifications"
[[ "$(sed -n 1p "$work/notify.out")" == "READY=1|STATUS=serving" ]] || fail "notify 1: $(cat "$work/notify.out")"
[[ "$(sed -n 2p "$work/notify.out")" == "STOPPING=1" ]] || fail "notify 2: $(cat "$work/notify.out")"
grep -q '"event":"stopped"' "$work/broker.log" || fail "no 'stopped' log line"
echo "ok: READY=1 then STOPPING=1; SIGTERM with a stream open: exit 0 in ${elapsed_ms} ms"
