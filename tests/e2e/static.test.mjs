// Static checks on what ships: the manifest's promises (permissions, matches, CSP), the
// strings it uses, and that the extension's code has no way to reach the network.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT, DEV_EXTENSION } from './helpers.mjs';
import { SITES } from './sites.mjs';

await import(path.join(ROOT, 'extension/sites.js'));
const ALWAYS_ON = globalThis.sendwiseSites.SITES.filter((s) => !s.optional);

const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
const messages = JSON.parse(await fs.readFile(path.join(ROOT, '_locales/en_GB/messages.json'), 'utf8'));

async function filesUnder(dir, ext) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && ext.some((e) => entry.name.endsWith(e))) out.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return out;
}

describe('the shipped manifest', () => {
  it('asks only for storage and scripting and matches only the always-on email sites (Outlook for work or school, Gmail)', () => {
    assert.deepEqual(manifest.permissions, ['storage', 'scripting']);
    assert.equal(manifest.host_permissions, undefined);
    assert.equal(manifest.optional_permissions, undefined);
    assert.deepEqual(ALWAYS_ON.map((s) => s.id).sort(), ['gmail', 'outlook']);
    // One entry per always-on site, exactly as sites.js describes it (origins, scripts in order).
    assert.deepEqual(
      manifest.content_scripts.map((c) => ({ matches: c.matches, js: c.js, run_at: c.run_at, all_frames: c.all_frames })),
      ALWAYS_ON.map((s) => ({ matches: s.origins, js: s.scripts, run_at: 'document_start', all_frames: false })),
    );
    assert.ok(!JSON.stringify(manifest).match(/localhost|127\.0\.0\.1|outlook\.live\.com/));
  });

  it("asks for the optional sites exactly as extension/sites.js lists them, and nothing else optional", () => {
    const optional = SITES.filter((s) => s.optional);
    assert.ok(optional.length >= 7, 'the social and chat sites are optional');
    assert.deepEqual(manifest.optional_host_permissions, optional.flatMap((s) => s.origins));
    for (const site of SITES.filter((s) => !s.optional)) {
      for (const origin of site.origins) assert.ok(!manifest.optional_host_permissions.includes(origin), `${origin} is not optional`);
    }
    for (const origin of manifest.optional_host_permissions) assert.match(origin, /^https:\/\/[a-z0-9.-]+\/\*$/, 'https, one host, no wildcards');
  });

  it('describes its managed storage with a schema that names the keys the worker reads', async () => {
    assert.equal(manifest.storage.managed_schema, 'extension/managed_schema.json');
    const schema = JSON.parse(await fs.readFile(path.join(ROOT, manifest.storage.managed_schema), 'utf8'));
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(schema.properties).sort(), ['allow_personal_bundle', 'bundle', 'contact', 'sites']);
    assert.deepEqual(schema.properties.sites.items, { type: 'string' });
    const managed = await fs.readFile(path.join(ROOT, 'extension/managed.js'), 'utf8');
    for (const key of Object.keys(schema.properties)) assert.match(managed, new RegExp(`raw\\.${key}\\b`), `managed.js reads ${key}`);
  });

  it('runs the engine in the background for both browsers, with wasm allowed and nothing remote', () => {
    assert.equal(manifest.background.service_worker, 'extension/background.js');
    assert.deepEqual(manifest.background.scripts, ['extension/background.js']);
    assert.equal(manifest.background.type, 'module');
    assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
    assert.ok(manifest.browser_specific_settings.gecko.id);
  });

  it('lists content scripts that exist, platform shim first', async () => {
    for (const cs of manifest.content_scripts) {
      assert.equal(cs.js[0], 'extension/platform.js');
      for (const file of cs.js) await fs.access(path.join(ROOT, file));
    }
  });

  it('uses only strings that exist in _locales/en_GB', async () => {
    const used = new Set();
    for (const m of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
    for (const file of await filesUnder(path.join(ROOT, 'extension'), ['.js', '.html'])) {
      if (file.includes(`${path.sep}engine${path.sep}`)) continue;
      const text = await fs.readFile(file, 'utf8');
      for (const m of text.matchAll(/\bt\('(\w+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]);
    }
    assert.ok(used.size > 20, 'the scan found the strings');
    const missing = [...used].filter((k) => !(k in messages));
    assert.deepEqual(missing, []);
  });
});

describe('the dev copy', () => {
  it('adds only the local fixture origins to the content script matches, on the Outlook entry', async () => {
    const dev = JSON.parse(await fs.readFile(path.join(DEV_EXTENSION, 'manifest.json'), 'utf8'));
    const matches = dev.content_scripts.flatMap((c) => c.matches);
    assert.deepEqual(matches.sort(), [
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://mail.google.com/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
    ]);
    assert.deepEqual(
      dev.content_scripts.filter((c) => c.matches.includes('http://127.0.0.1/*')).map((c) => c.js.at(-2)),
      ['extension/content/adapters/outlook.js'],
    );
    assert.deepEqual(dev.permissions, manifest.permissions);
  });
});

describe('the extension code', () => {
  it('has no way to reach the network except loading its own engine file', async () => {
    const NETWORK =
      /\b(fetch|sendBeacon|importScripts|import)\s*\(|\b(XMLHttpRequest|WebSocket|EventSource|WebTransport|RTCPeerConnection)\b|\b(https?|wss?):\/\//g;
    // The wasm-bindgen glue fetches the .wasm when given a URL; every caller passes
    // runtime.getURL(...), an extension URL (asserted below).
    const ALLOWED = ['module_or_path = fetch(module_or_path);'];
    const hits = [];
    const files = await filesUnder(path.join(ROOT, 'extension'), ['.js', '.mjs', '.html']);
    assert.ok(files.some((f) => f.endsWith('sendwise_wasm.js')), 'the engine glue is scanned too');
    for (const file of files) {
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, ''); // comments may mention them
        if (!code.match(NETWORK) || ALLOWED.includes(code.trim())) return;
        hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(hits, []);
    const background = await fs.readFile(path.join(ROOT, 'extension/background.js'), 'utf8');
    assert.match(background, /new EngineHost\(bindings, api\.runtime\.getURL\('extension\/engine\/sendwise_wasm_bg\.wasm'\)\)/);
    const options = await fs.readFile(path.join(ROOT, 'extension/pages/policy-import.js'), 'utf8');
    assert.match(options, /init\(\{ module_or_path: api\.runtime\.getURL\('extension\/engine\/sendwise_wasm_bg\.wasm'\) \}\)/);
  });
});
