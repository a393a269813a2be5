// End-to-end on the LinkedIn, Bluesky and WhatsApp Web composers in headless Chromium: each
// site's fixture page (written by us, reproducing the cues the real site gives, with made-up
// class names and look-alike buttons that are not the composer's) served at the site's real
// https origin, with a dev copy of the extension that runs on every site (--sites-on). The
// dialog is read through CDP and driven by keyboard, as a person would.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dialogText, dialogAx, waitForDialog, waitForDialogText, ROOT } from './helpers.mjs';
import { openSite, typePost, posted, logoPng, launchWithSites } from './social-helpers.mjs';

const PUPIL_POST = 'Brilliant trip with Year 7 today, Grace Adebayo was a star!';
const CLEAN_POST = 'Lovely walk along the coast this morning.';
const SCHOOL_POST = 'Proud to work at Harbour View Academy';

let b;
before(async () => {
  b = await launchWithSites();
});
after(() => b?.close());

const settle = (page) => page.waitForTimeout(400);
const sentSoon = (page, n = 1, timeout = 8000) => page.waitForFunction((k) => window.__sent.length >= k, n, { timeout });
const editorText = (page) => page.evaluate(() => {
  const root = document.body.dataset.root ? document.querySelector(document.body.dataset.root).shadowRoot : document;
  return root.querySelector(document.body.dataset.editor).innerText;
});

/** Attach a file through the page's file input, as the person's file picker would. */
async function attach(page, selector, name, buffer) {
  await page.locator(selector).setInputFiles({ name, mimeType: 'image/png', buffer });
}

/** Paste an image into the focused editor, as Ctrl+V with a copied picture does. */
async function pasteImage(page, selector, buffer) {
  await page.locator(selector).first().evaluate((editor, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  }, [...buffer]);
}

/** "Send anyway" on a block: Tab to the reason box, type a reason, Tab to the button, Enter. */
async function sendAnywayWithReason(page, reason = 'Checked with the head, parents agreed') {
  for (let i = 0; i < 12; i++) {
    const ax = await dialogAx(page);
    if (ax.controls.find((c) => c.focused)?.role === 'textbox') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(reason);
  await page.keyboard.press('Tab');
  assert.equal((await dialogAx(page)).focused, 'Send anyway');
  await page.keyboard.press('Enter');
}

/** "Send anyway" on a warning: no reason asked; Tab to the button, Enter. */
async function sendAnywayWarning(page) {
  for (let i = 0; i < 12 && (await dialogAx(page)).focused !== 'Send anyway'; i++) await page.keyboard.press('Tab');
  assert.equal((await dialogAx(page)).focused, 'Send anyway');
  await page.keyboard.press('Enter');
}

describe('LinkedIn', () => {
  const POST = 'button.share-actions__primary-action';

  it('posts a clean post from the share box (in its shadow root) at once, exactly once', async () => {
    const page = await openSite(b.context, 'linkedin', 'feed.html');
    await typePost(page, CLEAN_POST);
    await page.locator(POST).click();
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('stops a post naming a pupil; Escape keeps the text; Post anyway with a reason posts once', async () => {
    const page = await openSite(b.context, 'linkedin', 'feed.html');
    await typePost(page, PUPIL_POST);
    await page.locator(POST).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    assert.equal((await editorText(page)).trim(), PUPIL_POST, 'the text is as typed');

    // LinkedIn gives no posting shortcut: Ctrl+Enter is neither checked nor a post.
    await page.locator('.ql-editor').click();
    await page.keyboard.press('Control+Enter');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);

    await page.locator(POST).click();
    await waitForDialog(page);
    await sendAnywayWithReason(page);
    await sentSoon(page);
    await settle(page);
    assert.equal((await posted(page)).length, 1, 'posted exactly once');
    assert.match((await posted(page))[0].text, /Grace Adebayo was a star/);
    await page.close();
  });

  it('warns about a post naming the school; Post anyway needs no reason and posts once', async () => {
    const page = await openSite(b.context, 'linkedin', 'feed.html');
    await typePost(page, SCHOOL_POST);
    await page.locator(POST).click();
    await waitForDialogText(page, /names your school/i);
    await sendAnywayWarning(page);
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: SCHOOL_POST, images: 0 }]);
    await page.close();
  });

  it("stops a post whose picture is the school's logo, added in the share box", async () => {
    const page = await openSite(b.context, 'linkedin', 'feed.html');
    await typePost(page, 'New term, new start');
    await attach(page, 'input[type=file]', 'crest.png', await logoPng());
    await page.locator(POST).click();
    await waitForDialogText(page, /logo/i, 8000);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });

  it("checks a comment, and leaves the feed's Comment and Send buttons alone", async () => {
    const page = await openSite(b.context, 'linkedin', 'feed.html');
    // The share box holds a post naming a pupil; the feed's own buttons are not its Post.
    // (The modal covers the feed, so the feed's buttons are clicked from script.)
    await typePost(page, PUPIL_POST);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main button:not([type=submit])')) el.click();
    });
    await settle(page);
    assert.equal(await dialogText(page), null, 'the feed buttons are not checked as posts');
    await page.getByRole('button', { name: 'Dismiss' }).click();

    await page.locator('[aria-label="Add a comment…"]').click();
    await page.keyboard.type('Ryan Bailey in my Year 7 class will love this');
    await page.locator('form button[type=submit]').click();
    assert.match(await waitForDialog(page), /Ryan Bailey/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });

  it('still checks the post on a redesigned page (the generic adapter)', async () => {
    const page = await openSite(b.context, 'linkedin', 'feed-redesign.html');
    await typePost(page, PUPIL_POST);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await waitForDialog(page);
    await sendAnywayWithReason(page);
    await sentSoon(page);
    await settle(page);
    assert.equal((await posted(page)).length, 1);
    await page.close();
  });
});

describe('Bluesky', () => {
  const PUBLISH = '[data-testid="composerPublishBtn"]';
  const EDITOR = '[data-testid="composePostView"] .ProseMirror';

  it('posts a clean post at once, exactly once', async () => {
    const page = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(page, CLEAN_POST);
    await page.locator(PUBLISH).click();
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: CLEAN_POST, images: 0 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('stops a post naming a pupil (click and Ctrl+Enter); Escape keeps the text; the feed buttons are left alone', async () => {
    const page = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(page, PUPIL_POST);
    await page.locator(PUBLISH).click();
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    assert.equal((await editorText(page)).trim(), PUPIL_POST);

    await page.locator(EDITOR).click();
    await page.keyboard.press('Control+Enter');
    await waitForDialog(page);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), [], 'the shortcut was stopped too');

    // A "Post" and a reply button in the timeline are not the composer's.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main button')) el.click();
    });
    await settle(page);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('Post anyway after the dialog (Ctrl+Enter) posts exactly once', async () => {
    const page = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(page, PUPIL_POST);
    await page.keyboard.press('Control+Enter');
    await waitForDialog(page);
    await sendAnywayWithReason(page);
    await sentSoon(page);
    await settle(page);
    assert.equal((await posted(page)).length, 1);
    await page.close();
  });

  it('warns about a post naming the school', async () => {
    const page = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(page, 'Open evening at HVA tonight, come along');
    await page.locator(PUBLISH).click();
    await waitForDialogText(page, /names your school/i);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });

  it("stops the school's logo attached through the file input and pasted; lets another picture through", async () => {
    const page = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(page, 'New term, new start');
    await attach(page, '[data-testid="composePostView"] input[type=file]', 'crest.png', await logoPng());
    await page.locator(PUBLISH).click();
    await waitForDialogText(page, /logo/i, 8000);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();

    const pasted = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(pasted, 'New term, new start');
    await pasteImage(pasted, EDITOR, await logoPng());
    await pasted.keyboard.press('Control+Enter');
    await waitForDialogText(pasted, /logo/i, 8000);
    await pasted.keyboard.press('Escape');
    await settle(pasted);
    assert.deepEqual(await posted(pasted), []);
    await pasted.close();

    const other = await openSite(b.context, 'bluesky', 'home.html');
    await typePost(other, 'New term, new start');
    await attach(other, '[data-testid="composePostView"] input[type=file]', 'beach.png', await fs.readFile(path.join(ROOT, 'tests/fixtures/common/beach.png')));
    await other.waitForTimeout(500);
    await other.locator(PUBLISH).click();
    await sentSoon(other);
    await settle(other);
    assert.deepEqual(await posted(other), [{ text: 'New term, new start', images: 1 }]);
    await other.close();
  });

  it('still checks the post on a redesigned page (the generic adapter), click and Ctrl+Enter', async () => {
    const page = await openSite(b.context, 'bluesky', 'home-redesign.html');
    await typePost(page, PUPIL_POST);
    await page.keyboard.press('Control+Enter');
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await page.keyboard.press('Escape');
    await settle(page);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await waitForDialog(page);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });
});

describe('WhatsApp Web', () => {
  const SEND = 'footer [aria-label="Send"]';
  // On channel "chat" a pupil's forename alone is a finding when the message is about school.
  const FORENAME_AT_SCHOOL = 'Ryan from my Year 7 class was sent out of the lesson again';

  it('sends a clean message with Enter at once, exactly once, as chat (naming the school is not a finding there)', async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat.html');
    await typePost(page, 'Just finished at Harbour View Academy, home soon');
    await page.keyboard.press('Enter');
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: 'Just finished at Harbour View Academy, home soon', images: 0 }]);
    assert.equal(await dialogText(page), null);

    // A forename alone, not about school, is not a finding either.
    await typePost(page, "Heading to Ryan's party later");
    await page.locator(SEND).click();
    await sentSoon(page, 2);
    await settle(page);
    assert.equal((await posted(page)).length, 2);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('stops a message naming a pupil (Enter and the Send button); Escape keeps the text; Shift+Enter is a new line', async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat.html');
    await typePost(page, FORENAME_AT_SCHOOL);
    await page.keyboard.press('Shift+Enter');
    await settle(page);
    assert.equal(await dialogText(page), null, 'Shift+Enter is not a send');
    assert.deepEqual(await posted(page), []);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Ryan/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    assert.match(await editorText(page), /Ryan from my Year 7 class/);

    await page.locator(SEND).click();
    await waitForDialog(page);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);

    // Ctrl+Enter is not WhatsApp's send: not checked, and nothing sent on its behalf.
    await page.locator('footer [data-lexical-editor]').click();
    await page.keyboard.press('Control+Enter');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });

  it('Send anyway after the dialog (Enter) sends exactly once', async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat.html');
    await typePost(page, 'Grace Adebayo left her coat in my room');
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Grace Adebayo/);
    await sendAnywayWithReason(page, 'Telling her form tutor');
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: 'Grace Adebayo left her coat in my room', images: 0 }]);
    await page.close();
  });

  it('does not take Enter in the chat search, or the Reply button of a message, for a send', async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat.html');
    await typePost(page, FORENAME_AT_SCHOOL);
    await page.locator('[aria-label="Search input textbox"]').click();
    await page.keyboard.type('staff');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Reply' }).click();
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await posted(page), []);
    await page.close();
  });

  it("checks a picture's caption in the media preview; the logo is not a finding in chat", async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat.html');
    await page.getByRole('button', { name: 'Attach' }).click();
    await attach(page, '.x4menu input[type=file]', 'crest.png', await logoPng());
    const caption = page.locator('[aria-label="Add a caption"]');
    await caption.click();
    await page.keyboard.type('Ryan Bailey with his certificate');
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page, 8000), /Ryan Bailey/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await posted(page), []);

    // A clean caption goes, with the picture: the school's logo rule is for social media.
    await caption.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Sports day photos');
    await page.locator('[data-fixture=preview] [aria-label="Send"]').click();
    await sentSoon(page);
    await settle(page);
    assert.deepEqual(await posted(page), [{ text: 'Sports day photos', images: 1 }]);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('still checks the message on a redesigned page, with Enter and the Send button', async () => {
    const page = await openSite(b.context, 'whatsapp', 'chat-redesign.html');
    await typePost(page, FORENAME_AT_SCHOOL);
    await page.keyboard.press('Enter');
    assert.match(await waitForDialog(page), /Ryan/);
    await page.keyboard.press('Escape');
    await settle(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await waitForDialog(page);
    await sendAnywayWithReason(page);
    await sentSoon(page);
    await settle(page);
    assert.equal((await posted(page)).length, 1);
    await page.close();
  });
});
