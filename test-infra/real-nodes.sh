# Real nodes for test-infra/cluster.sh (sourced by it, not run on its own): per node a kubelet
# with its own containerd (Debian package) and runc, a CNI bridge, and the locally built pause
# image; once per cluster a local OCI registry (Debian docker-registry) that containerd pulls from
# over plain HTTP on loopback, one kube-proxy (iptables, for Service traffic from the host) and a
# small volume provisioner ("local" StorageClass: real `local` PVs on the node's disk, so fsGroup
# applies). The settings are the ones measured in ../shared/guide/real-node.md and docs/testing.md.
#
# Layout: node i is "realnode-<i>", node IP 10.88.<i>.1 on bridge "chatbot-rn<i>", which is also the
# gateway of its pod subnet 10.88.<i>.0/24. The addresses live only on bridges this script creates;
# nothing is routed off the machine (ip_forward stays as it is). Only one cluster with real nodes
# can run on a machine at a time (the bridges, iptables chains and cgroup roots are machine-wide):
# a lock file says which state directory holds them.
#
# Real nodes carry the taint chatbot.dev/real-node=true:NoSchedule and the label
# chatbot.dev/real-node=true. A namespace asks for them with the annotations that
# `cluster.sh real-namespace <state> <ns>` sets (PodNodeSelector + PodTolerationRestriction
# admission), so the operator's Deployments need no scheduling fields.

REAL_NODE_LOCK="/run/lock/chatbot-real-nodes.lock"
REAL_NODE_TAINT="chatbot.dev/real-node"
REAL_NODE_IMAGES="$STATE/images"
PAUSE_IMAGE="chatbot.dev/test/pause:1"

real_node_name() { echo "realnode-$1"; }
real_node_ip() { echo "10.88.$1.1"; }
real_node_bridge() { echo "chatbot-rn$1"; }
real_node_dir() { echo "$STATE/nodes/$(real_node_name "$1")"; }

# real_nodes_missing: prints the first thing this machine lacks for a real node (nothing if none).
real_nodes_missing() {
  local b
  [[ "$(uname -s)" == Linux ]] || { echo "not Linux"; return; }
  [[ "$(id -u)" -eq 0 ]] || { echo "not root (kubelet and containerd need root)"; return; }
  for b in kubelet kube-proxy pause; do
    [[ -x "$BIN/$b" ]] || { echo "$BIN/$b (run test-infra/build-control-plane.sh)"; return; }
  done
  for b in containerd containerd-shim-runc-v2 ctr runc docker-registry iptables ip mount; do
    command -v "$b" >/dev/null || { echo "the command $b (apt-get install containerd runc docker-registry iptables iproute2)"; return; }
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] ||
    { echo "/usr/lib/cni/{bridge,host-local,loopback} (apt-get install containernetworking-plugins)"; return; }
  [[ -d /sys/fs/cgroup/memory || -f /sys/fs/cgroup/cgroup.controllers ]] || { echo "a cgroup memory controller"; return; }
  ip link add chatbot-rnprobe type bridge 2>/dev/null || { echo "CAP_NET_ADMIN (cannot create a bridge)"; return; }
  ip link del chatbot-rnprobe 2>/dev/null || true
  if [[ -f "$REAL_NODE_LOCK" ]]; then
    local other
    other="$(cat "$REAL_NODE_LOCK" 2>/dev/null || true)"
    if [[ -n "$other" && "$other" != "$STATE" && -e "$other/$MARKER" ]]; then
      echo "the real nodes of another cluster ($other; stop it with cluster.sh down $other)"
      return
    fi
  fi
}

# Extra subject alternative names of the API server certificate: pods reach it on the node IPs.
real_nodes_sans() {
  local i sans=""
  for ((i = 0; i < REAL_NODES; i++)); do sans+=",IP:$(real_node_ip "$i")"; done
  echo "$sans"
}

# sign <name> <subject> <extfile-content>: a key and a certificate signed by the cluster CA.
sign() {
  local name="$1" subj="$2" ext="$3" pki="$STATE/pki"
  openssl req -newkey rsa:2048 -nodes -keyout "$pki/$name.key" -out "$pki/$name.csr" -subj "$subj" >/dev/null 2>&1
  printf '%s\n' "$ext" >"$pki/$name.ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/$name.crt" -days 3650 -extfile "$pki/$name.ext" >/dev/null 2>&1
  chmod 600 "$pki/$name.key"
}

# Credentials: the API server's client certificate for kubelets (exec, logs, port-forward), a
# serving certificate per kubelet, and tokens for the kubelets (Node authorizer) and kube-proxy.
real_nodes_pki() {
  local i name
  sign kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" \
    "$(printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth')"
  for ((i = 0; i < REAL_NODES; i++)); do
    name="$(real_node_name "$i")"
    sign "$name" "/CN=$name" \
      "$(printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:%s,DNS:%s' "$(real_node_ip "$i")" "$name")"
    echo "$(openssl rand -hex 24),system:node:$name,node-$name,system:nodes" >>"$STATE/pki/tokens.csv"
  done
  echo "$(openssl rand -hex 24),system:kube-proxy,kube-proxy" >>"$STATE/pki/tokens.csv"
}

real_nodes_apiserver_flags() {
  local pki="$STATE/pki"
  echo "--kubelet-preferred-address-types=InternalIP"
  echo "--kubelet-client-certificate=$pki/kubelet-client.crt"
  echo "--kubelet-client-key=$pki/kubelet-client.key"
  echo "--kubelet-certificate-authority=$pki/ca.crt"
}

token_of() { awk -F, -v u="$1" '$2 == u { print $1 }' "$STATE/pki/tokens.csv"; }

# kubeconfig_for <file> <user>: a kubeconfig with that user's token.
kubeconfig_for() {
  local file="$1" user="$2"
  sed -e "s/^    token: .*/    token: $(token_of "$user")/" -e "s/^- name: admin$/- name: $user/" \
    -e "s/^    user: admin$/    user: $user/" "$STATE/kubeconfig" >"$file"
  chmod 600 "$file"
}

real_nodes_registry() {
  local dir="$STATE/registry"
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $dir/data}
  delete: {enabled: true}
http:
  addr: 127.0.0.1:$REGISTRY_PORT
EOF
  start registry docker-registry serve "$dir/config.yml"
  wait_for "registry /v2/" registry curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/"
}

real_node_containerd() {
  local i="$1" dir
  dir="$(real_node_dir "$i")"
  mkdir -p "$dir/containerd" "$dir/cni"
  cat >"$dir/containerd/config.toml" <<EOF
version = 2
root = "$dir/containerd/root"
state = "$dir/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$dir/containerd.sock"
[ttrpc]
  address = "$dir/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Without CAP_SYS_RESOURCE the kubelet's oom_score_adj -998 for sandboxes cannot be written.
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni"
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."127.0.0.1:$REGISTRY_PORT"]
    endpoint = ["http://127.0.0.1:$REGISTRY_PORT"]
EOF
  cat >"$dir/cni/10-chatbot.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "chatbot-rn$i",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$(real_node_bridge "$i")",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$dir/cni-ipam",
        "ranges": [[{"subnet": "10.88.$i.0/24", "gateway": "$(real_node_ip "$i")"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
EOF
  start "containerd-$i" containerd --config "$dir/containerd/config.toml"
  wait_for "containerd of $(real_node_name "$i")" "containerd-$i" ctr -a "$dir/containerd.sock" version
  ctr -a "$dir/containerd.sock" -n k8s.io images import "$REAL_NODE_IMAGES/pause.tar" >/dev/null
}

# The node IP lives on the pod bridge itself (the CNI bridge plugin keeps an existing bridge and
# its gateway address), so pods reach the node, and the API server, without any forwarding. Pods
# get a default route to it so Service IPs (kube-proxy's DNAT on the node) are reachable; with
# ip_forward off nothing is routed beyond this machine.
real_node_network() {
  local i="$1" br
  br="$(real_node_bridge "$i")"
  ip link show "$br" >/dev/null 2>&1 || ip link add "$br" type bridge
  ip addr replace "$(real_node_ip "$i")/24" dev "$br"
  ip link set "$br" up
}

# cgroup v1 hierarchies are machine-wide: each kubelet gets its own root so two never share
# /kubepods.
real_node_cgroup_root() { echo "/chatbot-$(real_node_name "$1")"; }

real_node_cgroups() {
  local root c
  root="$(real_node_cgroup_root "$1")"
  for c in /sys/fs/cgroup/*/; do
    [[ -f "$c/cgroup.procs" ]] && mkdir -p "$c$root"
  done
  [[ -d /sys/fs/cgroup/unified ]] && mkdir -p "/sys/fs/cgroup/unified$root"
  return 0
}

real_node_kubelet() {
  local i="$1" dir name ip
  dir="$(real_node_dir "$i")"
  name="$(real_node_name "$i")"
  ip="$(real_node_ip "$i")"
  mkdir -p "$dir/kubelet"
  kubeconfig_for "$dir/kubeconfig" "system:node:$name"
  free_port HEALTHZ_PORT
  cat >"$dir/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $ip
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $HEALTHZ_PORT
tlsCertFile: $STATE/pki/$name.crt
tlsPrivateKeyFile: $STATE/pki/$name.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $STATE/pki/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$dir/containerd.sock
# cgroup v1 hybrid on these machines (real-node.md): refused by default since 1.35.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: $(real_node_cgroup_root "$i")
failSwapOn: false
localStorageCapacityIsolation: false
enforceNodeAllocatable: []
registerWithTaints:
- {key: $REAL_NODE_TAINT, value: "true", effect: NoSchedule}
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
serializeImagePulls: false
imageMinimumGCAge: 24h
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 100Mi}
maxPods: 30
syncFrequency: 10s
fileCheckFrequency: 10s
nodeStatusUpdateFrequency: 5s
shutdownGracePeriod: 0s
EOF
  start "kubelet-$i" "$BIN/kubelet" \
    --config="$dir/kubelet-config.yaml" \
    --kubeconfig="$dir/kubeconfig" \
    --hostname-override="$name" \
    --node-ip="$ip" \
    --root-dir="$dir/kubelet" \
    --cert-dir="$dir/kubelet/pki" \
    --node-labels="$REAL_NODE_TAINT=true,type=real" \
    --v=1
}

real_nodes_kube_proxy() {
  local dir="$STATE/kube-proxy"
  mkdir -p "$dir"
  kubeconfig_for "$dir/kubeconfig" system:kube-proxy
  free_port PROXY_HEALTHZ_PORT
  free_port PROXY_METRICS_PORT
  cat >"$dir/config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $dir/kubeconfig}
hostnameOverride: $(real_node_name 0)
mode: iptables
clusterCIDR: 10.88.0.0/16
healthzBindAddress: 127.0.0.1:$PROXY_HEALTHZ_PORT
metricsBindAddress: 127.0.0.1:$PROXY_METRICS_PORT
# No sysctl writes: conntrack limits stay the machine's, and no NodePort on 127.0.0.1.
conntrack: {maxPerCore: 0, min: 0}
iptables: {localhostNodePorts: false, syncPeriod: 10s, minSyncPeriod: 1s}
EOF
  start kube-proxy "$BIN/kube-proxy" --config="$dir/config.yaml" --v=1
}

# The in-cluster address of the API server for pods (the operator runs in one): the Service
# "kubernetes" gets an endpoint on the first node IP (the API server binds every address then).
real_nodes_kubernetes_endpoint() {
  kc apply -f - >/dev/null <<EOF
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kubernetes
  namespace: default
  labels:
    kubernetes.io/service-name: kubernetes
    endpointslice.kubernetes.io/managed-by: test-infra.chatbot.dev
addressType: IPv4
endpoints:
- addresses: [$(real_node_ip 0)]
  conditions: {ready: true}
ports:
- {name: https, port: $API_PORT, protocol: TCP}
EOF
}

real_nodes_storage_class() {
  kc apply -f - >/dev/null <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: chatbot.dev/test-local
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
EOF
  kc annotate storageclass standard storageclass.kubernetes.io/is-default-class=false --overwrite >/dev/null
  start provisioner bash "$HERE/local-provisioner.sh" "$BIN/kubectl" "$STATE/kubeconfig" "$STATE/volumes"
}

real_nodes_ready() {
  local i
  for ((i = 0; i < REAL_NODES; i++)); do
    [[ "$(kc get node "$(real_node_name "$i")" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == "True" ]] || return 1
  done
}

real_nodes_up() {
  local i
  echo "$STATE" >"$REAL_NODE_LOCK"
  mkdir -p "$REAL_NODE_IMAGES" "$STATE/volumes"
  "$HERE/docker-archive.sh" "$BIN/pause" /pause "$PAUSE_IMAGE" "$REAL_NODE_IMAGES/pause.tar"
  real_nodes_registry
  for ((i = 0; i < REAL_NODES; i++)); do
    real_node_network "$i"
    real_node_cgroups "$i"
    real_node_containerd "$i"
    real_node_kubelet "$i"
  done
  real_nodes_kubernetes_endpoint
  real_nodes_storage_class
  real_nodes_kube_proxy
  wait_for "real nodes Ready" "kubelet-0" real_nodes_ready
}

# Pods first (the kubelet tears down their sandboxes, CNI and mounts while it still runs), then the
# kubelets, containerd and their shims by pid, then whatever is still mounted, the bridges, the
# iptables chains and the cgroup roots.
real_nodes_down() {
  local i n dir name
  [[ -f "$STATE/real-nodes.env" ]] || return 0
  # shellcheck disable=SC1091
  source "$STATE/real-nodes.env"
  for ((i = 0; i < REAL_NODES; i++)); do
    name="$(real_node_name "$i")"
    if pid_alive "$(pid_of "kubelet-$i")" && pid_alive "$(pid_of kube-apiserver)"; then
      kc delete pods -A --field-selector "spec.nodeName=$name" --grace-period=2 --wait=false >/dev/null 2>&1 || true
    fi
  done
  for ((n = 0; n < 150; n++)); do
    real_node_pods_left || break
    sleep 0.2
  done
  for ((i = 0; i < REAL_NODES; i++)); do stop_group 5 "kubelet-$i"; done
  stop_group 3 kube-proxy provisioner registry
  for ((i = 0; i < REAL_NODES; i++)); do
    dir="$(real_node_dir "$i")"
    real_node_kill_tasks "$dir"
    stop_group 5 "containerd-$i"
    real_node_kill_shims "$dir"
    real_node_unmount "$dir"
    ip link del "$(real_node_bridge "$i")" 2>/dev/null || true
    real_node_remove_cgroups "$(real_node_cgroup_root "$i")"
  done
  [[ -x "$BIN/kube-proxy" ]] && "$BIN/kube-proxy" --cleanup >/dev/null 2>&1 || true
  real_node_remove_kubelet_chains
  [[ "$(cat "$REAL_NODE_LOCK" 2>/dev/null)" == "$STATE" ]] && rm -f "$REAL_NODE_LOCK"
  return 0
}

# The kubelet's own chains (its localnet firewall and the canaries it watches for a flush); kube-proxy
# --cleanup leaves them. Only one real-node cluster runs per machine, so they are ours.
real_node_remove_kubelet_chains() {
  local cmd table chain
  for cmd in iptables ip6tables; do
    command -v "$cmd" >/dev/null || continue
    for chain in INPUT OUTPUT; do
      while "$cmd" -t filter -D "$chain" -j KUBE-FIREWALL 2>/dev/null; do :; done
    done
    for table in filter nat mangle; do
      for chain in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
        "$cmd" -t "$table" -F "$chain" 2>/dev/null && "$cmd" -t "$table" -X "$chain" 2>/dev/null
      done
    done
  done
  return 0
}

real_node_pods_left() {
  local i
  for ((i = 0; i < REAL_NODES; i++)); do
    [[ -n "$(kc get pods -A --field-selector "spec.nodeName=$(real_node_name "$i")" -o name 2>/dev/null)" ]] && return 0
  done
  return 1
}

# Containers the kubelet did not stop in time: killed through their own containerd.
real_node_kill_tasks() {
  local sock="$1/containerd.sock" t
  [[ -S "$sock" ]] || return 0
  for t in $(ctr -a "$sock" -n k8s.io tasks ls -q 2>/dev/null); do
    ctr -a "$sock" -n k8s.io tasks kill -s SIGKILL "$t" >/dev/null 2>&1 || true
  done
}

real_node_kill_shims() {
  local pid
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $1/containerd.sock" || true); do
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# Every mount below the node's directory (overlay snapshots, kubelet volumes, sandbox /dev/shm),
# deepest first, and network namespaces whose mount points are gone with the sandboxes.
real_node_unmount() {
  local m
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
}

real_node_remove_cgroups() {
  local root="$1" c
  for c in /sys/fs/cgroup/*/ /sys/fs/cgroup/unified/; do
    [[ -d "$c$root" ]] || continue
    find "$c$root" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}
