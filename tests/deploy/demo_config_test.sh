#!/usr/bin/env bash
# Tests that deploy/demo/broker.textproto parses as a
# liaison.config.v1.BrokerConfig and grants every development certificate
# from deploy/certs.sh the role the demo needs.
# Usage: demo_config_test.sh PROTOC REPO_ROOT
set -euo pipefail

protoc="${1:?usage: demo_config_test.sh PROTOC REPO_ROOT}"
repo="${2:?usage: demo_config_test.sh PROTOC REPO_ROOT}"
config="$repo/deploy/demo/broker.textproto"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Encoding checks the text against the schema; decoding gives a normalised
# form without comments to grep.
if ! "$protoc" -I "$repo/proto" --encode=liaison.config.v1.BrokerConfig \
  liaison/config/v1/config.proto <"$config" >"$tmp/config.bin" 2>"$tmp/err"; then
  echo "FAIL: $config does not parse:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
"$protoc" -I "$repo/proto" --decode=liaison.config.v1.BrokerConfig \
  liaison/config/v1/config.proto <"$tmp/config.bin" >"$tmp/config.txt"
echo "ok: $config parses"

# principal_block ID: the decoded principals { ... } block with that id.
principal_block() {
  awk -v id="  id: \"$1\"" '
    /^principals \{/ { block = ""; inside = 1 }
    inside { block = block $0 "\n" }
    inside && $0 == id { found = 1 }
    /^\}/ && inside { if (found) { printf "%s", block; exit } inside = 0 }
  ' "$tmp/config.txt"
}

# expect_principal NAME ROLE [LINE...]: spiffe://liaison.dev/NAME has ROLE
# and every LINE (as decoded) in its block.
expect_principal() {
  local name="$1" role="$2" block line
  shift 2
  block="$(principal_block "spiffe://liaison.dev/$name")"
  if [[ -z "$block" ]]; then
    fail "no principal spiffe://liaison.dev/$name"
    return
  fi
  grep -qxF "  role: $role" <<<"$block" || fail "$name: role is not $role"
  for line in "$@"; do
    grep -qxF "$line" <<<"$block" || fail "$name: missing '$line'"
  done
  echo "ok: principal $name"
}

expect_principal police-adapter ROLE_AGENCY_ADAPTER "    agency_kind: AGENCY_KIND_POLICE" \
  '    organisation_code: "MPS"' '    system: "command-and-control"'
expect_principal social-care-adapter ROLE_AGENCY_ADAPTER "    agency_kind: AGENCY_KIND_SOCIAL_CARE" \
  '    organisation_code: "LA-E09000033"' '    system: "childrens-case-management"'
expect_principal prison-adapter ROLE_AGENCY_ADAPTER "    agency_kind: AGENCY_KIND_PRISON" \
  '    organisation_code: "HMPPS"' '    system: "mail-monitoring"'
expect_principal probation-registry ROLE_REGISTRY_ADMIN
expect_principal om-inbox ROLE_INBOX '  recipient_ids: "N07P1001"' '  recipient_ids: "N07P1002"' \
  '  recipient_ids: "N07P1003"' '  recipient_ids: "N07P1004"'
expect_principal auditor ROLE_AUDITOR
expect_principal match-reviewer ROLE_MATCH_REVIEWER
expect_principal partner-inbox ROLE_INBOX '  recipient_ids: "N07M0001"' '  recipient_ids: "N07-MAPPA"' \
  '  recipient_ids: "N07-DUTY"' '  recipient_ids: "LBL-MASH"'
expect_principal policy-admin ROLE_POLICY_ADMIN
expect_principal prison-security ROLE_PRISON_SECURITY '  establishment: "MDI"'
expect_principal operator ROLE_OPERATOR

count="$(grep -c '^principals {' "$tmp/config.txt" || true)"
[[ "$count" == 12 ]] || fail "want 12 principals, found $count"
grep -qxF '    code: "N07"' "$tmp/config.txt" || fail "directory: no area N07"
grep -qxF '    mappa_coordinator: "N07-MAPPA"' "$tmp/config.txt" || fail "directory: no MAPPA coordinator for N07"
grep -qxF "  ack_deadline_seconds: 300" "$tmp/config.txt" || fail "inbox.ack_deadline_seconds is not 300"
for line in "max_notification_bytes: 65536" "max_batch_items: 500" \
  "max_receive_message_bytes: 4194304" "max_bulk_load_chunk: 1000"; do
  grep -qxF "  $line" "$tmp/config.txt" || fail "limits: missing '$line'"
done

if ((failures > 0)); then
  echo "demo_config_test: $failures check(s) failed" >&2
  exit 1
fi
echo "demo_config_test: all checks passed"
