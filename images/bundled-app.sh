#!/usr/bin/env bash
# Records which chatbot-app image this operator build bundles: the repository and digest Jib wrote
# for the app module of the same build (the reactor builds chatbot-app first). A CR without
# spec.image runs exactly this image, pinned by digest (docs/images.md).
#
# usage: bundled-app.sh <chatbot-app target/jib-image.json> <output .properties>
# With no app image (e.g. -Dimage.skip=true, or `-pl operator` on a clean tree) the file records
# no digest and the operator asks every CR for an explicit spec.image.digest.
set -euo pipefail
json=${1:?jib-image.json of the app}
out=${2:?output properties file}
mkdir -p "$(dirname "$out")"
if [ -f "$json" ]; then
  # {"image":"ghcr.io/x/chatbot-app:0.1.0","imageDigest":"sha256:...",...}: no jq needed.
  image=$(sed -n 's/.*"image" *: *"\([^"]*\)".*/\1/p' "$json")
  digest=$(sed -n 's/.*"imageDigest" *: *"\(sha256:[a-f0-9]\{64\}\)".*/\1/p' "$json")
  repository=${image%:*}
  [ -n "$repository" ] && [ -n "$digest" ] || { echo "bundled-app: cannot read $json" >&2; exit 1; }
  printf 'repository=%s\ndigest=%s\n' "$repository" "$digest" > "$out"
  echo "bundled-app: $repository@$digest"
else
  printf 'repository=%s\ndigest=\n' "${BUNDLED_APP_REPOSITORY:-ghcr.io/chatbot-operator/chatbot-app}" > "$out"
  echo "bundled-app: no $json (app image not built): CRs must set spec.image.digest" >&2
fi
