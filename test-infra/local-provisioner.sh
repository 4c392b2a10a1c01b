#!/usr/bin/env bash
# A minimal dynamic provisioner for the test cluster's "local" StorageClass (real nodes): for every
# claim the scheduler has placed on a node (WaitForFirstConsumer sets
# volume.kubernetes.io/selected-node) it makes a directory and a `local` PersistentVolume pinned to
# that node, so the kubelet mounts a real directory and applies the pod's fsGroup (it does not for
# hostPath). Released volumes are deleted with their directory.
#
#   local-provisioner.sh <kubectl> <kubeconfig> <volumes-dir>      (started by real-nodes.sh)
set -uo pipefail
KUBECTL="$1" KC="$2" VOLUMES="$3"
PROVISIONER="chatbot.dev/test-local"
k() { "$KUBECTL" --kubeconfig="$KC" "$@"; }

provision() {
  local ns="$1" name="$2" uid="$3" node="$4" size="$5" modes="$6" dir
  dir="$VOLUMES/pvc-$uid"
  mkdir -p "$dir"
  k apply -f - >/dev/null <<YAML && echo "provisioned $ns/$name on $node at $dir"
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pvc-$uid
  annotations: {pv.kubernetes.io/provisioned-by: $PROVISIONER}
spec:
  capacity: {storage: "$size"}
  accessModes: [$modes]
  persistentVolumeReclaimPolicy: Delete
  storageClassName: local
  volumeMode: Filesystem
  claimRef: {namespace: $ns, name: $name, uid: $uid}
  local: {path: $dir}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [$node]}
YAML
}

while true; do
  k get pvc -A -o json 2>/dev/null | jq -r '.items[]
    | select(.spec.storageClassName == "local" and (.spec.volumeName // "") == ""
             and (.metadata.annotations["volume.kubernetes.io/selected-node"] // "") != ""
             and .metadata.deletionTimestamp == null)
    | [.metadata.namespace, .metadata.name, .metadata.uid,
       .metadata.annotations["volume.kubernetes.io/selected-node"],
       .spec.resources.requests.storage, (.spec.accessModes | join(","))] | @tsv' |
    while IFS=$'\t' read -r ns name uid node size modes; do
      provision "$ns" "$name" "$uid" "$node" "$size" "$modes"
    done
  k get pv -o json 2>/dev/null | jq -r --arg p "$PROVISIONER" '.items[]
    | select(.metadata.annotations["pv.kubernetes.io/provisioned-by"] == $p and .status.phase == "Released")
    | [.metadata.name, .spec.local.path] | @tsv' |
    while IFS=$'\t' read -r pv path; do
      [[ "$path" == "$VOLUMES"/* ]] && rm -rf "$path"
      k delete pv "$pv" --wait=false >/dev/null && echo "deleted $pv"
    done
  sleep 1
done
