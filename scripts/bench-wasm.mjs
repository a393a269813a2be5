// Check latency of the wasm engine in headless Chromium: the standard 10 KB email against
// rosters of 2,000 and 20,000 pupils.
//
//   cargo run --release -p sendwise-core --example check_bench -- ../shared/bench/email-10k.txt --write build/bench
//   bash scripts/build-wasm.sh
//   node scripts/bench-wasm.mjs
//
// Timing uses performance.now() inside the page (Chromium coarsens it to 5 µs without
// cross-origin isolation, so each sample times a batch of 10 checks).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const emailPath = path.resolve(root, process.argv[2] ?? '../shared/bench/email-10k.txt');
const files = {
  '/engine.js': ['extension/engine/sendwise_wasm.js', 'text/javascript'],
  '/engine.wasm': ['extension/engine/sendwise_wasm_bg.wasm', 'application/wasm'],
  '/bundle-2000.json': ['build/bench/bundle-2000.json', 'application/json'],
  '/bundle-20000.json': ['build/bench/bundle-20000.json', 'application/json'],
};
const page = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
import init, { Engine } from '/engine.js';
await init({ module_or_path: '/engine.wasm' });
const email = await (await fetch('/email.txt')).text();
const draft = JSON.stringify({ channel: 'email', site: 'outlook', from: 'a.teacher@westbrook.sch.uk',
  to: ['parents@westbrook.sch.uk'], subject: 'End of half term update', body: email });
const out = [];
for (const n of [2000, 20000]) {
  const bundle = await (await fetch('/bundle-' + n + '.json')).text();
  const e = Engine.withBundle(bundle);
  // Warm up well past tier-up to optimised code (V8 compiles wasm lazily, Liftoff first),
  // so the first roster measured does not pay for it.
  for (let i = 0; i < 2000; i++) e.check(draft);
  const samples = [];
  const batch = 10;
  for (let s = 0; s < 300; s++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) e.check(draft);
    samples.push((performance.now() - t) * 1000 / batch);
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.floor((samples.length - 1) * p)];
  out.push({ pupils: n, bundle_bytes: bundle.length, p50_us: q(0.5), p95_us: q(0.95), max_us: q(1),
    findings: JSON.parse(e.check(draft)).findings.length });
  e.free();
}
window.__result = out;
</script>`;

for (const [, [file]] of Object.entries(files)) {
  if (!fs.existsSync(path.join(root, file))) {
    console.error(`missing ${file}: see the commands at the top of scripts/bench-wasm.mjs`);
    process.exit(2);
  }
}
const server = http.createServer((req, res) => {
  if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (req.url === '/email.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end(fs.readFileSync(emailPath));
  const f = files[req.url];
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f[1] }).end(fs.readFileSync(path.join(root, f[0])));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const p = await browser.newPage();
  await p.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await p.waitForFunction(() => window.__result, null, { timeout: 120000 }).then((h) => h.jsonValue());
  const wasm = fs.statSync(path.join(root, files['/engine.wasm'][0])).size;
  console.log(`wasm engine in headless ${browser.version()} (engine ${wasm} bytes), ${fs.statSync(emailPath).size}-byte email`);
  console.log('  pupils   bundle B     p50 µs     p95 µs     max µs');
  for (const r of result) {
    console.log(`${String(r.pupils).padStart(8)} ${String(r.bundle_bytes).padStart(10)} ${r.p50_us.toFixed(1).padStart(10)} ${r.p95_us.toFixed(1).padStart(10)} ${r.max_us.toFixed(1).padStart(10)}   (${r.findings} findings)`);
  }
} finally {
  await browser.close();
  server.close();
}
