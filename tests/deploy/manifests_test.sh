#!/usr/bin/env bash
# The compose file, the Kubernetes manifests and the Dockerfile pass
# manifests_check.py (schemas + cross-checks), and each kind of mistake it
# exists for is caught in a mutated copy. Usage: manifests_test.sh SOURCE_DIR
set -euo pipefail
src="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3
"$py" -c 'import yaml, jsonschema' 2>/dev/null ||
  { echo "SKIP: needs python3-yaml and python3-jsonschema (deploy/local.sh deps)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$py" "$here/manifests_check.py" "$src"

# mutate NAME FILE SED-EXPRESSION EXPECTED-MESSAGE: the check must fail so.
mutate() {
  local name="$1" file="$2" expr="$3" expected="$4" out
  rm -rf "$work/src" && mkdir -p "$work/src" && cp -r "$src/deploy" "$work/src/"
  sed -i "$expr" "$work/src/$file"
  cmp -s "$src/$file" "$work/src/$file" && { echo "FAIL: mutation '$name' changed nothing"; exit 1; }
  if out="$("$py" "$here/manifests_check.py" "$work/src" 2>&1)"; then
    echo "FAIL: mutation '$name' passed the check"; exit 1
  fi
  grep -qF -- "$expected" <<<"$out" || { echo "FAIL: mutation '$name': expected '$expected' in:"; echo "$out"; exit 1; }
  echo "ok: caught $name"
}
mutate "readiness probe on the TLS port" deploy/k8s/statefulset.yaml \
  '/readinessProbe:/{n;s/port: 7444/port: 7443/}' "readinessProbe probes port 7443"
mutate "no replicas limit" deploy/k8s/statefulset.yaml 's/replicas: 1/replicas: 3/' "spec.replicas"
mutate "a real key in a secret" deploy/k8s/secrets.yaml \
  's/server.key: "REPLACE.*/server.key: "-----BEGIN PRIVATE KEY-----"/' "stringData.server.key"
mutate "writable root file system" deploy/k8s/statefulset.yaml \
  's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/' "readOnlyRootFilesystem"
mutate "service selector typo" deploy/k8s/service.yaml \
  '/selector:/{n;s/liaison-broker/liaison-brokr/}' "does not select the broker's pods"
mutate "network policy opens the health port" deploy/k8s/networkpolicy.yaml 's/port: 7443/port: 7444/' \
  "admits port 7444"
mutate "unlisted manifest" deploy/k8s/kustomization.yaml '/networkpolicy.yaml/d' "differ from the files"
mutate "adapter with an unissued certificate" deploy/container/compose.yaml \
  's|/pki/police-adapter.pem|/pki/police.pem|' "deploy/certs.sh issues no such certificate"
mutate "adapter without TLS" deploy/container/compose.yaml \
  '0,/--server-name=broker/{/--server-name=broker/d}' "lacks mutual TLS"
mutate "root user" deploy/container/Dockerfile 's/^USER 10001:10001/USER root/' "non-root USER"
mutate "no data volume" deploy/container/Dockerfile '/^VOLUME/d' "must be a VOLUME"
mutate "single stage" deploy/container/Dockerfile 's/^FROM debian:12 AS build/# no build stage/' "multi-stage"
mutate "an untested RUN" deploy/container/Dockerfile 's|^COPY . /src|RUN apt-get install -y vim\nCOPY . /src|' \
  "RUN outside build-steps.sh"
