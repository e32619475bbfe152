#!/usr/bin/python3
"""Checks deploy/container/compose.yaml, deploy/k8s/*.yaml and the Dockerfile.

Each file is checked against a JSON schema of the fields Liaison relies on
(python3-jsonschema; the schemas are below, not the full upstream ones),
then across files: the probes hit the port --health-listen binds, selectors
match the pod labels, every mounted volume and secret exists, the
certificates the services use are ones deploy/certs.sh issues.
Usage: manifests_check.py SOURCE_DIR. Exit 1 with every problem listed.
"""
import glob
import os
import re
import sys

import jsonschema
import yaml

SRC = sys.argv[1]
problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def check_schema(where, document, schema):
    validator = jsonschema.Draft7Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
        path = ".".join(str(p) for p in error.path) or "(top)"
        problem(where, f"{path}: {error.message}")


STR = {"type": "string", "minLength": 1}
STRS = {"type": "array", "items": STR}
LABELS = {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1}
METADATA = {"type": "object", "required": ["name"], "properties": {"name": STR, "labels": LABELS}}
GRPC_PROBE = {"type": "object", "required": ["grpc"],
              "properties": {"grpc": {"type": "object", "required": ["port"],
                                      "properties": {"port": {"type": "integer"}}}}}
RESTRICTED = {"type": "object", "required": ["allowPrivilegeEscalation", "readOnlyRootFilesystem", "capabilities"],
              "properties": {"allowPrivilegeEscalation": {"const": False},
                             "readOnlyRootFilesystem": {"const": True},
                             "capabilities": {"type": "object", "required": ["drop"],
                                              "properties": {"drop": {"const": ["ALL"]}}}}}
MOUNTS = {"type": "array", "items": {"type": "object", "required": ["name", "mountPath"],
                                     "properties": {"name": STR, "mountPath": STR, "readOnly": {"type": "boolean"}}}}
CONTAINER = {"type": "object", "required": ["name", "image", "securityContext", "volumeMounts"],
             "properties": {"name": STR, "image": STR, "args": STRS, "command": STRS,
                            "securityContext": RESTRICTED, "volumeMounts": MOUNTS}}
BROKER_CONTAINER = {"allOf": [CONTAINER, {
    "required": ["args", "ports", "resources", "readinessProbe", "livenessProbe", "startupProbe"],
    "properties": {
        "ports": {"type": "array", "items": {"type": "object", "required": ["name", "containerPort"]}},
        "resources": {"type": "object", "required": ["requests", "limits"],
                      "properties": {"requests": {"type": "object", "required": ["cpu", "memory"]},
                                     "limits": {"type": "object", "required": ["memory"]}}},
        "readinessProbe": GRPC_PROBE, "livenessProbe": GRPC_PROBE, "startupProbe": GRPC_PROBE}}]}
SCHEMAS = {
    "Namespace": {"type": "object", "required": ["metadata"], "properties": {"metadata": METADATA}},
    "ConfigMap": {"type": "object", "required": ["metadata", "data"],
                  "properties": {"metadata": METADATA,
                                 "data": {"type": "object", "required": ["broker.textproto"]}}},
    "Secret": {"type": "object", "required": ["metadata", "type", "stringData"],
               "properties": {"metadata": METADATA, "type": {"const": "Opaque"},
                              # Placeholders only: a real key or certificate must never be committed.
                              "stringData": {"type": "object", "additionalProperties": {
                                  "type": "string", "pattern": "^REPLACE", "not": {"pattern": "BEGIN"}}}}},
    "StatefulSet": {"type": "object", "required": ["metadata", "spec"], "properties": {
        "metadata": METADATA,
        "spec": {"type": "object",
                 "required": ["serviceName", "replicas", "selector", "template", "volumeClaimTemplates"],
                 "properties": {
                     "replicas": {"const": 1},
                     "selector": {"type": "object", "required": ["matchLabels"],
                                  "properties": {"matchLabels": LABELS}},
                     "template": {"type": "object", "required": ["metadata", "spec"], "properties": {
                         "metadata": {"type": "object", "required": ["labels"], "properties": {"labels": LABELS}},
                         "spec": {"type": "object", "required": ["securityContext", "containers", "volumes"],
                                  "properties": {
                                      "securityContext": {"type": "object",
                                                          "required": ["runAsNonRoot", "runAsUser", "fsGroup"],
                                                          "properties": {"runAsNonRoot": {"const": True},
                                                                         "runAsUser": {"type": "integer",
                                                                                       "minimum": 1}}},
                                      "initContainers": {"type": "array", "items": CONTAINER},
                                      "containers": {"type": "array", "minItems": 1, "maxItems": 1,
                                                     "items": BROKER_CONTAINER},
                                      "volumes": {"type": "array", "items": {"type": "object",
                                                                             "required": ["name"]}}}}}},
                     "volumeClaimTemplates": {"type": "array", "minItems": 1, "items": {
                         "type": "object", "required": ["metadata", "spec"],
                         "properties": {"spec": {"type": "object", "required": ["accessModes", "resources"]}}}}}}}},
    "Service": {"type": "object", "required": ["metadata", "spec"], "properties": {
        "metadata": METADATA,
        "spec": {"type": "object", "required": ["selector", "ports"],
                 "properties": {"selector": LABELS, "ports": {"type": "array", "minItems": 1, "items": {
                     "type": "object", "required": ["port", "targetPort"]}}}}}},
    "PodDisruptionBudget": {"type": "object", "required": ["metadata", "spec"], "properties": {
        "apiVersion": {"const": "policy/v1"}, "metadata": METADATA,
        "spec": {"type": "object", "required": ["selector"],
                 "oneOf": [{"required": ["minAvailable"]}, {"required": ["maxUnavailable"]}],
                 "properties": {"selector": {"type": "object", "required": ["matchLabels"]}}}}},
    "NetworkPolicy": {"type": "object", "required": ["metadata", "spec"], "properties": {
        "apiVersion": {"const": "networking.k8s.io/v1"}, "metadata": METADATA,
        "spec": {"type": "object", "required": ["podSelector", "policyTypes", "ingress"],
                 "properties": {"policyTypes": {"contains": {"const": "Ingress"}},
                                "ingress": {"type": "array", "minItems": 1, "items": {
                                    "type": "object", "required": ["from", "ports"],
                                    "properties": {"from": {"type": "array", "minItems": 1}}}}}}}},
    "Kustomization": {"type": "object", "required": ["resources"], "properties": {"resources": STRS}},
}
API_VERSIONS = {"Namespace": "v1", "ConfigMap": "v1", "Secret": "v1", "Service": "v1", "StatefulSet": "apps/v1",
                "PodDisruptionBudget": "policy/v1", "NetworkPolicy": "networking.k8s.io/v1",
                "Kustomization": "kustomize.config.k8s.io/v1beta1"}


def flag_value(args, name):
    for arg in args or []:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return None


def certs_sh_names():
    text = open(os.path.join(SRC, "deploy/certs.sh")).read()
    block = re.search(r"DEFAULT_NAMES=\(([^)]*)\)", text).group(1)
    return set(block.split()) | {"server", "ca"}


def check_k8s():
    k8s = os.path.join(SRC, "deploy/k8s")
    by_kind = {}
    for path in sorted(glob.glob(os.path.join(k8s, "*.yaml"))):
        name = os.path.relpath(path, SRC)
        for i, doc in enumerate(d for d in yaml.safe_load_all(open(path)) if d is not None):
            where = f"{name}[{i}]"
            kind = doc.get("kind")
            if kind not in SCHEMAS:
                problem(where, f"kind {kind!r} has no schema here")
                continue
            if doc.get("apiVersion") != API_VERSIONS[kind]:
                problem(where, f"apiVersion {doc.get('apiVersion')!r}, expected {API_VERSIONS[kind]!r}")
            check_schema(where, doc, SCHEMAS[kind])
            by_kind.setdefault(kind, []).append((where, doc))
    listed = set(by_kind.get("Kustomization", [(None, {"resources": []})])[0][1].get("resources", []))
    on_disk = {os.path.basename(p) for p in glob.glob(os.path.join(k8s, "*.yaml"))} - {"kustomization.yaml"}
    if listed != on_disk:
        problem("deploy/k8s/kustomization.yaml", f"resources {sorted(listed)} differ from the files {sorted(on_disk)}")
    if problems:
        return
    where, sts = by_kind["StatefulSet"][0]
    pod = sts["spec"]["template"]
    labels = pod["metadata"]["labels"]
    if any(labels.get(k) != v for k, v in sts["spec"]["selector"]["matchLabels"].items()):
        problem(where, "spec.selector does not match the pod template's labels")
    container = pod["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    health = flag_value(container["args"], "health-listen")
    if health is None:
        problem(where, "the broker has no --health-listen, so the grpc probes have nothing to reach")
    else:
        health_port = int(health.rsplit(":", 1)[1])
        if health.rsplit(":", 1)[0] not in ("0.0.0.0", "[::]"):
            problem(where, "--health-listen must bind every address: the kubelet probes the pod IP")
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            if container[probe]["grpc"]["port"] != health_port:
                problem(where, f"{probe} probes port {container[probe]['grpc']['port']}, --health-listen is {health_port}")
    listen = flag_value(container["args"], "listen")
    if listen is None or int(listen.rsplit(":", 1)[1]) != ports.get("grpc"):
        problem(where, "--listen's port is not the container port named grpc")
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    volumes.update({c["metadata"]["name"]: c for c in sts["spec"]["volumeClaimTemplates"]})
    for c in pod["spec"].get("initContainers", []) + [container]:
        for mount in c["volumeMounts"]:
            if mount["name"] not in volumes:
                problem(where, f"container {c['name']} mounts undeclared volume {mount['name']}")
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    data_dir = flag_value(container["args"], "data-dir") or ""
    claims = {c["metadata"]["name"] for c in sts["spec"]["volumeClaimTemplates"]}
    if not any(data_dir.startswith(path + "/") and name in claims for path, name in mounts.items()):
        problem(where, f"--data-dir {data_dir} is not on the PersistentVolumeClaim")
    for flag in ("config", "data-key-file", "tls-cert", "tls-key", "tls-client-ca", "audit-signing-key"):
        value = flag_value(container["args"], flag)
        if value and not any(value.startswith(path + "/") for path in mounts):
            problem(where, f"--{flag} {value} is on no mounted volume")
    secrets = {doc["metadata"]["name"]: doc for _, doc in by_kind.get("Secret", [])}
    for v in pod["spec"]["volumes"]:
        if "secret" in v and v["secret"]["secretName"] not in secrets:
            problem(where, f"volume {v['name']} names secret {v['secret']['secretName']}, not in secrets.yaml")
        if "configMap" in v and v["configMap"]["name"] not in {d["metadata"]["name"] for _, d in by_kind["ConfigMap"]}:
            problem(where, f"volume {v['name']} names an undefined ConfigMap")
    for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy"):
        for w, doc in by_kind.get(kind, []):
            selector = doc["spec"].get("selector") or doc["spec"].get("podSelector")
            selector = selector.get("matchLabels", selector)
            if any(labels.get(k) != v for k, v in selector.items()):
                problem(w, "its selector does not select the broker's pods")
    for w, svc in by_kind.get("Service", []):
        for port in svc["spec"]["ports"]:
            if port["targetPort"] not in (ports.get("grpc"), "grpc"):
                problem(w, f"port {port['port']} targets {port['targetPort']}, not the mutual-TLS port")
    for w, policy in by_kind.get("NetworkPolicy", []):
        for rule in policy["spec"]["ingress"]:
            for port in rule["ports"]:
                if port.get("port") not in (ports.get("grpc"), "grpc"):
                    problem(w, f"admits port {port.get('port')}: only the gRPC API port should be open")
            for peer in rule["from"]:
                if "podSelector" in peer and not peer["podSelector"].get("matchLabels"):
                    problem(w, "an empty podSelector admits every pod")


COMPOSE_SCHEMA = {"type": "object", "required": ["services", "volumes"], "properties": {
    "services": {"type": "object", "required": ["broker", "pki", "police-adapter", "social-care-adapter",
                                                "prison-adapter", "probation-adapter"],
                 "additionalProperties": {"type": "object", "anyOf": [{"required": ["image"]}, {"required": ["build"]}],
                                          "properties": {"command": STRS, "entrypoint": STRS,
                                                         "volumes": STRS, "read_only": {"type": "boolean"},
                                                         "depends_on": {"type": "object"}}}},
    "volumes": {"type": "object"}}}


def check_compose():
    where = "deploy/container/compose.yaml"
    compose = yaml.safe_load(open(os.path.join(SRC, where)))
    check_schema(where, compose, COMPOSE_SCHEMA)
    if problems:
        return
    services = compose["services"]
    names = certs_sh_names()
    for name, service in services.items():
        for dep in service.get("depends_on", {}):
            if dep not in services:
                problem(where, f"{name} depends on unknown service {dep}")
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/")) and source not in compose["volumes"]:
                problem(where, f"{name} mounts undeclared volume {source}")
            elif source.startswith(".") and not os.path.exists(os.path.join(SRC, "deploy/container", source)):
                problem(where, f"{name} mounts {source}, which does not exist")
        if name != "pki" and not service.get("read_only"):
            problem(where, f"{name} does not run with a read-only root file system")
        args = service.get("command", [])
        for flag in ("cert-file", "key-file", "registry-cert-file", "registry-key-file", "tls-cert", "tls-key"):
            value = flag_value(args, flag)
            if value and os.path.splitext(os.path.basename(value))[0] not in names:
                problem(where, f"{name} --{flag} {value}: deploy/certs.sh issues no such certificate")
        if name.endswith("-adapter"):
            if args[:1] != ["run"] or flag_value(args, "broker") != "broker:7443":
                problem(where, f"{name} must run against broker:7443")
            if flag_value(args, "ca-file") is None or flag_value(args, "server-name") != "broker":
                problem(where, f"{name} lacks mutual TLS to the broker (--ca-file, --server-name=broker)")
            if services[name].get("depends_on", {}).get("broker", {}).get("condition") != "service_healthy":
                problem(where, f"{name} should wait for the broker to be healthy")
    broker = services["broker"]["command"]
    for flag in ("tls-cert", "tls-key", "tls-client-ca", "data-key-file", "health-listen"):
        if flag_value(broker, flag) is None:
            problem(where, f"broker lacks --{flag}")
    if "DNS:broker" not in str(services["pki"].get("environment", {}).get("LIAISON_SERVER_SANS", "")):
        problem(where, "the broker's certificate must name the host the adapters dial (LIAISON_SERVER_SANS)")


def check_dockerfile():
    where = "deploy/container/Dockerfile"
    lines = []
    for raw in open(os.path.join(SRC, where)).read().replace("\\\n", " ").splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            lines.append(raw)
    froms = [l for l in lines if l.upper().startswith("FROM ")]
    if len(froms) < 2:
        problem(where, "not multi-stage (needs a build and a runtime stage)")
    if not all(re.match(r"FROM debian:12(-slim)?(\s|$)", f) for f in froms):
        problem(where, "every stage must be Debian 12")
    last = max(i for i, l in enumerate(lines) if l.upper().startswith("FROM "))
    runtime = lines[last:]
    if not runtime[0].startswith("FROM debian:12-slim"):
        problem(where, "the runtime stage should be debian:12-slim")
    users = [l.split()[1] for l in runtime if l.upper().startswith("USER ")]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problem(where, "the runtime stage must end as a non-root USER")
    if not any(l.upper().startswith("VOLUME ") and "/var/lib/liaison" in l for l in runtime):
        problem(where, "the data directory /var/lib/liaison must be a VOLUME")
    if not any(l.upper().startswith("HEALTHCHECK ") for l in runtime):
        problem(where, "no HEALTHCHECK")
    for l in lines:
        if l.upper().startswith("RUN ") and "build-steps.sh" not in l:
            problem(where, f"RUN outside build-steps.sh (untested): {l}")
        if re.search(r"apt-get install", l):
            problem(where, "apt-get belongs in build-steps.sh, where the runtime list is tested")
    if not any("check-runtime-libs" in l for l in runtime):
        problem(where, "the runtime stage must run build-steps.sh check-runtime-libs")


check_k8s()
check_compose()
check_dockerfile()
if problems:
    print("\n".join("FAIL: " + p for p in problems), file=sys.stderr)
    sys.exit(1)
print("ok: deploy/k8s, compose.yaml and the Dockerfile pass their schemas and cross-checks")
