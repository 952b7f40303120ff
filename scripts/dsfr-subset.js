// Builds the DSFR stylesheet of the pages from style/dsfr.txt: the core, then each listed
// component after the components its README says it needs (the order the DSFR documents),
// then the rules of the listed icons; addresses rewritten for a file at the dist root.
// Fails when a page uses a DSFR class that no included file defines. Then drops every
// selector that requires a DSFR class no source names (it can match no element of the
// pages), and writes the result as <dir>/dsfr-<FNV-1a of its bytes>.min.css.
// Usage: node scripts/dsfr-subset.js <dist> <dir>     build, check, purge, write
//        node scripts/dsfr-subset.js <dist> --stamp   print a hash of what the build reads
//                                                     (dsfr.txt, the classes used, this script)
'use strict';
const fs = require('fs');
const path = require('path');

const fnv1a = (bytes) => {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
};

const listText = () => fs.readFileSync('style/dsfr.txt', 'utf8');
const parseList = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

// The DSFR classes the sources name (src/**/*.rs, style/**/*.css), each with the first file
// naming it. Classes are written whole in the sources; a `fr-…-` string (a prefix completed at
// run time) keeps every class starting with it.
function scanUsed() {
  const used = new Map();
  const prefixes = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(rs|css)$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        // `@md`-style suffixes: the DSFR's responsive classes (`fr-tile--vertical@md`).
        for (const m of text.matchAll(/(?<![\w-])(fr-[a-z0-9_-]*[a-z0-9](?:@[a-z]+)?)/g)) {
          if (!used.has(m[1])) used.set(m[1], p);
        }
        for (const m of text.matchAll(/(?<![\w-])(fr-[a-z0-9_-]*-)(?![a-z0-9_-])/g)) {
          if (!prefixes.has(m[1])) prefixes.set(m[1], p);
        }
      }
    }
  };
  walk('src');
  walk('style');
  return { used, prefixes };
}

function build(dist, list) {
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
  return { css: rebase(parts.join('\n')), order, icons };
}

// ---- A small CSS walker, enough for the DSFR's minified files ----------------------------

// Skips a comment or a string starting at i; returns the index after it (i if neither).
function skipOpaque(css, i) {
  if (css[i] === '/' && css[i + 1] === '*') {
    const end = css.indexOf('*/', i + 2);
    return end < 0 ? css.length : end + 2;
  }
  if (css[i] === '"' || css[i] === "'") {
    const q = css[i];
    for (let j = i + 1; j < css.length; j++) {
      if (css[j] === '\\') j++;
      else if (css[j] === q || css[j] === '\n') return j + 1;
    }
    return css.length;
  }
  return i;
}

// The index of the first of `stops` at nesting depth 0 (outside (), [], strings, comments)
// from i, or css.length. A backslash escapes the next character.
function scanTo(css, i, stops) {
  let depth = 0;
  while (i < css.length) {
    const j = skipOpaque(css, i);
    if (j !== i) { i = j; continue; }
    const c = css[i];
    if (c === '\\') { i += 2; continue; }
    if (depth === 0 && stops.includes(c)) return i;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    i++;
  }
  return i;
}

// The index just after the `}` closing the block whose `{` is at `open`, and whether the
// block holds a nested block.
function blockEnd(css, open) {
  let depth = 0;
  let nested = false;
  for (let i = open; i < css.length;) {
    const j = skipOpaque(css, i);
    if (j !== i) { i = j; continue; }
    const c = css[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '{') { depth++; if (depth > 1) nested = true; } else if (c === '}' && --depth === 0) return { end: i + 1, nested };
    i++;
  }
  throw new Error(`unclosed block at ${open}`);
}

const stripComments = (s) => {
  let out = '';
  for (let i = 0; i < s.length;) {
    const j = skipOpaque(s, i);
    if (j !== i) { if (s[i] !== '/') out += s.slice(i, j); i = j; } else if (s[i] === '\\') { out += s.slice(i, i + 2); i += 2; } else out += s[i++];
  }
  return out;
};

// Splits a selector list on its top-level commas.
function splitSelectors(prelude) {
  const out = [];
  for (let i = 0; ;) {
    const j = scanTo(prelude, i, [',']);
    out.push(prelude.slice(i, j).trim());
    if (j >= prelude.length) return out;
    i = j + 1;
  }
}

// The classes a selector names outside any parentheses and attribute brackets (escapes
// decoded: `.fr-tile--vertical\@md` is the class `fr-tile--vertical@md`), and its pseudo-classes
// and pseudo-elements (outside parentheses too).
function compoundParts(selector) {
  const classes = [];
  const pseudos = [];
  const ident = (i) => {
    let name = '';
    while (i < selector.length) {
      const c = selector[i];
      if (c === '\\') {
        const hex = /^[0-9a-fA-F]{1,6}[ \t\n]?/.exec(selector.slice(i + 1, i + 8));
        if (hex) { name += String.fromCodePoint(parseInt(hex[0].trim(), 16)); i += 1 + hex[0].length; } else { name += selector[i + 1] ?? ''; i += 2; }
      } else if (/[a-zA-Z0-9_-]/.test(c) || c.charCodeAt(0) >= 0x80) { name += c; i++; } else break;
    }
    return [name, i];
  };
  let depth = 0;
  for (let i = 0; i < selector.length;) {
    const j = skipOpaque(selector, i);
    if (j !== i) { i = j; continue; }
    const c = selector[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '(' || c === '[') { depth++; i++; continue; }
    if (c === ')' || c === ']') { depth = Math.max(0, depth - 1); i++; continue; }
    if (depth === 0 && c === '.') {
      const [name, k] = ident(i + 1);
      classes.push(name);
      i = k;
      continue;
    }
    if (depth === 0 && c === ':') {
      let k = i + 1;
      if (selector[k] === ':') k++;
      const [name, end] = ident(k);
      pseudos.push(name.toLowerCase());
      i = end;
      continue;
    }
    i++;
  }
  return { classes, pseudos };
}

// Pseudo-classes and pseudo-elements every browser the DSFR supports understands: a selector
// list loses one of its selectors only when that selector uses these alone, since a selector
// a browser does not understand makes it ignore the whole rule, and dropping it would turn
// the rule on in that browser.
const KNOWN_PSEUDOS = new Set(['not', 'is', 'where', 'before', 'after', 'first-line', 'first-letter', 'marker', 'placeholder', 'selection',
  'hover', 'focus', 'active', 'visited', 'link', 'target', 'focus-within', 'disabled', 'enabled', 'checked', 'indeterminate', 'required',
  'optional', 'valid', 'invalid', 'read-only', 'read-write', 'root', 'empty', 'first-child', 'last-child', 'only-child', 'nth-child',
  'nth-last-child', 'first-of-type', 'last-of-type', 'only-of-type', 'nth-of-type', 'nth-last-of-type', 'lang']);

const GROUPS = new Set(['media', 'supports', 'layer', 'container', 'document', '-moz-document']);

// Drops the selectors that name, outside parentheses, a `fr-` class `keep` refuses; a rule
// left without selectors goes, and so does a conditional group left without rules (an
// empty `@layer` block stays: it still orders the layers). Other at-rules (@font-face,
// @keyframes, @charset, @import…) are kept as they are.
function purge(css, keep) {
  const stats = { rules: 0, rulesKept: 0 };
  const walkBlock = (i, inner) => {
    let out = '';
    let content = false;
    while (i < css.length) {
      const j = skipOpaque(css, i);
      if (j !== i) { out += css.slice(i, j); i = j; continue; }
      const c = css[i];
      if (/\s/.test(c) || c === ';') { out += c; i++; continue; }
      if (c === '}') {
        if (!inner) throw new Error(`unexpected } at ${i}`);
        return { out, content, end: i };
      }
      if (c === '@') {
        const name = /^@([-a-zA-Z0-9_]+)/.exec(css.slice(i, i + 64))[1].toLowerCase();
        const stop = scanTo(css, i, ['{', ';']);
        if (css[stop] !== '{') { out += css.slice(i, stop + 1); i = stop + 1; content = true; continue; }
        if (GROUPS.has(name)) {
          const body = walkBlock(stop + 1, true);
          if (body.content || name === 'layer') { out += css.slice(i, stop + 1) + body.out + '}'; content = true; }
          i = body.end + 1;
        } else {
          const { end } = blockEnd(css, stop);
          out += css.slice(i, end);
          content = true;
          i = end;
        }
        continue;
      }
      const open = scanTo(css, i, ['{']);
      if (open >= css.length) throw new Error(`selector without a block at ${i}`);
      const { end, nested } = blockEnd(css, open);
      const prelude = css.slice(i, open);
      stats.rules++;
      const selectors = splitSelectors(stripComments(prelude));
      const judged = selectors.map((s) => {
        const { classes, pseudos } = compoundParts(s);
        const unused = classes.filter((k) => k.startsWith('fr-') && !keep(k));
        return { s, unused, pseudos };
      });
      const kept = judged.filter((x) => !x.unused.length);
      const dropped = judged.filter((x) => x.unused.length);
      if (nested && dropped.length) {
        // CSS nesting (none in the DSFR today): kept as it is.
        out += css.slice(i, end);
        stats.rulesKept++;
        content = true;
      } else if (!dropped.length) {
        out += css.slice(i, end);
        stats.rulesKept++;
        content = true;
      } else if (!kept.length) {
        // Every selector names a class no page uses: the rule goes.
      } else if (dropped.some((x) => x.pseudos.some((p) => !KNOWN_PSEUDOS.has(p)))) {
        out += css.slice(i, end);
        stats.rulesKept++;
        content = true;
      } else {
        out += kept.map((x) => x.s).join(',') + css.slice(open, end);
        stats.rulesKept++;
        content = true;
      }
      i = end;
    }
    if (inner) throw new Error('unclosed at-rule block');
    return { out, content, end: i };
  };
  return { css: walkBlock(0, false).out, stats };
}

// The DSFR classes a stylesheet defines (escapes decoded).
const definedClasses = (css) => new Set([...css.matchAll(/\.(fr-(?:[a-zA-Z0-9_-]|\\.)+)/g)].map((m) => m[1].replace(/\\(.)/g, '$1')));

function stamp(used, prefixes) {
  const text = [listText(), [...used.keys()].sort().join(' '), [...prefixes.keys()].sort().join(' '), fs.readFileSync(__filename, 'utf8')].join('\n');
  return fnv1a(Buffer.from(text));
}

function main() {
  const [dist, dir] = process.argv.slice(2);
  const { used, prefixes } = scanUsed();
  if (dir === '--stamp') {
    console.log(stamp(used, prefixes));
    return;
  }
  const list = parseList(listText());
  const { css, order, icons } = build(dist, list);

  // Every DSFR class the sources name must be defined by the stylesheet.
  const defined = definedClasses(css);
  // `data-fr-…` attributes and the scheme attribute are read by the DSFR's scripts, not its CSS.
  const missing = [...used].filter(([c]) => !defined.has(c) && !/^fr-(scheme|current-step|steps)$/.test(c));
  if (missing.length) {
    for (const [c, where] of missing) console.error(`DSFR class ${c} (${where}) is in no file style/dsfr.txt includes`);
    process.exit(1);
  }
  const missingIcons = icons.filter((i) => !defined.has(i));
  if (missingIcons.length) { console.error(`unknown DSFR icons: ${missingIcons.join(', ')}`); process.exit(1); }

  const keep = (c) => used.has(c) || [...prefixes.keys()].some((p) => c.startsWith(p));
  const { css: purged, stats } = purge(css, keep);
  const bytes = Buffer.from(purged + '\n');
  const file = path.join(dir, `dsfr-${fnv1a(bytes)}.min.css`);
  fs.writeFileSync(file, bytes);
  for (const [p, where] of prefixes) console.log(`DSFR classes built at run time (${where}): every class starting with ${p} kept`);
  const unused = [...defined].filter((c) => !keep(c)).length;
  console.log(`DSFR subset: ${order.join(' ')} + ${icons.length} icons, ${css.length} bytes, ${stats.rules} rules; ` +
    `without the ${unused} of its ${defined.size} classes no page names: ${bytes.length} bytes, ${stats.rulesKept} rules -> ${file}`);
}

module.exports = { scanUsed, build, purge, compoundParts, splitSelectors, definedClasses, parseList, listText, fnv1a };
if (require.main === module) main();
