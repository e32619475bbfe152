#!/usr/bin/env bash
# deploy/systemd: `systemd-analyze verify` accepts the broker unit and the
# adapter template (no warning either), after pointing ExecStart at the
# built binaries; the unit keeps its hardening; and the check itself catches
# a broken unit. Usage: systemd_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
src="$1"
bin="$2"
command -v systemd-analyze >/dev/null || { echo "SKIP: no systemd-analyze (apt-get install systemd)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# The units name /usr/local/bin; verify needs the executables to exist.
mkdir "$work/bin"
for name in liaison-broker liaison-police-adapter liaison-social-care-adapter liaison-prison-adapter \
            liaison-probation-adapter; do
  path="$(find "$bin" -type f -name "$name" -perm -u+x | head -n1)"
  [[ -n "$path" ]] || fail "no built $name under $bin"
  ln -s "$path" "$work/bin/$name"
done
localize() { sed "s|/usr/local/bin/|$work/bin/|g" "$1" > "$2"; }
localize "$src/deploy/systemd/liaison-broker.service" "$work/liaison-broker.service"
for instance in police social-care prison probation; do
  localize "$src/deploy/systemd/liaison-adapter@.service" "$work/liaison-adapter@$instance.service"
done

verify() {  # prints systemd-analyze's complaints; fails on any
  local out
  out="$(cd "$work" && systemd-analyze verify --man=no "$@" 2>&1)" || { echo "$out"; return 1; }
  [[ -z "$out" ]] || { echo "$out"; return 1; }
}
verify ./liaison-broker.service ./liaison-adapter@{police,social-care,prison,probation}.service ||
  fail "systemd-analyze verify complained (above)"
echo "ok: systemd-analyze verify: liaison-broker.service and 4 adapter instances"

# The hardening the runbook promises.
unit="$src/deploy/systemd/liaison-broker.service"
for line in 'Type=notify' 'DynamicUser=yes' 'ProtectSystem=strict' 'NoNewPrivileges=yes' 'PrivateTmp=yes' \
            'CapabilityBoundingSet=' 'ProtectHome=yes' 'StateDirectory=liaison-broker' 'Restart=on-failure' \
            'SystemCallFilter=@system-service' 'EnvironmentFile=/etc/liaison/liaison-broker.env'; do
  grep -qx "$line" "$unit" || fail "liaison-broker.service lacks '$line'"
done
grep -q '^RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX$' "$unit" || fail "RestrictAddressFamilies"
# Every ${VAR} the unit uses is set in the example environment file.
for var in $(grep -o '\${[A-Z_]*}' "$unit" | tr -d '${}' | sort -u); do
  grep -q "^$var=" "$src/deploy/systemd/liaison-broker.env" || fail "liaison-broker.env does not set $var"
done
for var in $(grep -o '\${\?LIAISON_[A-Z_]*}\?' "$src/deploy/systemd/liaison-adapter@.service" | tr -d '${}' | sort -u); do
  grep -q "^$var=" "$src/deploy/systemd/liaison-adapter.env" || fail "liaison-adapter.env does not set $var"
done
echo "ok: hardening and environment files"

# The validator is not a rubber stamp: a misspelt key and a missing binary fail.
sed 's/^ProtectSystem=strict$/ProtectSytem=strict/' "$work/liaison-broker.service" > "$work/typo.service"
verify ./typo.service >/dev/null && fail "verify accepted a misspelt key"
sed "s|$work/bin/liaison-broker|$work/bin/absent|" "$work/liaison-broker.service" > "$work/absent.service"
verify ./absent.service >/dev/null && fail "verify accepted a missing binary"
echo "ok: a broken unit is refused"
