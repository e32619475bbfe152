#!/usr/bin/env bash
# The container image's build and runtime-assembly steps, as one script that
# the Dockerfile RUNs and that ctest runs directly on the build machine
# (tests/deploy/container_test.sh), so the image recipe cannot rot unseen.
#
#   build-steps.sh install-build-deps            apt-get the build stage's packages
#   build-steps.sh build SRC BUILD               configure and build the shipped binaries
#   build-steps.sh assemble-runtime BUILD ROOT   copy binaries and scripts into ROOT (a future /)
#   build-steps.sh install-runtime-deps          apt-get the runtime stage's packages
#   build-steps.sh check-runtime-libs ROOT       every shared library the binaries need
#                                                belongs to a RUNTIME_PACKAGES package
#   build-steps.sh add-user                      the unprivileged user and the data dirs
#   build-steps.sh list-runtime-packages         print RUNTIME_PACKAGES, one a line
set -euo pipefail

# The build stage: compiler and the -dev packages (deploy/local.sh PACKAGES
# without the test-only ones).
readonly BUILD_PACKAGES=(g++ cmake ninja-build pkg-config git openssl ca-certificates
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev libssl-dev libgtest-dev libgmock-dev grpc-proto libicu-dev
  libcpp-httplib-dev tzdata libjemalloc-dev)

# The runtime stage: only the shared libraries the binaries load (checked by
# check-runtime-libs), and tzdata. Debian 12 package names.
readonly RUNTIME_PACKAGES=(libc6 libgcc-s1 libstdc++6
  libgrpc++1.51 libgrpc29 libprotobuf32 libabsl20220623 libre2-9 libc-ares2 libssl3
  librocksdb7.8 libsnappy1v5 liblz4-1 libzstd1 zlib1g libbz2-1.0 libbrotli1
  libcpp-httplib0.11 libicu72 libjemalloc2
  tzdata)

# The binaries the image ships, by their path in the build directory.
readonly BINARIES=(broker/liaison-broker broker/ctl/liaisonctl broker/health_probe/liaison-health-probe
  adapters/police/liaison-police-adapter adapters/social_care/liaison-social-care-adapter
  adapters/prison/liaison-prison-adapter adapters/probation/liaison-probation-adapter)
readonly TARGETS=(liaison-broker liaisonctl liaison-health-probe liaison-police-adapter
  liaison-social-care-adapter liaison-prison-adapter liaison-probation-adapter)

# The unprivileged user the runtime runs as (no login, no home of its own).
readonly RUN_UID=10001
readonly RUN_USER=liaison
readonly DATA_DIR=/var/lib/liaison

die() { echo "build-steps.sh: error: $*" >&2; exit 1; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "$@"
  rm -rf /var/lib/apt/lists/*
}

build() {
  local src="$1" out="$2"
  cmake -S "$src" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$out" --target "${TARGETS[@]}"
}

assemble_runtime() {
  local out="$1" root="$2" script_dir
  script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  install -d "$root/usr/local/bin" "$root/usr/local/share/liaison"
  for binary in "${BINARIES[@]}"; do
    [[ -x "$out/$binary" ]] || die "missing binary $out/$binary (run: build-steps.sh build)"
    install -m 0755 "$out/$binary" "$root/usr/local/bin/"
  done
  # Tools an operator uses inside the container (key and certificate helpers).
  install -m 0755 "$script_dir/../certs.sh" "$script_dir/../audit-key.sh" "$root/usr/local/share/liaison/"
  install -m 0644 "$script_dir/../demo/broker.textproto" "$root/usr/local/share/liaison/broker.example.textproto"
}

# The packages owning the files that `ldd` resolves for every binary in
# ROOT/usr/local/bin; fails naming each library whose package is not in
# RUNTIME_PACKAGES, or that does not resolve at all.
check_runtime_libs() {
  local root="$1" failed=0 binary lib owner path
  declare -A allowed=()
  for pkg in "${RUNTIME_PACKAGES[@]}"; do allowed["$pkg"]=1; done
  declare -A seen=()
  for binary in "$root"/usr/local/bin/*; do
    [[ -f "$binary" && -x "$binary" ]] || continue
    [[ "$(head -c 4 "$binary" | tail -c 3)" == ELF ]] || continue
    while read -r lib path; do
      [[ -n "$lib" ]] || continue
      if [[ "$path" == "not found" ]]; then
        echo "  $(basename "$binary"): $lib: not found" >&2; failed=1; continue
      fi
      [[ -n "${seen[$path]:-}" ]] && continue
      seen["$path"]=1
      owner="$(package_of "$path")" || { echo "  $lib ($path): no Debian package owns it" >&2; failed=1; continue; }
      owner="${owner%%:*}"
      if [[ -z "${allowed[$owner]:-}" ]]; then
        echo "  $lib ($path): from package $owner, which RUNTIME_PACKAGES lacks" >&2; failed=1
      fi
      echo "$lib $owner"
    done < <(ldd "$binary" | awk '/=>/ { if ($3 == "not") print $1, "not found"; else print $1, $3 } /ld-linux/ && !/=>/ { print $1, $1 }')
  done
  ((failed == 0)) || die "shared libraries outside RUNTIME_PACKAGES (above)"
}

# dpkg -S with Debian 12's merged /usr: a library found as /lib/x/libfoo.so
# may be registered as /usr/lib/x/libfoo.so, or the other way round.
package_of() {
  local path="$1" real candidates=()
  real="$(readlink -f "$path")"
  candidates=("$path" "$real")
  for p in "$path" "$real"; do
    case "$p" in
      /usr/*) candidates+=("${p#/usr}") ;;
      *) candidates+=("/usr$p") ;;
    esac
  done
  for p in "${candidates[@]}"; do
    if out="$(dpkg -S "$p" 2>/dev/null)"; then
      echo "${out%%: *}" | cut -d, -f1 | tr -d ' '
      return 0
    fi
  done
  return 1
}

add_user() {
  groupadd --system --gid "$RUN_UID" "$RUN_USER"
  useradd --system --uid "$RUN_UID" --gid "$RUN_UID" --no-create-home --home-dir "$DATA_DIR" \
    --shell /usr/sbin/nologin "$RUN_USER"
  install -d -m 0700 -o "$RUN_UID" -g "$RUN_UID" "$DATA_DIR"
  install -d -m 0755 /etc/liaison
}

main() {
  (($# >= 1)) || die "usage: build-steps.sh COMMAND [ARGS] (see the header of this script)"
  local command="$1"; shift
  case "$command" in
    install-build-deps) apt_install "${BUILD_PACKAGES[@]}" ;;
    install-runtime-deps) apt_install "${RUNTIME_PACKAGES[@]}" ;;
    build) (($# == 2)) || die "usage: build SRC BUILD"; build "$@" ;;
    assemble-runtime) (($# == 2)) || die "usage: assemble-runtime BUILD ROOT"; assemble_runtime "$@" ;;
    check-runtime-libs) (($# == 1)) || die "usage: check-runtime-libs ROOT"; check_runtime_libs "$@" ;;
    add-user) add_user ;;
    list-runtime-packages) printf '%s\n' "${RUNTIME_PACKAGES[@]}" ;;
    list-build-packages) printf '%s\n' "${BUILD_PACKAGES[@]}" ;;
    *) die "unknown command: $command" ;;
  esac
}

main "$@"
