// End to end in Firefox ESR: the opt-in personal browser, with the real permission calls that
// Chromium cannot exercise (see chromium-optin.test.mjs). The extension is the shipped
// manifest (X is an optional host permission, not granted at install), staged by
// optin-helpers.mjs; X's fixture is served at https://x.com by sites.mjs.
//
// How the permission is granted, honestly: the pref `extensions.webextOptionalPermissionPrompts`
// = false makes Firefox's permissions.request() grant without showing its doorhanger (Firefox's
// ext-permissions.js only prompts when the pref is true; checked here in Firefox 153 ESR, where
// the first test shows nothing is granted before the click and the grant after it). The click
// on "Turn on" is a real WebDriver click, so the call runs in a user gesture as it must; the
// one thing not exercised is a person reading and accepting Firefox's own prompt. "Turn off"
// calls the real permissions.remove(), and the worker's real onAdded/onRemoved handling
// registers and unregisters the content scripts and tells the open tab to stand down.
//
// What "stands down at once" is observed by: the indicator the content script shows while
// composing goes away as soon as the site is turned off, before the person does anything in
// that tab; then a post naming a pupil goes straight through there. Whether a tab has our
// content script at all is read the same way (a tab we run in shows the indicator once its
// composer is focused; a tab we do not run in never does).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { corpusBundle } from './helpers.mjs';
import { siteOf, startSiteServer } from './sites.mjs';
import { stageCopy } from './optin-helpers.mjs';
import { By, Key, launchFirefox, importBundle, press, dialogText, waitForDialog, waitFor } from './firefox-helpers.mjs';

const START_TIMEOUT = 120_000;
const TEST = { timeout: 60_000 };
const X = siteOf('x');
const PUPIL_POST = 'Brilliant trip with Year 7 today, Grace Adebayo was a star!';

let server;
let extensionDir;
let b;
let welcome; // the first-run tab's handle
let mine; // the test's own tab

before(async () => {
  server = await startSiteServer({ sites: ['x'] });
  extensionDir = await stageCopy();
  b = await launchFirefox({
    extensionDir,
    prefs: { ...server.prefs, 'extensions.webextOptionalPermissionPrompts': false },
    acceptInsecureCerts: server.acceptInsecureCerts,
    welcome: 'keep',
  });
  mine = await b.driver.getWindowHandle();
  welcome = await waitFor(
    b.driver,
    async () => {
      for (const handle of await b.driver.getAllWindowHandles()) {
        if (handle === mine) continue;
        await b.driver.switchTo().window(handle);
        if ((await b.driver.getCurrentUrl()).startsWith(`${b.base}extension/welcome/`)) return handle;
      }
      return null;
    },
    { timeout: 15_000, message: 'the first-run page to open on install' },
  );
  await b.driver.switchTo().window(mine);
  await importBundle(b, await corpusBundle());
}, { timeout: START_TIMEOUT });

after(async () => {
  await b?.close();
  await server?.close();
  if (extensionDir) await fs.rm(extensionDir, { recursive: true, force: true });
});

const settle = () => b.driver.sleep(500);

/** Whether the add-on holds all of X's origins, asked on an extension page in this tab. */
const holdsX = () =>
  b.driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     browser.permissions.contains({ origins: arguments[0] }).then(done, (e) => done('error: ' + e));`,
    X.origins,
  );

/** Open X's fixture in the current tab. */
async function openX() {
  await b.driver.get(server.url('x.com', '/home.html'));
  await waitFor(b.driver, () => b.driver.executeScript(() => Array.isArray(window.__sent)), { message: 'the fixture' });
}

/** A fresh tab on X's fixture; resolves to its handle. */
async function newXTab() {
  await b.driver.switchTo().newWindow('tab');
  await openX();
  return b.driver.getWindowHandle();
}

const editor = () => b.driver.findElement(By.css('[data-testid="tweetTextarea_0"]'));
const posts = () => b.driver.executeScript(() => window.__sent.map((p) => (p.text ?? '').trim()));

/** Type into X's composer and press Post. */
async function post(text) {
  await editor().click();
  await b.driver.actions().sendKeys(text).perform();
  await b.driver.findElement(By.css('[data-testid="tweetButtonInline"]')).click();
}

/** The indicator's label (its title), read through the shadow roots; null when there is none. */
async function indicator() {
  for (const host of await b.driver.findElements(By.xpath('/html/*[not(self::head) and not(self::body)]'))) {
    try {
      const [badge] = await (await host.getShadowRoot()).findElements(By.css('button.badge'));
      if (badge) return (await badge.getAttribute('title')) || 'sendwise';
    } catch {
      // not ours, or no shadow root
    }
  }
  return null;
}

/** The site's row on an extension page (first-run or options): its state text and buttons. */
async function row(id) {
  const li = await b.driver.findElement(By.css(`#sites li[data-site="${id}"]`));
  return {
    state: await li.findElement(By.css('.site-state')).getText(),
    on: await li.findElement(By.css('.site-on')),
    off: await li.findElement(By.css('.site-off')),
  };
}

const waitState = (id, re, message) =>
  waitFor(b.driver, async () => re.test((await row(id)).state), { timeout: 10_000, message });

describe('Firefox: turning X on and off from the first-run and options pages', () => {
  it('before the site is turned on, it gets nothing: a post naming a pupil goes straight through', TEST, async () => {
    await b.driver.switchTo().window(mine);
    await b.driver.get(b.optionsUrl);
    assert.equal(await holdsX(), false, 'X is not granted at install (it is optional)');
    await openX();
    await editor().click();
    await b.driver.actions().sendKeys(PUPIL_POST).perform();
    await settle();
    assert.equal(await indicator(), null, 'no sendwise content script in the tab');
    await b.driver.findElement(By.css('[data-testid="tweetButtonInline"]')).click();
    await waitFor(b.driver, async () => (await posts()).length > 0, { message: 'the post' });
    await settle();
    assert.deepEqual(await posts(), [PUPIL_POST]);
    assert.equal(await dialogText(b.driver), null);
  });

  it("the first-run page's Turn on grants X (permissions.request) and shows it on", TEST, async () => {
    await b.driver.switchTo().window(welcome);
    await waitFor(b.driver, async () => (await b.driver.findElements(By.css('#sites li'))).length > 0, { message: 'the site list' });
    const before = await row('x');
    assert.match(before.state, /^Off/);
    assert.equal(await before.on.getText(), 'Turn on X (Twitter)');
    assert.equal(await before.off.isEnabled(), false);
    await before.on.click();
    await waitState('x', /^On/, 'X to show as on');
    const after = await row('x');
    assert.equal(await after.on.isEnabled(), false);
    assert.equal(await after.off.isEnabled(), true);
    assert.match(await b.driver.findElement(By.css('#sites-status')).getText(), /X \(Twitter\) is on/);
    assert.equal(await holdsX(), true, 'the browser holds the grant');
    // Only X: the other sites are still off.
    assert.match((await row('facebook')).state, /^Off/);
  });

  it('once on, a post naming a pupil on X is stopped', TEST, async () => {
    await b.driver.switchTo().window(mine);
    await openX();
    await post(PUPIL_POST);
    assert.match(await waitForDialog(b.driver, 10_000), /Grace Adebayo/);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.equal(await dialogText(b.driver), null);
    assert.deepEqual(await posts(), []);
    assert.match(await editor().getText(), /Grace Adebayo was a star/, 'the draft is kept');
  });

  it("Turn off on the options page (permissions.remove) stands the open X tab down at once; a new X tab is unchecked", TEST, async () => {
    // An X tab open and checked, its indicator showing.
    const open = await newXTab();
    await editor().click();
    await b.driver.actions().sendKeys('Lovely walk along the coast').perform();
    await waitFor(b.driver, indicator, { timeout: 10_000, message: 'the indicator in the open X tab' });

    // Turn X off on the options page, in another tab.
    await b.driver.switchTo().newWindow('tab');
    await b.driver.get(b.optionsUrl);
    await waitState('x', /^On/, 'the options page to show X on');
    await (await row('x')).off.click();
    await waitState('x', /^Off/, 'X to show as off');
    assert.match(await b.driver.findElement(By.css('#sites-status')).getText(), /X \(Twitter\) is off/);
    assert.equal(await holdsX(), false, 'the grant is gone');
    await b.driver.close();

    // The open tab: its indicator goes without anything done there, and a pupil post goes through.
    await b.driver.switchTo().window(open);
    await waitFor(b.driver, async () => (await indicator()) === null, { timeout: 10_000, message: 'the open tab to stand down' });
    await editor().click();
    await b.driver.actions().sendKeys(' with Grace Adebayo').perform();
    await b.driver.findElement(By.css('[data-testid="tweetButtonInline"]')).click();
    await waitFor(b.driver, async () => (await posts()).length > 0, { message: 'the post in the open tab' });
    await settle();
    assert.deepEqual(await posts(), ['Lovely walk along the coast with Grace Adebayo']);
    assert.equal(await dialogText(b.driver), null);
    await b.driver.close();

    // A new tab of X gets nothing.
    await b.driver.switchTo().window(mine);
    await openX();
    await editor().click();
    await b.driver.actions().sendKeys(PUPIL_POST).perform();
    await settle();
    assert.equal(await indicator(), null, 'no sendwise content script in a new X tab');
    await b.driver.findElement(By.css('[data-testid="tweetButtonInline"]')).click();
    await waitFor(b.driver, async () => (await posts()).length > 0, { message: 'the post in a new tab' });
    await settle();
    assert.deepEqual(await posts(), [PUPIL_POST]);
    assert.equal(await dialogText(b.driver), null);
  });

  it('the first-run page, still open, follows the change made on the options page', TEST, async () => {
    await b.driver.switchTo().window(welcome);
    await waitState('x', /^Off/, 'the first-run page to show X off');
    assert.equal(await (await row('x')).on.isEnabled(), true);
  });
});
