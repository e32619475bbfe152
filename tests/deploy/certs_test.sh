#!/usr/bin/env bash
# Tests deploy/certs.sh: the PKI it makes (checked with openssl), file modes,
# idempotence, adding a name, repair of a broken pair, and --force.
# Usage: certs_test.sh REPO_ROOT. Exits 0 if every check passes, 1 if any
# fails, 77 (ctest skip) without openssl.
set -euo pipefail

repo="${1:?usage: certs_test.sh REPO_ROOT}"
certs_sh="$repo/deploy/certs.sh"
[[ -f "$certs_sh" ]] || { echo "FAIL: $certs_sh not found" >&2; exit 1; }
command -v openssl >/dev/null || { echo "SKIP: openssl not installed"; exit 77; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pki="$tmp/pki"
readonly DEFAULT_NAMES=(police-adapter social-care-adapter prison-adapter
  probation-registry om-inbox partner-inbox auditor match-reviewer policy-admin
  prison-security prison-registry)

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# expect DESCRIPTION CMD...: the command must succeed.
expect() {
  local what="$1"
  shift
  if "$@" >"$tmp/out" 2>&1; then
    echo "ok: $what"
  else
    fail "$what"
    sed 's/^/    /' "$tmp/out" >&2
  fi
}
# expect_not DESCRIPTION CMD...: the command must fail.
expect_not() {
  local what="$1"
  shift
  if "$@" >"$tmp/out" 2>&1; then
    fail "$what (the command succeeded)"
  else
    echo "ok: $what"
  fi
}

run_certs() { bash "$certs_sh" "$@"; }
mode_of() { stat -c %a "$1"; }
has_mode() { [[ "$(mode_of "$2")" == "$1" ]] || { echo "$2 has mode $(mode_of "$2"), want $1"; return 1; }; }
# text_has FILE TEXT: the certificate's text form contains TEXT.
text_has() { openssl x509 -in "$1" -noout -text | grep -qF -- "$2"; }
cn_is() {
  local cn
  cn="$(openssl x509 -in "$1" -noout -subject -nameopt multiline | sed -n 's/^ *commonName *= //p')"
  [[ "$cn" == "$2" ]] || { echo "CN is '$cn', want '$2'"; return 1; }
}
key_matches() {
  [[ "$(openssl x509 -in "$1" -noout -pubkey)" == "$(openssl pkey -in "$2" -pubout)" ]]
}
is_p256() { openssl pkey -in "$1" -noout -text | grep -qE 'NIST CURVE: P-256|prime256v1'; }
verifies() { openssl verify -CAfile "$1" "${@:3}" "$2"; }

# checksums DIR: "file sha256" lines for every file, sorted.
checksums() { (cd "$1" && sha256sum -- *.pem *.key | sort -k2); }
sum_of() { sha256sum <"$1" | cut -d' ' -f1; }

# ------------------------------------------------------------ argument errors --
expect_not "no arguments is an error" run_certs
grep -q 'Usage:' "$tmp/out" || fail "no arguments: no usage text"
expect_not "an unknown option is an error" run_certs --bogus "$tmp/x"
expect_not "NAME 'ca' is refused" run_certs "$tmp/x" ca
expect_not "a NAME with a slash is refused" run_certs "$tmp/x" ../evil
expect "--help succeeds" run_certs --help
grep -q 'Usage:' "$tmp/out" || fail "--help: no usage text"

# ---------------------------------------------------------------- first run --
expect "first run creates the PKI" env LIAISON_SERVER_SANS="broker.test, 10.9.8.7" \
  bash "$certs_sh" "$pki"
expect "DIR is mode 700" has_mode 700 "$pki"

expect "ca.pem is a CA" text_has "$pki/ca.pem" "CA:TRUE"
expect "ca.pem may sign certificates and CRLs" text_has "$pki/ca.pem" "Certificate Sign, CRL Sign"
expect "ca.pem is self-signed and valid" verifies "$pki/ca.pem" "$pki/ca.pem"
expect "ca.key is EC P-256" is_p256 "$pki/ca.key"
expect "ca.key is mode 600" has_mode 600 "$pki/ca.key"
expect "ca.key matches ca.pem" key_matches "$pki/ca.pem" "$pki/ca.key"

expect "server.pem verifies against ca.pem" verifies "$pki/ca.pem" "$pki/server.pem"
expect "server.pem verifies for TLS server use" verifies "$pki/ca.pem" "$pki/server.pem" -purpose sslserver
expect "server.pem has EKU serverAuth" text_has "$pki/server.pem" "TLS Web Server Authentication"
expect "server.pem has CN=liaison-broker" cn_is "$pki/server.pem" liaison-broker
for san in "DNS:localhost" "IP Address:127.0.0.1" "DNS:broker.test" "IP Address:10.9.8.7"; do
  expect "server.pem has SAN $san" text_has "$pki/server.pem" "$san"
done
expect "server.key is EC P-256" is_p256 "$pki/server.key"
expect "server.key is mode 600" has_mode 600 "$pki/server.key"
expect "server.key matches server.pem" key_matches "$pki/server.pem" "$pki/server.key"

for name in "${DEFAULT_NAMES[@]}"; do
  expect "$name.pem verifies against ca.pem" verifies "$pki/ca.pem" "$pki/$name.pem"
  expect "$name.pem verifies for TLS client use" verifies "$pki/ca.pem" "$pki/$name.pem" -purpose sslclient
  expect "$name.pem has SAN URI:spiffe://liaison.dev/$name" \
    text_has "$pki/$name.pem" "URI:spiffe://liaison.dev/$name"
  expect "$name.pem has EKU clientAuth" text_has "$pki/$name.pem" "TLS Web Client Authentication"
  expect "$name.pem has CN=$name" cn_is "$pki/$name.pem" "$name"
  expect "$name.key is EC P-256" is_p256 "$pki/$name.key"
  expect "$name.key is mode 600" has_mode 600 "$pki/$name.key"
  expect "$name.key matches $name.pem" key_matches "$pki/$name.pem" "$pki/$name.key"
done

# The checks above can tell a bad certificate from a good one.
expect "a second, independent PKI is created" run_certs "$tmp/other" auditor
expect_not "a certificate from another CA does not verify" \
  verifies "$pki/ca.pem" "$tmp/other/auditor.pem"
expect_not "a client certificate is not accepted for TLS server use" \
  verifies "$pki/ca.pem" "$pki/auditor.pem" -purpose sslserver
expect_not "the server certificate is not accepted for TLS client use" \
  verifies "$pki/ca.pem" "$pki/server.pem" -purpose sslclient
expect_not "another principal's key does not match" key_matches "$pki/auditor.pem" "$pki/om-inbox.key"

# ---------------------------------------------------------- idempotent rerun --
checksums "$pki" >"$tmp/sums.1"
expect "second run (no --force) succeeds" run_certs "$pki"
checksums "$pki" >"$tmp/sums.2"
if cmp -s "$tmp/sums.1" "$tmp/sums.2"; then
  echo "ok: second run changed no files"
else
  fail "second run changed files:"
  diff "$tmp/sums.1" "$tmp/sums.2" >&2 || true
fi

# ------------------------------------------------------------ adding a name --
expect "adding a NAME succeeds" run_certs "$pki" newcomer
expect "newcomer.pem verifies against ca.pem" verifies "$pki/ca.pem" "$pki/newcomer.pem" -purpose sslclient
expect "newcomer.pem has its SPIFFE URI" text_has "$pki/newcomer.pem" "URI:spiffe://liaison.dev/newcomer"
expect "newcomer.key is mode 600" has_mode 600 "$pki/newcomer.key"
checksums "$pki" | grep -v ' newcomer\.' >"$tmp/sums.3"
if cmp -s "$tmp/sums.1" "$tmp/sums.3"; then
  echo "ok: adding a NAME changed no existing files"
else
  fail "adding a NAME changed existing files:"
  diff "$tmp/sums.1" "$tmp/sums.3" >&2 || true
fi

# ------------------------------------------------------ repairing a broken pair --
auditor_before="$(sum_of "$pki/auditor.pem")"
police_before="$(sum_of "$pki/police-adapter.pem")"
rm "$pki/auditor.key"
expect "a run after deleting auditor.key succeeds" run_certs "$pki"
[[ -f "$pki/auditor.key" ]] || fail "auditor.key was not recreated"
[[ "$(sum_of "$pki/auditor.pem")" != "$auditor_before" ]] || fail "auditor.pem was not reissued"
expect "the reissued auditor key matches its certificate" key_matches "$pki/auditor.pem" "$pki/auditor.key"
[[ "$(sum_of "$pki/police-adapter.pem")" == "$police_before" ]] ||
  fail "repairing auditor changed police-adapter.pem"

# ----------------------------------------------------------------- --force --
checksums "$pki" >"$tmp/sums.4"
expect "--force succeeds" run_certs --force "$pki"
checksums "$pki" >"$tmp/sums.5"
for base in ca server "${DEFAULT_NAMES[@]}"; do
  for ext in pem key; do
    before="$(grep " $base\.$ext\$" "$tmp/sums.4" | cut -d' ' -f1)"
    after="$(grep " $base\.$ext\$" "$tmp/sums.5" | cut -d' ' -f1)"
    [[ -n "$after" && "$before" != "$after" ]] || fail "--force did not regenerate $base.$ext"
  done
done
for name in server "${DEFAULT_NAMES[@]}"; do
  expect "after --force, $name.pem verifies against the new ca.pem" verifies "$pki/ca.pem" "$pki/$name.pem"
  expect "after --force, $name.key is mode 600" has_mode 600 "$pki/$name.key"
done
expect_not "after --force, the old CA's newcomer.pem no longer verifies" \
  verifies "$pki/ca.pem" "$pki/newcomer.pem"

# ------------------------------------------------------------------ revoke --
# crl_lists CRL CERT: the CRL file lists CERT's serial.
crl_lists() {
  local serial
  serial="$(openssl x509 -in "$2" -noout -serial | cut -d= -f2)"
  openssl crl -in "$1" -noout -text | tr -d ' ' | grep -qx "SerialNumber:$serial"
}
expect "ca-bundle.pem holds ca.pem" cmp "$pki/ca-bundle.pem" "$pki/ca.pem"
expect_not "revoke without a NAME is an error" run_certs revoke "$pki"
expect_not "revoking an unknown NAME is an error" run_certs revoke "$pki" nobody
expect "revoke auditor succeeds" run_certs revoke "$pki" auditor
grep -q "serial=" "$tmp/out" || fail "revoke: no serial printed"
grep -q "sha256 Fingerprint=" "$tmp/out" || fail "revoke: no fingerprint printed"
expect "crl.pem is signed by ca.pem" openssl crl -in "$pki/crl.pem" -noout -CAfile "$pki/ca.pem"
expect "crl.pem lists auditor" crl_lists "$pki/crl.pem" "$pki/auditor.pem"
expect_not "crl.pem does not list om-inbox" crl_lists "$pki/crl.pem" "$pki/om-inbox.pem"
expect_not "auditor.pem fails verification with the CRL" \
  openssl verify -crl_check -CAfile "$pki/ca.pem" -CRLfile "$pki/crl.pem" "$pki/auditor.pem"
expect "om-inbox.pem passes verification with the CRL" \
  openssl verify -crl_check -CAfile "$pki/ca.pem" -CRLfile "$pki/crl.pem" "$pki/om-inbox.pem"
expect "revoking auditor again succeeds" run_certs revoke "$pki" auditor
expect "crl.pem still lists auditor" crl_lists "$pki/crl.pem" "$pki/auditor.pem"

# ------------------------------------------------------------------ rotate --
old_ca="$(sum_of "$pki/ca.pem")"
cp "$pki/om-inbox.pem" "$tmp/old-om-inbox.pem"
expect "rotate succeeds" run_certs rotate "$pki" om-inbox
[[ "$(sum_of "$pki/ca-previous.pem")" == "$old_ca" ]] || fail "rotate: ca-previous.pem is not the old CA"
[[ "$(sum_of "$pki/ca.pem")" != "$old_ca" ]] || fail "rotate: ca.pem was not replaced"
expect "after rotate, ca-bundle.pem trusts the old CA's certificates" \
  verifies "$pki/ca-bundle.pem" "$tmp/old-om-inbox.pem"
expect "after rotate, om-inbox.pem is issued by the new CA" verifies "$pki/ca.pem" "$pki/om-inbox.pem"
expect "after rotate, server.pem is issued by the new CA" verifies "$pki/ca.pem" "$pki/server.pem" -purpose sslserver
expect_not "after rotate, the old om-inbox.pem does not verify against the new CA alone" \
  verifies "$pki/ca.pem" "$tmp/old-om-inbox.pem"
expect "after rotate, crl.pem keeps the old CA's revocations" crl_lists "$pki/crl.pem" "$pki/auditor.pem"
expect "revoking a certificate of the new CA succeeds" run_certs revoke "$pki" om-inbox
expect "crl.pem lists the new CA's revocation" crl_lists "$pki/crl.pem" "$pki/om-inbox.pem"
[[ "$(grep -c 'BEGIN X509 CRL' "$pki/crl.pem")" == 2 ]] || fail "crl.pem does not hold one CRL per CA"
rm "$pki/ca-previous.pem" "$pki/ca-previous.key"
expect "finishing the rotation succeeds" run_certs "$pki" om-inbox
expect "after finishing, ca-bundle.pem is ca.pem alone" cmp "$pki/ca-bundle.pem" "$pki/ca.pem"

if ((failures > 0)); then
  echo "certs_test: $failures check(s) failed" >&2
  exit 1
fi
echo "certs_test: all checks passed"
