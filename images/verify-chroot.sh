#!/usr/bin/env bash
# Runs an image the build made without Docker: unpacks the docker-archive tar layer by layer into
# a root filesystem and starts its entrypoint (tini -> java) under chroot as uid/gid 10001 (root
# needed for chroot/mount). The chroot shares the host network, so the app is reachable on
# localhost.
#   app:      start the chat app, upload, chat, print its RSS
#   operator: run `render` of the minimal sample and `--version` with the image's entrypoint
# VERIFY_MAX_RAM (e.g. 1g) makes the JVM size itself as under that memory limit.
#
# usage: sudo images/verify-chroot.sh app|operator [image tar] [port]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kind=${1:-app}
case "$kind" in
  app) image=${2:-$here/../chatbot-app/target/chatbot-app-image.tar} ;;
  operator) image=${2:-$here/../operator/target/chatbot-operator-image.tar} ;;
  *) echo "usage: verify-chroot.sh app|operator [image tar] [port]" >&2; exit 2 ;;
esac
port=${3:-18090}
[ "$(id -u)" = 0 ] || { echo "verify-chroot: run as root (chroot, mount)" >&2; exit 1; }

work=$(mktemp -d /tmp/chatbot-image.XXXXXX)
root=$work/rootfs
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  umount "$root/proc" 2>/dev/null || true
  umount "$root/dev" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/oci" "$root"
tar -xf "$image" -C "$work/oci"
mapfile -t layers < <(python3 -c 'import json,sys; [print(l) for l in json.load(open(sys.argv[1]))[0]["Layers"]]' "$work/oci/manifest.json")
for layer in "${layers[@]}"; do tar -xzf "$work/oci/$layer" -C "$root" --same-owner --same-permissions --warning=no-unknown-keyword; done
mapfile -t entrypoint < <(python3 -c 'import json,sys; [print(a) for a in json.load(open(sys.argv[1]))["config"]["Entrypoint"]]' "$work/oci/config.json")
mapfile -t image_env < <(python3 -c 'import json,sys; [print(a) for a in json.load(open(sys.argv[1]))["config"]["Env"]]' "$work/oci/config.json")
echo "verify-chroot: ${#layers[@]} layers, rootfs $(du -sh "$root" | cut -f1), entrypoint: ${entrypoint[*]}"

# What a container runtime provides: /proc (also needed for $ORIGIN in java's RPATH), /dev.
mkdir -p "$root/proc" "$root/dev"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"

chroot --userspec=10001:10001 "$root" /opt/java/bin/java -version
[ -n "${VERIFY_MAX_RAM:-}" ] && image_env+=("JAVA_TOOL_OPTIONS=-XX:MaxRAM=$VERIFY_MAX_RAM")
if [ "$kind" = operator ]; then
  cp "$here/../manifests/samples/minimal.yaml" "$root/tmp/cr.yaml"
  env -i "${image_env[@]}" "$(command -v chroot)" --userspec=10001:10001 "$root" "${entrypoint[@]}" --version
  env -i "${image_env[@]}" "$(command -v chroot)" --userspec=10001:10001 "$root" "${entrypoint[@]}" \
    render -f /tmp/cr.yaml > "$work/render.yaml"
  echo "verify-chroot: render printed $(grep -c '^kind:' "$work/render.yaml") objects; image: $(grep -m1 'image: ' "$work/render.yaml" | sed 's/ *image: //')"
  exit 0
fi
echo "cacerts: $(chroot --userspec=10001:10001 "$root" /opt/java/bin/keytool -list -cacerts -storepass changeit | grep -c trustedCertEntry) trusted certificates"

# Volumes: fresh directories owned by the app user, like an emptyDir / PVC with fsGroup.
mkdir -p "$root/data/uploads" "$root/data/exports"
chown 10001:10001 "$root/data/uploads" "$root/data/exports"
start=$(date +%s.%N)
env -i "${image_env[@]}" SERVER_PORT="$port" \
  "$(command -v chroot)" --userspec=10001:10001 "$root" "${entrypoint[@]}" > "$work/app.log" 2>&1 &
app_pid=$!
ready=
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:$port/actuator/health/readiness" > "$work/ready.json" 2>/dev/null; then ready=1; break; fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 1
done
end=$(date +%s.%N)
if [ -z "$ready" ]; then echo "verify-chroot: app not ready"; tail -50 "$work/app.log"; exit 1; fi
echo "verify-chroot: ready after $(python3 -c "print(round($end-$start,1))") s: $(cat "$work/ready.json")"
grep -o '"message":"Started [^"]*"' "$work/app.log" || true

printf '# Pods\n\nWhen a pod crashes repeatedly Kubernetes backs off restarts (CrashLoopBackOff).\n' > "$work/notes.md"
echo "upload: $(curl -fsS -F file=@"$work/notes.md" "http://localhost:$port/api/documents")"
echo "chat:   $(curl -fsS -H 'Content-Type: application/json' -d '{"message":"hi"}' "http://localhost:$port/api/chat")"
echo "chat:   $(curl -fsS -H 'Content-Type: application/json' -d '{"message":"What happens when pods crash?"}' "http://localhost:$port/api/chat")"
echo "files:  $(cd "$root/data" && find . -type f | sort | tr '\n' ' ')"
echo "natives extracted to /tmp: $(cd "$root/tmp" && find . -name '*.so*' | sort | tr '\n' ' ')"
echo "WARN/ERROR log lines: $(grep -cE '"log.level":"(WARN|ERROR)"' "$work/app.log" || true)"
grep -E '"log.level":"(WARN|ERROR)"' "$work/app.log" | cut -c1-300 || true
echo "rss:    $(ps -o rss= -p "$(pgrep -P "$app_pid" || echo "$app_pid")" | awk '{print int($1/1024) " MB"}')"
echo "pid 1:  $(tr '\0' ' ' < "/proc/$app_pid/cmdline" | cut -c1-20)(java is its child; SIGTERM is forwarded)"
echo "verify-chroot: OK"
