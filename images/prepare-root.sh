#!/usr/bin/env bash
# Builds the root filesystem that both images (chatbot-app, chatbot-operator) add on top of
# `scratch` as Jib extraDirectories: a jlink'ed Java runtime from the local JDK, every shared
# library that runtime and the linux-x64 native libraries found on the classpath (ONNX Runtime, DJL
# tokenizers: the app only) need, copied from this machine with their paths, tini as PID 1
# (/sbin/tini, Debian's static build), /etc/passwd + /etc/group for uid/gid 10001, empty /tmp and
# the extra directories the image declares (the app's /data/uploads, /data/exports).
#
# usage: prepare-root.sh <output dir> <runtime classpath (':'-separated)>
# env:   IMAGE_JAVA_MODULES (required: the jlink module list), IMAGE_DIRS (extra empty directories,
#        space-separated), JAVA_HOME (the JDK whose jmods are linked), TINI (default
#        /usr/bin/tini-static), IMAGE_RUNTIME=none: only the extra directories, for a base image
#        that has a JRE and an init
set -euo pipefail

out=${1:?output dir}
classpath=${2:-}
modules=${IMAGE_JAVA_MODULES:?IMAGE_JAVA_MODULES: the jlink module list of this image}
read -r -a extra_dirs <<< "${IMAGE_DIRS:-}"
if [ "${IMAGE_RUNTIME:-jlink}" = none ]; then
  rm -rf "$out"; mkdir -p "$out"
  for d in "${extra_dirs[@]}"; do mkdir -p "$out$d"; done
  echo "prepare-root: IMAGE_RUNTIME=none, no runtime added (the base image must have one)"; exit 0
fi
tini=${TINI:-/usr/bin/tini-static}
[ -x "$tini" ] || { echo "prepare-root: $tini not found (Debian: apt-get install tini)" >&2; exit 1; }
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# jlink needs jmods; Maven's JAVA_HOME may point at a JRE-less layout, so fall back to javac's JDK.
if [ ! -d "$java_home/jmods" ] && command -v javac >/dev/null; then
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
[ -x "$java_home/bin/jlink" ] && [ -d "$java_home/jmods" ] \
  || { echo "prepare-root: no jlink/jmods under $java_home (install a full JDK, e.g. openjdk-17-jdk-headless + openjdk-17-jmods)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/sbin"
for d in "${extra_dirs[@]}"; do mkdir -p "$out$d"; done
# Static: needs no library. PID 1 reaps zombies and forwards SIGTERM to java (graceful shutdown).
cp -L "$tini" "$out/sbin/tini"

echo "prepare-root: jlink ($java_home) -> $out/opt/java"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$out/opt/java"

# Native libraries the app extracts to /tmp at runtime: inspect them too.
natives=$(mktemp -d)
trap 'rm -rf "$natives"' EXIT
IFS=':' read -r -a cp_entries <<< "$classpath"
for jar in "${cp_entries[@]}"; do
  case "$(basename "$jar")" in
    onnxruntime-*.jar) unzip -q -o "$jar" 'ai/onnxruntime/native/linux-x64/*' -d "$natives" ;;
    tokenizers-*.jar) unzip -q -o "$jar" 'native/lib/linux-x86_64/*' -d "$natives" ;;
  esac
done

mapfile -t elfs < <(find "$out/opt/java/bin" "$out/opt/java/lib" "$natives" -type f \
  \( -path '*/bin/*' -o -name '*.so' -o -name '*.so.*' -o -name jspawnhelper \))
# Names ldd cannot resolve from here but the process finds at runtime (RPATH/already loaded).
provided=$(find "$out/opt/java" "$natives" -name '*.so*' -printf '%f\n' | sort -u)

declare -A libs=()
for f in "${elfs[@]}"; do
  [ "$(head -c4 "$f" | tail -c3)" = ELF ] || continue
  while read -r line; do
    case "$line" in
      *"=> not found"*)
        name=${line%% *}
        if ! grep -qx "$name" <<< "$provided" && ! grep -qx "${name%.*}" <<< "$provided"; then
          echo "prepare-root: $f needs $name, not found on this machine" >&2; exit 1
        fi ;;
      *"=> /"*) p=${line#*=> }; libs[${p%% (*}]=1 ;;
      /*) libs[${line%% (*}]=1 ;;   # the ELF interpreter, /lib64/ld-linux-x86-64.so.2
    esac
  done < <(ldd "$f" 2>/dev/null | sed 's/^[[:space:]]*//')
done

for lib in "${!libs[@]}"; do
  case "$lib" in "$out"/*|"$natives"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"   # real files, not symlinks: the image has no /usr merge
done

cat > "$out/etc/passwd" <<'P'
root:x:0:0:root:/root:/sbin/nologin
app:x:10001:10001:chatbot-app:/tmp:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
P
cat > "$out/etc/group" <<'G'
root:x:0:
app:x:10001:
nogroup:x:65534:
G
cat > "$out/etc/nsswitch.conf" <<'N'
passwd: files
group: files
hosts: files dns
N
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$out/etc/hosts"

echo "prepare-root: $(printf '%s\n' "${!libs[@]}" | wc -l) shared libraries copied; $(du -sh "$out" | cut -f1) in $out"
