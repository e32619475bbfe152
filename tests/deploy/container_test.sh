#!/usr/bin/env bash
# The Dockerfile's steps, run directly: build-steps.sh assemble-runtime
# puts the binaries into a fresh root; check-runtime-libs finds every shared
# library they load in a RUNTIME_PACKAGES package (dpkg -S), and no -dev
# package is among them; the assembled binaries start (--version, --help)
# as an unprivileged user, as in the image.
# Usage: container_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
steps="$src/deploy/container/build-steps.sh"
command -v dpkg >/dev/null || { echo "SKIP: not Debian (no dpkg)"; exit 77; }
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

bash "$steps" assemble-runtime "$build" "$root"
count="$(find "$root/usr/local/bin" -type f -perm -u+x | wc -l)"
((count == 7)) || fail "assembled $count binaries, expected 7"

libs="$(bash "$steps" check-runtime-libs "$root")" || fail "check-runtime-libs"
echo "$libs" | awk '{print $2}' | sort -u | tr '\n' ' ' | sed 's/^/ok: runtime libraries come from: /'; echo
grep -q ' libgrpc++1.51$' <<<"$libs" || fail "liaison-broker should load libgrpc++ (the check saw: $libs)"
if bash "$steps" list-runtime-packages | grep -- '-dev$'; then fail "a -dev package in RUNTIME_PACKAGES"; fi

# A library whose package the list lacks is reported: drop libssl3 from a
# copy of the script and check one binary that loads libssl.
sed -E 's/ libssl3( |$)/\1/' "$steps" > "$root/steps-without-ssl.sh"
cmp -s "$steps" "$root/steps-without-ssl.sh" && fail "could not drop libssl3 from the list"
mkdir -p "$root/one/usr/local/bin"
cp "$root/usr/local/bin/liaison-health-probe" "$root/one/usr/local/bin/"
if out="$(bash "$root/steps-without-ssl.sh" check-runtime-libs "$root/one" 2>&1)"; then
  fail "check-runtime-libs accepted libssl without libssl3 in RUNTIME_PACKAGES"
fi
grep -q "libssl.so.3 .*libssl3, which RUNTIME_PACKAGES lacks" <<<"$out" || fail "unexpected report: $out"
echo "ok: a missing runtime package is reported"

# Start each binary as the image does: not root.
run_as=()
if (($(id -u) == 0)); then
  chmod -R a+rX "$root"
  run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
for binary in "$root"/usr/local/bin/*; do
  name="$(basename "$binary")"
  out="$("${run_as[@]}" "$binary" --version)" || fail "$name --version exited $?"
  grep -q "^$name [0-9]" <<<"$out" || fail "$name --version printed: $out"
  # absl's --help exits 1 after printing; a crash or a missing library is >1.
  code=0
  help="$("${run_as[@]}" "$binary" --help 2>&1)" || code=$?
  ((code <= 1)) || fail "$name --help exited $code: $help"
  grep -q -- '--[a-z]' <<<"$help" || fail "$name --help listed no flags: $help"
done
echo "ok: 7 assembled binaries answer --version and --help as an unprivileged user"
