#!/usr/bin/env bash
# Copies the part of the DSFR the pages use into public/dsfr/<version> (served at
# /dsfr/<version>, kept a year by browsers: a new version is a new address): the
# core+components stylesheet, its fonts, the favicon, and only the icons it references.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@gouvfr/dsfr/dist
[ -f "$src/dsfr.min.css" ] || { echo "DSFR not installed: run 'npm ci --ignore-scripts' first" >&2; exit 1; }
version=$(node -p "require('./$src/../package.json').version")
dst=public/dsfr/$version
if [ -f "$dst/.version" ] && [ "$(cat "$dst/.version")" = "$version" ]; then
  exit 0
fi
rm -rf public/dsfr
mkdir -p "$dst"
cp "$src/dsfr.min.css" "$dst/"
cp -r "$src/fonts" "$src/favicon" "$dst/"
grep -o 'url(icons/[^)?]*' "$src/dsfr.min.css" | sed 's/^url(//' | sort -u | while read -r icon; do
  mkdir -p "$dst/$(dirname "$icon")"
  cp "$src/$icon" "$dst/$icon"
done
echo "$version" > "$dst/.version"
echo "DSFR $(cat "$dst/.version") copied to $dst ($(du -sh "$dst" | cut -f1))"
