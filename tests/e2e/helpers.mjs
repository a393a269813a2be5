// Shared set-up for the end-to-end tests: the staged dev extension in headless Chromium, the
// fixture server, and a bundle compiled from the shared corpus policy.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// CI runs in a fresh clone with shared/ beside it, so the corpus is found relative to the repo.
export const CORPUS_POLICY = path.resolve(ROOT, '../shared/corpus/policy');
export const DEV_EXTENSION = path.join(ROOT, 'build/dev-extension');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Compile the corpus policy into a bundle. */
export async function corpusBundle() {
  // Compiled the way a school's IT lead does, with the CLI, which also decodes the logo (the
  // engine takes pixels; in the browser the options page decodes them).
  const cli = path.join(ROOT, 'target/release/sendwise');
  const { stdout } = await execFileP(cli, ['policy', 'compile', path.join(CORPUS_POLICY, 'policy.json')], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Launch Chromium with an unpacked extension. Resolves to { context, extensionId, worker,
 * requests, close }; `requests` collects every URL the browser asked for. `args` are extra
 * Chromium switches; `welcome: 'keep'` leaves the first-run page open (tests of it, or of a
 * managed install, where it does not open).
 */
export async function launch({ extensionDir = DEV_EXTENSION, headless = true, args = [], welcome = 'close' } = {}) {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  // The first-run page opens on install in a new tab, which would leave the test's pages in
  // the background (no animation frames, throttled timers); close it unless asked to keep it.
  if (welcome === 'close') {
    const isWelcome = (p) => p.url() === `chrome-extension://${extensionId}/extension/welcome/welcome.html`;
    const page = context.pages().find(isWelcome) ?? (await context.waitForEvent('page', { predicate: isWelcome, timeout: 15000 }));
    // Let it finish first: closing the page while it is still starting up has left Chromium's
    // extension pages without their _locales strings for the rest of the session (seen in
    // Chromium 156, about one launch in two).
    await page.locator('#sites li').first().waitFor({ timeout: 15000 });
    await page.close();
  }
  return {
    context,
    extensionId,
    worker,
    requests,
    async close() {
      await context.close();
      await fs.rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The options page of the running extension. */
export async function openOptions(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/extension/options/options.html`);
  return page;
}

/** Load a bundle through the options page's file input, as a member of staff would. */
export async function importBundle(context, extensionId, bundleJson) {
  const page = await openOptions(context, extensionId);
  await page.locator('#bundle-file').setInputFiles({ name: 'harbourview.json', mimeType: 'application/json', buffer: Buffer.from(bundleJson) });
  await page.locator('#result').filter({ hasText: /loaded/ }).waitFor({ timeout: 5000 });
  await page.close();
}

/** Fill the fixture compose window the way a person would (typing, Enter to make chips). */
export async function compose(page, { to = [], cc = [], bcc = [], subject = '', body = '' }) {
  for (const [label, list] of [['To', to], ['Cc', cc], ['Bcc', bcc]]) {
    const input = page.locator(`[role="group"][aria-label="${label}"] input`);
    // Bcc is hidden until its button is used, as in Outlook.
    if (list.length && !(await input.isVisible())) await page.getByRole('button', { name: label, exact: true }).filter({ visible: true }).click();
    for (const address of list) {
      await input.fill(address);
      await input.press('Enter');
    }
  }
  if (subject) await page.getByRole('textbox', { name: 'Add a subject' }).fill(subject);
  if (body) {
    await page.getByRole('textbox', { name: /Message body/ }).click();
    await page.keyboard.type(body);
  }
}

/** Everything a person typed, as the page holds it, for byte-for-byte comparisons. */
export function draftState(page) {
  return page.evaluate(() => ({
    subject: document.querySelector('input[aria-label="Add a subject"]').value,
    bodyHtml: document.querySelector('[contenteditable]').innerHTML,
    wells: [...document.querySelectorAll('[role="group"]')].map((w) => w.innerHTML),
    inputs: [...document.querySelectorAll('[role="group"] input')].map((i) => i.value),
  }));
}

export const sentCount = (page) => page.evaluate(() => window.__sent.length);

/**
 * Is our dialog open? Read through CDP with shadow roots pierced (closed ones included), as
 * the closed root is invisible to Playwright locators and to the page.
 */
export async function dialogText(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let found = null;
    const walk = (node, inDialog) => {
      const attrs = node.attributes ?? [];
      const isDialog = attrs.some((a, i) => i % 2 === 0 && a === 'role' && attrs[i + 1] === 'alertdialog');
      const here = inDialog || isDialog;
      if (isDialog) found = [];
      if (here && node.nodeType === 3) found.push(node.nodeValue);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child, here);
    };
    walk(root, false);
    return found === null ? null : found.join(' ').replace(/\s+/g, ' ').trim();
  } finally {
    await cdp.detach();
  }
}

/** Wait until the dialog is open (text) or throw. */
export async function waitForDialog(page, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const text = await dialogText(page);
    if (text !== null) return text;
    if (Date.now() > end) throw new Error('the sendwise dialog did not open');
    await page.waitForTimeout(50);
  }
}

/**
 * The dialog as assistive technology sees it (CDP accessibility tree, which includes closed
 * shadow roots): its role, name, description and controls with their focus/disabled state.
 * Null when no dialog is open.
 */
export async function dialogAx(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const dialog = nodes.find((n) => n.role?.value === 'alertdialog');
    if (!dialog) return null;
    const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
    const controls = [];
    const walk = (n) => {
      const role = n.role?.value;
      if (role === 'button' || role === 'textbox') {
        controls.push({ role, name: n.name?.value ?? '', focused: !!prop(n, 'focused'), disabled: !!prop(n, 'disabled') });
      }
      for (const id of n.childIds ?? []) if (byId.has(id)) walk(byId.get(id));
    };
    walk(dialog);
    return {
      name: dialog.name?.value ?? '',
      description: dialog.description?.value ?? '',
      modal: !!prop(dialog, 'modal'),
      controls,
      focused: controls.find((c) => c.focused)?.name ?? null,
    };
  } finally {
    await cdp.detach();
  }
}

/** Press Tab until the dialog's focused control is `name` (a string or RegExp), or throw. */
export async function tabTo(page, name, max = 12) {
  const matches = (n) => (typeof name === 'string' ? n === name : name.test(n ?? ''));
  for (let i = 0; i < max; i++) {
    if (matches((await dialogAx(page))?.focused)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${name} in the dialog`);
}

/** Poll the dialog's text until `re` matches it; resolves to the text. */
export async function waitForDialogText(page, re, timeout = 5000) {
  const end = Date.now() + timeout;
  let text;
  for (;;) {
    text = await dialogText(page);
    if (text !== null && re.test(text)) return text;
    if (Date.now() > end) throw new Error(`the dialog did not come to say ${re}; it says: ${text}`);
    await page.waitForTimeout(50);
  }
}

/**
 * The indicator as assistive technology sees it: the accessible name of our "sendwise: …"
 * button (closed shadow root, read through the CDP accessibility tree), or null.
 */
export async function indicatorName(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const node = nodes.find((n) => n.role?.value === 'button' && /^sendwise\b/.test(n.name?.value ?? ''));
    return node ? node.name.value : null;
  } finally {
    await cdp.detach();
  }
}

/** Poll the indicator until its name matches `re`; resolves to the time it took (ms). */
export async function waitForIndicator(page, re, timeout = 5000) {
  const start = Date.now();
  let name;
  for (;;) {
    name = await indicatorName(page);
    if (name !== null && re.test(name)) return Date.now() - start;
    if (Date.now() - start > timeout) throw new Error(`the indicator did not come to say ${re}; it says: ${name}`);
    await page.waitForTimeout(50);
  }
}

/** Click the indicator with the mouse, where a person would see it (located through CDP). */
export async function clickIndicator(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let backendNodeId = null;
    const walk = (node) => {
      const attrs = node.attributes ?? [];
      if (node.nodeName === 'BUTTON' && attrs.some((a, i) => i % 2 === 0 && a === 'class' && /\bbadge\b/.test(attrs[i + 1]))) {
        backendNodeId = node.backendNodeId;
      }
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
    };
    walk(root);
    if (!backendNodeId) throw new Error('no indicator on the page');
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

/** The recipients shown in each well of the fixture, as pill labels (name and address). */
export function wells(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      ['To', 'Cc', 'Bcc'].map((label) => [
        label.toLowerCase(),
        [...document.querySelectorAll(`[role="group"][aria-label="${label}"] [aria-label]:not(input):not(button)`)].map((p) =>
          p.getAttribute('aria-label'),
        ),
      ]),
    ),
  );
}
