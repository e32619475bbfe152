#!/usr/bin/env bash
# The liaisonctl binary end to end against ctl_fake_broker: flag parsing,
# exit codes (0 ok, 1 failure, 2 usage), env defaults, Ctrl-C on watch.
# Usage: liaisonctl_cli_test.sh LIAISONCTL CTL_FAKE_BROKER
set -uo pipefail

readonly CTL="$1" FAKE="$2"
work="$(mktemp -d)"
fake_pid=""
cleanup() {
  [[ -n "$fake_pid" ]] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect CODE DESCRIPTION -- liaisonctl ARGS...: runs, keeps out/err in $work.
expect() {
  local want="$1" what="$2"
  shift 3
  "$CTL" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [[ "$got" != "$want" ]]; then
    fail "$what: exit $got, want $want"
    sed 's/^/  stderr: /' "$work/err" >&2
  fi
}
contains() {  # contains FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$work/$1" || fail "$3: $1 lacks '$2'"
}

"$FAKE" >"$work/port" &
fake_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.05; done
port="$(cat "$work/port")"
[[ -n "$port" ]] || { echo "FAIL: fake broker did not start" >&2; exit 1; }
export LIAISON_TARGET="127.0.0.1:$port"
dev=(--insecure-dev --principal=om-inbox)

# Usage errors: exit 2 with a message and the usage text.
expect 2 "no command" -- "${dev[@]}"
contains err "usage: liaisonctl" "no command"
expect 2 "unknown command" -- frobnicate "${dev[@]}"
contains err "error: INVALID_ARGUMENT: unknown command" "unknown command"
expect 2 "bad flag value" -- offenders load x.csv --chunk=lots "${dev[@]}"
contains err "--chunk" "bad flag value"
expect 2 "bad time" -- audit query --since=yesterday "${dev[@]}"
contains err "--since" "bad time"
expect 2 "missing recipient" -- inbox list "${dev[@]}"
expect 2 "foreign flag" -- audit verify --ack "${dev[@]}"
expect 2 "tls without files" -- audit verify
expect 0 "help" -- --help

# Submit: good file, duplicate, malformed file.
printf '{"sourceRef": "INC-1", "policeCallout": {"summary": "x"}}' >"$work/good.json"
printf '{"sourceRef": ' >"$work/bad.json"
expect 0 "submit" -- submit "$work/good.json" "${dev[@]}"
contains out "good.json: N-1 (new)" "submit"
expect 1 "submit with a bad file" -- "${dev[@]}" submit --batch "$work/bad.json" "$work/good.json"
contains out "good.json: N-1 (duplicate)" "batch submit"
contains err "bad.json: invalid notification JSON: " "batch submit"
contains err "error: INVALID_ARGUMENT: 1 of 2 files failed" "batch submit"

# Offenders: a rejected row fails the load.
printf 'crn,rosh_level\nX1,LOW\nX2,EXTREME\n' >"$work/offenders.csv"
expect 1 "load" -- offenders load "$work/offenders.csv" --chunk 1 "${dev[@]}"
contains out "loaded:   1" "load"
contains err "line 3: INVALID_ARGUMENT: column rosh_level" "load"
expect 0 "get" -- offenders get X1 --json "${dev[@]}"
contains out '"crn":"X1"' "get"
expect 1 "get unknown" -- offenders get X9 "${dev[@]}"
contains err "error: NOT_FOUND: no such offender" "get unknown"

# Inbox: list, watch with acks, Ctrl-C.
expect 0 "list" -- inbox list --json --recipient OM001 "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 3 ]] || fail "list: want 3 lines"
expect 0 "watch" -- inbox watch --recipient=OM001 --count=2 --ack --json "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 2 ]] || fail "watch: want 2 lines"
expect 0 "list after acks" -- inbox list --json --recipient OM001 "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 1 ]] || fail "list after acks: want 1 line"
contains out '"alertId":"A3"' "list after acks"

expect 2 "watch with a list flag" -- inbox watch --recipient=OM001 --all "${dev[@]}"
contains err "--all is not a flag of inbox watch" "watch with a list flag"

"$CTL" inbox watch --recipient=OM001 "${dev[@]}" >"$work/watch" 2>&1 &
watch_pid=$!
for _ in $(seq 100); do grep -q "A3" "$work/watch" 2>/dev/null && break; sleep 0.05; done
grep -q "A3" "$work/watch" || fail "watch did not print A3"
kill -INT "$watch_pid"
wait "$watch_pid"
watch_status=$?
[[ "$watch_status" == 0 ]] || fail "watch after Ctrl-C: exit $watch_status, want 0"

# Audit.
expect 0 "audit query" -- audit query --json --limit=2 "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 2 ]] || fail "audit query: want 2 lines"
expect 1 "audit verify" -- audit verify "${dev[@]}"
contains err "error: DATA_LOSS: " "audit verify"

# Review queue (the fake's canned items: N-R1..N-R4 open, N-R5 linked).
expect 0 "review list" -- review list --json "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 4 ]] || fail "review list: want 4 lines"
expect 0 "review list --limit" -- review list --limit=1 "${dev[@]}"
contains out "notification:   N-R1" "review list --limit"
contains err "more items: --state=open --page-token=page-1" "review list --limit"
expect 0 "review list --state=all" -- review list --state=all --json "${dev[@]}"
[[ "$(wc -l <"$work/out")" == 5 ]] || fail "review list --state=all: want 5 lines"
expect 2 "bad review state" -- review list --state=closed "${dev[@]}"
expect 0 "review show" -- review show N-R2 "${dev[@]}"
contains out "CANDIDATE (X1000003)" "review show"
expect 2 "resolve with both outcomes" -- review resolve N-R1 --link=X1000001 --not-linked "${dev[@]}"
contains err "--link and --not-linked exclude each other" "resolve with both outcomes"
expect 2 "resolve without an outcome" -- review resolve N-R1 "${dev[@]}"
expect 0 "resolve" -- review resolve N-R1 --link X1000001 --note "same dob" "${dev[@]}"
contains out "linked crn:     X1000001" "resolve"
expect 1 "resolve again" -- review resolve N-R1 --not-linked "${dev[@]}"
contains err "error: FAILED_PRECONDITION: review item N-R1 is not open" "resolve again"

# Merges.
expect 2 "merge without --into" -- offenders merge X1 "${dev[@]}"
contains err "--into is required" "merge without --into"
expect 1 "merge into an unknown record" -- offenders merge X1 --into=X9 "${dev[@]}"
contains err "error: NOT_FOUND: no such offender" "merge into an unknown record"

# Policy: the online commands against the fake, the offline ones on files
# with no broker flags at all (no certificates, no --insecure-dev).
printf '{"sourceRef": "INC-9", "policeCallout": {"summary": "x"}}' >"$work/explain.json"
expect 0 "policy explain" -- policy explain --notification="$work/explain.json" --person=X123456 "${dev[@]}"
contains out "callout/domestic-abuse (permit): fired" "policy explain"
contains out "recipient:   N07P1001 (OFFENDER_MANAGER)" "policy explain"
expect 2 "policy explain without --person" -- policy explain --notification="$work/explain.json" "${dev[@]}"
contains err "--person is required" "policy explain without --person"
expect 1 "policy explain of a bad file" -- policy explain --notification="$work/bad.json" --person=X1 "${dev[@]}"
contains err "bad.json: invalid notification JSON" "policy explain of a bad file"
expect 0 "policy reload" -- policy reload "${dev[@]}"
contains out "policy reloaded: fake@0123456789abcdef -> fake@fedcba9876543210" "policy reload"
expect 0 "policy show" -- policy show --json "${dev[@]}"
contains out '"version":"fake@0123456789abcdef"' "policy show"
printf 'policy_id: "p"\nrules {\n  id: "r"\n  colour: 1\n}\n' >"$work/broken.textproto"
expect 1 "policy validate" -- policy validate "$work/broken.textproto"
contains err "broken.textproto:4:" "policy validate"
contains err "error: INVALID_ARGUMENT: " "policy validate"
expect 1 "policy test of nothing" -- policy test "$work/no-such-dir"
expect 2 "policy test with a validate flag" -- policy test "$work" --config=x

# Unreachable broker.
expect 1 "unreachable" -- audit verify --target=127.0.0.1:1 --timeout=2s "${dev[@]}"
contains err "error: UNAVAILABLE" "unreachable"

if ((failures)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all liaisonctl CLI checks passed"
