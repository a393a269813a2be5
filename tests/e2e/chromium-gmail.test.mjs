// End-to-end on the Gmail compose window in headless Chromium: the fixture (written by us,
// reproducing the cues real Gmail gives, with meaningless class names and noise) served at
// https://mail.google.com, and a private staged copy of the extension, whose manifest runs
// the Gmail adapter there as the shipped one does. Driven by mouse and keyboard as a person
// would; the dialog (closed shadow root) is read through CDP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, dialogText, waitForDialog, waitForDialogText, dialogAx, tabTo, waitForIndicator } from './helpers.mjs';
import { openSite, launchWithSites } from './social-helpers.mjs';

const FILES = path.join(ROOT, 'tests/attachments/files');
const COLLEAGUE = 'h.marsh@harbourview.sch.uk';
const PARENTS = ['parent.one@gmail.com', 'sam.parent@yahoo.co.uk', 'jo.carer@outlook.com'];

let b;
before(async () => {
  b = await launchWithSites({ sitesOn: false });
});
after(() => b?.close());

const settle = (page) => page.waitForTimeout(400);
const sendButton = (page) => page.locator('[role="dialog"] [role="button"][aria-label^="Send"]');
const subjectBox = (page) => page.locator('input[name="subjectbox"]');
const bodyBox = (page) => page.getByRole('textbox', { name: 'Message Body' });
const sent = (page) => page.evaluate(() => window.__sent);
const openGmail = (query = '') => openSite(b.context, 'gmail', `compose.html${query}`);

/** Fill the compose window as a person does: type each address and Enter, open Cc/Bcc with their links. */
async function compose(page, { to = [], cc = [], bcc = [], subject = '', body = '' }) {
  for (const [name, list] of [['To', to], ['CC', cc], ['BCC', bcc]]) {
    const input = page.locator(`input[aria-label="${name} recipients"]`);
    if (list.length && !(await input.isVisible())) await page.locator(`[role="link"][aria-label^="Add ${name === 'To' ? 'To' : name[0] + name.slice(1).toLowerCase()} recipients"]`).click();
    for (const address of list) {
      await input.fill(address);
      await input.press('Enter');
    }
  }
  if (subject) await subjectBox(page).fill(subject);
  if (body) {
    await bodyBox(page).click();
    await page.keyboard.type(body);
  }
}

/** The addresses on the chips of each field. */
const chips = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      ['to', 'cc', 'bcc'].map((f) => [
        f,
        [...document.querySelectorAll(`[name="${f}"]:not(input) [role="option"]`)].map((c) => `${c.dataset.name} <${c.dataset.hovercardId}>`),
      ]),
    ),
  );

/** Attach with the "Attach files" button and the file chooser (Gmail's input sits outside the compose). */
async function attach(page, ...files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[aria-label="Attach files"]').click()]);
  await chooser.setFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('.atts > div').length >= n, files.length);
}
const listed = (page) => page.evaluate(() => [...document.querySelectorAll('.atts > div')].map((c) => c.querySelector('a').innerText.replace(/\s+/g, ' ')));

describe('Gmail', () => {
  it('sends a clean email at once, exactly once, by click and by Enter on the Send button', async () => {
    const page = await openGmail();
    await compose(page, { to: [COLLEAGUE], subject: 'Staff briefing', body: 'See you at 8.15 in the staffroom.' });
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 5000 });
    await settle(page);
    const [one, ...rest] = await sent(page);
    assert.deepEqual(rest, [], 'sent exactly once');
    assert.deepEqual(one.to, [COLLEAGUE]);
    assert.equal(one.subject, 'Staff briefing');
    assert.equal(await dialogText(page), null);

    await sendButton(page).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 1, null, { timeout: 5000 });
    await settle(page);
    assert.equal((await sent(page)).length, 2, 'Enter on the focused button sends once more, once');
    await page.close();
  });

  it('stops a pupil’s full name in the subject, and Use initials changes exactly that; caret after it, undo restores', async () => {
    const page = await openGmail();
    await compose(page, { to: [COLLEAGUE], subject: 'Reading: Grace Adebayo today', body: 'Her reading has come on well.' });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /Grace Adebayo/);
    assert.equal((await dialogAx(page)).focused, 'Edit', 'Edit is the default');
    await settle(page);
    assert.deepEqual(await sent(page), [], 'nothing sent while the dialog is open');
    await tabTo(page, 'Use initials');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Ready to send/);
    assert.equal(await subjectBox(page).inputValue(), 'Reading: G.A. today');
    assert.equal(await bodyBox(page).innerText(), 'Her reading has come on well.', 'the body is untouched');
    await tabTo(page, 'Edit');
    await page.keyboard.press('Enter');
    assert.equal(await dialogText(page), null);
    const caret = await page.evaluate(() => [document.activeElement.getAttribute('name'), document.activeElement.selectionStart]);
    assert.deepEqual(caret, ['subjectbox', 'Reading: G.A.'.length], 'the caret sits just after the initials');
    await page.keyboard.press('Control+z');
    assert.equal(await subjectBox(page).inputValue(), 'Reading: Grace Adebayo today', 'undo restores the original');
    await settle(page);
    assert.deepEqual(await sent(page), []);
    await page.close();
  });

  it('Use initials in the body leaves the rest of the body as it was, then sends once', async () => {
    const page = await openGmail();
    await compose(page, { to: [COLLEAGUE], subject: 'Reading', body: 'Grace Adebayo read two books this week.' });
    await sendButton(page).click();
    await waitForDialog(page);
    await tabTo(page, 'Use initials');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Ready to send/);
    assert.equal(await bodyBox(page).innerText(), 'G.A. read two books this week.');
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 5000 });
    await settle(page);
    const all = await sent(page);
    assert.equal(all.length, 1);
    assert.equal(all[0].body.trim(), 'G.A. read two books this week.');
    await page.close();
  });

  it('offers Move to Bcc for parents in To and Cc, and moves them: no one lost or doubled', async () => {
    const page = await openGmail();
    await compose(page, {
      to: [PARENTS[0], `Sam Parent <${PARENTS[1]}>`, COLLEAGUE],
      cc: [`Jo Carer <${PARENTS[2]}>`],
      subject: 'Year 7 trip',
      body: 'Dear parents, the coach leaves at 8.',
    });
    assert.equal(await page.locator('input[aria-label="BCC recipients"]').isVisible(), false, 'Bcc is not open yet');
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /3 external recipients/);
    await tabTo(page, 'Move them to Bcc');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Ready to send/);
    const shown = await chips(page);
    assert.deepEqual(shown.to, [`${COLLEAGUE} <${COLLEAGUE}>`], 'To keeps only the colleague');
    assert.deepEqual(shown.cc, []);
    assert.deepEqual(
      [...shown.bcc].sort(),
      [`${PARENTS[0]} <${PARENTS[0]}>`, `Jo Carer <${PARENTS[2]}>`, `Sam Parent <${PARENTS[1]}>`].sort(),
      'each parent once in Bcc, display names kept',
    );
    const inputs = await page.evaluate(() => [...document.querySelectorAll('input[role="combobox"]')].map((i) => i.value));
    assert.deepEqual(inputs, ['', '', ''], 'nothing left half-typed');
    await settle(page);
    assert.deepEqual(await sent(page), [], 'the move sends nothing');
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 5000 });
    await settle(page);
    const all = await sent(page);
    assert.equal(all.length, 1);
    assert.deepEqual(all[0].to, [COLLEAGUE]);
    assert.deepEqual(all[0].cc, []);
    assert.deepEqual([...all[0].bcc].sort(), [...PARENTS].sort());
    await page.close();
  });

  it('undoes a half-done move and says so when Bcc does not take an address', async () => {
    const page = await openGmail();
    await compose(page, { to: [PARENTS[0], PARENTS[1]], subject: 'Trip', body: 'Dear parents, the coach leaves at 8.' });
    // This compose window's Bcc field takes the first address, then stops making chips.
    await page.evaluate(() => {
      const input = document.querySelector('input[aria-label="BCC recipients"]');
      let made = 0;
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && made++ >= 1) e.stopImmediatePropagation(); }, true);
    });
    await sendButton(page).click();
    await waitForDialog(page);
    await tabTo(page, 'Move them to Bcc');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /could not|couldn’t|not able|didn’t/i);
    const shown = await chips(page);
    assert.deepEqual([...shown.to].sort(), [`${PARENTS[0]} <${PARENTS[0]}>`, `${PARENTS[1]} <${PARENTS[1]}>`].sort(), 'To is as it was');
    assert.deepEqual(shown.bcc, [], 'what was added to Bcc was taken out again');
    assert.equal(await page.locator('input[aria-label="BCC recipients"]').inputValue(), '', 'nothing left half-typed');
    await page.keyboard.press('Escape');
    await settle(page);
    assert.deepEqual(await sent(page), []);
    await page.close();
  });

  it('stops an unencrypted pupil list to a parent naming the file, and the remove fix takes only that file off', async () => {
    const page = await openGmail();
    await compose(page, { to: [PARENTS[0]], subject: 'Trip forms', body: 'Details below.' });
    await attach(page, path.join(FILES, 'slides.pptx'), path.join(FILES, 'pupils.xlsx'));
    await waitForIndicator(page, /1 thing to check/, 10000); // scanned when attached
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /“pupils\.xlsx” holds personal data/);
    assert.doesNotMatch(text, /slides\.pptx/);
    assert.deepEqual(await listed(page), ['slides.pptx (28K)', 'pupils.xlsx (5K)'], 'nothing changed by the check');
    await tabTo(page, 'Remove attachment');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Removed “pupils\.xlsx” from this email/);
    assert.deepEqual(await listed(page), ['slides.pptx (28K)'], 'only that file was removed');
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 5000 });
    await settle(page);
    const all = await sent(page);
    assert.equal(all.length, 1);
    assert.deepEqual(all[0].attachments, ['slides.pptx']);
    await page.close();
  });

  it('stops school business sent from a personal Gmail account with Ctrl+Enter; Ctrl+Enter in search is left alone', async () => {
    const page = await openGmail('?account=adam.teacher.home@gmail.com');
    await page.locator('input[name="q"]').fill('coach');
    await page.locator('input[name="q"]').press('Control+Enter');
    await settle(page);
    assert.deepEqual(await page.evaluate(() => window.__searches), ['coach'], 'the search box is not a compose field');
    assert.equal(await dialogText(page), null);

    await compose(page, { to: [COLLEAGUE], subject: 'Year 7 reports', body: 'Grace Adebayo has been unwell this week, so her report is late.' });
    await page.keyboard.press('Control+Enter');
    const text = await waitForDialog(page);
    assert.match(text, /personal/i);
    assert.match(text, /adam\.teacher\.home@gmail\.com/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await dialogText(page), null);
    assert.deepEqual(await sent(page), [], 'the shortcut was stopped');
    assert.match(await bodyBox(page).innerText(), /Grace Adebayo has been unwell/, 'the draft is as it was');
    await page.close();
  });

  it('does not take "More send options" for Send', async () => {
    const page = await openGmail();
    await compose(page, { to: [PARENTS[0]], subject: 'Grace Adebayo', body: 'x' });
    await page.locator('[aria-label="More send options"]').click();
    await page.getByRole('menuitem', { name: 'Schedule send' }).waitFor();
    await settle(page);
    assert.equal(await dialogText(page), null, 'opening the menu is not a send');
    assert.deepEqual(await sent(page), []);
    await page.close();
  });
});
