#!/usr/bin/env bash
# Copies the part of the DSFR the pages use into public/dsfr/<version> (served at
# /dsfr/<version>, kept a year by browsers): one stylesheet built from style/dsfr.txt (core +
# the components and icons the pages use, less the rules of the classes no page names), named
# after a hash of its content (the server finds the name at start: app::find_dsfr_stylesheet),
# its fonts, the favicon, and only the icons it references.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@gouvfr/dsfr/dist
[ -f "$src/core/core.min.css" ] || { echo "DSFR not installed: run 'npm ci --ignore-scripts' first" >&2; exit 1; }
version=$(node -p "require('./$src/../package.json').version")
# What the stylesheet is made of: the version, style/dsfr.txt, the DSFR classes the sources
# name and the script that builds it. Unchanged: nothing to do (this costs a scan of src/).
stamp="$version $(node scripts/dsfr-subset.js "$src" --stamp)"
dst=public/dsfr/$version
if [ -f "$dst/.version" ] && [ "$(cat "$dst/.version")" = "$stamp" ] && compgen -G "$dst/dsfr-*.min.css" >/dev/null; then
  exit 0
fi
rm -rf public/dsfr
mkdir -p "$dst"
node scripts/dsfr-subset.js "$src" "$dst"
cp -r "$src/fonts" "$src/favicon" "$dst/"
grep -ho 'url(icons/[^)?]*' "$dst"/dsfr-*.min.css | sed 's/^url(//' | sort -u | while read -r icon; do
  mkdir -p "$dst/$(dirname "$icon")"
  cp "$src/$icon" "$dst/$icon"
done
echo "$stamp" > "$dst/.version"
echo "DSFR $version copied to $dst ($(du -sh "$dst" | cut -f1))"
