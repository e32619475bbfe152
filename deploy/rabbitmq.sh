#!/usr/bin/env bash
# Runs Debian's rabbitmq-server as a throwaway node for the RabbitMQ baseline
# of the benchmarks (issue 7). Everything the node writes lives in DIR; it
# listens on 127.0.0.1 only, on ports picked free at start, with its own node
# name, Erlang cookie and epmd, so a system RabbitMQ (and its epmd on 4369) is
# left alone. Works from any directory.
#
#   deploy/rabbitmq.sh deps          install rabbitmq-server and librabbitmq-dev
#   deploy/rabbitmq.sh start DIR     start a node in DIR, wait until it serves
#   deploy/rabbitmq.sh status DIR    print DIR/server.env if the node runs
#   deploy/rabbitmq.sh stop DIR      stop the node and its epmd
#   deploy/rabbitmq.sh bench DIR [ARGS...]
#                                    run liaison-rabbitmq-bench against the
#                                    node in DIR (adds --port, --server_pid)
#
# 'start' writes DIR/server.env, a shell fragment to source:
#   RABBITMQ_BENCH_PORT  the AMQP port on 127.0.0.1 (user guest, password guest)
#   RABBITMQ_BENCH_PID   the Erlang VM's pid (read CPU and RSS from /proc)
#   RABBITMQ_BENCH_NODE  the node name
set -euo pipefail

readonly RABBIT_BIN="/usr/lib/rabbitmq/bin"
readonly READY_TIMEOUT="${RABBITMQ_BENCH_READY_TIMEOUT:-90}"
readonly STOP_TIMEOUT="${RABBITMQ_BENCH_STOP_TIMEOUT:-60}"

log() { printf '==> rabbitmq: %s\n' "$*" >&2; }
die() {
  printf 'rabbitmq.sh: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

cmd_deps() {
  local missing=() pkg
  for pkg in rabbitmq-server librabbitmq-dev; do
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)" == ii* ]] || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  # The package's postinst starts the system service where the init system
  # allows it; the benchmark never uses that service.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# A TCP port nothing listens on (nor will at once: ports are taken at random
# from a range the kernel does not hand out for outgoing connections).
free_port() {
  local port tries
  for ((tries = 0; tries < 100; tries++)); do
    port=$((20000 + RANDOM % 12000))
    if ! ss -Hltn "sport = :$port" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# The environment every rabbitmq command of this node runs with. Nothing is
# read from /etc/rabbitmq or /var/lib/rabbitmq.
node_env() {
  local dir="$1"
  # shellcheck disable=SC1091
  source "$dir/ports.env"
  export HOME="$dir"  # the Erlang cookie: $dir/.erlang.cookie
  export RABBITMQ_NODENAME="liaison-bench@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT="$EPMD_PORT"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  # Erlang distribution (how rabbitmqctl talks to the node) on loopback too.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

ctl() { "$RABBIT_BIN/rabbitmqctl" -n "$RABBITMQ_NODENAME" "$@"; }

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

server_pid() { cat "$1/rabbitmq.pid" 2>/dev/null || true; }

write_config() {
  local dir="$1"
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/ports.env" <<EOF
AMQP_PORT=$(free_port)
DIST_PORT=$(free_port)
EPMD_PORT=$(free_port)
EOF
  : >"$dir/rabbitmq-env.conf"
  echo '[].' >"$dir/enabled_plugins"  # no management plugin: the bench needs none
  echo '[].' >"$dir/advanced.config"
  # Defaults otherwise (quorum queue WAL fsyncs before confirming): see
  # docs/performance-rabbitmq.md. guest may log in from loopback only.
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$(. "$dir/ports.env" && echo "$AMQP_PORT")
log.file.level = warning
log.console = false
EOF
  if [[ ! -f "$dir/.erlang.cookie" ]]; then
    (umask 077 && head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/.erlang.cookie")
  fi
  chmod 400 "$dir/.erlang.cookie"
}

cmd_start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  alive "$(server_pid "$dir")" && die "a node already runs in $dir (pid $(server_pid "$dir")); stop it first"
  [[ -x "$RABBIT_BIN/rabbitmq-server" ]] || die "rabbitmq-server is not installed: deploy/rabbitmq.sh deps"
  rm -f "$dir/rabbitmq.pid" "$dir/server.env"
  write_config "$dir"
  node_env "$dir"
  # Our own epmd on loopback, so the node registers nowhere else.
  epmd -address 127.0.0.1 -port "$EPMD_PORT" >"$dir/log/epmd.log" 2>&1 &
  echo $! >"$dir/epmd.pid"
  setsid "$RABBIT_BIN/rabbitmq-server" >"$dir/log/server.out" 2>&1 </dev/null &
  echo $! >"$dir/wrapper.pid"
  log "starting node $RABBITMQ_NODENAME on 127.0.0.1:$AMQP_PORT in $dir"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until ctl await_startup --timeout 5 >/dev/null 2>&1; do
    if ! alive "$(cat "$dir/wrapper.pid")"; then
      tail -n 20 "$dir/log/server.out" >&2 || true
      cmd_stop "$dir"
      die "the node exited while starting (log: $dir/log/)"
    fi
    if ((SECONDS >= deadline)); then
      cmd_stop "$dir"
      die "the node did not start within ${READY_TIMEOUT}s (log: $dir/log/)"
    fi
  done
  "$RABBIT_BIN/rabbitmq-diagnostics" -n "$RABBITMQ_NODENAME" -q check_port_connectivity >/dev/null ||
    { cmd_stop "$dir"; die "the node runs but its AMQP port does not answer"; }
  local pid
  pid="$(server_pid "$dir")"
  alive "$pid" || { cmd_stop "$dir"; die "no pid file from the node"; }
  cat >"$dir/server.env" <<EOF
RABBITMQ_BENCH_PORT=$AMQP_PORT
RABBITMQ_BENCH_PID=$pid
RABBITMQ_BENCH_NODE=$RABBITMQ_NODENAME
EOF
  log "ready: pid $pid, port $AMQP_PORT, $("$RABBIT_BIN/rabbitmqctl" version 2>/dev/null || echo '?')"
  cat "$dir/server.env"
}

cmd_status() {
  local dir="$1"
  [[ -f "$dir/ports.env" ]] || die "no node was started in $dir"
  node_env "$dir"
  if alive "$(server_pid "$dir")" && ctl status >/dev/null 2>&1; then
    cat "$dir/server.env"
  else
    echo "not running" >&2
    return 1
  fi
}

# Waits up to $2 seconds for pid $1 to exit; 0 if it did.
wait_exit() {
  local pid="$1" deadline=$((SECONDS + $2))
  while alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

cmd_stop() {
  local dir="$1" pid wrapper epmd_pid
  [[ -f "$dir/ports.env" ]] || { log "nothing to stop in $dir"; return 0; }
  node_env "$dir"
  pid="$(server_pid "$dir")"
  wrapper="$(cat "$dir/wrapper.pid" 2>/dev/null || true)"
  if alive "$pid"; then
    log "stopping node (pid $pid)"
    ctl stop >/dev/null 2>&1 || true
    if ! wait_exit "$pid" "$STOP_TIMEOUT"; then
      log "node still running after ${STOP_TIMEOUT}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if alive "$wrapper"; then
    kill -TERM "$wrapper" 2>/dev/null || true
    wait_exit "$wrapper" 10 || kill -KILL "$wrapper" 2>/dev/null || true
  fi
  epmd_pid="$(cat "$dir/epmd.pid" 2>/dev/null || true)"
  if alive "$epmd_pid"; then
    kill -TERM "$epmd_pid" 2>/dev/null || true
    wait_exit "$epmd_pid" 5 || kill -KILL "$epmd_pid" 2>/dev/null || true
  fi
  rm -f "$dir/server.env" "$dir/rabbitmq.pid" "$dir/wrapper.pid" "$dir/epmd.pid"
  log "stopped"
}

cmd_bench() {
  local dir="$1"
  shift
  local root bench
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bench="$root/${LIAISON_BUILD_DIR:-build}/tests/load/rabbitmq/liaison-rabbitmq-bench"
  [[ -x "$bench" ]] || die "$bench is not built (needs librabbitmq-dev: deploy/rabbitmq.sh deps, then reconfigure)"
  [[ -f "$dir/server.env" ]] || die "no node runs in $dir: deploy/rabbitmq.sh start $dir"
  local RABBITMQ_BENCH_PORT RABBITMQ_BENCH_PID
  # shellcheck disable=SC1091
  source "$dir/server.env"
  "$bench" --port="$RABBITMQ_BENCH_PORT" --server_pid="$RABBITMQ_BENCH_PID" "$@"
}

main() {
  local command="${1:-}"
  case "$command" in
    deps) cmd_deps ;;
    start | stop | status)
      (($# == 2)) || die "usage: deploy/rabbitmq.sh $command DIR"
      "cmd_$command" "$2"
      ;;
    bench)
      (($# >= 2)) || die "usage: deploy/rabbitmq.sh bench DIR [ARGS...]"
      shift
      cmd_bench "$@"
      ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
