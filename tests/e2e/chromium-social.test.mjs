// End-to-end on the social and chat composers in headless Chromium: each site's fixture page
// (written by us, reproducing the cues the real site gives) served at the site's real https
// origin, with a dev copy of the extension that runs on every site (--sites-on; the opt-in
// flow itself is tested in chromium-optin.test.mjs). The dialog is read through CDP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dialogText, waitForDialog, waitForDialogText, ROOT } from './helpers.mjs';
import { openSite, typePost, posted, logoPng, launchWithSites } from './social-helpers.mjs';

const PUPIL_POST = 'Brilliant trip with Year 7 today, Grace Adebayo was a star!';
const CLEAN_POST = 'Lovely walk along the coast this morning.';

let b;
before(async () => {
  b = await launchWithSites();
});
after(() => b?.close());

const settle = (page) => page.waitForTimeout(400);

/** Wait for our passing notice (closed shadow root, read through CDP) to say `re`. */
async function waitForNotice(page, re, timeout = 8000) {
  const end = Date.now() + timeout;
  for (;;) {
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await cdp.detach();
    if (re.test(JSON.stringify(root))) return;
    if (Date.now() > end) throw new Error(`no notice saying ${re}`);
    await page.waitForTimeout(100);
  }
}

/** Attach files through the page's own file input, as the person's file picker would. */
async function attachImage(page, name, buffer) {
  const selector = await page.evaluate(() => document.body.dataset.fileInput);
  await page.locator(selector).setInputFiles({ name, mimeType: 'image/png', buffer });
}

describe('X', () => {
  it('posts a clean post at once, exactly once', async () => {
    const page = await openSite(b.context, 'x', 'home.html');
    await typePost(page, CLEAN_POST);
    await page.locator('[data-testid="tweetButtonInline"]').click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('stops a post naming a pupil (click and Ctrl+Enter), and Edit keeps the text', async () => {
    const page = await openSite(b.context, 'x', 'home.html');
    await typePost(page, PUPIL_POST);
    await page.locator('[data-testid="tweetButtonInline"]').click();
    const text = await waitForDialog(page);
    assert.match(text, /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    assert.match(await page.locator('[data-testid="tweetTextarea_0"]').innerText(), /Grace Adebayo was a star/);

    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await page.keyboard.press('Control+Enter');
    await waitForDialog(page);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), [], 'the shortcut was stopped too');
    await page.close();
  });

  it("stops a post whose picture is the school's logo, and lets another picture through", async () => {
    const page = await openSite(b.context, 'x', 'home.html');
    await typePost(page, 'New term, new start');
    await attachImage(page, 'crest.png', await logoPng());
    await page.locator('[data-testid="tweetButtonInline"]').click();
    await waitForDialogText(page, /logo/i, 8000);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();

    const other = await openSite(b.context, 'x', 'home.html');
    await typePost(other, 'New term, new start');
    await attachImage(other, 'beach.png', await fs.readFile(path.join(ROOT, 'tests/fixtures/common/beach.png')));
    // Adding a picture brings a passing reminder about photos of pupils (info: never a dialog).
    await other.locator('[data-testid="tweetTextarea_0"]').click();
    await waitForNotice(other, /photos that show pupils/);
    await other.locator('[data-testid="tweetButtonInline"]').click();
    await other.waitForFunction(() => window.__sent.length > 0, null, { timeout: 8000 });
    assert.deepEqual(await posted(other), [{ text: 'New term, new start', images: 1 }]);
    await other.close();
  });
});

describe('the generic composer, on a page no adapter knows', () => {
  it('checks a textarea with a Share button: stops a pupil post, lets a clean one through once', async () => {
    const page = await openSite(b.context, 'x', 'redesign.html');
    await typePost(page, PUPIL_POST);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    assert.equal(await page.locator('#q7').inputValue(), PUPIL_POST, 'the text is untouched');

    await page.locator('#q7').fill(CLEAN_POST);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: CLEAN_POST, images: 0 }]);
    // "Share your profile" is not a post button: clicking it is never intercepted.
    await page.getByRole('button', { name: 'Share your profile' }).click();
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('gives Ctrl+Enter back to the page after a clean check: it posts where the page posts on it, and nowhere else', async () => {
    const page = await openSite(b.context, 'x', 'redesign.html');
    await typePost(page, CLEAN_POST);
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: CLEAN_POST, images: 0 }], 'posted once, by the page itself');
    await page.close();

    // Here Ctrl+Enter does nothing: sendwise must not press Share for the person.
    const quiet = await openSite(b.context, 'x', 'redesign-nokey.html');
    await typePost(quiet, CLEAN_POST);
    await quiet.keyboard.press('Control+Enter');
    await quiet.waitForTimeout(1000);
    assert.deepEqual(await posted(quiet), [], 'nothing posted');
    assert.equal(await quiet.locator('#q7').inputValue(), CLEAN_POST);
    // A pupil post is still stopped on the shortcut, in case the page does post on it.
    await quiet.locator('#q7').fill(PUPIL_POST);
    await quiet.locator('#q7').press('Control+Enter');
    assert.match(await waitForDialog(quiet), /Grace Adebayo/);
    await quiet.keyboard.press('Escape');
    await quiet.close();
  });
});
