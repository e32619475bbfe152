#!/usr/bin/env bash
# Tests that the deploy scripts parse (bash -n) and that deploy/local.sh
# explains itself: an unknown or missing command exits non-zero with usage
# text, without building or installing anything.
# Usage: local_sh_usage_test.sh REPO_ROOT
set -euo pipefail

repo="${1:?usage: local_sh_usage_test.sh REPO_ROOT}"
local_sh="$repo/deploy/local.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# ------------------------------------------------------------------ syntax --
scripts=("$repo"/deploy/*.sh "$repo/.ci/run" "$repo"/tests/deploy/*.sh)
for script in "${scripts[@]}"; do
  if [[ ! -f "$script" ]]; then
    fail "$script not found"
  elif bash -n "$script" 2>"$tmp/err"; then
    echo "ok: bash -n ${script#"$repo"/}"
  else
    fail "bash -n ${script#"$repo"/}: $(cat "$tmp/err")"
  fi
done
for script in "$repo"/deploy/*.sh "$repo/.ci/run"; do
  [[ -x "$script" ]] || fail "${script#"$repo"/} is not executable"
done

# ------------------------------------------------------------------- usage --
# run_local NAME ARGS...: runs local.sh from an unrelated directory, saving
# its output in $tmp/NAME.out and exit status in $tmp/NAME.rc.
run_local() {
  local name="$1" rc=0
  shift
  (cd "$tmp" && bash "$local_sh" "$@") >"$tmp/$name.out" 2>&1 || rc=$?
  echo "$rc" >"$tmp/$name.rc"
}

run_local unknown no-such-command
if [[ "$(cat "$tmp/unknown.rc")" == 0 ]]; then
  fail "an unknown command exited 0"
else
  echo "ok: an unknown command exits $(cat "$tmp/unknown.rc")"
fi
grep -q 'Usage:' "$tmp/unknown.out" || fail "an unknown command prints no usage"
grep -q 'no-such-command' "$tmp/unknown.out" || fail "an unknown command is not named in the error"

run_local none
[[ "$(cat "$tmp/none.rc")" != 0 ]] || fail "no command exited 0"
grep -q 'Usage:' "$tmp/none.out" || fail "no command prints no usage"

run_local help help
[[ "$(cat "$tmp/help.rc")" == 0 ]] || fail "help exited $(cat "$tmp/help.rc")"
for command in deps build test run clean; do
  grep -qE "^  $command( |$)" "$tmp/help.out" || fail "usage does not list '$command'"
done

run_local extra clean unexpected-argument
[[ "$(cat "$tmp/extra.rc")" != 0 ]] || fail "'clean' with an extra argument exited 0"

if ((failures > 0)); then
  echo "local_sh_usage_test: $failures check(s) failed" >&2
  exit 1
fi
echo "local_sh_usage_test: all checks passed"
