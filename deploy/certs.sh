#!/usr/bin/env bash
# Creates a development PKI for Liaison: a CA, the broker's server certificate
# and one client certificate per principal. For local runs and tests only:
# the CA key sits unencrypted next to the certificates it signed.
#
# Idempotent: a file set that exists and is still valid (verifies against the
# CA, matches its key, is not about to expire, carries the expected names) is
# kept, so re-running only fills in what is missing. --force reissues the CA,
# the server certificate and every named client. `rotate` and `revoke` drive
# the broker's certificate rotation and revocation (docs/security.md).
set -euo pipefail

readonly DEFAULT_NAMES=(police-adapter social-care-adapter prison-adapter
  probation-registry om-inbox partner-inbox auditor match-reviewer policy-admin
  prison-security prison-registry operator)
readonly SPIFFE_DOMAIN="liaison.dev"
readonly CA_DAYS=3650
readonly LEAF_DAYS=825
# A certificate expiring within this many seconds counts as invalid.
readonly RENEW_WITHIN_SECONDS=$((7 * 24 * 3600))

usage() {
  cat <<EOF
Usage: $(basename "$0") [--force] DIR [NAME...]
       $(basename "$0") rotate DIR [NAME...]
       $(basename "$0") revoke DIR NAME...

Creates a development PKI in DIR (EC P-256 keys, created mode 0700/0600):
  DIR/ca.pem, DIR/ca.key          the CA
  DIR/ca-bundle.pem               the CAs to trust: ca.pem, plus
                                  ca-previous.pem during a rotation (give
                                  it to the broker as --tls-client-ca)
  DIR/server.pem, DIR/server.key  the broker (CN=liaison-broker,
                                  SAN DNS:localhost, IP:127.0.0.1)
  DIR/NAME.pem, DIR/NAME.key      a client per NAME (CN=NAME,
                                  SAN URI:spiffe://${SPIFFE_DOMAIN}/NAME)
Default NAMEs: ${DEFAULT_NAMES[*]}

Existing valid files are kept; only missing or invalid ones are (re)created.

rotate: the CA becomes ca-previous.pem/.key, a new CA is made, and the
  server certificate and every NAME (default: every client in DIR) are
  reissued by it; ca-bundle.pem trusts both CAs, so clients not yet
  reissued keep working. Finish a rotation by deleting ca-previous.* and
  running $(basename "$0") DIR again.
revoke: adds each NAME's certificate to its CA's revocation list and writes
  DIR/crl.pem (every CA's CRL; the broker's revocation.crl_file), printing
  the serial and SHA-256 fingerprint (for revocation.serials or
  revocation.sha256_fingerprints).

Options:
  --force     reissue the CA, the server certificate and every NAME
  -h, --help  show this help

Environment:
  LIAISON_SERVER_SANS  extra server names, comma or space separated:
                       DNS:host, IP:addr, or a bare host name or IP address
EOF
}

die() {
  echo "certs.sh: error: $*" >&2
  exit 1
}

die_usage() {
  echo "certs.sh: error: $*" >&2
  echo "Usage: $(basename "$0") [--force] DIR [NAME...]   (--help for details)" >&2
  exit 2
}

# ---------------------------------------------------------------- arguments --

force=0
mode=issue
positional=()
while (($#)); do
  case "$1" in
    --force) force=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) die_usage "unknown option: $1" ;;
    *) positional+=("$1") ;;
  esac
  shift
done
if ((${#positional[@]})) && [[ "${positional[0]}" == rotate || "${positional[0]}" == revoke ]]; then
  mode="${positional[0]}"
  positional=("${positional[@]:1}")
fi
((${#positional[@]} >= 1)) || die_usage "missing DIR"
dir="${positional[0]}"
names=("${positional[@]:1}")
if [[ "$mode" == revoke ]]; then
  ((${#names[@]})) || die_usage "revoke: name at least one NAME"
elif ((${#names[@]} == 0)) && [[ "$mode" == issue ]]; then
  names=("${DEFAULT_NAMES[@]}")
fi

for name in "${names[@]}"; do
  [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] ||
    die_usage "invalid NAME '$name' (letters, digits, '.', '_', '-'; not starting with '.' or '-')"
  case "$name" in
    ca | ca-previous | ca-bundle | crl | server)
      die_usage "NAME '$name' is reserved (it would overwrite the CA, CRL or server files)" ;;
  esac
done

command -v openssl >/dev/null || die "openssl not found (Debian: apt-get install openssl)"

# Server SANs: the fixed ones plus LIAISON_SERVER_SANS, as openssl entries.
server_sans=(DNS:localhost IP:127.0.0.1)
add_server_san() {
  local entry="$1" existing
  case "$entry" in
    DNS:* | IP:*) ;;
    *:*) if [[ "$entry" =~ ^[0-9A-Fa-f:.]+$ ]]; then entry="IP:$entry"; else
           die "LIAISON_SERVER_SANS: unsupported entry '$entry' (use DNS:name or IP:address)"; fi ;;
    *) if [[ "$entry" =~ ^[0-9]+(\.[0-9]+){3}$ ]]; then entry="IP:$entry"; else entry="DNS:$entry"; fi ;;
  esac
  case "$entry" in
    DNS:*) [[ "${entry#DNS:}" =~ ^[A-Za-z0-9*]([A-Za-z0-9._-]*[A-Za-z0-9])?$ ]] ||
             die "LIAISON_SERVER_SANS: invalid DNS name in '$entry'" ;;
    IP:*) [[ "${entry#IP:}" =~ ^[0-9A-Fa-f:.]+$ ]] ||
            die "LIAISON_SERVER_SANS: invalid IP address in '$entry'" ;;
  esac
  for existing in "${server_sans[@]}"; do
    [[ "$existing" != "$entry" ]] || return 0
  done
  server_sans+=("$entry")
}
sans_env="${LIAISON_SERVER_SANS:-}"
for entry in ${sans_env//,/ }; do
  add_server_san "$entry"
done
server_san_ext="$(IFS=,; echo "${server_sans[*]}")"

# ------------------------------------------------------------------ helpers --

umask 077
if [[ -e "$dir" && ! -d "$dir" ]]; then
  die "$dir exists and is not a directory"
fi
mkdir -p "$dir" || die "cannot create $dir"
chmod 700 "$dir"

work="$(mktemp -d "$dir/.certs-tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat >"$work/req.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
EOF

# Short messages on stdout; openssl's own chatter is kept for errors only.
say() { printf '  %-22s %s\n' "$1" "$2"; }

# run_openssl ARGS...: runs openssl, showing its output only on failure.
run_openssl() {
  if ! openssl "$@" >"$work/openssl.log" 2>&1; then
    cat "$work/openssl.log" >&2
    die "openssl $1 failed"
  fi
}

new_key() {
  run_openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -pkeyopt ec_param_enc:named_curve -out "$1"
}

# key_matches CERT KEY: true when the certificate holds KEY's public key.
key_matches() {
  local cert_pub key_pub
  cert_pub="$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" || return 1
  key_pub="$(openssl pkey -in "$2" -pubout 2>/dev/null)" || return 1
  [[ -n "$cert_pub" && "$cert_pub" == "$key_pub" ]]
}

not_expiring() {
  openssl x509 -in "$1" -noout -checkend "$RENEW_WITHIN_SECONDS" >/dev/null 2>&1
}

# install_pair BASE: moves the freshly made $work/BASE.{key,pem} into place.
install_pair() {
  chmod 600 "$work/$1.key"
  chmod 644 "$work/$1.pem"
  mv -f "$work/$1.key" "$dir/$1.key"
  mv -f "$work/$1.pem" "$dir/$1.pem"
}

# ----------------------------------------------------------------------- CA --

# ca_problem: prints why the CA must be (re)issued, or nothing if it is fine.
ca_problem() {
  [[ -f "$dir/ca.pem" && -f "$dir/ca.key" ]] || { echo "missing"; return; }
  key_matches "$dir/ca.pem" "$dir/ca.key" || { echo "key does not match"; return; }
  openssl verify -CAfile "$dir/ca.pem" "$dir/ca.pem" >/dev/null 2>&1 ||
    { echo "not a valid self-signed CA"; return; }
  openssl x509 -in "$dir/ca.pem" -noout -ext basicConstraints 2>/dev/null | grep -q 'CA:TRUE' ||
    { echo "not a CA certificate"; return; }
  not_expiring "$dir/ca.pem" || { echo "expired or expiring"; return; }
}

issue_ca() {
  # A distinct name per CA, so a rotation's two CAs (and their CRLs) differ.
  local cn
  cn="Liaison Development CA $(date -u +%Y%m%dT%H%M%S)-$(openssl rand -hex 2)"
  new_key "$work/ca.key"
  run_openssl req -config "$work/req.cnf" -x509 -new -sha256 -key "$work/ca.key" \
    -days "$CA_DAYS" -subj "/O=Liaison Development/CN=$cn" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$work/ca.pem"
  install_pair ca
}

# -------------------------------------------------------------------- leaves --

# issue_leaf BASE CN SAN EKU: a key and a CA-signed certificate for BASE.
issue_leaf() {
  local base="$1" cn="$2" san="$3" eku="$4"
  new_key "$work/$base.key"
  run_openssl req -config "$work/req.cnf" -new -sha256 -key "$work/$base.key" \
    -subj "/O=Liaison Development/CN=$cn" -out "$work/$base.csr"
  cat >"$work/$base.ext" <<EOF
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = $eku
subjectAltName = $san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  run_openssl x509 -req -sha256 -in "$work/$base.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$LEAF_DAYS" -extfile "$work/$base.ext" \
    -out "$work/$base.pem"
  install_pair "$base"
}

# leaf_problem BASE PURPOSE: prints why BASE must be (re)issued, or nothing.
leaf_problem() {
  local base="$1" purpose="$2"
  [[ -f "$dir/$base.pem" && -f "$dir/$base.key" ]] || { echo "missing"; return; }
  key_matches "$dir/$base.pem" "$dir/$base.key" || { echo "key does not match"; return; }
  openssl verify -CAfile "$dir/ca.pem" -purpose "$purpose" "$dir/$base.pem" >/dev/null 2>&1 ||
    { echo "does not verify against ca.pem for $purpose"; return; }
  not_expiring "$dir/$base.pem" || { echo "expired or expiring"; return; }
}

server_problem() {
  local problem entry
  problem="$(leaf_problem server sslserver)"
  [[ -z "$problem" ]] || { echo "$problem"; return; }
  for entry in "${server_sans[@]}"; do
    case "$entry" in
      DNS:*) openssl x509 -in "$dir/server.pem" -noout -checkhost "${entry#DNS:}" 2>/dev/null |
               grep -q 'does match' || { echo "lacks SAN $entry"; return; } ;;
      IP:*) openssl x509 -in "$dir/server.pem" -noout -checkip "${entry#IP:}" 2>/dev/null |
              grep -q 'does match' || { echo "lacks SAN $entry"; return; } ;;
    esac
  done
}

client_problem() {
  local name="$1" problem
  problem="$(leaf_problem "$name" sslclient)"
  [[ -z "$problem" ]] || { echo "$problem"; return; }
  openssl x509 -in "$dir/$name.pem" -noout -ext subjectAltName 2>/dev/null |
    grep -qF "URI:spiffe://$SPIFFE_DOMAIN/$name" || { echo "lacks SAN URI"; return; }
  local cn
  cn="$(openssl x509 -in "$dir/$name.pem" -noout -subject -nameopt multiline 2>/dev/null |
    sed -n 's/^ *commonName *= //p')"
  [[ "$cn" == "$name" ]] || { echo "wrong CN"; return; }
}

# ensure BASE PROBLEM ISSUE_COMMAND...: issues BASE when forced or broken.
ensure() {
  local base="$1" problem="$2"
  shift 2
  if ((force)); then
    "$@"; say "$base" "reissued (--force)"
  elif [[ -n "$problem" ]]; then
    "$@"
    if [[ "$problem" == missing ]]; then say "$base" "created"; else say "$base" "reissued ($problem)"; fi
  else
    chmod 600 "$dir/$base.key"
    say "$base" "kept"
  fi
}

# ------------------------------------------------------- bundle, revocation --

is_special() { [[ "$1" == ca || "$1" == ca-previous || "$1" == ca-bundle || "$1" == crl || "$1" == server ]]; }

# existing_clients: the base names of the client certificates in DIR.
existing_clients() {
  local cert base
  for cert in "$dir"/*.pem; do
    [[ -e "$cert" ]] || continue
    base="$(basename "$cert" .pem)"
    is_special "$base" || echo "$base"
  done
}

# write_bundle: ca-bundle.pem = ca.pem (+ ca-previous.pem), rewritten only
# when it changes (the broker watches it).
write_bundle() {
  cat "$dir/ca.pem" >"$work/ca-bundle.pem"
  [[ ! -f "$dir/ca-previous.pem" ]] || cat "$dir/ca-previous.pem" >>"$work/ca-bundle.pem"
  if ! cmp -s "$work/ca-bundle.pem" "$dir/ca-bundle.pem"; then
    chmod 644 "$work/ca-bundle.pem"
    mv -f "$work/ca-bundle.pem" "$dir/ca-bundle.pem"
    say ca-bundle "written"
  fi
}

# ca_config CA_BASE: an `openssl ca` config whose database is DIR/crl-db/CA_BASE.
ca_config() {
  local db="$dir/crl-db/$1"
  mkdir -p "$db"
  [[ -f "$db/index.txt" ]] || : >"$db/index.txt"
  [[ -f "$db/crlnumber" ]] || echo 1000 >"$db/crlnumber"
  cat >"$work/ca-$1.cnf" <<EOF
[ca]
default_ca = liaison
[liaison]
database = $db/index.txt
crlnumber = $db/crlnumber
default_md = sha256
default_crl_days = 30
EOF
  echo "$work/ca-$1.cnf"
}

# write_crl: DIR/crl.pem holds a CRL from every CA (current or previous) with
# a revocation database.
write_crl() {
  local ca
  : >"$work/crl.pem"
  for ca in ca ca-previous; do
    [[ -f "$dir/crl-db/$ca/index.txt" && -f "$dir/$ca.pem" && -f "$dir/$ca.key" ]] || continue
    run_openssl ca -config "$(ca_config "$ca")" -gencrl -keyfile "$dir/$ca.key" -cert "$dir/$ca.pem" \
      -out "$work/crl-$ca.pem"
    cat "$work/crl-$ca.pem" >>"$work/crl.pem"
  done
  chmod 644 "$work/crl.pem"
  mv -f "$work/crl.pem" "$dir/crl.pem"
}

revoke() {
  local name ca issuer serial
  for name in "${names[@]}"; do
    [[ -f "$dir/$name.pem" ]] || die "revoke: $dir/$name.pem not found"
    issuer=""
    for ca in ca ca-previous; do
      if [[ -f "$dir/$ca.pem" ]] && openssl verify -CAfile "$dir/$ca.pem" "$dir/$name.pem" >/dev/null 2>&1; then
        issuer="$ca"
        break
      fi
    done
    [[ -n "$issuer" ]] || die "revoke: $name.pem was issued by neither ca.pem nor ca-previous.pem"
    serial="$(openssl x509 -in "$dir/$name.pem" -noout -serial | cut -d= -f2)"
    if ! grep -q "^R.*[[:space:]]$serial[[:space:]]" "$dir/crl-db/$issuer/index.txt" 2>/dev/null; then
      run_openssl ca -config "$(ca_config "$issuer")" -keyfile "$dir/$issuer.key" -cert "$dir/$issuer.pem" \
        -revoke "$dir/$name.pem"
    fi
    say "$name" "revoked: serial=$serial"
    say "" "$(openssl x509 -in "$dir/$name.pem" -noout -fingerprint -sha256)"
  done
  write_crl
  say crl "written: $dir/crl.pem (then reload the broker: SIGHUP)"
}

# --------------------------------------------------------------------- main --

echo "Development PKI in $dir"
if [[ "$mode" == revoke ]]; then
  [[ -f "$dir/ca.pem" && -f "$dir/ca.key" ]] || die "revoke: $dir has no CA"
  revoke
  exit 0
fi
if [[ "$mode" == rotate ]]; then
  [[ -f "$dir/ca.pem" && -f "$dir/ca.key" ]] || die "rotate: $dir has no CA to rotate"
  ((${#names[@]})) || mapfile -t names < <(existing_clients)
  mv -f "$dir/ca.pem" "$dir/ca-previous.pem"
  mv -f "$dir/ca.key" "$dir/ca-previous.key"
  # The new CA starts a new revocation database; the old CA's moves along.
  rm -rf "$dir/crl-db/ca-previous"
  [[ ! -d "$dir/crl-db/ca" ]] || mv "$dir/crl-db/ca" "$dir/crl-db/ca-previous"
  say ca-previous "the CA being rotated out"
  force=1
fi
ensure ca "$(ca_problem)" issue_ca
ensure server "$(server_problem)" \
  issue_leaf server liaison-broker "$server_san_ext" serverAuth
for name in "${names[@]}"; do
  ensure "$name" "$(client_problem "$name")" \
    issue_leaf "$name" "$name" "URI:spiffe://$SPIFFE_DOMAIN/$name" clientAuth
done
write_bundle
[[ ! -d "$dir/crl-db" ]] || write_crl

# Client certificates not named in this run are left alone; say so when they
# no longer chain to a trusted CA.
for base in $(existing_clients); do
  if ! openssl verify -CAfile "$dir/ca-bundle.pem" "$dir/$base.pem" >/dev/null 2>&1; then
    echo "certs.sh: warning: $dir/$base.pem was not issued by a trusted CA; re-run with NAME $base to reissue it" >&2
  fi
done
