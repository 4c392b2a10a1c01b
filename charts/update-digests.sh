#!/usr/bin/env bash
# Writes the digests of the images the build just made into the chart and into
# manifests/install.yaml (the chart rendered with defaults), so both pin exactly those images.
# release.yml runs it with the digests of the images it pushed; after a local build:
#   charts/update-digests.sh                       # from operator/ and chatbot-app/target/jib-image.digest
#   charts/update-digests.sh sha256:<op> sha256:<app>
# InstallManifestInSyncTest then checks that install.yaml still equals the rendered chart.
set -euo pipefail
cd "$(dirname "$0")/.."
operator=${1:-$(cat operator/target/jib-image.digest)}
app=${2:-$(cat chatbot-app/target/jib-image.digest)}
for d in "$operator" "$app"; do
  [[ $d =~ ^sha256:[a-f0-9]{64}$ ]] || { echo "update-digests: not a digest: $d" >&2; exit 1; }
done
values=charts/chatbot-operator/values.yaml
old_operator=$(sed -n '/^image:/,/^[a-z]/s/^  digest: \(sha256:[a-f0-9]*\)$/\1/p' "$values")
old_app=$(sed -n '/^appImage:/,/^[a-z]/s/^  digest: \(sha256:[a-f0-9]*\)$/\1/p' "$values")
for f in "$values" manifests/install.yaml docs/operator.md; do  # operator.md: its rendered example
  sed -i "s/$old_operator/$operator/g; s/$old_app/$app/g" "$f"
done
echo "chart: operator $operator, app $app"
