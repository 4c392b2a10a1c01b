#!/usr/bin/env bash
# Builds a real Kubernetes control plane from Go modules (no binary downloads are possible here):
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd and kwok, pinned below.
# Output: $CHATBOT_INFRA_CACHE/k8s/<version>/bin (default ~/.cache/chatbot-operator). A second run
# with everything present takes well under a second. See docs/testing.md.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-v1.37.2}"   # newest release whose go directive the machine's Go satisfies
ETCD_VERSION="${ETCD_VERSION:-v3.6.8}"  # the 3.6 line is supported by kube-apiserver 1.37
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"

CACHE="${CHATBOT_INFRA_CACHE:-$HOME/.cache/chatbot-operator}"
OUT="$CACHE/k8s/$K8S_VERSION/bin"
STAMP="$OUT/.complete-$K8S_VERSION-$ETCD_VERSION-$KWOK_VERSION"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok)

if [[ -f "$STAMP" ]]; then
  echo "control plane $K8S_VERSION already built in $OUT"
  exit 0
fi
command -v go >/dev/null || { echo "error: Go is needed (go1.26+)" >&2; exit 1; }

start=$(date +%s)
mkdir -p "$OUT"
WORK="$CACHE/build"
mkdir -p "$WORK"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export CGO_ENABLED=0

minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
staging="v0.${K8S_VERSION#v1.}"

echo "==> kubernetes $K8S_VERSION (wrapper module, staging modules at $staging)"
K="$WORK/kubernetes-$K8S_VERSION"
mkdir -p "$K"
cd "$K"
if [[ ! -f go.mod ]]; then
  go mod init chatbot.dev/control-plane >/dev/null 2>&1
  # k8s.io/kubernetes replaces its staging modules with ./staging paths and requires them at v0.0.0;
  # map each one to its published release instead.
  gomod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
  grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$gomod" | awk '{print $1}' | while read -r m; do
    go mod edit -replace="$m=$m@$staging"
  done
  cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  go mod tidy -e >/dev/null
fi
ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  if [[ ! -x "$OUT/$cmd" ]]; then
    echo "    building $cmd"
    go build -trimpath -ldflags "-s -w $ldflags" -o "$OUT/$cmd" "k8s.io/kubernetes/cmd/$cmd"
  fi
done

echo "==> etcd $ETCD_VERSION"
E="$WORK/etcd-$ETCD_VERSION"
mkdir -p "$E"
cd "$E"
if [[ ! -f go.mod ]]; then
  go mod init chatbot.dev/etcd >/dev/null 2>&1
  cat > main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go mod tidy >/dev/null
fi
[[ -x "$OUT/etcd" ]] || go build -trimpath -ldflags "-s -w" -o "$OUT/etcd" .

echo "==> kwok $KWOK_VERSION"
[[ -x "$OUT/kwok" ]] || GOBIN="$OUT" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"

for b in "${BINARIES[@]}"; do
  [[ -x "$OUT/$b" ]] || { echo "error: $b was not built" >&2; exit 1; }
done
touch "$STAMP"
echo "built ${BINARIES[*]} into $OUT in $(( $(date +%s) - start ))s"
