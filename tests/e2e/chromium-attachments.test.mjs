// End-to-end, Chromium: attachments are scanned when they are attached (the Attach button's
// file input, drag-and-drop, paste), and at Send the composer's attachment list is matched to
// those scans. Real files from tests/attachments/files (made by real tools) and, for size, a
// generated 25 MB CSV of pupil-like rows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, launch, corpusBundle, importBundle, compose, sentCount, dialogText, waitForDialog, waitForDialogText,
  dialogAx, tabTo, waitForIndicator,
} from './helpers.mjs';
import { startServer } from './server.mjs';

const FILES = path.join(ROOT, 'tests/attachments/files');
const PARENT = 'parent.one@gmail.com';
const COLLEAGUE = 'h.marsh@harbourview.sch.uk';

let server;
let tmp;
let bigCsv;
let hugeFile;
let fiftyMb;
before(async () => {
  server = await startServer();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-att-'));
  // 25 MB of rows with UPN-shaped identifiers and dates of birth under pupil-register headers.
  const rows = ['UPN,Legal Forename,Legal Surname,DOB,SEN'];
  let size = rows[0].length + 1;
  for (let i = 0; size < 25 * 1024 * 1024; i++) {
    const row = `A${String(100000000000 + i).padStart(12, '0')},Forename${i % 977},Surname${i % 1231},${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2014,K`;
    rows.push(row);
    size += row.length + 1;
  }
  bigCsv = path.join(tmp, 'Y7 register.csv');
  await fs.writeFile(bigCsv, rows.join('\n') + '\n');
  // 50 MB: more than can be read and scanned in the 1.5 s Send waits.
  fiftyMb = path.join(tmp, 'Whole school register.csv');
  const csv = rows.join('\n') + '\n';
  await fs.writeFile(fiftyMb, csv + csv.slice(csv.indexOf('\n') + 1));
  // Over the engine's 64 MiB limit (zeros: nothing is read from it anyway).
  hugeFile = path.join(tmp, 'assembly.mp4');
  await fs.writeFile(hugeFile, Buffer.alloc(65 * 1024 * 1024));
});
after(async () => {
  await server.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const sendButton = (page) => page.getByRole('button', { name: 'Send', exact: true });
const settle = (page) => page.waitForTimeout(400);

async function composePage(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}/outlook/compose.html`);
  return page;
}

/** Attach files with the composer's Attach button and the file chooser, as a person does. */
async function attach(page, ...files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach file' }).click()]);
  await chooser.setFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Attachments"] [role="listitem"]').length >= n, files.length);
}

/** Drop or paste real files on the compose window, with a DataTransfer built in the page. */
async function dropOrPaste(page, how, file) {
  const data = (await fs.readFile(file)).toString('base64');
  await page.evaluate(
    ({ how, name, data }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      const body = document.querySelector('[contenteditable][role="textbox"]');
      if (how === 'drop') {
        for (const type of ['dragenter', 'dragover', 'drop']) {
          body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
        }
      } else {
        body.focus();
        body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
      }
    },
    { how, name: path.basename(file), data },
  );
}

const listed = (page) => page.evaluate(() => [...document.querySelectorAll('[aria-label="Attachments"] [role="listitem"]')].map((i) => i.getAttribute('aria-label')));

async function stopWorker(b, page) {
  const cdp = await b.context.newCDPSession(page);
  // Watch the worker's running status: it may be woken again at once (a scan being retried),
  // so "no worker target" is not something to wait for; seeing it stop is.
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`) && v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (let i = 0; i < 40 && !stopped; i++) await page.waitForTimeout(50);
  assert.ok(stopped, 'the worker was stopped');
  await cdp.detach();
}

/** Start a requestAnimationFrame loop in the page that records the longest gap between frames. */
const startFrameMeter = (page) =>
  page.evaluate(() => {
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
const stopFrameMeter = (page) => page.evaluate(() => ((window.__frames.on = false), window.__frames));

describe('attachments, with the corpus school policy loaded', () => {
  let b;
  before(async () => {
    b = await launch();
    await importBundle(b.context, b.extensionId, await corpusBundle());
  });
  after(() => b.close());

  it('stops an unencrypted pupil list to a parent, naming the file, what is in it and how to send it safely', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Trip forms', body: 'Please see the attached list.' });
    await attach(page, path.join(FILES, 'pupils.xlsx'));
    await waitForIndicator(page, /1 thing to check/); // scanned when attached
    await page.evaluate(() => window.addEventListener('pointerdown', () => (window.__pressedAt = performance.now()), true));
    await sendButton(page).click();
    const text = await waitForDialog(page);
    const shownAfter = await page.evaluate(() => performance.now() - window.__pressedAt);
    console.log(`Send to dialog with a scanned attachment: ${shownAfter.toFixed(0)} ms`);
    assert.match(text, /In an attachment \(pupils\.xlsx\)/);
    assert.match(text, /“pupils\.xlsx” holds personal data/);
    assert.match(text, /8 UPNs, 8 NHS numbers, 8 dates of birth/);
    assert.match(text, /Encrypt with Password/);
    assert.match(text, /secure file transfer/);
    assert.match(text, /Needs changing/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    assert.deepEqual(await listed(page), ['pupils.xlsx 5 KB'], 'the attachment is untouched');
    await page.close();
  });

  it('does not stop the same file going to school addresses only (info)', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Trip forms', body: 'List attached.' });
    await attach(page, path.join(FILES, 'pupils.xlsx'));
    await page.waitForTimeout(300);
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1);
    assert.equal(await dialogText(page), null);
    assert.deepEqual((await page.evaluate(() => window.__sent))[0].attachments, ['pupils.xlsx']);
    await page.close();
  });

  it('sends an encrypted pupil list to a parent at once', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Trip forms', body: 'The password follows by text.' });
    await attach(page, path.join(FILES, 'pupils-encrypted.xlsx'));
    await waitForIndicator(page, /nothing to check/);
    await page.waitForTimeout(300);
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1);
    assert.equal(await dialogText(page), null);
    assert.deepEqual((await page.evaluate(() => window.__sent))[0].attachments, ['pupils-encrypted.xlsx']);
    await page.close();
  });

  for (const [how, file] of [['drop', 'pupils.csv'], ['paste', 'pupils.ods']]) {
    it(`scans a file that arrives by ${how === 'drop' ? 'drag-and-drop' : 'paste'}`, async () => {
      const page = await composePage(b.context);
      await compose(page, { to: [PARENT], subject: 'Forms', body: 'Attached.' });
      await dropOrPaste(page, how, path.join(FILES, file));
      assert.equal((await listed(page)).length, 1, `the page took the ${how}`);
      await waitForIndicator(page, /1 thing to check/);
      await sendButton(page).click();
      const text = await waitForDialog(page);
      assert.match(text, new RegExp(`“${file.replace('.', '\\.')}” holds personal data`));
      await page.keyboard.press('Escape');
      await settle(page);
      assert.equal(await sentCount(page), 0);
      await page.close();
    });
  }

  it('removes the attachment with the composer’s own control, then offers a plain Send', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Trip forms', body: 'Details below.' });
    await attach(page, path.join(FILES, 'slides.pptx'), path.join(FILES, 'pupils.xlsx'));
    await waitForIndicator(page, /1 thing to check/);
    await sendButton(page).click();
    await waitForDialog(page);
    const ax = await dialogAx(page);
    assert.ok(ax.controls.some((c) => c.name === 'Remove attachment'), 'a one-click removal is offered');
    await tabTo(page, 'Remove attachment');
    await page.keyboard.press('Enter');
    await waitForDialogText(page, /Removed “pupils\.xlsx” from this email/);
    assert.deepEqual(await listed(page), ['slides.pptx 28 KB'], 'only that file was removed');
    await tabTo(page, 'Send');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1);
    assert.deepEqual((await page.evaluate(() => window.__sent))[0].attachments, ['slides.pptx']);
    await page.close();
  });

  it('says which file could not be checked when it was attached before sendwise saw it', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Forms', body: 'Attached.' });
    // An item the page lists but whose attaching the extension never saw (e.g. restored draft).
    await page.evaluate(() => {
      const item = document.createElement('div');
      item.setAttribute('role', 'listitem');
      item.setAttribute('aria-label', 'Class list.xlsx 12 KB');
      item.textContent = 'Class list.xlsx';
      document.querySelector('[aria-label="Attachments"]').append(item);
    });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /could not fully check “Class list\.xlsx”/);
    assert.match(text, /attached before sendwise started/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    // To school addresses only it goes, with a notice naming the file.
    await page.locator('[role="group"][aria-label="To"] button[aria-label^="Remove"]').click();
    await compose(page, { to: [COLLEAGUE] });
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    const cdp = await b.context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await cdp.detach();
    assert.match(JSON.stringify(root), /could not check what is inside Class list\.xlsx/);
    await page.close();
  });

  it('says a file over 64 MB is too large to check', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Assembly video', body: 'Attached.' });
    await attach(page, hugeFile);
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /could not fully check “assembly\.mp4”/);
    assert.match(text, /larger than 64 MB/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('keeps the page responsive while a 25 MB file is scanned', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Register', body: 'Attached.' });
    await waitForIndicator(page, /nothing to check/);
    await startFrameMeter(page);
    const start = Date.now();
    await attach(page, bigCsv);
    await waitForIndicator(page, /1 thing to check/, 30000);
    const took = Date.now() - start;
    const frames = await stopFrameMeter(page);
    console.log(`25 MB CSV: attach to scanned ${took} ms; ${frames.count} frames, longest frame gap ${frames.max.toFixed(0)} ms`);
    assert.ok(frames.count > 10, 'frames kept coming');
    assert.ok(frames.max < 250, `no long freeze (longest gap ${frames.max.toFixed(0)} ms)`);
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /“Y7 register\.csv” holds personal data/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('Send straight after attaching a 25 MB file waits for the scan or says the file is not checked yet, and never sends it', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Register', body: 'Attached.' });
    await attach(page, bigCsv);
    const pressed = Date.now();
    await sendButton(page).click();
    const text = await waitForDialog(page, 15000);
    console.log(`Send right after a 25 MB attach: dialog after ${Date.now() - pressed} ms, ${/still reading/.test(text) ? 'not checked yet' : 'scanned'}`);
    assert.match(text, /“Y7 register\.csv” holds personal data|could not fully check “Y7 register\.csv”.*still reading it/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    // Once scanned, the next Send knows what is in it.
    await waitForIndicator(page, /1 thing to check/, 30000);
    await page.waitForTimeout(200);
    await sendButton(page).click();
    assert.match(await waitForDialog(page), /“Y7 register\.csv” holds personal data/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('says a file is not checked yet when Send comes before its scan, and checks it on the next Send', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Register', body: 'Attached.' });
    await waitForIndicator(page, /nothing to check/);
    await attach(page, fiftyMb);
    const pressed = Date.now();
    await sendButton(page).click();
    const text = await waitForDialog(page, 15000);
    console.log(`Send right after a 50 MB attach: dialog after ${Date.now() - pressed} ms`);
    assert.match(text, /could not fully check “Whole school register\.csv”\. sendwise was still reading it when you pressed Send/);
    assert.match(text, /Please check/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0, 'not sent unchecked');
    await waitForIndicator(page, /1 thing to check/, 30000);
    await page.waitForTimeout(200);
    await sendButton(page).click();
    assert.match(await waitForDialog(page), /“Whole school register\.csv” holds personal data/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('still knows what is in a file after the worker is stopped between attaching and Send', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Forms', body: 'Attached.' });
    await attach(page, path.join(FILES, 'pupils.xlsx'));
    await waitForIndicator(page, /1 thing to check/);
    await stopWorker(b, page);
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /“pupils\.xlsx” holds personal data/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    await page.close();
  });

  it('sends the file again when the worker is stopped in the middle of a scan', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT], subject: 'Register', body: 'Attached.' });
    await waitForIndicator(page, /nothing to check/);
    await attach(page, bigCsv);
    await page.waitForTimeout(300); // part-way through the transfer
    await stopWorker(b, page);
    await waitForIndicator(page, /1 thing to check/, 30000);
    await sendButton(page).click();
    assert.match(await waitForDialog(page), /“Y7 register\.csv” holds personal data/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('makes no network request of its own', () => {
    const foreign = b.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith(`chrome-extension://${b.extensionId}/`));
    assert.deepEqual(foreign, []);
  });
});
