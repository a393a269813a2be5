// End-to-end on Meta's sites in headless Chromium: Facebook (the Create post dialog, with and
// without its second step; comments; a Messenger chat), Instagram (the Create dialog, where
// the picture is chosen before the caption box exists; comments) and Threads (the New thread
// dialog, a thread of several posts). Each site's fixture page (written by us, reproducing the
// cues the real site gives) is served at the site's real https origin, with a dev copy of the
// extension that runs on every site (--sites-on). The dialog is read through CDP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dialogText, waitForDialog, waitForDialogText, tabTo, ROOT } from './helpers.mjs';
import { openSite, logoPng, launchWithSites } from './social-helpers.mjs';

const PUPIL_POST = 'Brilliant trip with Year 7 today, Grace Adebayo was a star!';
const PUPIL_FIXED = 'Brilliant trip with Year 7 today, G.A. was a star!';
const CLEAN_POST = 'Lovely walk along the coast this morning.';
// A personal mobile: stopped on social media, normal between colleagues in a chat.
const MOBILE = 'Text me on 07700 900123 about the fair';

let b;
let beach;
let logo;
before(async () => {
  b = await launchWithSites();
  beach = await fs.readFile(path.join(ROOT, 'tests/fixtures/common/beach.png'));
  logo = await logoPng();
});
after(() => b?.close());

const settle = (page) => page.waitForTimeout(400);
const sent = (page) => page.evaluate(() => window.__sent.map(({ at, ...rest }) => ({ ...rest, text: rest.text.trim() })));
const waitForSent = (page, timeout = 3000) => page.waitForFunction(() => window.__sent.length > 0, null, { timeout });
const png = (name, buffer) => ({ name, mimeType: 'image/png', buffer });

/** Escape (the dialog's Edit), then check that nothing went. */
async function edit(page) {
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await dialogText(page), null);
  assert.deepEqual(await sent(page), [], 'nothing was posted');
}

/** Drop files on an element, as a person dragging them from their desktop. */
async function drop(page, selector, files) {
  await page.evaluate(
    ([sel, list]) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      document.querySelector(sel).dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [selector, files.map((f) => ({ name: f.name, type: f.mimeType, data: f.buffer.toString('base64') }))],
  );
}

describe('Facebook', () => {
  const open = async (query = '') => {
    const page = await openSite(b.context, 'facebook', `home.html${query}`);
    await page.getByRole('button', { name: "What's on your mind, Sam?" }).click();
    return page;
  };
  const postBox = (page) => page.getByRole('textbox', { name: "What's on your mind, Sam?" });
  const postButton = (page, name = 'Post') => page.getByRole('dialog').getByRole('button', { name, exact: true });

  it('posts a clean post from the Create post dialog at once, exactly once', async () => {
    const page = await open();
    await postBox(page).click();
    await page.keyboard.type(CLEAN_POST);
    await postButton(page).click();
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'post', text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('stops a post naming a pupil; Use initials in the Lexical editor, then Send: posted once, with initials', async () => {
    const page = await open();
    await postBox(page).click();
    await page.keyboard.type(PUPIL_POST);
    await postButton(page).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await tabTo(page, 'Use initials');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Ready to send/);
    assert.equal(await postBox(page).innerText(), PUPIL_FIXED);
    await settle(page);
    assert.deepEqual(await sent(page), [], 'nothing goes until the person chooses Send');
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'post', text: PUPIL_FIXED, images: 0 }]);
    await page.close();
  });

  it('with a second step (Next, then Post) the text is checked at Next, while it can be edited', async () => {
    const page = await openSite(b.context, 'facebook', 'home.html?next');
    // A comment left half-written in the feed is not part of the post.
    await page.getByRole('textbox', { name: 'Write a comment…' }).click();
    await page.keyboard.type(PUPIL_POST);
    await page.getByRole('button', { name: "What's on your mind, Sam?" }).click();
    await postBox(page).click();
    await page.keyboard.type(PUPIL_POST);
    await postButton(page, 'Next').click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await edit(page);
    assert.equal(await postBox(page).innerText(), PUPIL_POST, 'still on the first step, the text kept');

    await postBox(page).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(CLEAN_POST);
    await postButton(page, 'Next').click();
    await settle(page);
    assert.equal(await dialogText(page), null);
    await postButton(page, 'Post').click();
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'post', text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it("stops a post whose picture is the school's logo, and lets another picture through", async () => {
    const page = await open();
    await postBox(page).click();
    await page.keyboard.type('New term, new start');
    await page.getByRole('dialog').locator('input[type="file"]').setInputFiles(png('crest.png', logo));
    await postButton(page).click();
    await waitForDialogText(page, /logo/i, 8000);
    await edit(page);
    await page.close();

    const other = await open();
    await postBox(other).click();
    await other.keyboard.type('New term, new start');
    await other.getByRole('dialog').locator('input[type="file"]').setInputFiles(png('beach.png', beach));
    await other.waitForTimeout(500);
    await postButton(other).click();
    await waitForSent(other, 8000);
    assert.deepEqual(await sent(other), [{ kind: 'post', text: 'New term, new start', images: 1 }]);
    await other.close();
  });

  it('a comment naming a pupil is stopped on Enter and on its button; Shift+Enter is a new line; a clean one goes on Enter, once', async () => {
    const page = await openSite(b.context, 'facebook', 'home.html');
    const box = page.getByRole('textbox', { name: 'Write a comment…' });
    await box.click();
    await page.keyboard.type(PUPIL_POST);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await edit(page);
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await waitForDialog(page);
    await edit(page);
    assert.equal(await box.innerText(), PUPIL_POST);

    await box.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Saturday the 14th');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('I think');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await sent(page), []);
    await page.keyboard.press('Enter');
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'comment', text: 'Saturday the 14th\nI think', images: 0 }]);
    await page.close();
  });

  it('a Messenger chat is checked as chat: a pupil is stopped, a mobile number between colleagues goes (as a comment it is stopped)', async () => {
    const page = await openSite(b.context, 'facebook', 'home.html');
    const chat = page.getByRole('textbox', { name: 'Message' });
    await chat.click();
    await page.keyboard.type(PUPIL_POST);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await edit(page);

    await chat.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(MOBILE);
    await page.keyboard.press('Enter');
    await waitForSent(page);
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await sent(page), [{ kind: 'chat', text: MOBILE, images: 0 }]);

    await page.getByRole('textbox', { name: 'Write a comment…' }).click();
    await page.keyboard.type(MOBILE);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /mobile/i);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal((await sent(page)).length, 1, 'the comment did not go');
    await page.close();
  });
});

describe('Instagram', () => {
  /** Create → Post → pick the pictures (file input, or a drop) → Next → Next → the caption. */
  async function newPost(page, files, { dropped = false } = {}) {
    await page.getByRole('link', { name: 'New post' }).click();
    await page.getByRole('menu').getByRole('link', { name: /Post/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Drag photos and videos here').waitFor();
    if (dropped) await drop(page, '[role="dialog"]', files);
    else await dialog.locator('input[type="file"]').setInputFiles(files);
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: 'Write a caption...' }).click();
  }
  const share = (page) => page.getByRole('dialog').getByRole('button', { name: 'Share', exact: true });

  it('posts a picture with a clean caption at once, exactly once, with its picture', async () => {
    const page = await openSite(b.context, 'instagram', 'home.html');
    await newPost(page, [png('beach.png', beach)]);
    await page.keyboard.type(CLEAN_POST);
    await share(page).click();
    await waitForSent(page, 8000);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'post', text: CLEAN_POST, images: 1 }]);
    assert.equal(await dialogText(page), null);
    await page.getByText('Your post has been shared.').waitFor();
    await page.close();
  });

  it("the logo chosen before the caption box exists is stopped at Share, even after typing in the feed's comment box", async () => {
    const page = await openSite(b.context, 'instagram', 'home.html');
    // The comment box is the composer last used (and would be the one found around the dialog).
    await page.getByRole('textbox', { name: 'Add a comment…' }).click();
    await page.keyboard.type('Looks delicious');
    await newPost(page, [png('crest.png', logo)]);
    await page.keyboard.type('New term, new start');
    await share(page).click();
    await waitForDialogText(page, /logo/i, 8000);
    await edit(page);
    await page.close();
  });

  it('the logo dropped on the Create dialog is stopped at Share', async () => {
    const page = await openSite(b.context, 'instagram', 'home.html');
    await newPost(page, [png('crest.png', logo)], { dropped: true });
    await page.keyboard.type('New term, new start');
    await share(page).click();
    await waitForDialogText(page, /logo/i, 8000);
    await edit(page);
    await page.close();
  });

  it('stops a caption naming a pupil and keeps it', async () => {
    const page = await openSite(b.context, 'instagram', 'home.html');
    await newPost(page, [png('beach.png', beach)]);
    await page.keyboard.type(PUPIL_POST);
    await share(page).click();
    assert.match(await waitForDialog(page, 8000), /Grace Adebayo/);
    await edit(page);
    assert.equal(await page.getByRole('textbox', { name: 'Write a caption...' }).innerText(), PUPIL_POST);
    await page.close();
  });

  it('a comment naming a pupil is stopped on Enter and on Post; a clean one goes on Enter, once', async () => {
    const page = await openSite(b.context, 'instagram', 'home.html');
    const box = page.getByRole('textbox', { name: 'Add a comment…' });
    await box.click();
    await page.keyboard.type(PUPIL_POST);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await edit(page);
    await page.locator('article form').getByRole('button', { name: 'Post', exact: true }).click();
    await waitForDialog(page);
    await edit(page);
    assert.equal(await box.inputValue(), PUPIL_POST);

    await box.fill('');
    await box.click();
    await page.keyboard.type(CLEAN_POST);
    await page.keyboard.press('Enter');
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ kind: 'comment', text: CLEAN_POST, images: 0 }]);
    await page.close();
  });
});

describe('Threads', () => {
  const open = async () => {
    const page = await openSite(b.context, 'threads', 'home.html');
    await page.getByRole('button', { name: "What's new?" }).click();
    return page;
  };
  const editors = (page) => page.getByRole('dialog').getByRole('textbox');
  const postButton = (page) => page.getByRole('dialog').getByRole('button', { name: 'Post', exact: true });

  it("the feed's Post button only opens the dialog; a clean post goes at once, exactly once", async () => {
    const page = await openSite(b.context, 'threads', 'home.html');
    await page.getByRole('main').getByRole('button', { name: 'Post', exact: true }).click();
    await editors(page).first().waitFor({ timeout: 1000 });
    assert.equal(await dialogText(page), null);
    await editors(page).first().click();
    await page.keyboard.type(CLEAN_POST);
    await postButton(page).click();
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ text: CLEAN_POST, images: 0 }]);
    await page.close();
  });

  it('stops a post naming a pupil (click and Ctrl+Enter), and Edit keeps the text', async () => {
    const page = await open();
    await editors(page).first().click();
    await page.keyboard.type(PUPIL_POST);
    await postButton(page).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await edit(page);
    await editors(page).first().click();
    await page.keyboard.press('Control+Enter');
    await waitForDialog(page);
    await edit(page);
    assert.equal(await editors(page).first().innerText(), PUPIL_POST);
    await page.close();
  });

  it('a thread of two posts: the pupil in the second is fixed in place, then the thread goes once', async () => {
    const page = await open();
    await editors(page).first().click();
    await page.keyboard.type('What a day at the coast.');
    await page.getByRole('button', { name: 'Add to thread' }).click();
    await editors(page).nth(1).click();
    await page.keyboard.type(PUPIL_POST);
    await postButton(page).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await tabTo(page, 'Use initials');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Ready to send/);
    assert.equal(await editors(page).first().innerText(), 'What a day at the coast.');
    assert.equal(await editors(page).nth(1).innerText(), PUPIL_FIXED);
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await waitForSent(page);
    await settle(page);
    assert.deepEqual(await sent(page), [{ text: `What a day at the coast.\n\n${PUPIL_FIXED}`, images: 0 }]);
    await page.close();
  });

  it("stops a post whose picture is the school's logo, and lets another picture through", async () => {
    const page = await open();
    await editors(page).first().click();
    await page.keyboard.type('New term, new start');
    await page.getByRole('dialog').locator('input[type="file"]').setInputFiles(png('crest.png', logo));
    await postButton(page).click();
    await waitForDialogText(page, /logo/i, 8000);
    await edit(page);
    await page.close();

    const other = await open();
    await editors(other).first().click();
    await other.keyboard.type('New term, new start');
    await other.getByRole('dialog').locator('input[type="file"]').setInputFiles(png('beach.png', beach));
    await other.waitForTimeout(500);
    await postButton(other).click();
    await waitForSent(other, 8000);
    assert.deepEqual(await sent(other), [{ text: 'New term, new start', images: 1 }]);
    await other.close();
  });
});
