#!/usr/bin/env bash
# Packs one static binary into a single-layer docker-archive image tar (the format `docker save`
# and Jib's buildTar write, which `ctr images import` and skopeo read), without a Docker engine.
#
#   test-infra/docker-archive.sh <binary> <path-in-image> <image-ref> <out.tar>
#
# The image runs the binary as its entrypoint, as uid 65535 (the pause image's convention).
# Output is reproducible: fixed timestamps and ownership.
set -euo pipefail
[[ $# -eq 4 ]] || { echo "usage: $0 <binary> <path-in-image> <image-ref> <out.tar>" >&2; exit 2; }
bin="$1" inpath="${2#/}" ref="$3" out="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/$(dirname "$inpath")"
cp "$bin" "$work/root/$inpath"
chmod 0755 "$work/root/$inpath"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/root" -cf "$work/layer.tar" .
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"Entrypoint":["/$inpath"],"User":"65535:65535"},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"test-infra/docker-archive.sh"}]}
JSON
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mkdir -p "$work/out/$layer_sha"
mv "$work/layer.tar" "$work/out/$layer_sha/layer.tar"
mv "$work/config.json" "$work/out/$config_sha.json"
cat >"$work/out/manifest.json" <<JSON
[{"Config":"$config_sha.json","RepoTags":["$ref"],"Layers":["$layer_sha/layer.tar"]}]
JSON
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/out" -cf "$out" .
