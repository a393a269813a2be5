// End-to-end: the staged dev extension (build/dev-extension, made by
// scripts/stage-extension.mjs) in headless Chromium against the local Outlook fixture.
// The dialog lives in a closed shadow root, so it is driven by keyboard and read through CDP
// (DOM with pierce, accessibility tree), never through a hook in the extension.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  launch, corpusBundle, importBundle, openOptions, compose, draftState, sentCount,
  dialogText, waitForDialog, dialogAx, CORPUS_POLICY, DEV_EXTENSION,
} from './helpers.mjs';
import { startServer } from './server.mjs';

const PARENT_A = 'parent.one@gmail.com';
const PARENT_B = 'Sam Parent <sam.parent@yahoo.co.uk>';
const COLLEAGUE = 'h.marsh@harbourview.sch.uk';

let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());

async function composePage(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}/outlook/compose.html`);
  return page;
}

const sendButton = (page) => page.getByRole('button', { name: 'Send', exact: true });

/** Give a (wrongly) released send time to land before asserting that nothing was sent. */
const settle = (page) => page.waitForTimeout(400);

describe('with the corpus school policy loaded', () => {
  let b;
  before(async () => {
    b = await launch();
    await importBundle(b.context, b.extensionId, await corpusBundle());
  });
  after(() => b.close());

  it('sends a clean draft at once, exactly once', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Staff meeting moved to Thursday', body: 'See you in the library at 3.30.' });
    // Time from the person pressing the button (pointerdown) to the page's own send handler.
    await page.evaluate(() => {
      window.addEventListener('pointerdown', () => (window.__pressedAt = performance.now()), true);
    });
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    const delay = await page.evaluate(() => window.__sent[0].at - window.__pressedAt);
    console.log(`click-to-send delay for a clean draft: ${delay.toFixed(1)} ms`);
    await settle(page);
    assert.equal(await sentCount(page), 1);
    assert.equal(await dialogText(page), null, 'no dialog for a clean draft');
    const [sent] = await page.evaluate(() => window.__sent);
    assert.deepEqual(sent.to, [COLLEAGUE]);
    assert.equal(sent.subject, 'Staff meeting moved to Thursday');
    assert.ok(delay < 250, `a clean draft must send without a visible delay (took ${delay} ms)`);
    await page.close();
  });

  it("opens the dialog for a pupil's full name in the subject; Esc goes back with nothing changed or sent", async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Ruby Okonkwo – reading', body: 'Her reading has come on well.' });
    const before = await draftState(page);
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /Ruby Okonkwo/);
    assert.match(text, /names a pupil/);
    assert.match(text, /In the subject line/);
    const ax = await dialogAx(page);
    assert.equal(ax.name, 'Before you send this');
    assert.match(ax.description, /found one thing/);
    assert.ok(ax.modal, 'aria-modal');
    assert.equal(ax.focused, 'Edit', 'Edit is the default button');
    await page.keyboard.press('Escape');
    assert.equal(await dialogText(page), null);
    await settle(page);
    assert.equal(await sentCount(page), 0);
    assert.deepEqual(await draftState(page), before, 'the draft is byte-for-byte unchanged');
    await page.close();
  });

  it('Edit (the default, Enter) goes back to editing with nothing changed or sent', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], cc: ['a.khan@harbourview.sch.uk'], subject: 'Okonkwo, Ruby', body: 'Line one\nLine two' });
    const before = await draftState(page);
    await sendButton(page).click();
    await waitForDialog(page);
    await page.keyboard.press('Enter');
    assert.equal(await dialogText(page), null);
    await settle(page);
    assert.equal(await sentCount(page), 0);
    assert.deepEqual(await draftState(page), before);
    await page.close();
  });

  it('keeps focus inside the dialog and needs a typed reason before Send anyway, which sends once', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Ruby Okonkwo', body: 'Notes attached.' });
    await sendButton(page).click();
    await waitForDialog(page);
    let ax = await dialogAx(page);
    assert.deepEqual(ax.controls.map((c) => [c.role, c.name.split(',')[0], c.disabled]), [
      ['button', 'Use initials', false],
      ['textbox', ax.controls[1].name.split(',')[0], false],
      ['button', 'Send anyway', true],
      ['button', 'Edit', false],
    ]);
    // Tab cycles inside the dialog and skips the disabled Send anyway.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      ax = await dialogAx(page);
      assert.ok(ax.focused, 'focus stays in the dialog');
      assert.notEqual(ax.focused, 'Send anyway');
    }
    // Focus on the reason box, type a reason, then Send anyway.
    while ((await dialogAx(page)).controls.find((c) => c.focused).role !== 'textbox') await page.keyboard.press('Tab');
    await page.keyboard.type('Going to the safeguarding lead only');
    await page.keyboard.press('Tab');
    assert.equal((await dialogAx(page)).focused, 'Send anyway');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1, 'Send anyway sends the original exactly once');
    const [sent] = await page.evaluate(() => window.__sent);
    assert.equal(sent.subject, 'Ruby Okonkwo', 'sent as written');
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('catches Ctrl+Enter in the composer too', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'About Ruby Okonkwo', body: 'Quick question' });
    const before = await draftState(page);
    await page.getByRole('textbox', { name: /Message body/ }).press('Control+Enter');
    const text = await waitForDialog(page);
    assert.match(text, /Ruby Okonkwo/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0, "the page's own Ctrl+Enter send did not run");
    assert.deepEqual(await draftState(page), before);
    // Once fixed, Ctrl+Enter sends once, through the composer's Send button.
    await page.getByRole('textbox', { name: 'Add a subject' }).fill('About R.O.');
    await page.getByRole('textbox', { name: 'Add a subject' }).press('Control+Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1);
    assert.equal(await dialogText(page), null);
    await page.close();
  });

  it('warns when two parents can see each other in To; Send anyway needs no reason for a warning', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT_A, PARENT_B], subject: 'Year 7 trip', body: 'Dear parents, the coach leaves at 8.' });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /In the recipients/);
    assert.match(text, /Bcc/);
    const ax = await dialogAx(page);
    assert.deepEqual(ax.controls.map((c) => c.name), ['Move them to Bcc', 'Send anyway', 'Edit'], 'no reason box for a warning');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await dialogAx(page)).focused, 'Send anyway');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    const sent = await page.evaluate(() => window.__sent);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].to, ['parent.one@gmail.com', 'sam.parent@yahoo.co.uk']);
    await page.close();
  });

  it('reads an inline reply laid out differently (text-only Send, listbox recipients)', async () => {
    const page = await b.context.newPage();
    await page.goto(`${server.url}/outlook/reply.html`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const text = await waitForDialog(page);
    assert.match(text, /2 external recipients/, 'both addresses read from aria-labels');
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await page.evaluate(() => window.__sent.length), 0);
    await page.close();
  });

  it('reads an address still being typed, and ignores Ctrl+Enter outside the draft', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT_A], subject: 'Trip', body: 'x' });
    await page.locator('[role="group"][aria-label="To"] input').fill('sam.parent@yahoo.co.uk');
    await page.getByRole('searchbox', { name: 'Search' }).press('Control+Enter');
    await settle(page);
    assert.equal(await sentCount(page), 0, 'Ctrl+Enter in the search box is not a Send');
    assert.equal(await dialogText(page), null);
    await sendButton(page).click();
    assert.match(await waitForDialog(page), /2 external recipients/);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('still checks the next Send after the service worker is stopped', async () => {
    const page = await composePage(b.context);
    const cdp = await b.context.newCDPSession(page);
    const workers = async () =>
      (await cdp.send('Target.getTargets')).targetInfos.filter(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`),
      );
    assert.equal((await workers()).length, 1);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (let i = 0; i < 40 && (await workers()).length; i++) await page.waitForTimeout(50);
    assert.equal((await workers()).length, 0, 'the worker was stopped');
    await compose(page, { to: [COLLEAGUE], subject: 'Ruby Okonkwo', body: 'x' });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /Ruby Okonkwo/, 'the restarted worker reloaded the bundle from storage');
    assert.equal((await workers()).length, 1, 'the Send woke the worker');
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    await cdp.detach();
    await page.close();
  });

  it("keeps findings from the page's own scripts", async () => {
    const page = await composePage(b.context);
    await page.evaluate(() => {
      window.__messages = [];
      window.addEventListener('message', (e) => window.__messages.push(String(e.data)));
    });
    await compose(page, { to: [PARENT_A, PARENT_B], subject: 'Ruby Okonkwo', body: 'x' });
    await sendButton(page).click();
    await waitForDialog(page);
    const seen = await page.evaluate(() => {
      const hosts = [...document.documentElement.children].filter((n) => n !== document.head && n !== document.body);
      const attrs = [...document.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.value)).join(' ');
      return {
        hosts: hosts.length,
        shadowRoots: hosts.map((h) => h.shadowRoot),
        pageText: document.documentElement.innerText,
        html: document.documentElement.outerHTML,
        attrs,
        messages: window.__messages,
      };
    });
    assert.equal(seen.hosts, 2, 'the indicator and the dialog hosts sit outside the editor, on <html>');
    assert.deepEqual(seen.shadowRoots, [null, null], 'closed shadow roots');
    for (const leak of ['names a pupil', 'Before you send', 'external recipients', 'roster']) {
      assert.ok(!seen.pageText.includes(leak), `page text must not carry "${leak}"`);
      assert.ok(!seen.html.includes(leak), `page HTML must not carry "${leak}"`);
      assert.ok(!seen.attrs.includes(leak), `page attributes must not carry "${leak}"`);
    }
    assert.deepEqual(seen.messages, [], 'no window messages');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('offers no Send anyway when the school forbids sending a blocked draft', async () => {
    const bundle = JSON.parse(await corpusBundle());
    bundle.settings.block_action = 'forbid';
    await importBundle(b.context, b.extensionId, JSON.stringify(bundle));
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Ruby Okonkwo', body: 'x' });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /does not allow this to be sent as it is/);
    assert.deepEqual((await dialogAx(page)).controls.map((c) => c.name), ['Use initials', 'Edit'], 'a fix, but no Send anyway');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    await page.close();
  });

  it('makes no network request of its own', () => {
    const foreign = b.requests.filter(
      (url) => !url.startsWith(`${server.url}/`) && !url.startsWith(`chrome-extension://${b.extensionId}/`),
    );
    assert.deepEqual(foreign, []);
    assert.ok(b.requests.some((u) => u.endsWith('/sendwise_wasm_bg.wasm')), 'worker requests are recorded too');
  });
});

describe('with no school policy', () => {
  let b;
  before(async () => {
    b = await launch();
  });
  after(() => b.close());

  it('still checks recipients and says names need the policy', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT_A, PARENT_B], subject: 'Ruby Okonkwo', body: 'x' });
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /In the recipients/);
    assert.match(text, /No school policy is loaded, so pupils' and staff names are not checked/);
    assert.doesNotMatch(text, /names a pupil/);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    await page.close();
  });

  it('the options page says plainly that names need the policy', async () => {
    const page = await openOptions(b.context, b.extensionId);
    await page.locator('#loaded').filter({ hasText: /No school policy is loaded/ }).waitFor({ timeout: 3000 });
    assert.match(await page.locator('#loaded').innerText(), /names are not checked until you load your school's policy/);
    await page.close();
  });

  it('compiles a policy source with its CSVs in the options page, showing counts but no names', async () => {
    const page = await openOptions(b.context, b.extensionId);
    const input = page.locator('#source-files');
    // Without the CSVs: an error that names the missing file.
    await input.setInputFiles([path.join(CORPUS_POLICY, 'policy.json')]);
    await page.locator('#error').filter({ hasText: /pupils\.csv/ }).waitFor({ timeout: 5000 });
    // A broken policy: the engine's message with file, line and column.
    await input.setInputFiles({ name: 'policy.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "school": {}\n}') });
    await page.locator('#error').filter({ hasText: /policy\.json:\d+:\d+/ }).waitFor({ timeout: 5000 });
    // The real thing.
    await input.setInputFiles(['policy.json', 'pupils.csv', 'staff.csv', 'logo.png'].map((f) => path.join(CORPUS_POLICY, f)));
    await page.locator('#result').filter({ hasText: /loaded/ }).waitFor({ timeout: 10000 });
    const shown = await page.locator('body').innerText();
    assert.match(shown, /Harbour View Academy: 300 pupils and 41 staff/);
    assert.equal(await page.locator('#error').innerText(), '');
    assert.doesNotMatch(shown, /Okonkwo|Adebayo|Marsh/, 'no names on the options page');
    const stored = await b.worker.evaluate(() => chrome.storage.local.get('bundle'));
    assert.doesNotMatch(stored.bundle, /Okonkwo|Adebayo/, 'no plaintext names in the stored bundle');
    await page.close();
    // And the compose page now checks names.
    const compose2 = await composePage(b.context);
    await compose(compose2, { to: [COLLEAGUE], subject: 'Ruby Okonkwo', body: 'x' });
    await sendButton(compose2).click();
    assert.match(await waitForDialog(compose2), /names a pupil/);
    await compose2.keyboard.press('Escape');
    await compose2.close();
  });
});

describe('when the engine is unavailable', () => {
  let b;
  let dir;
  before(async () => {
    // A copy of the dev extension whose wasm is corrupt: the worker cannot start the engine.
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-broken-'));
    await fs.cp(DEV_EXTENSION, dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'extension/engine/sendwise_wasm_bg.wasm'), 'not wasm');
    b = await launch({ extensionDir: dir });
  });
  after(async () => {
    await b.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('does not block sending and shows that checks are off', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT_A, PARENT_B], subject: 'Trip', body: 'x' });
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 3000 });
    await settle(page);
    assert.equal(await sentCount(page), 1, 'sent once, not blocked');
    assert.equal(await dialogText(page), null);
    const cdp = await b.context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await cdp.detach();
    assert.match(JSON.stringify(root), /could not check this email, so it was sent without its checks/);
    await page.close();
  });

  it('blocks with an explanation when the school chose to fail closed', async () => {
    const bundle = JSON.parse(await corpusBundle());
    bundle.settings.fail_closed = true;
    // Set up through the extension's storage, as managed deployment would; the options page
    // cannot store it here because it validates bundles with the (broken) engine.
    await b.worker.evaluate((json) => chrome.storage.local.set({ bundle: json }), JSON.stringify(bundle));
    const page = await composePage(b.context);
    await compose(page, { to: [COLLEAGUE], subject: 'Staff meeting', body: 'x' });
    const before = await draftState(page);
    await sendButton(page).click();
    const text = await waitForDialog(page);
    assert.match(text, /could not check this email/);
    assert.match(text, /Your draft is safe/);
    assert.deepEqual((await dialogAx(page)).controls.map((c) => c.name), ['Edit']);
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal(await sentCount(page), 0);
    assert.deepEqual(await draftState(page), before);
    await page.close();
  });
});

describe('when the worker does not answer', () => {
  let b;
  let dir;
  before(async () => {
    // A copy of the dev extension whose worker never answers a check (a hung engine).
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-hung-'));
    await fs.cp(DEV_EXTENSION, dir, { recursive: true });
    const file = path.join(dir, 'extension/background.js');
    const source = await fs.readFile(file, 'utf8');
    const hung = source.replace('const report = h.check(msg.draft);', 'const report = await new Promise(() => {});');
    assert.notEqual(hung, source, 'the test patched the worker');
    await fs.writeFile(file, hung);
    b = await launch({ extensionDir: dir });
  });
  after(async () => {
    await b.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('sends after the timeout instead of holding the email, and says checks were off', async () => {
    const page = await composePage(b.context);
    await compose(page, { to: [PARENT_A, PARENT_B], subject: 'Trip', body: 'x' });
    await page.evaluate(() => {
      window.addEventListener('pointerdown', () => (window.__pressedAt = performance.now()), true);
    });
    await sendButton(page).click();
    await page.waitForFunction(() => window.__sent.length > 0, null, { timeout: 5000 });
    const waited = await page.evaluate(() => window.__sent[0].at - window.__pressedAt);
    console.log(`send released after a hung check: ${waited.toFixed(0)} ms`);
    assert.ok(waited >= 1400 && waited < 3000, `released after the ~1.5 s timeout (${waited} ms)`);
    await settle(page);
    assert.equal(await sentCount(page), 1);
    const cdp = await b.context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    await cdp.detach();
    assert.match(JSON.stringify(root), /could not check this email/);
    await page.close();
  });
});
