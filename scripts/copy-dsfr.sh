#!/usr/bin/env bash
# Copies the part of the DSFR the pages use into public/dsfr/<version> (served at
# /dsfr/<version>, kept a year by browsers: a new version is a new address): one stylesheet
# built from style/dsfr.txt (core + the components and icons the pages use, named after a
# hash of that list), its fonts, the favicon, and only the icons it references.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@gouvfr/dsfr/dist
[ -f "$src/core/core.min.css" ] || { echo "DSFR not installed: run 'npm ci --ignore-scripts' first" >&2; exit 1; }
version=$(node -p "require('./$src/../package.json').version")
# FNV-1a (32 bits) of style/dsfr.txt, as app::dsfr_stylesheet computes it.
hash=$(node -e 'let h=0x811c9dc5;for(const b of require("fs").readFileSync("style/dsfr.txt")){h^=b;h=Math.imul(h,0x01000193)>>>0}console.log(h.toString(16).padStart(8,"0"))')
dst=public/dsfr/$version
css=$dst/dsfr-$hash.min.css
if [ -f "$dst/.version" ] && [ "$(cat "$dst/.version")" = "$version $hash" ]; then
  # Up to date; still check that every DSFR class the sources name is in the stylesheet.
  node scripts/dsfr-subset.js "$src" /dev/null >/dev/null
  exit 0
fi
rm -rf public/dsfr
mkdir -p "$dst"
node scripts/dsfr-subset.js "$src" "$css"
cp -r "$src/fonts" "$src/favicon" "$dst/"
grep -o 'url(icons/[^)?]*' "$css" | sed 's/^url(//' | sort -u | while read -r icon; do
  mkdir -p "$dst/$(dirname "$icon")"
  cp "$src/$icon" "$dst/$icon"
done
echo "$version $hash" > "$dst/.version"
echo "DSFR $version copied to $dst ($(du -sh "$dst" | cut -f1))"
