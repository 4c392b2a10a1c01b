#!/usr/bin/env bash
# A real, throw-away Kubernetes control plane on 127.0.0.1 for tests:
#   etcd -> kube-apiserver -> kube-controller-manager + kube-scheduler -> kwok (+ 2 fake Nodes)
# Binaries come from test-infra/build-control-plane.sh.
#
#   test-infra/cluster.sh up     <state-dir> [--real-nodes N] [--kwok-nodes N] [--kwok-node-pods P]
#                                [--kwok-node-cpu C]   start everything, wait until usable,
#                                                      print the startup time
#   test-infra/cluster.sh status <state-dir>   show the processes and /readyz
#   test-infra/cluster.sh down   <state-dir>   stop everything and delete <state-dir>
#   test-infra/cluster.sh real-nodes-missing   print what this machine lacks for real nodes (empty: none)
#   test-infra/cluster.sh real-namespace <state-dir> <namespace>   create a namespace whose pods all
#                                                               run on the real nodes
#
# --real-nodes N adds N real nodes beside the KWOK ones (kubelet + containerd + runc + CNI, a local
# OCI registry, kube-proxy, a "local" StorageClass): see test-infra/real-nodes.sh. The registry's
# port is REGISTRY_PORT in <state-dir>/ports.env.
#
# --kwok-nodes N (default 2) fake Nodes kwok-node-0..N-1, each with --kwok-node-pods P (default 110)
# pods and --kwok-node-cpu C (default 32) CPUs allocatable: e.g. --kwok-nodes 10 --kwok-node-pods 250
# --kwok-node-cpu 128 schedules 2500 pods of 500m (scale tests and bench/scale_ready.py).
#
# <state-dir>/kubeconfig is an admin kubeconfig (bearer token, group system:masters). Logs are in
# <state-dir>/logs, pid files in <state-dir>/pids, ports in <state-dir>/ports.env.
# <state-dir>/logs/audit.log records the write requests of ServiceAccounts outside kube-system (the
# operator's, in tests), one JSON line each (test-infra/audit-policy.yaml).
#
# Environment:
#   CHATBOT_INFRA_CACHE, K8S_VERSION   where the binaries are (same defaults as build-control-plane.sh)
#   CHATBOT_K8S_BIN                    the bin directory itself (overrides the two above)
#   CHATBOT_CLUSTER_OWNER_PID          if set, a watchdog runs `down` once that process has exited
#                                      (so a killed test JVM does not leak the control plane)
#   CHATBOT_CLUSTER_TIMEOUT            seconds to wait for readiness (default 120)
#
# Cluster facts: service CIDR 10.96.0.0/16, pod IPs 10.244.0.0/16 (assigned by kwok), nodes kwok-node-0/1
# (label type=kwok, annotation kwok.x-k8s.io/node=fake, cpu 32, memory 256Gi, pods 110, no taints;
# count, pods and CPU set by the --kwok-* options),
# default StorageClass "standard" (PVCs are provisioned and bound by kwok stages), pod behaviour and
# failure simulation: see test-infra/kwok/stages.yaml.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
K8S_VERSION="${K8S_VERSION:-v1.37.2}"
BIN="${CHATBOT_K8S_BIN:-${CHATBOT_INFRA_CACHE:-$HOME/.cache/chatbot-operator}/k8s/$K8S_VERSION/bin}"
STAGES="$HERE/kwok/stages.yaml"
TIMEOUT="${CHATBOT_CLUSTER_TIMEOUT:-120}"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
MARKER=".chatbot-test-cluster"
KWOK_NODES=2
KWOK_NODE_PODS=110
KWOK_NODE_CPU=32
REAL_NODES=0

usage() {
  echo "usage: $0 up <state-dir> [--real-nodes N] [--kwok-nodes N] [--kwok-node-pods P] [--kwok-node-cpu C] | down|status <state-dir> | real-nodes-missing | real-namespace <state-dir> <namespace>" >&2
  exit 2
}

log() { echo "[cluster] $*" >&2; }
die() {
  echo "[cluster] error: $*" >&2
  exit 1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port VAR: sets VAR to a free TCP port on 127.0.0.1 not yet handed out by this script. (Not
# used as $(free_port): TAKEN would then only be updated in a subshell.)
declare -A TAKEN=()
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    # Below the kernel's ephemeral range (32768-60999 here): a port picked there can be taken by
    # some component's outgoing connection before the process meant to listen on it binds it.
    p=$((10000 + RANDOM % 22000))
    [[ -n "${TAKEN[$p]:-}" ]] && continue
    port_in_use "$p" && continue
    TAKEN[$p]=1
    printf -v "$1" '%s' "$p"
    return 0
  done
  die "no free port found"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

pid_of() {
  local f="$STATE/pids/$1.pid"
  [[ -f "$f" ]] && cat "$f" || true
}

# start <name> <command...>: runs the command detached (own session), output to logs/<name>.log.
start() {
  local name="$1"
  shift
  setsid "$@" >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name.pid"
}

# Fails with the tail of the component's log if it has died.
check_alive() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if ! pid_alive "$pid"; then
    echo "---- tail of $STATE/logs/$name.log" >&2
    tail -n 30 "$STATE/logs/$name.log" >&2 || true
    die "$name exited during startup"
  fi
}

# wait_for <description> <component-that-must-stay-alive> <command...>
wait_for() {
  local what="$1" comp="$2" deadline
  shift 2
  deadline=$(($(date +%s) + TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    check_alive "$comp"
    (($(date +%s) < deadline)) || die "timed out after ${TIMEOUT}s waiting for $what (logs: $STATE/logs)"
    sleep 0.2
  done
}

kc() { "$BIN/kubectl" --kubeconfig="$STATE/kubeconfig" "$@"; }

gen_pki() {
  local pki="$STATE/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=chatbot-test-ca" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" >/dev/null 2>&1
    cat >apiserver.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local$EXTRA_SANS
EXT
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt \
      -days 3650 -extfile apiserver.ext >/dev/null 2>&1
    openssl genrsa -out sa.key 2048 >/dev/null 2>&1
    openssl rsa -in sa.key -pubout -out sa.pub >/dev/null 2>&1
  ) || die "openssl failed to create the certificates"
  ADMIN_TOKEN="$(openssl rand -hex 24)"
  echo "$ADMIN_TOKEN,admin,admin-uid,system:masters" >"$pki/tokens.csv"
  chmod 600 "$pki"/*.key "$pki/tokens.csv"
}

write_kubeconfig() {
  local ca
  ca="$(base64 -w0 <"$STATE/pki/ca.crt")"
  # Only this file: a umask left at 077 would reach every process started later (containerd then
  # creates image snapshot roots that a non-root container cannot traverse).
  touch "$STATE/kubeconfig"
  chmod 600 "$STATE/kubeconfig"
  cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: chatbot-test
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $ca
users:
- name: admin
  user:
    token: $ADMIN_TOKEN
contexts:
- name: chatbot-test
  context:
    cluster: chatbot-test
    user: admin
    namespace: default
current-context: chatbot-test
EOF
}

# The fake Nodes in one apply: hundreds of them cost one kubectl, not one each.
kwok_nodes_yaml() {
  local i node
  for ((i = 0; i < KWOK_NODES; i++)); do
    node="kwok-node-$i"
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $node
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    type: kwok
    kubernetes.io/hostname: $node
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role.kubernetes.io/agent: ""
spec: {}
status:
  addresses:
  - type: InternalIP
    address: 10.240.$((i / 200)).$((11 + i % 200))
  - type: Hostname
    address: $node
  allocatable:
    cpu: "$KWOK_NODE_CPU"
    memory: 256Gi
    pods: "$KWOK_NODE_PODS"
  capacity:
    cpu: "$KWOK_NODE_CPU"
    memory: 256Gi
    pods: "$KWOK_NODE_PODS"
EOF
  done
}

create_cluster_objects() {
  kwok_nodes_yaml | kc apply -f - >/dev/null
  kc apply -f - >/dev/null <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kwok.x-k8s.io/fake
reclaimPolicy: Delete
volumeBindingMode: Immediate
allowVolumeExpansion: true
EOF
}

nodes_ready() {
  local ready
  ready="$(kc get nodes -l type=kwok -o 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c '^True$')"
  ((ready == KWOK_NODES))
}

start_watchdog() {
  local owner="$1"
  # Runs `down` once the owner process is gone; stopped by `down` itself.
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null && [[ -d "$3" ]]; do sleep 2; done
    [[ -d "$3" ]] && exec "$2" down "$3"
  ' watchdog "$owner" "$HERE/cluster.sh" "$STATE" >"$STATE/logs/watchdog.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/watchdog.pid"
}

cmd_up() {
  local t0 b
  t0="$(now)"
  for b in "${COMPONENTS[@]}" kubectl; do
    [[ -x "$BIN/$b" ]] || die "missing $BIN/$b; build the binaries with test-infra/build-control-plane.sh"
  done
  [[ -f "$STAGES" ]] || die "missing $STAGES"
  command -v openssl >/dev/null || die "openssl is needed"
  if [[ -e "$STATE/$MARKER" ]]; then
    die "$STATE already holds a cluster; run: $0 down $STATE"
  fi
  mkdir -p "$STATE"
  [[ -z "$(ls -A "$STATE")" ]] || die "$STATE is not empty"
  touch "$STATE/$MARKER"
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/etcd"
  trap 'rc=$?; if ((rc != 0)); then log "startup failed; stopping what was started"; stop_all; fi' EXIT

  free_port ETCD_PORT
  free_port ETCD_PEER_PORT
  free_port API_PORT
  free_port KCM_PORT
  free_port SCHED_PORT
  free_port KWOK_PORT
  REGISTRY_PORT=""
  ((REAL_NODES > 0)) && free_port REGISTRY_PORT
  cat >"$STATE/ports.env" <<EOF
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
API_PORT=$API_PORT
KCM_PORT=$KCM_PORT
SCHED_PORT=$SCHED_PORT
KWOK_PORT=$KWOK_PORT
REGISTRY_PORT=$REGISTRY_PORT
EOF
  [[ -n "${CHATBOT_CLUSTER_OWNER_PID:-}" ]] && start_watchdog "$CHATBOT_CLUSTER_OWNER_PID"

  EXTRA_SANS=""
  local apiserver_extra=() bind=127.0.0.1
  if ((REAL_NODES > 0)); then
    echo "REAL_NODES=$REAL_NODES" >"$STATE/real-nodes.env"
    EXTRA_SANS="$(real_nodes_sans)"
  fi
  gen_pki
  local pki="$STATE/pki"
  write_kubeconfig
  if ((REAL_NODES > 0)); then
    real_nodes_pki
    mapfile -t apiserver_extra < <(real_nodes_apiserver_flags)
    # Pods (the operator's, in the node tier) reach the API server on a node IP.
    bind=0.0.0.0
  fi

  start etcd "$BIN/etcd" \
    --name=default \
    --data-dir="$STATE/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="default=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync \
    --quota-backend-bytes=8589934592 \
    --log-level=warn
  wait_for "etcd /health" etcd curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
  log "etcd ready after $(elapsed "$t0")s"

  start kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address="$bind" \
    --advertise-address=127.0.0.1 \
    --endpoint-reconciler-type=none \
    --secure-port="$API_PORT" \
    --cert-dir="$pki" \
    --tls-cert-file="$pki/apiserver.crt" \
    --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --requestheader-client-ca-file="$pki/ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --token-auth-file="$pki/tokens.csv" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NodeRestriction,ServiceAccount,PodSecurity,PodNodeSelector,PodTolerationRestriction \
    --allow-privileged=true \
    --service-cluster-ip-range=10.96.0.0/16 \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" \
    --profiling=false \
    --audit-policy-file="$HERE/audit-policy.yaml" \
    --audit-log-path="$STATE/logs/audit.log" \
    --audit-log-format=json \
    --audit-log-maxsize=200 \
    "${apiserver_extra[@]}" \
    --v=0
  wait_for "kube-apiserver /readyz" kube-apiserver kc get --raw /readyz
  log "kube-apiserver ready after $(elapsed "$t0")s"

  start kube-controller-manager "$BIN/kube-controller-manager" \
    --kubeconfig="$STATE/kubeconfig" \
    --authentication-kubeconfig="$STATE/kubeconfig" \
    --authorization-kubeconfig="$STATE/kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$KCM_PORT" \
    --cert-dir="$pki/kcm" \
    --leader-elect=false \
    --controllers='*' \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$pki/sa.key" \
    --root-ca-file="$pki/ca.crt" \
    --cluster-signing-cert-file="$pki/ca.crt" \
    --cluster-signing-key-file="$pki/ca.key" \
    --service-cluster-ip-range=10.96.0.0/16 \
    --profiling=false \
    --v=0
  start kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$STATE/kubeconfig" \
    --authentication-kubeconfig="$STATE/kubeconfig" \
    --authorization-kubeconfig="$STATE/kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$SCHED_PORT" \
    --cert-dir="$pki/scheduler" \
    --leader-elect=false \
    --profiling=false \
    --v=0
  start kwok "$BIN/kwok" \
    --kubeconfig="$STATE/kubeconfig" \
    --config="$STAGES" \
    --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --cidr=10.244.0.0/16 \
    --node-ip=10.240.0.1 \
    --node-port="$KWOK_PORT" \
    --server-address="127.0.0.1:$KWOK_PORT"

  create_cluster_objects
  wait_for "nodes Ready" kwok nodes_ready
  log "nodes Ready after $(elapsed "$t0")s"
  check_alive kube-controller-manager
  check_alive kube-scheduler
  # Pods need the namespace's ServiceAccount (created by kube-controller-manager).
  wait_for "serviceaccount default/default" kube-controller-manager kc -n default get serviceaccount default
  if ((REAL_NODES > 0)); then
    real_nodes_up
    log "$REAL_NODES real node(s) Ready after $(elapsed "$t0")s (registry 127.0.0.1:$REGISTRY_PORT)"
  fi

  trap - EXIT
  echo "control plane $K8S_VERSION up in $(elapsed "$t0")s: https://127.0.0.1:$API_PORT, kubeconfig $STATE/kubeconfig"
}

# stop_group <seconds> <name...>: SIGTERM, then SIGKILL whatever is still running after <seconds>.
stop_group() {
  local grace="$1" name pid n
  shift
  for name in "$@"; do
    pid="$(pid_of "$name")"
    if pid_alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for name in "$@"; do
    pid="$(pid_of "$name")"
    for ((n = 0; n < grace * 10; n++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    if pid_alive "$pid"; then
      ((grace == 0)) || log "$name ($pid) did not stop in ${grace}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

# Clients get a graceful stop; kube-apiserver and etcd are killed outright: their state is thrown
# away, and a graceful stop takes them ~3 s and ~2 s (longer, and it hangs, if etcd goes first).
stop_all() {
  stop_group 5 kwok kube-scheduler kube-controller-manager
  real_nodes_down
  stop_group 0 kube-apiserver
  stop_group 0 etcd
}

cmd_down() {
  if [[ ! -e "$STATE/$MARKER" ]]; then
    log "no cluster in $STATE"
    return 0
  fi
  local t0 wd
  t0="$(now)"
  stop_all
  wd="$(pid_of watchdog)"
  # Don't kill ourselves when the watchdog is the one running `down`.
  if pid_alive "$wd" && [[ "$wd" != "$$" && "$wd" != "$PPID" ]]; then kill -TERM "$wd" 2>/dev/null || true; fi
  rm -rf "$STATE"
  echo "control plane stopped in $(elapsed "$t0")s"
}

cmd_status() {
  [[ -e "$STATE/$MARKER" ]] || {
    echo "no cluster in $STATE"
    return 1
  }
  local name pid rc=0 comps=("${COMPONENTS[@]}") i
  if [[ -f "$STATE/real-nodes.env" ]]; then
    source "$STATE/real-nodes.env"
    comps+=(registry provisioner kube-proxy)
    for ((i = 0; i < REAL_NODES; i++)); do comps+=("containerd-$i" "kubelet-$i"); done
  fi
  for name in "${comps[@]}"; do
    pid="$(pid_of "$name")"
    if pid_alive "$pid"; then
      printf '%-24s running (pid %s)\n' "$name" "$pid"
    else
      printf '%-24s NOT running\n' "$name"
      rc=1
    fi
  done
  if kc get --raw /readyz >/dev/null 2>&1; then echo "readyz: ok"; else
    echo "readyz: failing"
    rc=1
  fi
  kc get nodes 2>/dev/null || true
  return $rc
}

cmd_real_namespace() {
  local ns="$1"
  [[ -e "$STATE/$MARKER" && -f "$STATE/real-nodes.env" ]] || die "no cluster with real nodes in $STATE"
  # Server-side, under its own field manager: a later `kubectl apply` of the same namespace (as
  # manifests/install.yaml has) then keeps these annotations.
  kc apply --server-side --field-manager=chatbot-test-infra -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $ns
  annotations:
    scheduler.alpha.kubernetes.io/node-selector: $REAL_NODE_TAINT=true
    scheduler.alpha.kubernetes.io/defaultTolerations: '[{"key": "$REAL_NODE_TAINT", "operator": "Exists", "effect": "NoSchedule"}]'
  labels:
    pod-security.kubernetes.io/enforce: restricted
EOF
  echo "namespace $ns: pods run on the real nodes"
}

[[ $# -ge 1 ]] || usage
if [[ "$1" == real-nodes-missing ]]; then
  STATE="${2:-/nonexistent}"
  source "$HERE/real-nodes.sh"
  real_nodes_missing
  exit 0
fi
[[ $# -ge 2 ]] || usage
STATE="$2"
[[ "$STATE" == /* ]] || STATE="$PWD/$STATE"
source "$HERE/real-nodes.sh"
case "$1" in
  up)
    shift 2
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --real-nodes)
          [[ "${2:-}" =~ ^[0-9]+$ ]] || usage
          REAL_NODES="$2"
          shift 2
          ;;
        --kwok-nodes | --kwok-node-pods | --kwok-node-cpu)
          [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage
          case "$1" in
            --kwok-nodes) KWOK_NODES="$2" ;;
            --kwok-node-pods) KWOK_NODE_PODS="$2" ;;
            --kwok-node-cpu) KWOK_NODE_CPU="$2" ;;
          esac
          shift 2
          ;;
        *) usage ;;
      esac
    done
    if ((REAL_NODES > 0)); then
      missing="$(real_nodes_missing)"
      [[ -z "$missing" ]] || die "real nodes cannot run on this machine: missing $missing"
    fi
    cmd_up
    ;;
  down) cmd_down ;;
  status) cmd_status ;;
  real-namespace)
    [[ $# -eq 3 ]] || usage
    cmd_real_namespace "$3"
    ;;
  *) usage ;;
esac
