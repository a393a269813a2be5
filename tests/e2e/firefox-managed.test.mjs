// End to end in Firefox ESR: school-managed deployment. The school's bundle arrives by Firefox
// enterprise policy, policies.json → "3rdparty" → "Extensions" → our add-on id, which Firefox
// hands to the add-on as storage.managed (toolkit/components/extensions/parent/ext-storage.js
// asks Services.policies.getExtensionPolicy(id) first). The engine checks with it, the options
// page shows it as set by the school and locked, and the first-run page does not open.
//
// Where the policy file comes from, without touching the machine's Firefox: the pref
// `browser.policies.alternatePath` names a policies.json of this test's own in a temp dir.
// Firefox honours that pref only when Cu.isInAutomation is true (EnterprisePoliciesParent.sys.mjs,
// JSONPoliciesProvider._getConfigurationFile; read in Firefox 153 ESR's omni.ja), and only when
// there is no machine policies.json (/etc/firefox/policies/policies.json or the installation's
// distribution/policies.json) — a machine one wins. Marionette alone does not make it true
// (checked: the policy is ignored). Cu.isInAutomation needs both the pref
// `security.turn_off_all_security_so_that_viruses_can_take_over_this_computer` and the
// environment variable MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (Firefox asserts the second when the
// first is set), which is how Mozilla's own test harnesses run Firefox. The second also means
// Firefox may connect to nothing but this machine, which suits a test that must not reach the
// network anyway (the Outlook fixture is served on 127.0.0.1). What this leaves out: reading a
// policies.json from the real distribution folder or /etc/firefox/policies (the same provider
// and parser, another path), and Windows GPO / macOS profiles.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import fss from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusBundle } from './helpers.mjs';
import { startServer } from './server.mjs';
import { stageCopy } from './optin-helpers.mjs';
import { ADDON_ID, By, Key, FIREFOX, launchFirefox, openOptions, compose, sentCount, press, waitForDialog, waitFor } from './firefox-helpers.mjs';

const START_TIMEOUT = 120_000;
const TEST = { timeout: 60_000 };
const CONTACT = 'the IT office, extension 214';

/** A policies.json of the machine's, which would win over ours (Firefox reads only one). */
function machinePolicies() {
  const dist = path.join(path.dirname(fss.realpathSync(FIREFOX)), 'distribution/policies.json');
  return ['/etc/firefox/policies/policies.json', dist].find((f) => fss.existsSync(f)) ?? null;
}

describe('a bundle deployed by Firefox enterprise policy (3rdparty)', () => {
  let b;
  let dir;
  let policyDir;
  let server;
  before(async () => {
    const machine = machinePolicies();
    if (machine) throw new Error(`${machine} exists, and Firefox would read it instead of this test's policy`);
    const bundle = await corpusBundle();
    policyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-fx-policy-'));
    const policyFile = path.join(policyDir, 'policies.json');
    await fs.writeFile(
      policyFile,
      JSON.stringify({ policies: { '3rdparty': { Extensions: { [ADDON_ID]: { bundle, sites: ['facebook', 'x'], contact: CONTACT } } } } }),
    );
    dir = await stageCopy();
    server = await startServer();
    b = await launchFirefox({
      extensionDir: dir,
      prefs: {
        'browser.policies.alternatePath': policyFile,
        'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
      },
      env: { MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      welcome: 'none',
    });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await b?.close();
    await server?.close();
    if (policyDir) await fs.rm(policyDir, { recursive: true, force: true });
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Run `body` (async, given `done`) on the current extension page; resolves to its value. */
  const onPage = (body, ...args) =>
    b.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       (${body})(...arguments).then(done, (e) => done({ error: String(e?.message ?? e) }));`,
      ...args,
    );

  it('reaches the add-on as storage.managed', TEST, async () => {
    await openOptions(b);
    const managed = await onPage(async () => browser.storage.managed.get());
    assert.equal(managed.error, undefined, `storage.managed: ${managed.error}`);
    assert.match(managed.bundle ?? '', /"format"\s*:\s*"sendwise-bundle"/);
    assert.deepEqual(managed.sites, ['facebook', 'x']);
    assert.equal(managed.contact, CONTACT);
  });

  it('does not open the first-run page on a managed install', TEST, async () => {
    // By now the background has started (the options page heard from it) and onInstalled has
    // had its turn; the only tabs are the test's own.
    await b.driver.sleep(1000);
    for (const handle of await b.driver.getAllWindowHandles()) {
      await b.driver.switchTo().window(handle);
      assert.ok(!(await b.driver.getCurrentUrl()).includes('/extension/welcome/'), 'no first-run tab');
    }
    const [first] = await b.driver.getAllWindowHandles();
    await b.driver.switchTo().window(first);
  });

  it('checks with the managed bundle, with nothing imported by hand', TEST, async () => {
    await openOptions(b);
    assert.deepEqual(await onPage(async () => browser.storage.local.get('bundle')), {});
    await b.driver.get(`${server.url}/outlook/compose.html`);
    await waitFor(b.driver, () => b.driver.executeScript(() => Array.isArray(window.__sent)), { message: 'the fixture' });
    await compose(b.driver, { to: ['h.marsh@harbourview.sch.uk'], subject: 'Ruby Okonkwo – reading', body: 'x' });
    await b.driver.findElement(By.css('button[aria-label="Send"]')).click();
    assert.match(await waitForDialog(b.driver, 10_000), /names a pupil/);
    await press(b.driver, Key.ESCAPE);
    await b.driver.sleep(400);
    assert.equal(await sentCount(b.driver), 0);
  });

  it('shows the policy as set by the school and locked, with no import; the background refuses import and removal', TEST, async () => {
    await openOptions(b);
    const loaded = await waitFor(
      b.driver,
      async () => {
        const text = await b.driver.findElement(By.css('#loaded')).getText();
        return /Harbour View Academy/.test(text) && text;
      },
      { timeout: 10_000, message: 'the options page to show the school' },
    );
    assert.match(loaded, /set by your school's IT team/);
    assert.match(loaded, /cannot be loaded or removed here/);
    assert.match(loaded, new RegExp(CONTACT));
    const file = await b.driver.findElement(By.css('#bundle-file'));
    assert.equal(await file.isDisplayed(), false, 'no import');
    assert.equal(await file.isEnabled(), false);
    assert.equal(await b.driver.findElement(By.css('#source-files')).isDisplayed(), false, 'no compile-from-source');
    assert.equal(await b.driver.findElement(By.css('#clear')).isDisplayed(), false, 'no remove');
    // The school's sites come first, marked.
    await waitFor(b.driver, async () => (await b.driver.findElements(By.css('#sites li'))).length > 0, { message: 'the site list' });
    assert.equal(await b.driver.findElement(By.css('#sites li')).getAttribute('data-site'), 'facebook');
    assert.match(await b.driver.findElement(By.css('#sites li[data-site="x"]')).getText(), /Your school asks for this/);
    // Asked directly, the background refuses too.
    for (const message of [{ type: 'set-bundle', bundle: '{}' }, { type: 'clear-bundle' }]) {
      const answer = await onPage(async (m) => browser.runtime.sendMessage(m), message);
      assert.equal(answer.ok, false, JSON.stringify(answer));
      assert.match(answer.error, /your school manages/);
    }
  });
});
