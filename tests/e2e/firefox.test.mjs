// End-to-end in headless Firefox ESR: a freshly staged dev extension (scripts/stage-extension.mjs)
// installed as a temporary add-on through geckodriver, against the local Outlook fixture.
// The background runs as a module background page here (Firefox ignores `service_worker`),
// so these tests are also the check that the wasm engine starts in a Firefox extension page.
//
// The dialog lives in a closed shadow root. It is driven by keyboard only and observed from
// outside: the page sees focus on our host and a null shadowRoot; the test reads the dialog
// through WebDriver's Get Element Shadow Root, which Gecko lets reach closed roots, as the
// Chromium tests do through CDP. Never through a hook in the extension.
//
// Run: node --test tests/e2e/firefox.test.mjs   (FIREFOX_LOG=1 to see the browser console)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { corpusBundle } from './helpers.mjs';
import { startServer } from './server.mjs';
import {
  By, Key, stageExtension, launchFirefox, grantedOrigins, importBundle, compose, draftState,
  sentCount, sent, press, ctrlEnter, shiftTab, pageView, dialogText, waitForDialog, dialogControls, waitFor,
} from './firefox-helpers.mjs';

const COLLEAGUE = 'h.marsh@harbourview.sch.uk';

let server;
let extensionDir;
let b;
let loadedText;

// Generous bounds so a wedged browser fails the file instead of hanging it; a normal run of
// the whole file takes 12-25 s on two cores.
const START_TIMEOUT = 90_000;
const TEST = { timeout: 30_000 };

before(async () => {
  server = await startServer();
  extensionDir = await stageExtension();
  b = await launchFirefox({ extensionDir });
  loadedText = await importBundle(b, await corpusBundle());
}, { timeout: START_TIMEOUT });

after(async () => {
  await b?.close();
  await server?.close();
  if (extensionDir) await fs.rm(extensionDir, { recursive: true, force: true });
});

async function composePage() {
  await b.driver.get(`${server.url}/outlook/compose.html`);
  // Our content script runs at document_start; the fixture's own script at the end of <body>.
  await waitFor(b.driver, () => b.driver.executeScript(() => Array.isArray(window.__sent)), { message: 'the fixture' });
}

const sendButton = () => b.driver.findElement(By.css('button[aria-label="Send"]'));

/** Give a (wrongly) released send time to land before asserting that nothing was sent. */
const settle = () => b.driver.sleep(400);

const waitForSend = () =>
  waitFor(b.driver, async () => (await sentCount(b.driver)) > 0, { timeout: 3000, message: 'the page to send' });

/** Tab until the dialog's focus is on a control with this role; at most a few presses. */
async function tabTo(role) {
  for (let i = 0; i < 4; i++) {
    const c = (await dialogControls(b.driver)).controls.find((x) => x.focused);
    if (c?.role === role) return;
    await press(b.driver, Key.TAB);
  }
  assert.fail(`Tab never reached a ${role} in the dialog`);
}

describe('Firefox, with the corpus school policy loaded', () => {
  it('holds the host permission for the fixture origin and started the engine in the background page', TEST, async () => {
    // Firefox 127+ grants content_scripts origins at install; a temporary add-on gets them too.
    assert.ok((await grantedOrigins(b)).includes('http://127.0.0.1/*'), 'http://127.0.0.1/* granted');
    // The options page asked the background for a summary, which needs the wasm engine.
    assert.match(loadedText, /Harbour View Academy: 300 pupils and 41 staff/);
  });

  it('sends a clean draft at once, exactly once, with no dialog', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], subject: 'Staff meeting moved to Thursday', body: 'See you in the library at 3.30.' });
    await b.driver.executeScript(() => {
      window.addEventListener('pointerdown', () => (window.__pressedAt = performance.now()), true);
    });
    await sendButton().click();
    await waitForSend();
    const delay = await b.driver.executeScript(() => window.__sent[0].at - window.__pressedAt);
    console.log(`firefox click-to-send delay for a clean draft: ${delay.toFixed(1)} ms`);
    await settle();
    assert.equal(await sentCount(b.driver), 1);
    assert.equal(await dialogText(b.driver), null, 'no dialog for a clean draft');
    assert.equal((await pageView(b.driver)).hosts, 1, 'nothing added to the page but the indicator host');
    const [record] = await sent(b.driver);
    assert.equal(record.how, 'click');
    assert.deepEqual(record.to, [COLLEAGUE]);
    assert.equal(record.subject, 'Staff meeting moved to Thursday');
    assert.ok(delay < 250, `a clean draft must send without a visible delay (took ${delay} ms)`);
  });

  it("opens the dialog for a pupil's full name in the subject; Esc goes back with nothing changed or sent", TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], subject: 'Ruby Okonkwo – reading', body: 'Her reading has come on well.' });
    const before = await draftState(b.driver);
    await sendButton().click();
    const text = await waitForDialog(b.driver);
    assert.match(text, /Ruby Okonkwo/);
    assert.match(text, /names a pupil/);
    assert.match(text, /In the subject line/);
    // What the page can observe: focus moved onto our host, whose shadow root it cannot open.
    const view = await pageView(b.driver);
    assert.equal(view.hosts, 2, 'the indicator and dialog hosts, beside <head> and <body>');
    assert.deepEqual(view.shadowRoots, [null, null], 'closed shadow roots');
    assert.ok(view.activeIsHost, 'focus is inside the dialog (document.activeElement is its host)');
    const d = await dialogControls(b.driver);
    assert.equal(d.name, 'Before you send this');
    assert.match(d.description, /found one thing/);
    assert.ok(d.modal, 'aria-modal');
    assert.equal(d.focused, 'Edit', 'Edit is the default button');
    await press(b.driver, Key.ESCAPE);
    await waitFor(b.driver, async () => (await dialogText(b.driver)) === null, { message: 'the dialog to close' });
    await settle();
    assert.equal(await sentCount(b.driver), 0);
    assert.deepEqual(await draftState(b.driver), before, 'the draft is byte-for-byte unchanged');
    assert.equal((await pageView(b.driver)).hosts, 1, 'the dialog host is gone; the indicator stays');
  });

  it('Edit (the default, Enter) goes back to editing with nothing changed or sent', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], cc: ['a.khan@harbourview.sch.uk'], subject: 'Okonkwo, Ruby', body: 'Line one\nLine two' });
    const before = await draftState(b.driver);
    await sendButton().click();
    assert.match(await waitForDialog(b.driver), /Ruby/);
    assert.equal((await dialogControls(b.driver)).focused, 'Edit');
    await press(b.driver, Key.ENTER);
    await waitFor(b.driver, async () => (await dialogText(b.driver)) === null, { message: 'the dialog to close' });
    await settle();
    assert.equal(await sentCount(b.driver), 0);
    assert.deepEqual(await draftState(b.driver), before, 'the draft is byte-for-byte unchanged');
  });

  it('keeps focus inside the dialog and needs a typed reason before Send anyway, which sends once', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], subject: 'Ruby Okonkwo', body: 'Notes attached.' });
    await sendButton().click();
    await waitForDialog(b.driver);
    let d = await dialogControls(b.driver);
    assert.deepEqual(d.controls.map((c) => [c.role, c.disabled]), [
      ['button', false],
      ['textbox', false],
      ['button', true],
      ['button', false],
    ]);
    assert.equal(d.controls[0].name, 'Use initials', 'the one-click fix comes first');
    assert.deepEqual(d.controls.slice(2).map((c) => c.name), ['Send anyway', 'Edit']);
    // Tab and Shift+Tab cycle inside the dialog and skip the disabled Send anyway.
    for (const step of ['tab', 'tab', 'tab', 'shift', 'shift', 'tab']) {
      if (step === 'tab') await press(b.driver, Key.TAB);
      else await shiftTab(b.driver);
      d = await dialogControls(b.driver);
      assert.ok(d.focused, 'focus stays on a dialog control');
      assert.notEqual(d.focused, 'Send anyway');
      assert.ok((await pageView(b.driver)).activeIsHost, 'focus never goes back to the page');
    }
    await tabTo('textbox');
    await press(b.driver, 'Going to the safeguarding lead only');
    await press(b.driver, Key.TAB);
    assert.equal((await dialogControls(b.driver)).focused, 'Send anyway', 'the reason turned Send anyway on');
    // Now there are three stops: Shift+Tab goes back to the reason, Tab forward again.
    await shiftTab(b.driver);
    assert.equal((await dialogControls(b.driver)).controls.find((c) => c.focused)?.role, 'textbox', 'Shift+Tab goes backwards');
    await press(b.driver, Key.TAB);
    assert.equal((await dialogControls(b.driver)).focused, 'Send anyway');
    assert.equal(await sentCount(b.driver), 0, 'nothing sent while the dialog is open');
    await press(b.driver, Key.ENTER);
    await waitForSend();
    await settle();
    assert.equal(await sentCount(b.driver), 1, 'Send anyway sends the original exactly once');
    const [record] = await sent(b.driver);
    assert.equal(record.subject, 'Ruby Okonkwo', 'sent as written');
    assert.equal(record.body, 'Notes attached.');
    assert.deepEqual(record.to, [COLLEAGUE]);
    assert.equal(await dialogText(b.driver), null);
  });

  it('catches Ctrl+Enter in the composer too', TEST, async () => {
    await composePage();
    await compose(b.driver, { to: [COLLEAGUE], subject: 'About Ruby Okonkwo', body: 'Quick question' });
    const before = await draftState(b.driver);
    // Focus is in the message body after typing there.
    await ctrlEnter(b.driver);
    const text = await waitForDialog(b.driver);
    assert.match(text, /Ruby Okonkwo/);
    await press(b.driver, Key.ESCAPE);
    await waitFor(b.driver, async () => (await dialogText(b.driver)) === null, { message: 'the dialog to close' });
    await settle();
    assert.equal(await sentCount(b.driver), 0, "the page's own Ctrl+Enter send did not run");
    assert.deepEqual(await draftState(b.driver), before);
    // Once fixed, Ctrl+Enter sends once, through the composer's Send button.
    const subject = await b.driver.findElement(By.css('input[aria-label="Add a subject"]'));
    await subject.clear();
    await subject.sendKeys('About R.O.');
    await ctrlEnter(b.driver);
    await waitForSend();
    await settle();
    assert.equal(await sentCount(b.driver), 1);
    const [record] = await sent(b.driver);
    assert.equal(record.subject, 'About R.O.');
    assert.equal(await dialogText(b.driver), null);
  });
});
