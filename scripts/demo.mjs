// Demo: the dev extension in a visible Chromium on the local Outlook fixture, with a school
// policy loaded. Builds nothing: run `bash scripts/build-wasm.sh` and
// `node scripts/stage-extension.mjs` first (./dev does).
// Usage: node scripts/demo.mjs [port]
// Exit status 3 when there is no display, so a caller can fall back to the CLI demo.
import fs from 'node:fs';
import path from 'node:path';
import { launch, corpusBundle, importBundle, DEV_EXTENSION, ROOT } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('demo: no display ($DISPLAY is not set), so the browser demo cannot open a window.');
  process.exit(3);
}
if (!fs.existsSync(path.join(DEV_EXTENSION, 'manifest.json'))) {
  console.error('demo: build/dev-extension is missing; run `node scripts/stage-extension.mjs` first');
  process.exit(1);
}

// Prefer the example school when another part of the repo has made one; else the corpus school.
const example = path.join(ROOT, 'examples/westbrook/bundle.json');
const bundle = fs.existsSync(example) ? fs.readFileSync(example, 'utf8') : await corpusBundle();
const school = JSON.parse(bundle).school?.name ?? 'the school';

const server = await startServer(Number(process.argv[2] ?? 0));
const browser = await launch({ headless: false });
await importBundle(browser.context, browser.extensionId, bundle);
const page = await browser.context.newPage();
await page.goto(`${server.url}/outlook/compose.html`);
for (const other of browser.context.pages()) if (other !== page) await other.close();

console.log(`demo: ${school}'s policy is loaded; compose at ${server.url}/outlook/compose.html`);
console.log("demo: try a pupil's full name in the subject, or two parents' addresses in To. Close the window to finish.");

const finish = async () => {
  await browser.close().catch(() => {});
  await server.close();
  process.exit(0);
};
browser.context.on('close', finish);
process.on('SIGINT', finish);
process.on('SIGTERM', finish);
