// Make the dev/test copy of the extension in build/dev-extension/ (or the directory given as
// the first argument): manifest.json, _locales/ and extension/, with the content scripts also
// matching http://127.0.0.1/* and http://localhost/* so the local fixture pages are checked.
// The shipped manifest never matches localhost; only this copy does.
//
// With --sites-on, the copy also runs on every social and chat site from the start (their
// content scripts listed in the manifest, as for Outlook, and their origins granted as host
// permissions), for the site adapters' tests; the opt-in flow is tested on a copy without it.
// Usage: node scripts/stage-extension.mjs [outDir] [--sites-on]
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sitesOn = args.includes('--sites-on');
const out = path.resolve(root, args.find((a) => !a.startsWith('--')) ?? 'build/dev-extension');
const DEV_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

try {
  await fs.access(path.join(root, 'extension/engine/sendwise_wasm_bg.wasm'));
} catch {
  console.error('stage-extension: extension/engine/ is missing; run `bash scripts/build-wasm.sh` first');
  process.exit(1);
}

await fs.rm(out, { recursive: true, force: true });
await fs.mkdir(out, { recursive: true });
await fs.cp(path.join(root, '_locales'), path.join(out, '_locales'), { recursive: true });
await fs.cp(path.join(root, 'extension'), path.join(out, 'extension'), { recursive: true });

const manifest = JSON.parse(await fs.readFile(path.join(root, 'manifest.json'), 'utf8'));
// The local fixture pages are Outlook's: only the Outlook entry gets them (two entries on one
// page would inject the shared scripts twice).
for (const cs of manifest.content_scripts) {
  if (cs.js.includes('extension/content/adapters/outlook.js')) cs.matches = [...cs.matches, ...DEV_MATCHES];
}
if (sitesOn) {
  await import(path.join(root, 'extension/sites.js'));
  for (const site of globalThis.sendwiseSites.SITES.filter((s) => s.optional)) {
    const missing = [];
    for (const js of site.scripts) await fs.access(path.join(root, js)).catch(() => missing.push(js));
    if (missing.length) {
      console.error(`stage-extension: ${site.id} left out, missing ${missing.join(', ')}`);
      continue;
    }
    manifest.content_scripts.push({ matches: site.origins, js: site.scripts, run_at: 'document_start', all_frames: false });
    // Granted from the start, so the worker counts the site as turned on (it also registers
    // the same scripts; main.js runs once however often it is injected).
    manifest.host_permissions = [...(manifest.host_permissions ?? []), ...site.origins];
  }
}
manifest.name = `${manifest.short_name} (dev)`;
await fs.writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`staged the dev extension in ${path.relative(root, out) || out}`);
