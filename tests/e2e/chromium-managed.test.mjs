// End to end in Chromium: school-managed deployment. The school's bundle arrives by browser
// policy (the "3rdparty" extension policy, which Chrome and Edge hand to the extension as
// storage.managed under extension/managed_schema.json), the engine checks with it, and the
// options page shows it as set by the school and locked: nothing can be imported or removed.
//
// Chromium on Linux reads machine policy from /etc/chromium/policies/managed/*.json (Google
// Chrome: /etc/opt/chrome/policies/managed/). The test writes its own file there, under a name
// of its own, and removes it afterwards. It runs as root here and in CI; if the directory
// cannot be written the test fails saying so rather than passing without checking anything.
//
// The unpacked extension's id is derived from its absolute path (sha256, first 32 hex digits
// mapped 0-f → a-p), so the policy can name it before the browser starts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { launch, corpusBundle, openOptions, compose, sentCount, waitForDialog } from './helpers.mjs';
import { startServer } from './server.mjs';
import { stageCopy } from './optin-helpers.mjs';

const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

/** The id Chromium gives an unpacked extension loaded from `dir`. */
export function unpackedId(dir) {
  const hex = crypto.createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

describe('a bundle deployed by Chromium policy', () => {
  let b;
  let dir;
  let server;
  let policyFile;
  before(async () => {
    dir = await stageCopy();
    const id = unpackedId(dir);
    const bundle = await corpusBundle();
    try {
      await fs.mkdir(POLICY_DIR, { recursive: true });
      policyFile = path.join(POLICY_DIR, `sendwise-e2e-${process.pid}-${Date.now()}.json`);
      await fs.writeFile(
        policyFile,
        JSON.stringify({ '3rdparty': { extensions: { [id]: { bundle, sites: ['facebook', 'x'], contact: 'the IT office, extension 214' } } } }),
      );
    } catch (err) {
      throw new Error(`cannot write the Chromium policy in ${POLICY_DIR} (${err.code}): run as root, or set CHROMIUM_POLICY_DIR`);
    }
    server = await startServer();
    b = await launch({ extensionDir: dir, welcome: 'keep' });
    assert.equal(b.extensionId, id, 'the policy names the id Chromium gave the extension');
  });
  after(async () => {
    await b?.close();
    await server?.close();
    if (policyFile) await fs.rm(policyFile, { force: true });
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reaches the extension as managed storage', async () => {
    let managed = {};
    for (let i = 0; i < 50 && !managed.bundle; i++) {
      managed = await b.worker.evaluate(() => chrome.storage.managed.get());
      if (!managed.bundle) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(managed.bundle ?? '', /"format"\s*:\s*"sendwise-bundle"/);
    assert.deepEqual(managed.sites, ['facebook', 'x']);
  });

  it('does not open the first-run page on a managed install', () => {
    assert.ok(!b.context.pages().some((p) => p.url().includes('/welcome/')));
  });

  it('checks with the managed bundle, with nothing imported by hand', async () => {
    assert.deepEqual(await b.worker.evaluate(() => chrome.storage.local.get('bundle')), {});
    const page = await b.context.newPage();
    await page.goto(`${server.url}/outlook/compose.html`);
    await compose(page, { to: ['h.marsh@harbourview.sch.uk'], subject: 'Ruby Okonkwo – reading', body: 'x' });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    assert.match(await waitForDialog(page, 10000), /names a pupil/);
    await page.keyboard.press('Escape');
    assert.equal(await sentCount(page), 0);
    await page.close();
  });

  it('shows the policy as set by the school and locked; the worker refuses import and removal', async () => {
    const page = await openOptions(b.context, b.extensionId);
    await page.locator('#loaded').filter({ hasText: /Harbour View Academy/ }).waitFor({ timeout: 10000 });
    const loaded = await page.locator('#loaded').innerText();
    assert.match(loaded, /set by your school's IT team/);
    assert.match(loaded, /cannot be loaded or removed here/);
    assert.match(loaded, /the IT office, extension 214/);
    assert.equal(await page.locator('#bundle-file').isVisible(), false, 'no import');
    assert.equal(await page.locator('#bundle-file').isDisabled(), true);
    assert.equal(await page.locator('#clear').isVisible(), false, 'no remove');
    // The school's sites come first in the list, marked.
    const first = await page.locator('#sites li').first().getAttribute('data-site');
    assert.equal(first, 'facebook');
    assert.match(await page.locator('#sites li[data-site="x"]').innerText(), /Your school asks for this/);
    // Even asked directly, the worker refuses.
    for (const message of [{ type: 'set-bundle', bundle: '{}' }, { type: 'clear-bundle' }]) {
      const answer = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
      assert.equal(answer.ok, false);
      assert.match(answer.error, /your school manages/);
    }
    await page.close();
  });
});
