// Side-by-side: sendwise's opinion-about-person and offensive-language against what a web
// developer would otherwise reach for, on the same corpus and the same bench text.
//
//   node scripts/compare/baselines.mjs [CORPUS_DIR]
//
// Baselines (npm, devDependencies):
//   offensive-language   obscenity: englishDataset + englishRecommendedTransformers, any match
//   opinion-about-person compromise + vader-sentiment: a sentence naming a person (compromise
//                        .people(), a pronoun or a role word) whose VADER compound < -0.05
// Ours: the CLI (target/release/sendwise check --json) for accuracy, the wasm engine in Node
// (extension/engine, from scripts/build-wasm.sh) for throughput. Build both first:
//   cargo build --release -p sendwise && bash scripts/build-wasm.sh
//
// Scoring is the corpus test's: a finding is rule + field (subject or body), once per case,
// and a case's expected severity must match (baselines get the contract's severity for the
// channel, so they are not penalised for it). Throughput is over the bench text
// (../shared/bench/email-10k.txt) as email bodies.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import nlp from 'compromise';
import vader from 'vader-sentiment';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(process.argv[2] ?? join(root, '../shared/corpus'));
const bench = join(root, '../shared/bench/email-10k.txt');
const RULES = ['opinion-about-person', 'offensive-language'];

// --- Reading drafts for the baselines: subject and text body of .eml, or the .json fields.
function decodeWords(s) {
  return s.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, cs, enc, text) => {
    const buf = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return buf.toString(/utf-?8/i.test(cs) ? 'utf8' : 'latin1');
  });
}
function splitMessage(raw) {
  const i = raw.search(/\r?\n\r?\n/);
  const head = i < 0 ? raw : raw.slice(0, i);
  const body = i < 0 ? '' : raw.slice(i).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (m) headers[m[1].toLowerCase()] = m[2];
  }
  return { headers, body };
}
function decodeBody(body, headers) {
  const enc = (headers['content-transfer-encoding'] || '').toLowerCase();
  const cs = /charset="?([^";]+)/i.exec(headers['content-type'] || '')?.[1] || 'utf-8';
  let buf;
  if (enc === 'base64') buf = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const bin = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    buf = Buffer.from(bin, 'latin1');
  } else buf = Buffer.from(body, 'utf8');
  return buf.toString(/utf-?8/i.test(cs) ? 'utf8' : 'latin1');
}
function textParts({ headers, body }) {
  const type = (headers['content-type'] || 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split('--' + boundary).slice(1).filter(p => !p.startsWith('--'));
    return parts.flatMap(p => textParts(splitMessage(p.replace(/^\r?\n/, ''))));
  }
  if (/attachment/i.test(headers['content-disposition'] || '')) return [];
  if (type.startsWith('text/plain')) return [{ kind: 'plain', text: decodeBody(body, headers) }];
  if (type.startsWith('text/html')) return [{ kind: 'html', text: decodeBody(body, headers).replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ') }];
  return [];
}
function readDraft(caseDir) {
  const json = join(caseDir, 'draft.json');
  if (existsSync(json)) {
    const d = JSON.parse(readFileSync(json, 'utf8'));
    return { channel: d.channel || 'email', subject: d.subject || '', body: d.body || '' };
  }
  const msg = splitMessage(readFileSync(join(caseDir, 'draft.eml'), 'utf8'));
  const parts = textParts(msg);
  const plain = parts.find(p => p.kind === 'plain') ?? parts[0];
  return { channel: 'email', subject: decodeWords(msg.headers.subject || ''), body: plain ? plain.text : '' };
}

// --- Baselines.
const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const ROLE = /\b(colleague|head|headteacher|deputy|senco|hod|ta|teacher|manager|boss|mum|dad|mother|father|parent|parents|child|kid|pupil|student|class|man|woman)\b/i;
const PRONOUN = /\b(he|she|him|her|they|them)\b/i;
function baselineOpinion(text) {
  for (const s of nlp(text).sentences().out('array')) {
    const person = nlp(s).people().length > 0 || PRONOUN.test(s) || ROLE.test(s);
    if (person && vader.SentimentIntensityAnalyzer.polarity_scores(s).compound < -0.05) return true;
  }
  return false;
}
const baselines = {
  'offensive-language': t => obscenity.hasMatch(t),
  'opinion-about-person': baselineOpinion,
};

// --- Ours, through the CLI.
function ours(cases) {
  const cli = join(root, 'target/release/sendwise');
  if (!existsSync(cli)) throw new Error('build the CLI first: cargo build --release -p sendwise');
  const inputs = cases.map(c => ['draft.eml', 'draft.json'].map(f => join(c, f)).find(existsSync));
  let out;
  try {
    out = execFileSync(cli, ['check', '--json', '--policy', join(corpus, 'policy/policy.json'), ...inputs], { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout; // exit 1: findings at warn or above, as expected
  }
  return out.trim().split('\n').map(l => JSON.parse(l));
}

function score(name, got, want) {
  let tp = 0, fp = 0, fn = 0;
  const falseAlarms = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i], g = got[i];
    for (const key of new Set([...w.keys(), ...g.keys()])) {
      if (w.has(key) && g.has(key) && (!w.get(key) || w.get(key) === g.get(key))) tp++;
      else {
        if (w.has(key)) fn++;
        if (g.has(key) && !w.has(key)) { fp++; falseAlarms.push(i); }
      }
    }
  }
  const p = tp + fp ? tp / (tp + fp) : 1, r = tp + fn ? tp / (tp + fn) : 1;
  return { name, tp, fp, fn, p, r, f1: p + r ? 2 * p * r / (p + r) : 0, falseAlarms };
}

const cases = readdirSync(join(corpus, 'cases')).sort().map(c => join(corpus, 'cases', c));
const drafts = cases.map(readDraft);
const expected = rule => cases.map(c => new Map(JSON.parse(readFileSync(join(c, 'expect.json'), 'utf8')).findings
  .filter(f => f.rule === rule).map(f => [f.field, f.severity])));
const clean = cases.map(c => JSON.parse(readFileSync(join(c, 'expect.json'), 'utf8')).findings.length === 0);
const sev = ch => (ch === 'email' ? 'warn' : 'block');
const ourReports = ours(cases);

// --- Throughput.
const benchText = readFileSync(bench, 'utf8');
function mbPerSec(fn, minMs = 1500) {
  let n = 0; const t0 = performance.now();
  while (performance.now() - t0 < minMs) { fn(benchText); n++; }
  return (n * Buffer.byteLength(benchText)) / 1e6 / ((performance.now() - t0) / 1000);
}
// Our wasm engine, with only the rule being compared switched on (tokenising, JSON in and
// out included), so its MB/s sits beside the baseline's for the same job.
const wasmJs = join(root, 'extension/engine/sendwise_wasm.js');
const wasm = existsSync(wasmJs) ? await import(wasmJs) : null;
let bundle = null;
if (wasm) {
  wasm.initSync({ module: readFileSync(join(root, 'extension/engine/sendwise_wasm_bg.wasm')) });
  bundle = JSON.parse(execFileSync(join(root, 'target/release/sendwise'), ['policy', 'compile', join(corpus, 'policy/policy.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}
const ALL_IDS = ['pupil-name', 'opinion-about-person', 'offensive-language', 'school-identity', 'school-logo', 'sensitive-attachment', 'sensitive-content', 'recipients-exposed', 'personal-email', 'password-in-message', 'chain-message', 'personal-contact', 'photo-reminder'];
function ourSpeed(only) {
  if (!wasm) return NaN;
  const b = structuredClone(bundle);
  b.rules = Object.fromEntries(ALL_IDS.filter(id => only && id !== only).map(id => [id, { enabled: false, severity: null, clause: null }]));
  const engine = wasm.Engine.withBundle(JSON.stringify(b));
  return mbPerSec(t => engine.check(JSON.stringify({ channel: 'email', subject: '', body: t })));
}

console.log(`corpus: ${corpus} (${cases.length} cases)\n`);
console.log('rule                  checker                          tp  fp  fn  precision recall   f1   clean-FP  MB/s');
for (const rule of RULES) {
  const want = expected(rule);
  const base = drafts.map(d => new Map(['subject', 'body'].filter(f => d[f] && baselines[rule](d[f])).map(f => [f, sev(d.channel)])));
  const mine = ourReports.map(r => {
    const m = new Map();
    for (const f of r.findings) if (f.rule === rule && f.severity !== 'info') m.set(f.field, m.get(f.field) === 'block' ? 'block' : f.severity);
    return m;
  });
  const baseName = rule === 'offensive-language' ? 'obscenity 0.4.6' : 'compromise 14.17 + vader 1.1.3';
  const baseSpeed = mbPerSec(baselines[rule]);
  for (const [s, speed, note] of [[score(baseName, base, want), baseSpeed, ''], [score('sendwise', mine, want), ourSpeed(rule), ' (wasm in Node, this rule only)']]) {
    const cleanFp = new Set(s.falseAlarms.filter(i => clean[i])).size;
    console.log(`${rule.padEnd(21)} ${s.name.padEnd(32)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}  ${s.p.toFixed(3).padStart(8)} ${s.r.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(cleanFp).padStart(6)}  ${speed.toFixed(2).padStart(7)}${note}`);
  }
}
if (wasm) console.log(`\nsendwise wasm in Node, every rule on: ${ourSpeed(null).toFixed(2)} MB/s`);
else console.log('\n(wasm engine not built: run bash scripts/build-wasm.sh for our throughput)');
