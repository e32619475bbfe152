#!/usr/bin/env bash
# liaison-broker on a data directory it cannot write exits 1 with a message
# naming --data-dir and the reason, before RocksDB is opened. As root the
# broker runs as nobody (root ignores permissions).
# Usage: readonly_data_dir_test.sh BROKER SOURCE_DIR
set -euo pipefail
broker="$1"
src="$2"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
mkdir "$work/data"
chmod 0555 "$work/data"
chmod 0755 "$work"
config="$src/deploy/demo/broker.textproto"
run_as=()
if (($(id -u) == 0)); then
  command -v setpriv >/dev/null || { echo "SKIP: root without setpriv"; exit 77; }
  run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # nobody must reach the binary and the config: the checkout may sit under
  # a directory only root can enter (CI clones into a mktemp -d directory),
  # so run copies from the world-readable work directory.
  install -m 0755 "$broker" "$work/liaison-broker"
  install -m 0644 "$config" "$work/broker.textproto"
  broker="$work/liaison-broker"
  config="$work/broker.textproto"
fi
set +e
out="$("${run_as[@]}" "$broker" --data-dir="$work/data" --config="$config" \
  --insecure-dev --listen=127.0.0.1:0 2>&1)"
code=$?
set -e
((code == 1)) || { echo "FAIL: exit $code, expected 1: $out"; exit 1; }
grep -q -- "--data-dir: $work/data: cannot write: permission denied" <<<"$out" ||
  { echo "FAIL: unclear message: $out"; exit 1; }
[[ -z "$(ls -A "$work/data")" ]] || { echo "FAIL: the broker wrote into the read-only directory"; exit 1; }
echo "ok: $out"
