// Make the dev/test copy of the extension in build/dev-extension/ (or the directory given as
// the first argument): manifest.json, _locales/ and extension/, with the content scripts also
// matching http://127.0.0.1/* and http://localhost/* so the local fixture pages are checked.
// The shipped manifest never matches localhost; only this copy does.
// Usage: node scripts/stage-extension.mjs [outDir]
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.argv[2] ?? 'build/dev-extension');
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
for (const cs of manifest.content_scripts) cs.matches = [...cs.matches, ...DEV_MATCHES];
manifest.name = `${manifest.short_name} (dev)`;
await fs.writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`staged the dev extension in ${path.relative(root, out) || out}`);
