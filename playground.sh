#!/usr/bin/env bash
# One-command playground: a real control plane built from Go modules, with a real node (kubelet,
# containerd, runc) where this machine can run one, the operator installed from the chart's
# manifests (manifests/install.yaml) running in its pod, a sample ChatbotDeployment whose chat app
# runs in its pod, and a chat URL that goes through the cluster (kubectl port-forward to the
# Service). Ctrl-C stops everything and unmounts what the node mounted.
#
#   ./playground.sh                               # real node where possible, else KWOK (says why)
#   ./playground.sh --kwok                        # simulated nodes only: the app runs beside the cluster
#   ./playground.sh --kubeconfig ~/.kube/config   # an existing cluster instead (KWOK-style flow)
#   ./playground.sh --sample manifests/samples/ollama.yaml
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
STATE="$ROOT/.playground"
SAMPLE="manifests/samples/minimal.yaml"
KUBECONFIG_ARG=""
APP_PORT="${APP_PORT:-8080}"
OPERATOR_PORT="${OPERATOR_PORT:-18081}"
NAMESPACE=chat
MODE=auto
T0=$(date +%s)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --kubeconfig) KUBECONFIG_ARG="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    --kwok) MODE=kwok; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s (%ss)\033[0m\n' "$*" "$(($(date +%s) - T0))"; }
PIDS=()
cleanup() {
  # A closed terminal or pipe must not cut the clean-up short (SIGPIPE on the next echo).
  trap '' PIPE INT TERM
  say "stopping" || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -z "$KUBECONFIG_ARG" ]]; then test-infra/cluster.sh down "$STATE/cluster" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$STATE"

if [[ -n "$KUBECONFIG_ARG" ]]; then
  MODE=kwok
elif [[ "$MODE" == auto ]]; then
  test-infra/build-control-plane.sh >/dev/null
  missing=$(test-infra/cluster.sh real-nodes-missing)
  if [[ -z "$missing" ]]; then
    MODE=real
  else
    echo "playground: no real node on this machine (missing $missing): using simulated KWOK nodes"
    MODE=kwok
  fi
fi

need=(operator/target/chatbot-operator.jar chatbot-app/target/chatbot-app.jar)
[[ "$MODE" == real ]] && need+=(operator/target/chatbot-operator-image.tar chatbot-app/target/chatbot-app-image.tar)
for f in "${need[@]}"; do
  if [[ ! -f "$f" ]]; then
    say "building the operator, the chat app and their images"
    ./mvnw -B -ntp -q -DskipTests package
    break
  fi
done

if [[ -n "$KUBECONFIG_ARG" ]]; then
  export KUBECONFIG="$KUBECONFIG_ARG"
  KUBECTL=$(command -v kubectl || true)
  [[ -n "$KUBECTL" ]] || { echo "kubectl is needed with --kubeconfig" >&2; exit 1; }
else
  say "building the control plane (cached after the first run)"
  test-infra/build-control-plane.sh
  if [[ "$MODE" == real ]]; then
    say "starting etcd, kube-apiserver, controller-manager, scheduler, kwok and a real node"
    test-infra/cluster.sh up "$STATE/cluster" --real-nodes 1
  else
    say "starting etcd, kube-apiserver, controller-manager, scheduler and kwok"
    test-infra/cluster.sh up "$STATE/cluster"
  fi
  export KUBECONFIG="$STATE/cluster/kubeconfig"
  KUBECTL="${CHATBOT_INFRA_CACHE:-$HOME/.cache/chatbot-operator}/k8s/$(sed -n 's/^K8S_VERSION="${K8S_VERSION:-\(v[0-9.]*\)}".*/\1/p' test-infra/build-control-plane.sh)/bin/kubectl"
fi
name=$(sed -n 's/^  name: *\([a-z0-9-]*\).*/\1/p; s/^metadata: *{name: *\([a-z0-9-]*\)}.*/\1/p' "$SAMPLE" | head -1)

# push <docker-archive> <repository>: pushes to the cluster's registry, prints the digest there.
push() {
  local ref="$REGISTRY/$2:playground"
  skopeo copy --quiet --dest-tls-verify=false "docker-archive:$1" "docker://$ref" >&2
  skopeo inspect --tls-verify=false "docker://$ref" | sed -n 's/^ *"Digest": "\(sha256:[0-9a-f]*\)".*/\1/p' | head -1
}

real_mode() {
  # shellcheck disable=SC1091
  source "$STATE/cluster/ports.env"
  REGISTRY="127.0.0.1:$REGISTRY_PORT"
  say "pushing the operator and chat app images to the cluster's registry ($REGISTRY)"
  local op_digest app_digest
  op_digest=$(push operator/target/chatbot-operator-image.tar chatbot-operator)
  app_digest=$(push chatbot-app/target/chatbot-app-image.tar chatbot-app)
  test-infra/cluster.sh real-namespace "$STATE/cluster" chatbot-system >/dev/null
  test-infra/cluster.sh real-namespace "$STATE/cluster" "$NAMESPACE" >/dev/null

  say "installing the operator: manifests/install.yaml (the chart with defaults), images from $REGISTRY"
  sed -e "s#ghcr.io/chatbot-operator/chatbot-operator@sha256:[0-9a-f]*#$REGISTRY/chatbot-operator@$op_digest#" \
    -e "/CHATBOT_OPERATOR_APP_IMAGE_REPOSITORY/{n;s#value: .*#value: \"$REGISTRY/chatbot-app\"#}" \
    -e "/CHATBOT_OPERATOR_APP_IMAGE_DIGEST/{n;s#value: .*#value: \"$app_digest\"#}" \
    manifests/install.yaml | "$KUBECTL" apply --server-side -f - >/dev/null
  "$KUBECTL" -n chatbot-system rollout status deployment --timeout=300s >/dev/null

  say "applying $SAMPLE in namespace $NAMESPACE"
  "$KUBECTL" -n "$NAMESPACE" apply -f "$SAMPLE" >/dev/null
  for _ in $(seq 1 150); do
    "$KUBECTL" -n "$NAMESPACE" get deployment "$name" >/dev/null 2>&1 && break
    sleep 1
  done
  "$KUBECTL" -n "$NAMESPACE" rollout status deployment "$name" --timeout=300s >/dev/null

  say "forwarding 127.0.0.1:$APP_PORT to service/$name in the cluster"
  "$KUBECTL" -n "$NAMESPACE" port-forward "service/$name" "$APP_PORT:80" >"$STATE/port-forward.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 30); do
    curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$APP_PORT/api/documents" -F "file=@README.md;type=text/markdown" >/dev/null
  local answer
  answer=$(curl -fsS "http://127.0.0.1:$APP_PORT/api/chat" -H 'Content-Type: application/json' \
    -d '{"message":"What does the operator pin images by?"}')
  say "first answer from the pod"
  echo "  $answer" | cut -c1-300
  "$KUBECTL" -n "$NAMESPACE" get cbd,pods -o wide
}

kwok_mode() {
  say "installing the CRD and namespace $NAMESPACE (Pod Security: restricted)"
  "$KUBECTL" apply -f crds/chatbotdeployments.chatbot.dev-v1.yml >/dev/null
  "$KUBECTL" wait --for=condition=Established crd/chatbotdeployments.chatbot.dev --timeout=60s >/dev/null
  "$KUBECTL" create namespace "$NAMESPACE" --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null
  "$KUBECTL" label namespace "$NAMESPACE" pod-security.kubernetes.io/enforce=restricted --overwrite >/dev/null

  say "starting the operator (logs: $STATE/operator.log)"
  CHATBOT_OPERATOR_LEADER_ELECTION=false CHATBOT_OPERATOR_HTTP_PORT="$OPERATOR_PORT" \
    java -jar operator/target/chatbot-operator.jar run >"$STATE/operator.log" 2>&1 &
  PIDS+=($!)

  say "applying $SAMPLE"
  "$KUBECTL" -n "$NAMESPACE" apply -f "$SAMPLE" >/dev/null
  for _ in $(seq 1 90); do
    phase=$("$KUBECTL" -n "$NAMESPACE" get cbd "$name" -o jsonpath='{.status.phase}' 2>/dev/null || true)
    [[ "$phase" == "Ready" ]] && break
    sleep 2
  done
  "$KUBECTL" -n "$NAMESPACE" get cbd "$name"

  say "starting the chat app locally with the settings the operator rendered (configmap $name-config)"
  mkdir -p "$STATE/data/uploads" "$STATE/data/exports"
  env_args=()
  while IFS='=' read -r key value; do
    [[ -z "$key" ]] && continue
    env_args+=("$key=$value")
  done < <("$KUBECTL" -n "$NAMESPACE" get configmap "$name-config" -o go-template='{{range $k, $v := .data}}{{$k}}={{$v}}{{"\n"}}{{end}}')
  # The pod's paths (/data/...) do not exist on a laptop: keep every setting but the directories.
  env "${env_args[@]}" SERVER_PORT="$APP_PORT" \
    CHATBOT_UPLOADS_DIR="$STATE/data/uploads" CHATBOT_EXPORTS_DIR="$STATE/data/exports" \
    java -jar chatbot-app/target/chatbot-app.jar >"$STATE/chatbot-app.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
}

if [[ "$MODE" == real ]]; then
  real_mode
  where="The chat app runs in its pod on the real node realnode-0; the URL goes through the cluster
  (kubectl port-forward to service/$name). The operator runs in its pod in chatbot-system."
else
  kwok_mode
  where="The pods in the cluster run on simulated KWOK nodes: no container runs there. The chat app
  above runs on this machine with the environment the operator rendered for the pod."
fi

cat <<INFO

  kubeconfig:  $KUBECONFIG
  try:         KUBECONFIG=$KUBECONFIG $KUBECTL -n $NAMESPACE get cbd,deploy,pods,pvc
  chat UI:     http://127.0.0.1:$APP_PORT/
  chat API:    curl -s localhost:$APP_PORT/api/chat -H 'Content-Type: application/json' -d '{"message":"hello"}'

  $where
  Ready $(($(date +%s) - T0)) s after ./playground.sh started. Press Ctrl-C to stop everything.
INFO
wait
