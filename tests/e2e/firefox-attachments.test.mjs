// End-to-end in headless Firefox ESR: attachments scanned when attached, through the fixture's
// hidden file input (the Attach button's), and matched to the composer's list at Send. The
// background is a module background page here, so this is also the check that the port and
// chunked transfer work in Firefox's messaging (structured clone, not JSON).
//
// Run: node --test tests/e2e/firefox-attachments.test.mjs   (FIREFOX_LOG=1 for the console)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, corpusBundle } from './helpers.mjs';
import { startServer } from './server.mjs';
import {
  By, Key, stageExtension, launchFirefox, importBundle, compose, sentCount, sent, press, dialogText, waitForDialog,
  noticeText, waitFor,
} from './firefox-helpers.mjs';

const FILES = path.join(ROOT, 'tests/attachments/files');
const PARENT = 'parent.one@gmail.com';
const COLLEAGUE = 'h.marsh@harbourview.sch.uk';
const START_TIMEOUT = 90_000;
const TEST = { timeout: 30_000 };

let server;
let extensionDir;
let b;

before(async () => {
  server = await startServer();
  extensionDir = await stageExtension();
  b = await launchFirefox({ extensionDir });
  await importBundle(b, await corpusBundle());
}, { timeout: START_TIMEOUT });

after(async () => {
  await b?.close();
  await server?.close();
  if (extensionDir) await fs.rm(extensionDir, { recursive: true, force: true });
});

async function composePage() {
  await b.driver.get(`${server.url}/outlook/compose.html`);
  await waitFor(b.driver, () => b.driver.executeScript(() => Array.isArray(window.__sent)), { message: 'the fixture' });
}

/** Choose a file in the composer's (hidden) file input, as the Attach button's chooser does. */
async function attach(file) {
  const before = await b.driver.executeScript(() => window.__attached.length);
  await b.driver.findElement(By.css('input[type="file"]')).sendKeys(file);
  await waitFor(b.driver, async () => (await b.driver.executeScript(() => window.__attached.length)) > before, { message: 'the page to list the file' });
}

/** The indicator's label (its title, in our closed shadow root, read through WebDriver). */
async function indicatorTitle() {
  for (const host of await b.driver.findElements(By.xpath('/html/*[not(self::head) and not(self::body)]'))) {
    try {
      const [badge] = await (await host.getShadowRoot()).findElements(By.css('button.badge'));
      if (badge) return await badge.getAttribute('title');
    } catch {
      // not ours
    }
  }
  return null;
}
const waitForIndicator = (re, timeout = 5000) =>
  waitFor(b.driver, async () => re.test((await indicatorTitle()) ?? ''), { timeout, message: `the indicator to say ${re}` });

const sendButton = () => b.driver.findElement(By.css('button[aria-label="Send"]'));
const settle = () => b.driver.sleep(400);
const waitForSend = () => waitFor(b.driver, async () => (await sentCount(b.driver)) > 0, { timeout: 3000, message: 'the page to send' });

describe('Firefox, attachments with the corpus school policy loaded', () => {
  it('stops an unencrypted pupil list to a parent and names the file', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [PARENT], subject: 'Trip forms', body: 'List attached.' });
    await attach(path.join(FILES, 'pupils.xlsx'));
    await sendButton().click(); // straight away: Send waits briefly for the scan
    const text = await waitForDialog(b.driver);
    assert.match(text, /“pupils\.xlsx” holds personal data/);
    assert.match(text, /8 UPNs, 8 NHS numbers, 8 dates of birth/);
    assert.match(text, /secure file transfer/);
    await press(b.driver, Key.ESCAPE);
    await settle();
    assert.equal(await sentCount(b.driver), 0);
    assert.equal(await dialogText(b.driver), null);
  });

  it('does not stop it going to school addresses only', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], subject: 'Trip forms', body: 'List attached.' });
    await attach(path.join(FILES, 'pupils.xlsx'));
    await b.driver.sleep(500);
    await sendButton().click();
    await waitForSend();
    await settle();
    assert.equal(await sentCount(b.driver), 1);
    assert.deepEqual((await sent(b.driver))[0].attachments, ['pupils.xlsx']);
    assert.equal(await dialogText(b.driver), null);
    assert.equal(await noticeText(b.driver), null, 'no "could not check" notice: the file was read');
  });

  it('sends an encrypted pupil list to a parent at once', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [PARENT], subject: 'Trip forms', body: 'Password by text.' });
    await attach(path.join(FILES, 'pupils-encrypted.xlsx'));
    await b.driver.sleep(500);
    await sendButton().click();
    await waitForSend();
    await settle();
    assert.equal(await sentCount(b.driver), 1);
    assert.equal(await dialogText(b.driver), null);
  });

  it('keeps the page responsive while a 25 MB file is scanned', { timeout: 60_000 }, async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-fx-att-'));
    const file = path.join(dir, 'Y7 register.csv');
    const rows = ['UPN,Legal Forename,Legal Surname,DOB,SEN'];
    for (let i = 0, size = 0; size < 25 * 1024 * 1024; i++) {
      const row = `A${String(100000000000 + i).padStart(12, '0')},Forename${i % 977},Surname${i % 1231},${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2014,K`;
      rows.push(row);
      size += row.length + 1;
    }
    await fs.writeFile(file, rows.join('\n') + '\n');
    try {
      await composePage();
      await compose(b.driver, { to: [PARENT], subject: 'Register', body: 'Attached.' });
      await waitForIndicator(/nothing to check/);
      await b.driver.executeScript(() => {
        window.__frames = { max: 0, count: 0, last: performance.now(), on: true };
        const tick = (now) => {
          const f = window.__frames;
          f.max = Math.max(f.max, now - f.last);
          f.last = now;
          f.count++;
          if (f.on) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const start = Date.now();
      await attach(file);
      await waitForIndicator(/1 thing to check/, 40_000);
      const took = Date.now() - start;
      const frames = await b.driver.executeScript(() => ((window.__frames.on = false), window.__frames));
      console.log(`Firefox, 25 MB CSV: attach to scanned ${took} ms; ${frames.count} frames, longest frame gap ${frames.max.toFixed(0)} ms`);
      assert.ok(frames.count > 10, 'frames kept coming');
      assert.ok(frames.max < 250, `no long freeze (longest gap ${frames.max.toFixed(0)} ms)`);
      await sendButton().click();
      assert.match(await waitForDialog(b.driver), /“Y7 register\.csv” holds personal data/);
      await press(b.driver, Key.ESCAPE);
      await settle();
      assert.equal(await sentCount(b.driver), 0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
