#!/usr/bin/env bash
# Builds the container images without a container registry (docs/operations.md, "Run it in containers"):
#   localhost/addongrains-base:<tag>       runtime base from Debian packages (mmdebstrap): what a self-contained
#                                          .NET app needs (libc, libstdc++, OpenSSL, CA certificates, tzdata)
#   localhost/addongrains-postgres:<tag>   PostgreSQL 15 from Debian's postgresql-15
#   localhost/addongrains:${IMAGE_TAG:-dev}        the product image, deploy/Dockerfile's "published" stage fed
#                                                  with `dotnet publish` output (the silo and the CLI; no simulators)
#   localhost/addongrains-simulators:${IMAGE_TAG:-dev}   the OCM and Jenkins simulators (tests and demos only)
# Idempotent: bases that exist are reused (their tag names their recipe; delete one to rebuild it), and so are the
# product and simulator images when their sources did not change (label addongrains.source-hash). The last line
# on stdout is the product image's reference.
#   scripts/container-images.sh            bases (if missing), product and simulator images
#   scripts/container-images.sh bases      only the bases
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"

# Recipe versions: bump when a base's package list or layout changes, so existing machines build the new one.
BASE_IMAGE="localhost/addongrains-base:bookworm-r1"
POSTGRES_IMAGE="localhost/addongrains-postgres:15-bookworm-r2"
IMAGE_TAG="${IMAGE_TAG:-dev}"
PRODUCT_IMAGE="localhost/addongrains:${IMAGE_TAG}"
SIMULATORS_IMAGE="localhost/addongrains-simulators:${IMAGE_TAG}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$root/artifacts/container"

log() { echo "container-images: $*" >&2; }

"$root/scripts/install-podman.sh" >&2

has_image() { podman image exists "$1"; }

# A Debian root file system: no apt, no docs or man pages, merged /usr without the usrmerge package (which would
# bring perl). Extra mmdebstrap arguments (packages, hooks) come after the output path.
debian_rootfs() {
  local out="$1"; shift
  mmdebstrap --variant=essential --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
    "$@" bookworm "$out" "$MIRROR" </dev/null >&2
}

build_base() {
  if has_image "$BASE_IMAGE"; then log "reusing $BASE_IMAGE"; return; fi
  log "building $BASE_IMAGE from Debian packages (a few minutes)"
  mkdir -p "$work"
  debian_rootfs "$work/base.tar" --include=libssl3,libstdc++6,zlib1g,libgcc-s1,ca-certificates,tzdata
  podman import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/sh"]' "$work/base.tar" "$BASE_IMAGE" >&2
  rm -f "$work/base.tar"
}

build_postgres() {
  if has_image "$POSTGRES_IMAGE"; then log "reusing $POSTGRES_IMAGE"; return; fi
  log "building $POSTGRES_IMAGE from Debian's postgresql-15 (a few minutes)"
  mkdir -p "$work"
  # The entry point makes a fresh cluster on first start (POSTGRES_USER/PASSWORD/DB, as the official image reads)
  # and runs the server in the foreground as the postgres user; data in /var/lib/postgresql/data.
  debian_rootfs "$work/postgres.tar" --include=postgresql-15 \
    --customize-hook='rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15' \
    --customize-hook="upload $root/deploy/podman/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint" \
    --customize-hook='chmod 0755 "$1"/usr/local/bin/postgres-entrypoint'
  podman import --change 'ENV LANG=C.UTF-8' --change 'USER postgres' --change 'EXPOSE 5432' \
    --change 'STOPSIGNAL SIGINT' --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' \
    "$work/postgres.tar" "$POSTGRES_IMAGE" >&2
  rm -f "$work/postgres.tar"
}

build_bases() {
  build_base
  build_postgres
}

build_bases
[[ "${1:-}" == bases ]] && { echo "$BASE_IMAGE"; exit 0; }

# A hash of what a published image is made of (sources, build settings, Dockerfile, base); an image whose label
# matches is reused, so a warm run with unchanged sources builds nothing.
source_hash() {
  { echo "$BASE_IMAGE"; cat deploy/Dockerfile global.json Directory.Build.props Directory.Packages.props
    find "$@" \( -name bin -o -name obj \) -prune -o -type f -print | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16
}

# Publishes the projects (self-contained, linux-x64) into one directory, then packages it with the Dockerfile's
# stage $3 on the local base as image $2, labelled with the source hash $1; reuses the image when the label matches.
build_image() {
  local hash="$1" image="$2" target="$3" out="$4"; shift 4
  if has_image "$image" && [[ "$(podman image inspect -f '{{index .Labels "addongrains.source-hash"}}' "$image")" == "$hash" ]]; then
    log "reusing $image (sources unchanged)"; return
  fi
  log "building $image"
  rm -rf "$root/artifacts/$out"
  local project
  for project in "$@"; do
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$root/artifacts/$out" --nologo >&2
  done
  podman build --format docker -f deploy/Dockerfile --target "$target" --build-arg "RUNTIME_BASE=$BASE_IMAGE" \
    --label "addongrains.source-hash=$hash" -t "$image" . >&2
}

# The product image: the silo and the CLI (they share the runtime files) on the Dockerfile's "published" stage.
build_image "$(source_hash src)" "$PRODUCT_IMAGE" published publish \
  src/Silo/AddonGrains.Silo.csproj src/Client/AddonGrains.Client.csproj
# It carries no simulators: they are the demo's (src/Demo) and the simulators image's, never the silo's.
if [[ -e "$root/artifacts/publish/AddonGrains.Simulators.dll" ]]; then
  log "artifacts/publish has AddonGrains.Simulators.dll: the silo must not reference src/Simulators"; exit 1
fi
# The simulators' image: the simulator host alone on the "simulators-published" stage.
build_image "$(source_hash src/Simulators src/SimulatorHost)" "$SIMULATORS_IMAGE" simulators-published publish-simulators \
  src/SimulatorHost/AddonGrains.SimulatorHost.csproj
echo "$PRODUCT_IMAGE"
