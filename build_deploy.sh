#!/usr/bin/env bash
# App-SRE CI entry point: builds the silo image tagged with the short commit and, only when told where, pushes it.
#   ./build_deploy.sh                                  build only (localhost/addongrains:<short commit>); never pushes
#   IMAGE=quay.io/org/addongrains ./build_deploy.sh    build, tag IMAGE:<short commit>, push it
# Optional: QUAY_USER and QUAY_TOKEN log in to IMAGE's registry first; CONTAINER_ENGINE (default: podman, else
# docker); IMAGE_TAG (default: git rev-parse --short=7 HEAD). The build is scripts/container-images.sh, which prints
# the built image reference as its last line. docs/operations.md, "Image build and push".
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

IMAGE_TAG="${IMAGE_TAG:-$(git rev-parse --short=7 HEAD)}"
builder="${CONTAINER_IMAGES_SCRIPT:-$root/scripts/container-images.sh}"
engine="${CONTAINER_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}"

echo "build_deploy: building the image with tag $IMAGE_TAG ($builder)" >&2
built="$(IMAGE_TAG="$IMAGE_TAG" "$builder" | tail -n1)"
if [[ -z "$built" ]]; then
  echo "build_deploy: $builder printed no image reference" >&2
  exit 1
fi
echo "build_deploy: built $built" >&2

if [[ -z "${IMAGE:-}" ]]; then
  echo "build_deploy: IMAGE is not set, so nothing is pushed (set IMAGE=registry/org/name to push $built)" >&2
  exit 0
fi

if [[ -n "${QUAY_USER:-}" && -n "${QUAY_TOKEN:-}" ]]; then
  # The token goes over stdin, never on the command line.
  printf '%s' "$QUAY_TOKEN" | "$engine" login --username "$QUAY_USER" --password-stdin "${IMAGE%%/*}"
fi

target="$IMAGE:$IMAGE_TAG"
"$engine" tag "$built" "$target"
"$engine" push "$target"
echo "build_deploy: pushed $target" >&2
