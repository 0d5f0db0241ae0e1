#!/usr/bin/env node
// Regenerates `contributes.configuration` in package.json from `copydesk rules --json`, so the
// extension's settings are exactly the server's: one `copydesk.<key>` per copydesk.toml key, and
// one `copydesk.rules` entry per rule id and per family.
//
//   node scripts/gen-settings.mjs [--check] [path/to/copydesk | rules.json]
//
// Default binary: $COPYDESK, else ../../target/debug/copydesk, else `copydesk` on PATH. Given a
// .json file instead, reads that (tests/editors.rs writes target/editors/rules.json when the
// settings are stale).
// --check: exit 1 (and print the difference) instead of writing, when package.json is stale.
// tests/editors.rs runs the same comparison from Rust on every `cargo test`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgPath = path.join(here, '..', 'package.json');
const args = process.argv.slice(2);
const check = args.includes('--check');
const src = args.find((a) => !a.startsWith('--'));

function load() {
  if (src && src.endsWith('.json')) return JSON.parse(fs.readFileSync(src, 'utf8'));
  const candidates = [src, process.env.COPYDESK, path.join(here, '..', '..', '..', 'target', 'debug', 'copydesk'), 'copydesk'].filter(Boolean);
  for (const bin of candidates) {
    try {
      return JSON.parse(execFileSync(bin, ['rules', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
    } catch (e) {
      if (bin === candidates[candidates.length - 1]) throw new Error(`cannot run \`${bin} rules --json\`: ${e.message}`);
    }
  }
}

export const LEVELS = ['off', 'hint', 'info', 'warning', 'error'];

/** The extension's own settings: never sent to the server. */
export function ownSettings() {
  return {
    'copydesk.path': {
      type: 'string',
      default: '',
      scope: 'machine-overridable',
      markdownDescription: 'The `copydesk` program. Empty: `copydesk` on `PATH` (or in `~/.cargo/bin`). Changing it restarts the server.',
    },
    'copydesk.termsFile': {
      type: 'string',
      default: '',
      markdownDescription: 'A TOML file of extra lexicon entries, in the shape of `[terms.<word>]` tables in `copydesk.toml` (bare `[<word>]` tables work too). A relative path is read from the first workspace folder. Merged under `copydesk.terms`.',
    },
    'copydesk.trace.server': {
      type: 'string',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      markdownDescription: 'Log the messages between VS Code and the copydesk server (Output → copydesk).',
    },
  };
}

const NOTE = ' Unset: `copydesk.toml` decides.';

/** JSON schema of one server setting, keyed by its copydesk.toml name. */
function schemaFor(key, entry, rules, json) {
  const desc = (entry.description ?? entry.summary ?? entry.doc ?? '').trim();
  const values = entry.allowed ?? entry.values ?? entry.enum;
  let dflt;
  try {
    dflt = typeof entry.default === 'string' ? JSON.parse(entry.default) : entry.default;
  } catch {
    dflt = entry.default;
  }
  switch (key) {
    case 'style':
    case 'attribution_scope': {
      if (!Array.isArray(values) || values.length === 0) throw new Error(`settings.${key}: no values listed`);
      const vals = values.map((v) => (typeof v === 'object' ? v.value ?? v.name : v));
      const descs = values.map((v) => (typeof v === 'object' ? v.description ?? '' : ''));
      return {
        type: 'string',
        enum: ['', ...vals],
        enumDescriptions: [`Follow copydesk.toml (default: ${dflt ?? 'none'})`, ...descs],
        default: '',
        markdownDescription: desc + NOTE,
      };
    }
    case 'rules': {
      const levels = json.levels ?? entry.allowed ?? LEVELS;
      const properties = {};
      const families = json.families ?? [...new Set(rules.map((r) => r.family))];
      for (const f of families) {
        properties[f] = { type: 'string', enum: levels, markdownDescription: `Level for every \`${f}/\` rule.` };
      }
      for (const r of rules) {
        const sev = r.default_severity ?? r.severity;
        properties[r.id] = { type: 'string', enum: levels, markdownDescription: `${r.summary} (default: ${sev})` };
      }
      // every key the table names must be a property, and nothing else
      const names = entry.keys ?? Object.keys(properties);
      const extra = names.filter((k) => !(k in properties));
      if (extra.length) throw new Error(`settings.rules.keys has ${extra.join(', ')}, which are neither rules nor families`);
      return { type: 'object', default: {}, additionalProperties: false, properties, markdownDescription: desc };
    }
    case 'terms':
      return {
        type: 'object',
        default: {},
        additionalProperties: {
          type: 'object',
          required: ['category'],
          additionalProperties: false,
          properties: {
            category: { type: 'string' },
            forms: { type: 'array', items: { type: 'string' } },
            alternatives: { type: 'array', items: { type: 'string' } },
            exceptions: { type: 'array', items: { type: 'string' } },
            explanation: { type: 'string' },
            severity: { type: 'string', enum: LEVELS.slice(1) },
            source: { type: 'string' },
          },
        },
        markdownDescription: desc,
      };
    case 'remove':
    case 'allow':
      return { type: 'array', items: { type: 'string' }, default: [], markdownDescription: desc };
    case 'dateline':
      return { type: 'string', default: '', pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', patternErrorMessage: 'A date as YYYY-MM-DD, or empty', markdownDescription: desc + NOTE };
    case 'inlay_hints':
      return { type: 'boolean', default: typeof dflt === 'boolean' ? dflt : true, markdownDescription: desc };
    default:
      throw new Error(`\`copydesk rules --json\` lists a setting \`${key}\` that gen-settings.mjs does not know: add its schema`);
  }
}

/** Normalises the settings table (an array of {key|name,...} or an object keyed by name). */
export function settingsTable(json) {
  const t = json.settings;
  if (!t) throw new Error('`copydesk rules --json` has no `settings` table');
  const rows = Array.isArray(t) ? t : Object.entries(t).map(([k, v]) => ({ key: k, ...(typeof v === 'object' ? v : { description: String(v) }) }));
  return rows.map((r) => ({ ...r, key: r.key ?? r.name ?? r.id }));
}

export function configuration(json) {
  const rules = json.rules;
  if (!Array.isArray(rules) || rules.length === 0) throw new Error('`copydesk rules --json` lists no rules');
  const properties = {};
  for (const row of settingsTable(json)) properties[`copydesk.${row.key}`] = schemaFor(row.key, row, rules, json);
  Object.assign(properties, ownSettings());
  const sorted = Object.fromEntries(Object.keys(properties).sort().map((k) => [k, properties[k]]));
  return { title: 'copydesk', properties: sorted };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = load();
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  const want = configuration(json);
  const have = pkg.contributes.configuration;
  if (JSON.stringify(want) === JSON.stringify(have)) {
    console.log('package.json settings are up to date');
  } else if (check) {
    console.error('package.json settings differ from `copydesk rules --json`; run `npm run gen-settings`');
    process.exit(1);
  } else {
    pkg.contributes.configuration = want;
    fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
    console.log(`wrote ${Object.keys(want.properties).length} settings to package.json`);
  }
}
