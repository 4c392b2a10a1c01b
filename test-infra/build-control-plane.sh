#!/usr/bin/env bash
# Builds a real Kubernetes control plane from Go modules (no binary downloads are possible here):
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd and kwok, pinned below, plus
# kubelet, kube-proxy and a pause binary for real nodes (test-infra/cluster.sh --real-nodes).
#
#   test-infra/build-control-plane.sh        build what is missing, print the time it took
#
# Output: ${CHATBOT_INFRA_CACHE:-~/.cache/chatbot-operator}/k8s/<K8S_VERSION>/bin. When every binary
# is there with the stamp of these versions, the script only prints that and exits (milliseconds).
# A cold build on 2 cores takes about 23 minutes (about 1.3 GB of modules are downloaded into
# GOMODCACHE, the Go build cache grows by about 4.5 GB); see test-infra/README.md.
set -euo pipefail

# Kubernetes: the newest release whose go directive (1.26.0) the machine's Go (1.26.8) satisfies.
# Its staging modules (k8s.io/api, apiserver, client-go, ...) are published as v0.<minor>.<patch>.
K8S_VERSION="${K8S_VERSION:-v1.37.2}"
# etcd: Kubernetes 1.37 is developed and tested against etcd 3.7.0 (hack/lib/etcd.sh, kubeadm's
# DefaultEtcdVersion); 3.7.3 is the newest 3.7 patch release.
ETCD_VERSION="${ETCD_VERSION:-v3.7.3}"
# kwok: v0.8.0 is built against k8s.io/* v0.36, compatible with a 1.37 API server.
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"
# Packages compiled in parallel: kube-apiserver's link step alone needs about 3 GB; 2 matches the
# machine's cores and keeps memory well under its 24 GB.
GO_BUILD_P="${GO_BUILD_P:-2}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${CHATBOT_INFRA_CACHE:-$HOME/.cache/chatbot-operator}"
OUT="$CACHE/k8s/$K8S_VERSION/bin"
STAMP="$OUT/.complete-$K8S_VERSION-$ETCD_VERSION-$KWOK_VERSION"
K8S_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy)
BINARIES=("${K8S_COMMANDS[@]}" etcd kwok pause)

all_present() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$OUT/$b" ]] || return 1; done
}

if [[ -f "$STAMP" ]] && all_present; then
  echo "control plane $K8S_VERSION (etcd $ETCD_VERSION, kwok $KWOK_VERSION) already built in $OUT"
  exit 0
fi

command -v go >/dev/null || {
  echo "error: Go 1.26+ is needed to build the control plane" >&2
  exit 1
}
# Never let the go command fetch another toolchain: report a too-old Go instead.
export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export CGO_ENABLED=0

start=$(date +%s)
mkdir -p "$OUT"
WORK="$CACHE/build"
mkdir -p "$WORK"

step() { echo "==> $* ($(($(date +%s) - start))s)"; }

# has_version <binary> <command printing the version...>: true when the installed binary already
# reports the wanted version (so changing one pin rebuilds only that binary).
has_version() {
  local bin="$1" want="$2"
  shift 2
  local out
  [[ -x "$OUT/$bin" ]] || return 1
  # Captured first: `| grep -q` could end the pipe early and fail it through SIGPIPE (pipefail).
  out="$("$OUT/$bin" "$@" 2>/dev/null || true)"
  [[ "$out" == *"$want"* ]]
}

# build_to <name> <go build args...>: builds into a temporary file and renames it into place, so an
# interrupted build never leaves a broken binary that a later run would take as done.
build_to() {
  local name="$1"
  shift
  echo "    building $name"
  go build -p "$GO_BUILD_P" -trimpath -o "$OUT/.$name.tmp" "$@"
  mv -f "$OUT/.$name.tmp" "$OUT/$name"
}

# prepare_module <dir> <function that fills the current directory> [key]: (re)creates a wrapper
# module unless a previous run completed it with the same key (marker .ready), so an interrupted
# `go mod tidy`, or a module made for another list of commands, is redone.
prepare_module() {
  local dir="$1" fill="$2" key="${3:-}"
  if [[ ! -f "$dir/.ready" || "$(cat "$dir/.ready")" != "$key" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    (cd "$dir" && "$fill")
    echo "$key" >"$dir/.ready"
  fi
}

k8s_module() {
  local gomod godirective staging m
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging/...,
  # so `go install k8s.io/kubernetes/cmd/...@v1.x` is refused. Read its own go.mod from the proxy
  # and map every staging module to its published release instead.
  gomod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [[ -f "$gomod" ]] || {
    echo "error: could not download k8s.io/kubernetes@$K8S_VERSION" >&2
    return 1
  }
  godirective=$(sed -n 's/^go \([0-9.]*\).*/\1/p' "$gomod")
  echo "    k8s.io/kubernetes $K8S_VERSION needs go $godirective; this is $(go env GOVERSION)"
  staging="v0.${K8S_VERSION#v1.}"
  go mod init chatbot.dev/control-plane >/dev/null 2>&1
  go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
  local n=0
  while read -r m; do
    go mod edit -replace="$m=$m@$staging"
    n=$((n + 1))
  done < <(awk '$2 == "=>" && $3 ~ /^\.\/staging\// && $1 ~ /^k8s\.io\// { print $1 }' "$gomod")
  ((n > 0)) || {
    echo "error: no staging replacements found in $gomod" >&2
    return 1
  }
  echo "    $n staging modules replaced with $staging"
  cat >tools.go <<'GO'
//go:build tools

// Package tools only pins the commands this module builds.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
	_ "k8s.io/kubernetes/cmd/kube-proxy"
)
GO
  go mod tidy
}

etcd_module() {
  go mod init chatbot.dev/etcd >/dev/null 2>&1
  cat >main.go <<'GO'
// Command etcd is the etcd server, built from its Go module.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go mod tidy
}

step "kubernetes $K8S_VERSION"
K="$WORK/kubernetes-$K8S_VERSION"
need_k8s=()
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy; do
  has_version "$cmd" "Kubernetes $K8S_VERSION" --version || need_k8s+=("$cmd")
done
has_version kubectl "Client Version: $K8S_VERSION" version --client || need_k8s+=(kubectl)
if ((${#need_k8s[@]} > 0)); then
  prepare_module "$K" k8s_module "${K8S_COMMANDS[*]}"
  # Without these, /version reports v0.0.0-master and clients that parse it misbehave.
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1"
    ldflags+=" -X $pkg.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2)"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  for cmd in "${need_k8s[@]}"; do
    (cd "$K" && build_to "$cmd" -ldflags "$ldflags" "k8s.io/kubernetes/cmd/$cmd")
  done
fi

step "etcd $ETCD_VERSION"
if ! has_version etcd "etcd Version: ${ETCD_VERSION#v}" --version; then
  E="$WORK/etcd-$ETCD_VERSION"
  prepare_module "$E" etcd_module
  (cd "$E" && build_to etcd -ldflags "-s -w" .)
fi

step "kwok $KWOK_VERSION"
if ! has_version kwok "kwok version $KWOK_VERSION" --version; then
  # kwok's own go.mod has no replace directives, so it builds straight from the proxy.
  GOBIN="$OUT/.kwok-install" go install -p "$GO_BUILD_P" -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  mv -f "$OUT/.kwok-install/kwok" "$OUT/kwok"
  rmdir "$OUT/.kwok-install"
fi

step "pause (sandbox image of the real nodes, from test-infra/pause)"
# The project's own source (about a second to build); rebuilt whenever this script builds anything.
(cd "$HERE/pause" && build_to pause -ldflags "-s -w" .)

all_present || {
  echo "error: not every binary was built: ${BINARIES[*]}" >&2
  exit 1
}
rm -f "$OUT"/.complete-*
touch "$STAMP"
echo "built ${BINARIES[*]} into $OUT in $(($(date +%s) - start))s"
