// End-to-end in headless Firefox ESR on two site adapters at the sites' real https origins:
// X (a social post, with an image that is the school's logo) and Gmail (an email). The
// fixtures are served by a local HTTPS server that answers for every site host (sites.mjs:
// forced DNS, a self-signed certificate), with a dev copy of the extension that runs on every
// site (--sites-on). The dialog is read through WebDriver's shadow-root access, as in
// firefox.test.mjs; the extension has no test hooks.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, corpusBundle } from './helpers.mjs';
import { startSiteServer } from './sites.mjs';
import { By, Key, launchFirefox, importBundle, press, ctrlEnter, dialogText, waitForDialog, waitFor } from './firefox-helpers.mjs';

const START_TIMEOUT = 120_000;
const TEST = { timeout: 45_000 };
const PUPIL_POST = 'Brilliant trip with Year 7 today, Grace Adebayo was a star!';
const CLEAN_POST = 'Lovely walk along the coast this morning.';

let server;
let extensionDir;
let b;

before(async () => {
  server = await startSiteServer({ sites: ['x', 'gmail'] });
  extensionDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-fx-sites-'));
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/stage-extension.mjs'), extensionDir, '--sites-on'], { cwd: ROOT });
  b = await launchFirefox({ extensionDir, prefs: server.prefs, acceptInsecureCerts: server.acceptInsecureCerts });
  await importBundle(b, await corpusBundle());
}, { timeout: START_TIMEOUT });

after(async () => {
  await b?.close();
  await server?.close();
  if (extensionDir) await fs.rm(extensionDir, { recursive: true, force: true });
});

const settle = () => b.driver.sleep(400);
const posts = () => b.driver.executeScript(() => window.__sent.map((p) => ({ text: (p.text ?? '').trim(), images: p.images })));

async function open(host, page) {
  await b.driver.get(server.url(host, page));
  await waitFor(b.driver, () => b.driver.executeScript(() => Array.isArray(window.__sent)), { message: 'the fixture' });
}

describe('Firefox: X at https://x.com', () => {
  const editor = () => b.driver.findElement(By.css('[data-testid="tweetTextarea_0"]'));
  const postButton = () => b.driver.findElement(By.css('[data-testid="tweetButtonInline"]'));

  it('posts a clean post once', TEST, async () => {
    await open('x.com', '/home.html');
    await editor().click();
    await b.driver.actions().sendKeys(CLEAN_POST).perform();
    await postButton().click();
    await waitFor(b.driver, async () => (await posts()).length > 0, { message: 'the post' });
    await settle();
    assert.deepEqual(await posts(), [{ text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(b.driver), null);
  });

  it('stops a post naming a pupil, by click and by Ctrl+Enter; Escape keeps the text', TEST, async () => {
    await open('x.com', '/home.html');
    await editor().click();
    await b.driver.actions().sendKeys(PUPIL_POST).perform();
    await postButton().click();
    assert.match(await waitForDialog(b.driver), /Grace Adebayo/);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.equal(await dialogText(b.driver), null);
    await editor().click();
    await ctrlEnter(b.driver);
    await waitForDialog(b.driver);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.deepEqual(await posts(), []);
    assert.match(await editor().getText(), /Grace Adebayo was a star/);
  });

  it("stops a picture of the school's logo picked through the page's file input", TEST, async () => {
    await open('x.com', '/home.html');
    await editor().click();
    await b.driver.actions().sendKeys('New term, new start').perform();
    const logo = path.resolve(ROOT, '../shared/corpus/policy/logo.png');
    await b.driver.findElement(By.css('[data-testid="fileInput"]')).sendKeys(logo);
    await waitFor(b.driver, () => b.driver.executeScript(() => document.querySelectorAll('[data-testid="attachments"] img').length === 1), { message: 'the preview' });
    await postButton().click();
    assert.match(await waitForDialog(b.driver, 10_000), /logo/i);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.deepEqual(await posts(), []);
  });
});

describe('Firefox: Gmail at https://mail.google.com', () => {
  it("stops a pupil's full name in the subject, and sends a clean email once", TEST, async () => {
    await open('mail.google.com', '/compose.html');
    const to = b.driver.findElement(By.css('input[aria-label="To recipients"]'));
    await to.sendKeys('h.marsh@harbourview.sch.uk', Key.ENTER);
    const subject = b.driver.findElement(By.css('input[name="subjectbox"]'));
    await subject.sendKeys('Grace Adebayo behaviour');
    const send = () => b.driver.findElement(By.css('[role="dialog"] [role="button"][aria-label^="Send"]'));
    await send().click();
    assert.match(await waitForDialog(b.driver), /Grace Adebayo/);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.equal((await b.driver.executeScript(() => window.__sent)).length, 0);
    assert.equal(await subject.getAttribute('value'), 'Grace Adebayo behaviour', 'the subject is untouched');

    await subject.clear();
    await subject.sendKeys('Staff meeting moved to Thursday');
    await send().click();
    await waitFor(b.driver, async () => (await b.driver.executeScript(() => window.__sent)).length > 0, { message: 'the send' });
    await settle();
    assert.equal((await b.driver.executeScript(() => window.__sent)).length, 1);
  });
});
