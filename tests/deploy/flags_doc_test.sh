#!/usr/bin/env bash
# Every flag the project's binaries define appears in docs/configuration.md
# (as `--name`, with dashes), and every binary answers --version with its
# build information. The flags come from each binary itself: absl's
# --helpfull for the daemons (the sections of files under absl/ are absl's
# own), liaisonctl's --help for liaisonctl (its own parser).
# Usage: flags_doc_test.sh SOURCE_DIR BINARY...
set -euo pipefail
src="$1"
doc="$src/docs/configuration.md"
shift
[[ -f "$doc" ]] || { echo "FAIL: no $doc"; exit 1; }
missing=0
checked=0
for binary in "$@"; do
  name="$(basename "$binary")"
  version="$("$binary" --version)" || { echo "FAIL: $name --version exited $?"; exit 1; }
  grep -q "^$name [0-9]\+\.[0-9]\+\.[0-9]\+$" <<<"$version" || { echo "FAIL: $name --version: $version"; exit 1; }
  for key in "git commit" "build type" compiler grpc protobuf rocksdb openssl abseil; do
    grep -q "^$key: ." <<<"$version" || { echo "FAIL: $name --version lacks '$key'"; exit 1; }
  done
  if [[ "$name" == liaisonctl ]]; then
    # Its own parser has no --helpfull; its flags are defined in its main.cc only.
    flags="$(grep -o 'ABSL_FLAG([^,]*, *[a-z0-9_]*' "$src/broker/ctl/main.cc" | sed 's/.*, *//' | sort -u)"
  else
    # "  Flags from FILE:" headers, then "    --flag (...)" lines; skip absl's files.
    # absl exits 1 after --helpfull.
    help="$("$binary" --helpfull 2>&1 || true)"
    flags="$(awk '
      /^  Flags from / { own = ($0 !~ /absl\//) ; next }
      own && match($0, /^    --[a-z0-9_]+/) { print substr($0, RSTART + 4, RLENGTH - 4) }' <<<"$help" | sort -u)"
    [[ -n "$flags" ]] || { echo "FAIL: $name --helpfull listed no flags of its own"; exit 1; }
  fi
  for flag in $flags; do
    flag="${flag#--}"
    dashed="${flag//_/-}"
    checked=$((checked + 1))
    if ! grep -qF -- "\`--$dashed" "$doc"; then
      echo "MISSING: $name --$dashed is not in docs/configuration.md"
      missing=$((missing + 1))
    fi
  done
done
((missing == 0)) || { echo "FAIL: $missing flag(s) undocumented"; exit 1; }
echo "ok: $checked flags of $# binaries documented; --version of each carries its build information"
