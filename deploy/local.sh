#!/usr/bin/env bash
# Builds, tests and runs Liaison on one machine (Debian 12). Works from any
# directory: everything is relative to the repository root.
#
#   deploy/local.sh deps    install missing build dependencies (apt)
#   deploy/local.sh build   deps, configure once, build
#   deploy/local.sh test    build, run ctest
#   deploy/local.sh run     build, start a demo broker and walk through stories
#   deploy/local.sh match-bench [ARGS...]
#                           build, run the matcher scale benchmark (opt-in)
#   deploy/local.sh fault-test [--soak]
#                           build, run the fault tests (opt-in, minutes long)
#   deploy/local.sh clean   remove .local/ and the build directory
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

readonly PACKAGES=(g++ cmake ninja-build ccache pkg-config git openssl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev libssl-dev libgtest-dev libgmock-dev grpc-proto libicu-dev
  libcpp-httplib-dev tzdata libjemalloc-dev
  python3-yaml python3-jsonschema systemd)

BUILD_DIR="${LIAISON_BUILD_DIR:-build}"
readonly LOCAL_DIR=".local"
readonly CERTS_DIR="$LOCAL_DIR/certs"
readonly AUDIT_KEY_DIR="$LOCAL_DIR/audit-key"
readonly DEMO_DIR="$LOCAL_DIR/demo"
readonly DATA_DIR="$LOCAL_DIR/data"
readonly DATA_KEY_FILE="$LOCAL_DIR/data.keys"
readonly BROKER_LOG="$LOCAL_DIR/broker.log"
readonly PID_FILE="$LOCAL_DIR/broker.pid"
readonly CONFIG="deploy/demo/broker.textproto"
readonly PORT="${LIAISON_PORT:-7443}"
readonly METRICS_PORT="${LIAISON_METRICS_PORT:-9464}"
readonly READY_TIMEOUT="${LIAISON_READY_TIMEOUT:-60}"

usage() {
  cat <<EOF
Usage: deploy/local.sh COMMAND

Commands:
  deps    install the Debian 12 packages the build needs (only missing ones;
          as root, or through sudo)
  build   deps, then configure $BUILD_DIR/ (once) and build it
  test [CTEST_ARGS...]
          build, then run ctest; exits with ctest's status
  run     build, create a development PKI and demo data under $LOCAL_DIR/,
          start the broker on 127.0.0.1:$PORT, load the demo stories and show
          the offender managers' inboxes; the broker then runs until Ctrl-C
  match-bench [BENCH_ARGS...]
          build, then run the matcher scale benchmark (liaison-match-bench)
          with BENCH_ARGS, e.g. --sizes=100000,1000000 --out=bench.md (paths
          are taken from the repository root; --help lists the flags). The
          default sizes load up to 10M synthetic records: expect an hour or
          more and about 10 GB in a temporary directory (--dir=DIR)
  fuzz [SECONDS] [TARGET...]
          build the adapters' libFuzzer targets with clang, ASan and UBSan
          (in build-fuzz/) and run each for SECONDS (default 60) on a copy
          of its seed corpus; fails on any crash, leak or undefined
          behaviour (opt-in, not part of 'test')
  bench [--quick]
          build, then benchmark Liaison against a no-op gRPC server and
          RabbitMQ on this machine and write docs/performance.md with plots
          (deploy/bench.sh; about 15 minutes, --quick a few)
  fault-test [--soak] [--cycles=N] [--only=NAME]
          build, then run the fault tests against the real broker (crash
          loop of 100 SIGKILLs, disk full on a tmpfs (needs root), slow and
          vanished consumers, SIGTERM under load, a 60 s soak; --soak: 30
          minutes); deploy/fault_test.sh --help; opt-in, not part of 'test'
  clean   remove $LOCAL_DIR/ (certificates, demo data, broker data) and $BUILD_DIR/
  help    show this help

Environment:
  LIAISON_PORT           broker port for 'run' (default 7443; 0 = any free port)
  LIAISON_METRICS_PORT   Prometheus /metrics port for 'run' (default 9464; docs/metrics.md)
  LIAISON_BUILD_DIR      build directory, relative to the repository root
                         (default build)
  LIAISON_READY_TIMEOUT  seconds 'run' waits for the broker to serve (default 60)
EOF
}

log() { printf '==> %s\n' "$*"; }
warn() { printf 'local.sh: warning: %s\n' "$*" >&2; }
die() {
  printf 'local.sh: error: %s\n' "$*" >&2
  exit 1
}

# The build directory is deleted by 'clean', so keep it inside the repository.
[[ -n "$BUILD_DIR" && "$BUILD_DIR" != /* && "/$BUILD_DIR/" != */../* && "$BUILD_DIR" != . ]] ||
  die "LIAISON_BUILD_DIR must be a relative path inside the repository (got '$BUILD_DIR')"
BUILD_DIR="${BUILD_DIR%/}"
readonly BUILD_DIR
readonly BROKER="$BUILD_DIR/broker/liaison-broker"
readonly CTL="$BUILD_DIR/broker/ctl/liaisonctl"
readonly DEMO_DATA="$BUILD_DIR/broker/demo/liaison-demo-data"
readonly MATCH_BENCH="$BUILD_DIR/broker/matching/bench/liaison-match-bench"

# ---------------------------------------------------------------------- deps --

# as_root CMD...: runs an apt command as root, through sudo when needed.
as_root() {
  if ((EUID == 0)); then
    env DEBIAN_FRONTEND=noninteractive "$@"
  else
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  fi
}

cmd_deps() {
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    warn "no dpkg-query/apt-get: not Debian, so not installing anything. The build needs: ${PACKAGES[*]}"
    return 0
  fi
  local os_id="" os_version="" os_name="unknown system"
  if [[ -r /etc/os-release ]]; then
    os_id="$(. /etc/os-release && echo "${ID:-}")"
    os_version="$(. /etc/os-release && echo "${VERSION_ID:-}")"
    os_name="$(. /etc/os-release && echo "${PRETTY_NAME:-unknown system}")"
  fi
  [[ "$os_id" == debian && "$os_version" == 12 ]] ||
    warn "written for Debian 12; this is $os_name, package names may differ"

  local missing=() pkg status
  for pkg in "${PACKAGES[@]}" ${PACKAGES_EXTRA[@]+"${PACKAGES_EXTRA[@]}"}; do
    status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == ii* ]] || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "deps: all ${#PACKAGES[@]} packages are installed"
    return 0
  fi
  if ((EUID != 0)) && ! command -v sudo >/dev/null; then
    die "missing packages: ${missing[*]}; run as root (or install sudo) to install them"
  fi
  log "deps: installing ${missing[*]}"
  as_root apt-get update
  as_root apt-get install -y --no-install-recommends "${missing[@]}"
}

# --------------------------------------------------------------- build, test --

cmd_build() {
  cmd_deps
  if [[ -f "$BUILD_DIR/CMakeCache.txt" && (-f "$BUILD_DIR/build.ninja" || -f "$BUILD_DIR/Makefile") ]]; then
    log "build: $BUILD_DIR/ already configured"
  else
    log "build: configuring $BUILD_DIR/"
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  log "build: building $BUILD_DIR/"
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

cmd_test() {
  cmd_build
  log "test: running ctest"
  local rc=0
  ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 --timeout 600 "$@" || rc=$?
  ((rc == 0)) || printf 'local.sh: ctest failed (exit status %d)\n' "$rc" >&2
  exit "$rc"
}

# ----------------------------------------------------------------------- run --

broker_pid=""
tail_pid=""
fifo_dir=""

# running_broker_pid: prints the pid of a broker a previous 'run' left behind.
running_broker_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 0
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if process_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q liaison-broker; then
    echo "$pid"
  fi
}

# process_alive PID: true while PID runs (an exited, unreaped child is a
# zombie, which kill -0 still reports as present).
process_alive() {
  local state
  [[ -r "/proc/$1/stat" ]] || return 1
  state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

describe_status() {
  local status="$1"
  if ((status > 128)); then
    echo "killed by signal $(kill -l "$((status - 128))" 2>/dev/null || echo "$((status - 128))")"
  else
    echo "exit status $status"
  fi
}

show_broker_log() {
  if [[ -s "$BROKER_LOG" ]]; then
    echo "--- last lines of $BROKER_LOG ---" >&2
    tail -n 20 "$BROKER_LOG" >&2
    echo "---" >&2
  fi
}

# stop_broker: SIGTERM, then SIGKILL after 30 s (or on a second Ctrl-C).
stop_broker() {
  [[ -n "$broker_pid" ]] || return 0
  local pid="$broker_pid" status=0 i
  broker_pid=""
  if process_alive "$pid"; then
    log "stopping the broker (pid $pid)"
    trap 'warn "second interrupt: killing the broker"; kill -KILL '"$pid"' 2>/dev/null || true' INT TERM
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
      process_alive "$pid" || break
      sleep 0.1
    done
    if process_alive "$pid"; then
      warn "broker still running 30 s after SIGTERM: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || status=$?
  log "broker stopped ($(describe_status "$status"))"
  rm -f "$PID_FILE"
}

cleanup() {
  stop_broker
  if [[ -n "$tail_pid" ]]; then
    kill "$tail_pid" 2>/dev/null || true
    wait "$tail_pid" 2>/dev/null || true
    tail_pid=""
  fi
  [[ -z "$fifo_dir" ]] || rm -rf "$fifo_dir"
  fifo_dir=""
}

on_interrupt() {
  echo
  stop_broker
  exit 0
}

require_binary() {
  [[ -x "$1" ]] || die "$1 was not built (is the $2 target in the tree yet?)"
}

# start_broker: starts the broker in the background and waits until it says
# (on --ready-fd) that it is serving; sets broker_pid and broker_port.
start_broker() {
  fifo_dir="$(mktemp -d "${TMPDIR:-/tmp}/liaison-run.XXXXXX")"
  mkfifo "$fifo_dir/ready"
  log "starting the broker on 127.0.0.1:$PORT (log: $BROKER_LOG)"
  printf '\n# %s deploy/local.sh run\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$BROKER_LOG"
  "$BROKER" \
    --listen="127.0.0.1:$PORT" \
    --data-dir="$DATA_DIR" \
    --config="$CONFIG" \
    --tls-cert="$CERTS_DIR/server.pem" \
    --tls-key="$CERTS_DIR/server.key" \
    --tls-client-ca="$CERTS_DIR/ca-bundle.pem" \
    --data-key-file="$DATA_KEY_FILE" \
    --audit-signing-key="$AUDIT_KEY_DIR/audit-signing.key" \
    --metrics-listen="127.0.0.1:$METRICS_PORT" \
    --ready-fd=3 \
    3>"$fifo_dir/ready" >>"$BROKER_LOG" 2>&1 &
  broker_pid=$!
  echo "$broker_pid" >"$PID_FILE"

  # Opening the read end waits for the broker's side to be open (the
  # background shell opens it before exec). The broker writes "PORT\n" and
  # closes fd 3 once serving; if it exits first, the read sees end of file.
  local line="" read_rc=0 status=0
  exec 4<"$fifo_dir/ready"
  IFS= read -r -t "$READY_TIMEOUT" line <&4 || read_rc=$?
  exec 4<&-
  if [[ "$line" =~ ^[0-9]+$ ]] && ((line > 0 && line < 65536)); then
    broker_port="$line"
    return 0
  fi
  if ((read_rc > 128)); then
    show_broker_log
    die "the broker did not report ready within ${READY_TIMEOUT}s (LIAISON_READY_TIMEOUT)"
  fi
  # End of file: usually the broker exited. Give it a moment to finish.
  local i
  for ((i = 0; i < 50; i++)); do
    ! process_alive "$broker_pid" && break
    sleep 0.1
  done
  if ! process_alive "$broker_pid"; then
    wait "$broker_pid" 2>/dev/null || status=$?
    broker_pid=""
    rm -f "$PID_FILE"
    show_broker_log
    die "the broker exited before it was serving ($(describe_status "$status"))"
  fi
  show_broker_log
  if [[ -n "$line" ]]; then
    die "the broker reported '$line' on --ready-fd instead of a port number"
  fi
  die "the broker closed --ready-fd without reporting its port"
}

# ctl NAME ARGS...: liaisonctl authenticated as principal NAME.
ctl() {
  local name="$1"
  shift
  "$CTL" --target="127.0.0.1:$broker_port" --ca="$CERTS_DIR/ca-bundle.pem" \
    --cert="$CERTS_DIR/$name.pem" --key="$CERTS_DIR/$name.key" "$@"
}

failed_steps=0
# step NAME ARGS...: one demo step, shown and run as principal NAME; a failure
# is reported but the broker keeps running so it can be explored.
step() {
  local name="$1" rc=0
  shift
  printf '\n$ liaisonctl [as %s] %s\n' "$name" "$*"
  ctl "$name" "$@" || rc=$?
  if ((rc != 0)); then
    warn "that step failed (exit status $rc)"
    failed_steps=$((failed_steps + 1))
  fi
}

# existing_stories FILE...: the story files the generator produced, warning
# about any it did not.
existing_stories() {
  local file
  for file in "$@"; do
    if [[ -f "$DEMO_DIR/stories/$file" ]]; then
      echo "$DEMO_DIR/stories/$file"
    else
      warn "demo data has no stories/$file; skipping it"
    fi
  done
}

print_try_commands() {
  local base
  base="$CTL --target=127.0.0.1:$broker_port --ca=$CERTS_DIR/ca-bundle.pem"
  cat <<EOF

=== Try it yourself (in another terminal) ===
cd $(printf '%q' "$ROOT")
# Follow N07P1001's inbox as new alerts arrive:
$base --cert=$CERTS_DIR/om-inbox.pem --key=$CERTS_DIR/om-inbox.key inbox watch --recipient=N07P1001
# What was shared with N07P1001, when, why, and whether it was acknowledged:
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key audit query --recipient=N07P1001
# The same for N07P1003, as JSON:
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key --json audit query --recipient=N07P1003
# The audit log's latest signed checkpoint, an inclusion proof, an export checked offline (docs/audit.md):
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key audit checkpoint --public-key=$AUDIT_KEY_DIR/audit-signing.pub
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key audit prove 1 --public-key=$AUDIT_KEY_DIR/audit-signing.pub
rm -rf $LOCAL_DIR/audit-export && $base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key audit export $LOCAL_DIR/audit-export
$CTL audit verify $LOCAL_DIR/audit-export --public-key=$AUDIT_KEY_DIR/audit-signing.pub
# The review queue ('review show ID' compares field by field; 'review resolve ID --link=CRN' decides):
$base --cert=$CERTS_DIR/match-reviewer.pem --key=$CERTS_DIR/match-reviewer.key review list --state=all
# The sharing policy in force, and why it shares the story 6 arrest as it does (docs/policy.md):
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key policy show
$base --cert=$CERTS_DIR/auditor.pem --key=$CERTS_DIR/auditor.key policy explain --notification=$DEMO_DIR/stories/story6-arrest.json --person=X700006
# Run the shipped policy's golden cases (no broker needed):
$CTL policy test $(printf '%q' "$ROOT")/policy/golden/england-wales
# Submit a story again (it comes back as a duplicate):
$base --cert=$CERTS_DIR/police-adapter.pem --key=$CERTS_DIR/police-adapter.key submit $DEMO_DIR/stories/story2-police-callout.json
EOF
}

cmd_run() {
  local old_pid
  old_pid="$(running_broker_pid)"
  [[ -z "$old_pid" ]] ||
    die "a broker from an earlier run is still running (pid $old_pid); stop it with: kill $old_pid"
  cmd_build
  require_binary "$BROKER" "broker (liaison-broker)"
  require_binary "$CTL" "client (liaisonctl)"
  require_binary "$DEMO_DATA" "demo data generator (liaison-demo-data)"

  mkdir -p "$LOCAL_DIR"
  chmod 700 "$LOCAL_DIR"

  log "certificates in $CERTS_DIR/"
  deploy/certs.sh "$CERTS_DIR"
  log "audit checkpoint signing key in $AUDIT_KEY_DIR/"
  deploy/audit-key.sh "$AUDIT_KEY_DIR"

  log "demo data in $DEMO_DIR/"
  rm -rf "$DEMO_DIR"
  "$DEMO_DATA" --out "$DEMO_DIR"

  # Encryption at rest: the key file is made once and kept with the data.
  # A data directory without one predates encryption (demo data only):
  # it is replaced rather than refused.
  if [[ ! -f "$DATA_KEY_FILE" ]]; then
    [[ ! -d "$DATA_DIR" ]] || { log "replacing $DATA_DIR/ from before encryption at rest"; rm -rf "$DATA_DIR"; }
    "$CTL" keys generate "$DATA_KEY_FILE" >/dev/null
    log "data keys in $DATA_KEY_FILE (mode 0600; rotate with: $CTL keys rotate $DATA_KEY_FILE)"
  fi
  mkdir -p "$DATA_DIR"
  trap cleanup EXIT
  trap on_interrupt INT TERM
  broker_port=""
  start_broker
  log "the broker is serving on 127.0.0.1:$broker_port (pid $broker_pid; data in $DATA_DIR/ persists across runs)"

  local police=() social=()
  mapfile -t police < <(existing_stories story1-police-callout.json story2-police-callout.json \
    story6-arrest.json unmatched-police-callout.json)
  mapfile -t social < <(existing_stories story1-social-care-referral.json)

  echo
  echo "=== Loading the demo ==="
  echo "Probation loads its offender index; police and children's social care submit"
  echo "notifications. On a rerun the broker already holds them: submits report duplicates."
  step probation-registry offenders load "$DEMO_DIR/offenders.csv"
  ((${#police[@]} == 0)) || step police-adapter submit "${police[@]}"
  ((${#social[@]} == 0)) || step social-care-adapter submit "${social[@]}"

  cat <<'EOF'

=== What the offender managers see ===
The shipped sharing policy (policy/england-wales.textproto, docs/policy.md)
decides who is told what, on which legal basis, how urgently.
N07P1001 is Alex Morgan, offender manager of stories 1 and 6. Expect three alerts:
  - story 1: police attended a domestic incident at his new partner's address
    (same day; the children's details are shown: a safeguarding purpose)
  - story 6: police arrested a woman on a community order (immediate)
  - story 1: children's social care opened a referral naming him; the council
    marked it not for onward disclosure, so it is a summary and a contact
N07P1003 is Chris Lee, offender manager of story 2. Expect one alert:
  - story 2: a callout at his ex-partner's address (immediate: high RoSH)
The unmatched callout names nobody known to probation: it is not delivered to
anyone, but it is retained and audited, so it reaches an OM if that person later
comes under supervision.
EOF
  step om-inbox inbox list --recipient=N07P1001
  step om-inbox inbox list --recipient=N07P1003

  cat <<'EOF'

=== Beyond the offender manager ===
The policy also tells the team manager of high-risk cases (N07M0001) and the
children's services safeguarding hub when children were present (LBL-MASH).
Unacknowledged alerts escalate at their deadline (manager, then duty inbox).
EOF
  step partner-inbox inbox list --recipient=N07M0001
  step partner-inbox inbox list --recipient=LBL-MASH

  cat <<'EOF'

=== The match review queue ===
Matches the broker would not make alone (thin evidence, twins, an identifier
that contradicts the name and date of birth) wait here for a match reviewer,
who sees the notification's person beside each candidate (docs/matching.md).
EOF
  step match-reviewer review list

  print_try_commands
  echo
  if ((failed_steps > 0)); then
    warn "$failed_steps demo step(s) failed; see above and $BROKER_LOG"
  fi
  log "broker running on 127.0.0.1:$broker_port (pid $broker_pid). Following $BROKER_LOG; Ctrl-C stops it."
  tail -n 0 -f --pid="$broker_pid" "$BROKER_LOG" &
  tail_pid=$!

  local status=0 pid="$broker_pid"
  wait "$pid" || status=$?
  # Reached when the broker exits by itself. Ctrl-C normally goes to
  # on_interrupt, but the broker shares the terminal's process group and may
  # get the interrupt first: a clean exit (0) is a normal stop.
  broker_pid=""
  rm -f "$PID_FILE"
  if ((status == 0)); then
    log "broker stopped (exit status 0)"
    exit 0
  fi
  show_broker_log
  die "the broker exited unexpectedly ($(describe_status "$status"))"
}

# --------------------------------------------------------------- match-bench --

cmd_match_bench() {
  cmd_build
  require_binary "$MATCH_BENCH" "match benchmark (liaison-match-bench)"
  log "match-bench: running $MATCH_BENCH $*"
  local rc=0
  "$MATCH_BENCH" "$@" || rc=$?
  ((rc == 0)) || printf 'local.sh: liaison-match-bench failed (exit status %d)\n' "$rc" >&2
  exit "$rc"
}

# --------------------------------------------------------------------- clean --

cmd_clean() {
  local pid
  pid="$(running_broker_pid)"
  [[ -z "$pid" ]] || die "the broker is still running (pid $pid); stop it first: kill $pid"
  log "removing $LOCAL_DIR/ and $BUILD_DIR/"
  rm -rf "$LOCAL_DIR" "$BUILD_DIR" build-fuzz
}

# ---------------------------------------------------------------------- main --

main() {
  if (($# == 0)); then
    usage >&2
    exit 2
  fi
  local command="$1"
  shift
  case "$command" in
    test) cmd_test "$@" ;;
    match-bench) cmd_match_bench "$@" ;;
    bench)
      cmd_deps
      exec bash deploy/bench.sh "$@"
      ;;
    fuzz)
      PACKAGES_EXTRA=(clang libclang-rt-14-dev)
      cmd_deps
      exec bash deploy/fuzz.sh "$@"
      ;;
    fault-test)
      cmd_deps
      exec bash deploy/fault_test.sh "$@"
      ;;
    deps | build | run | clean)
      (($# == 0)) || die "'$command' takes no arguments (got: $*)"
      "cmd_$command"
      ;;
    help | -h | --help) usage ;;
    *)
      printf 'local.sh: error: unknown command: %s\n\n' "$command" >&2
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
