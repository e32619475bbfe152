#!/usr/bin/env bash
# Creates the Ed25519 key pair that signs the audit log's checkpoints, for
# local runs and tests only (docs/audit.md). A real deployment makes its own
# key, keeps the private half on the broker host (mode 0600) and gives the
# public half to its auditors.
#
# Idempotent: an existing private key (mode 0600, an Ed25519 key) is kept and
# its public key re-derived.
set -euo pipefail

usage() {
  cat <<EOF2
Usage: $(basename "$0") DIR

Creates in DIR (created mode 0700):
  DIR/audit-signing.key   the Ed25519 private key (PEM, mode 0600), for the
                          broker's --audit-signing-key or audit.signing_key_file
  DIR/audit-signing.pub   its public key (PEM), for liaisonctl audit
                          verify|prove|consistency --public-key
EOF2
}

die() {
  echo "audit-key.sh: error: $*" >&2
  exit 1
}

case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  "")
    usage >&2
    exit 2
    ;;
esac
(($# == 1)) || die "expected one directory, got $#"

dir="$1"
key="$dir/audit-signing.key"
pub="$dir/audit-signing.pub"
mkdir -p "$dir"
chmod 700 "$dir"

if [[ -f "$key" ]] && openssl pkey -in "$key" -noout -text 2>/dev/null | grep -q '^ED25519 Private-Key'; then
  chmod 600 "$key"
else
  rm -f "$key"
  (umask 077 && openssl genpkey -algorithm ed25519 -out "$key")
fi
openssl pkey -in "$key" -pubout -out "$pub"
chmod 644 "$pub"
echo "audit signing key: $key (public key: $pub)"
