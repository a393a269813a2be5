// Attachment scanning speed of the wasm engine in headless Chromium (the browser the extension
// runs the engine in), per format, and the wasm linear memory each file needs.
//
//   cargo run --release -p sendwise-core --example attach_bench -- --write build/attach-bench
//   bash scripts/build-wasm.sh
//   node scripts/bench-attach-wasm.mjs [build/attach-bench]
//
// Each input is fetched once into a Uint8Array; the time is that of one `Engine.scanAttachment(name,
// bytes)` call as the extension's worker makes it (copying the bytes into wasm memory, reading,
// classifying with default limits, JSON out). MB/s is the file's bytes over the median time.
// Memory is the instance's linear memory after the input's scans (it only grows, and each input
// gets a fresh instance, so it is that file's high-water mark: the input copied in, the text,
// the classifier's tokens).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.resolve(root, process.argv[2] ?? 'build/attach-bench');
const inputs = [
  'notes.docx', 'pupils.xlsx', 'slides.pptx', 'notes.odt', 'pupils.ods', 'notes.doc', 'pupils.xls', 'legacy-slides.ppt',
  'notes.pdf', 'notes.rtf', 'pupils.csv', 'plain.zip', 'plain.7z',
  'big.csv', 'big.txt', 'big-stored.xlsx', 'big-deflated.xlsx', 'big-stored.docx', 'big-deflated.docx',
  'big.pdf', 'bomb.zip',
];
const engineFiles = {
  '/engine.js': ['extension/engine/sendwise_wasm.js', 'text/javascript'],
  '/engine.wasm': ['extension/engine/sendwise_wasm_bg.wasm', 'application/wasm'],
};
for (const [f] of Object.values(engineFiles)) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`missing ${f}: see the commands at the top of scripts/bench-attach-wasm.mjs`);
    process.exit(2);
  }
}
for (const n of inputs) {
  if (!fs.existsSync(path.join(dir, n))) {
    console.error(`missing ${path.join(dir, n)}: see the commands at the top of scripts/bench-attach-wasm.mjs`);
    process.exit(2);
  }
}

const page = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module">
const names = ${JSON.stringify(inputs)};
const module = await WebAssembly.compileStreaming(fetch('/engine.wasm'));
const out = [];
for (const [k, name] of names.entries()) {
  // A fresh copy of the bindings and a fresh instance per input, so the memory figure is this
  // file's own high-water mark.
  const { default: init, Engine } = await import('/engine.js?' + k);
  const wasm = await init({ module_or_path: module });
  const e = Engine.withoutPolicy();
  const bytes = new Uint8Array(await (await fetch('/in/' + name)).arrayBuffer());
  const first = JSON.parse(e.scanAttachment(name, bytes));
  // A sample times a batch of calls lasting at least 20 ms (performance.now() is coarsened to
  // 100 µs here); the median of 7 samples is kept.
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) e.scanAttachment(name, bytes);
    if (performance.now() - t >= 20) break;
    batch *= 2;
  }
  const samples = [];
  for (let s = 0; s < 7; s++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) e.scanAttachment(name, bytes);
    samples.push((performance.now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[3];
  out.push({ name, bytes: bytes.length, ms, memory: wasm.memory.buffer.byteLength,
    format: first.format, complete: first.complete, upns: first.found.upns, notes: first.notes.length });
}
window.__result = out;
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (req.url.startsWith('/in/')) {
    const n = decodeURIComponent(req.url.slice(4));
    if (!inputs.includes(n)) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(path.join(dir, n)));
  }
  const f = engineFiles[req.url.split('?')[0]];
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
  const result = await p.waitForFunction(() => window.__result, null, { timeout: 600000, polling: 1000 }).then((h) => h.jsonValue());
  const wasm = fs.statSync(path.join(root, engineFiles['/engine.wasm'][0])).size;
  console.log(`wasm engine in headless ${browser.version()} (engine ${wasm} bytes), Engine.scanAttachment, median of 7 batches`);
  console.log(`${'input'.padEnd(20)} ${'bytes'.padStart(10)} ${'ms'.padStart(9)} ${'MB/s'.padStart(8)} ${'memory MB'.padStart(10)}  scan saw`);
  for (const r of result) {
    const mbps = r.bytes / 1048576 / (r.ms / 1000);
    console.log(`${r.name.padEnd(20)} ${String(r.bytes).padStart(10)} ${r.ms.toFixed(2).padStart(9)} ${mbps.toFixed(1).padStart(8)} ${(r.memory / 1048576).toFixed(0).padStart(10)}  ${r.format} complete=${r.complete} upns=${r.upns} notes=${r.notes}`);
  }
} finally {
  await browser.close();
  server.close();
}
