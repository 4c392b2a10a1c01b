#!/usr/bin/env bash
# Builds the runnable container image of the chatbot app offline (no Docker daemon, no registry):
# Jib on `scratch` + a jlink'ed runtime and the shared libraries it needs from this machine
# (see docs/chatbot-app.md, "Container image").
#   chatbot-app/build-image.sh [--verify] [extra Maven args, e.g. -o]
# -> chatbot-app/target/chatbot-app-image.tar (docker-archive), target/jib-image.digest
# --verify (root): unpack the tar and run it under chroot as 10001:10001 (src/image/verify-chroot.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
verify=
if [ "${1:-}" = --verify ]; then verify=1; shift; fi
(cd "$here/.." && ./mvnw -B -ntp -pl chatbot-app -Pimage package -DskipTests "$@")
echo "image:  $here/target/chatbot-app-image.tar ($(du -h "$here/target/chatbot-app-image.tar" | cut -f1))"
echo "digest: $(cat "$here/target/jib-image.digest")"
if [ -n "$verify" ]; then "$here/src/image/verify-chroot.sh" "$here/target/chatbot-app-image.tar"; fi
