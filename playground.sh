#!/usr/bin/env bash
# One-command playground: a real control plane (built from Go modules, KWOK nodes), the operator,
# a sample ChatbotDeployment, and the chat app started locally with the settings the operator
# rendered for its pod. Ctrl-C stops everything.
#
#   ./playground.sh                          # everything local
#   ./playground.sh --kubeconfig ~/.kube/config   # use an existing cluster (e.g. kind) instead
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

while [[ $# -gt 0 ]]; do
  case "$1" in
    --kubeconfig) KUBECONFIG_ARG="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
PIDS=()
cleanup() {
  say "stopping"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -z "$KUBECONFIG_ARG" ]]; then test-infra/cluster.sh down "$STATE/cluster" || true; fi
}
trap cleanup EXIT INT TERM
mkdir -p "$STATE"

if [[ ! -f operator/target/chatbot-operator.jar || ! -f chatbot-app/target/chatbot-app.jar ]]; then
  say "building the operator and the chat app jars"
  ./mvnw -B -ntp -q -DskipTests package
fi

if [[ -n "$KUBECONFIG_ARG" ]]; then
  export KUBECONFIG="$KUBECONFIG_ARG"
  KUBECTL=$(command -v kubectl || true)
  [[ -n "$KUBECTL" ]] || { echo "kubectl is needed with --kubeconfig" >&2; exit 1; }
else
  say "building the control plane (cached after the first run)"
  test-infra/build-control-plane.sh
  say "starting etcd, kube-apiserver, controller-manager, scheduler and kwok"
  test-infra/cluster.sh up "$STATE/cluster"
  export KUBECONFIG="$STATE/cluster/kubeconfig"
  KUBECTL="${CHATBOT_INFRA_CACHE:-$HOME/.cache/chatbot-operator}/k8s/$(sed -n 's/^K8S_VERSION="${K8S_VERSION:-\(v[0-9.]*\)}".*/\1/p' test-infra/build-control-plane.sh)/bin/kubectl"
fi

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
name=$(sed -n 's/^  name: *\([a-z0-9-]*\).*/\1/p; s/^metadata: *{name: *\([a-z0-9-]*\)}.*/\1/p' "$SAMPLE" | head -1)
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

cat <<INFO

  kubeconfig:  $KUBECONFIG
  try:         KUBECONFIG=$KUBECONFIG $KUBECTL -n $NAMESPACE get cbd,deploy,pods,pvc
  chat UI:     http://127.0.0.1:$APP_PORT/
  chat API:    curl -s localhost:$APP_PORT/api/chat -H 'Content-Type: application/json' -d '{"message":"hello"}'
  operator:    http://127.0.0.1:$OPERATOR_PORT/metrics   (log: $STATE/operator.log)

  The pods in the cluster run on simulated KWOK nodes: no container runs there. The chat app above
  runs on this machine with the environment the operator rendered for the pod.
  Press Ctrl-C to stop everything.
INFO
wait
