// Builds the DSFR stylesheet of the pages from style/dsfr.txt: the core, then each listed
// component after the components its README says it needs (the order the DSFR documents),
// then the rules of the listed icons; addresses rewritten for a file at the dist root.
// Fails when a page uses a DSFR class that no included file defines.
// Usage: node scripts/dsfr-subset.js <dist> <out.css>
'use strict';
const fs = require('fs');
const path = require('path');
const [dist, out] = process.argv.slice(2);
const list = fs.readFileSync('style/dsfr.txt', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const read = (file) => fs.readFileSync(path.join(dist, file), 'utf8').replace(/^\/\*![\s\S]*?\*\//, '').trim();
const rebase = (css) => css.replace(/url\((?:\.\.\/)+(icons|fonts)\//g, 'url($1/');

const order = [];
for (const line of list) {
  const [kind, name] = line.split(/\s+/);
  if (kind !== 'component') continue;
  const readme = fs.readFileSync(path.join(dist, 'component', name, 'README.md'), 'utf8');
  const needs = [...readme.matchAll(/href="css\/([a-z-]+)\/\1\.min\.css"/g)].map((m) => m[1]);
  if (!needs.includes(name)) throw new Error(`DSFR component ${name}: no stylesheet in its README`);
  for (const n of needs) if (!order.includes(n)) order.push(n);
}
const parts = order.map((n) => (n === 'core' ? read('core/core.min.css') : read(`component/${n}/${n}.min.css`)));

// Icon rules: every rule of the utility icon files whose selector names a listed icon.
const icons = list.filter((l) => l.startsWith('icon ')).map((l) => l.split(/\s+/)[1]);
const iconDir = path.join(dist, 'utility', 'icons');
for (const set of fs.readdirSync(iconDir).filter((d) => d.startsWith('icons-'))) {
  const css = read(`utility/icons/${set}/${set}.min.css`);
  for (const rule of css.match(/[^{}]+\{[^{}]*\}/g) || []) {
    const selector = rule.slice(0, rule.indexOf('{'));
    if (icons.some((i) => selector.split(',').some((s) => s.trim().startsWith(`.${i}:`)))) parts.push(rule);
  }
}
const css = rebase(parts.join('\n'));

// Every DSFR class the sources name must be defined by the stylesheet.
const defined = new Set([...css.matchAll(/\.(fr-[a-zA-Z0-9_-]+)/g)].map((m) => m[1]));
const used = new Map();
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(rs|css)$/.test(e.name) && !p.endsWith('dsfr.txt')) {
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?<![\w-])(fr-[a-z0-9_-]*[a-z0-9])/g)) {
        if (!used.has(m[1])) used.set(m[1], p);
      }
    }
  }
};
walk('src');
walk('style');
// `data-fr-…` attributes and the scheme attribute are read by the DSFR's scripts, not its CSS.
const missing = [...used].filter(([c]) => !defined.has(c) && !/^fr-(scheme|current-step|steps)$/.test(c));
if (missing.length) {
  for (const [c, where] of missing) console.error(`DSFR class ${c} (${where}) is in no file style/dsfr.txt includes`);
  process.exit(1);
}
fs.writeFileSync(out, css + '\n');
const missingIcons = icons.filter((i) => !defined.has(i));
if (missingIcons.length) { console.error(`unknown DSFR icons: ${missingIcons.join(', ')}`); process.exit(1); }
console.log(`DSFR subset: ${order.join(' ')} + ${icons.length} icons, ${css.length} bytes`);
