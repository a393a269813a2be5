// Set-up for the Firefox end-to-end tests: a freshly staged dev extension installed as a
// temporary add-on in headless Firefox ESR, driven by geckodriver through selenium-webdriver.
//
// Nothing here downloads anything: the Firefox binary and geckodriver are given by path, which
// also keeps Selenium Manager out of the picture. Override with FIREFOX=... and GECKODRIVER=...
//
// Why geckodriver runs with --allow-system-access: Marionette (checked in Firefox 153 ESR; the version that introduced it is not pinned down here) refuses to
// navigate a tab to anything but http(s)/file/blob/about:blank unless system access is allowed
// ("Navigation to moz-extension://... is not allowed in this context"), and the options page,
// where a member of staff loads the school's policy file, is a moz-extension:// page. The flag
// is only about what the test driver may do; the extension and the pages run as normal.
//
// Host permissions: Firefox MV3 treats host permissions as opt-in in general, but from Firefox
// 127 the origins in host_permissions and content_scripts are granted at install time, and a
// temporary add-on (no install prompt) gets them too. `grantedOrigins` reads them back through
// permissions.getAll() on the options page so a test can say so instead of assuming it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Builder, By, Key } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { ROOT } from './helpers.mjs';

export { By, Key };

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const ADDON_ID = 'sendwise@sendwise.invalid';

/** geckodriver from GECKODRIVER or the first one on PATH (never downloaded). */
export function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'geckodriver');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('geckodriver is not on PATH (set GECKODRIVER=/path/to/geckodriver)');
}

/**
 * Stage a private copy of the dev extension (scripts/stage-extension.mjs into a temp dir), so
 * these tests check the working tree as it is now and never race another run over
 * build/dev-extension. Resolves to the directory.
 */
export async function stageExtension() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sendwise-fx-ext-'));
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/stage-extension.mjs'), dir], { cwd: ROOT });
  return dir;
}

/**
 * Start headless Firefox with a fresh profile (geckodriver makes one per session and removes
 * it on quit) and install `extensionDir` as a temporary add-on. The add-on's moz-extension
 * UUID is fixed up front through the `extensions.webextensions.uuids` pref, so the options
 * page has a known URL. `prefs` are set on the profile and `acceptInsecureCerts` is passed to
 * WebDriver (both from startSiteServer() in sites.mjs, to reach fixtures at the sites' real
 * https origins). Resolves to { driver, base, optionsUrl, close }.
 *
 * FIREFOX_LOG=1 passes Firefox's stdout/stderr through, with console messages from pages,
 * content scripts and the background page, which is how to see why an engine did not start.
 */
export async function launchFirefox({ extensionDir, prefs = {}, acceptInsecureCerts = false, welcome = 'close' }) {
  const uuid = crypto.randomUUID();
  const log = !!process.env.FIREFOX_LOG;
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: uuid }))
    // Quiet, offline start: no first-run pages, experiments or update checks.
    .setPreference('browser.shell.checkDefaultBrowser', false)
    .setPreference('browser.startup.homepage_override.mstone', 'ignore')
    .setPreference('app.normandy.enabled', false)
    .setPreference('messaging-system.rsexperimentloader.enabled', false)
    .setPreference('extensions.update.enabled', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('toolkit.telemetry.enabled', false)
    .setPreference('devtools.console.stdout.content', log)
    .setPreference('devtools.console.stdout.chrome', log);
  // Extra prefs, e.g. those of startSiteServer() (sites.mjs) that serve fixtures at real origins.
  for (const [name, value] of Object.entries(prefs)) options.setPreference(name, value);
  if (acceptInsecureCerts) options.setAcceptInsecureCerts(true);
  const service = new firefox.ServiceBuilder(geckodriverPath()).addArguments('--allow-system-access');
  if (log) service.setStdio(['ignore', process.stderr, process.stderr]);
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  try {
    const id = await driver.installAddon(extensionDir, true);
    if (id !== ADDON_ID) throw new Error(`installed add-on has id ${id}, expected ${ADDON_ID}`);
  } catch (err) {
    await driver.quit();
    throw err;
  }
  const base = `moz-extension://${uuid}/`;
  if (welcome === 'close') await closeWelcome(driver, base);
  return {
    driver,
    base,
    optionsUrl: `${base}extension/options/options.html`,
    close: () => driver.quit(),
  };
}

/**
 * The first-run page opens in a new, selected tab on install; the test's own tab would then be
 * a background tab (throttled timers, no focus), so by default it is closed and the test's tab
 * selected again. `welcome: 'keep'` leaves it for tests of the page itself.
 */
async function closeWelcome(driver, base) {
  const mine = await driver.getWindowHandle();
  for (let i = 0; i < 100; i++) {
    const others = (await driver.getAllWindowHandles()).filter((h) => h !== mine);
    for (const handle of others) {
      await driver.switchTo().window(handle);
      if ((await driver.getCurrentUrl()).startsWith(`${base}extension/welcome/`)) {
        await driver.close();
        await driver.switchTo().window(mine);
        return;
      }
    }
    await driver.switchTo().window(mine);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the first-run page did not open on install');
}

/** Poll `fn` until it returns something truthy; resolves to that value. */
export async function waitFor(driver, fn, { timeout = 5000, message = 'condition' } = {}) {
  let last;
  return driver.wait(
    async () => {
      try {
        last = await fn();
      } catch (err) {
        last = err;
        return false;
      }
      return last instanceof Error ? false : last;
    },
    timeout,
    `timed out waiting for ${message}${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
    50,
  );
}

const textOf = (driver, css) => driver.findElement(By.css(css)).getText();

/** Open the options page and wait until it has heard from the background (engine started). */
export async function openOptions(b) {
  await b.driver.get(b.optionsUrl);
  await waitFor(b.driver, async () => (await textOf(b.driver, '#loaded')) || (await textOf(b.driver, '#error')), {
    message: 'the options page to show what is loaded',
  });
  return { loaded: await textOf(b.driver, '#loaded'), error: await textOf(b.driver, '#error') };
}

/** The origins this add-on holds right now, read on its own options page. */
export async function grantedOrigins(b) {
  await openOptions(b);
  return b.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    browser.permissions.getAll().then((p) => done(p.origins), (e) => done('error: ' + e));
  `);
}

/**
 * Load a bundle through the options page's file input, as a member of staff would: the bundle
 * is written to a temp file and chosen with the WebDriver file upload. Resolves to the text
 * the page shows for what is loaded.
 */
export async function importBundle(b, bundleJson) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sendwise-fx-bundle-'));
  const file = path.join(dir, 'harbourview.json');
  await fsp.writeFile(file, bundleJson);
  try {
    const first = await openOptions(b);
    if (first.error) throw new Error(`options page: ${first.error}`);
    await b.driver.findElement(By.css('#bundle-file')).sendKeys(file);
    await waitFor(
      b.driver,
      async () => {
        const error = await textOf(b.driver, '#error');
        if (error) throw new Error(`options page: ${error}`);
        return /loaded/.test(await textOf(b.driver, '#result'));
      },
      { timeout: 10000, message: 'the options page to say the policy is loaded' },
    );
    return textOf(b.driver, '#loaded');
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** WebDriver text entry: a "\n" in the text is the Enter key, as in Playwright's type(). */
const keys = (text) => text.split('\n').flatMap((line, i) => (i ? [Key.ENTER, line] : [line]));

/** Fill the fixture compose window the way a person would (typing, Enter to make chips). */
export async function compose(driver, { to = [], cc = [], bcc = [], subject = '', body = '' }) {
  for (const [label, list] of [['To', to], ['Cc', cc], ['Bcc', bcc]]) {
    for (const address of list) {
      const input = await driver.findElement(By.css(`[role="group"][aria-label="${label}"] input`));
      await input.sendKeys(address, Key.ENTER);
    }
  }
  if (subject) {
    const input = await driver.findElement(By.css('input[aria-label="Add a subject"]'));
    await input.clear();
    await input.sendKeys(subject);
  }
  if (body) {
    const editor = await driver.findElement(By.css('[contenteditable][aria-label^="Message body"]'));
    await editor.click();
    await editor.sendKeys(...keys(body));
  }
}

/** Everything a person typed, as the page holds it, for byte-for-byte comparisons. */
export const draftState = (driver) =>
  driver.executeScript(() => ({
    subject: document.querySelector('input[aria-label="Add a subject"]').value,
    bodyHtml: document.querySelector('[contenteditable]').innerHTML,
    wells: [...document.querySelectorAll('[role="group"]')].map((w) => w.innerHTML),
    inputs: [...document.querySelectorAll('[role="group"] input')].map((i) => i.value),
  }));

export const sentCount = (driver) => driver.executeScript(() => window.__sent.length);
export const sent = (driver) => driver.executeScript(() => window.__sent);

/** Press keys on whatever has focus (the dialog's own controls, when it is open). */
export async function press(driver, ...sequence) {
  await driver.actions().sendKeys(...sequence).perform();
}

/** `key` with `modifier` held down, on whatever has focus (Actions does not hold chords). */
export async function withModifier(driver, modifier, key) {
  await driver.actions().keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
}

export const ctrlEnter = (driver) => withModifier(driver, Key.CONTROL, Key.ENTER);
export const shiftTab = (driver) => withModifier(driver, Key.SHIFT, Key.TAB);

/**
 * What the page itself can see of our UI: the hosts we add beside <head> and <body>, whether
 * their shadow roots are reachable from page script (they must not be), and whether focus
 * sits on one of them (it does while the dialog is open, since focus is inside the closed root).
 */
export const pageView = (driver) =>
  driver.executeScript(() => {
    const hosts = [...document.documentElement.children].filter((n) => n !== document.head && n !== document.body);
    return {
      hosts: hosts.length,
      shadowRoots: hosts.map((h) => h.shadowRoot),
      activeIsHost: hosts.includes(document.activeElement),
      active: document.activeElement?.tagName ?? null,
    };
  });

async function hostElements(driver) {
  return driver.findElements(By.xpath('/html/*[not(self::head) and not(self::body)]'));
}

/**
 * The open dialog's element, read through WebDriver's Get Element Shadow Root, which in Gecko
 * reaches closed roots (Marionette uses openOrClosedShadowRoot), much as CDP's pierce does in
 * the Chromium tests. Page script cannot do this; see `pageView`. Null when no dialog is open.
 */
export async function dialogElement(driver) {
  for (const host of await hostElements(driver)) {
    let root;
    try {
      root = await host.getShadowRoot();
    } catch {
      continue;
    }
    const [dialog] = await root.findElements(By.css('[role="alertdialog"]'));
    if (dialog) return dialog;
  }
  return null;
}

/** The dialog's text, whitespace collapsed; null when no dialog is open. */
export async function dialogText(driver) {
  const dialog = await dialogElement(driver);
  if (!dialog) return null;
  // Rendered text (WebDriver's Get Element Text), as a person reads it.
  return (await dialog.getText()).replace(/\s+/g, ' ').trim();
}

/** Wait until the dialog is open; resolves to its text. */
export const waitForDialog = (driver, timeout = 5000) =>
  waitFor(driver, () => dialogText(driver), { timeout, message: 'the sendwise dialog to open' });

/** The text of the notice we show when checks are off (in one of our hosts), or null. */
export async function noticeText(driver) {
  for (const host of await hostElements(driver)) {
    try {
      // .notice, not any role=status: the indicator is a status too.
      const [notice] = await (await host.getShadowRoot()).findElements(By.css('.notice'));
      if (notice) return (await notice.getText()).replace(/\s+/g, ' ').trim();
    } catch {
      // not ours, or no shadow root
    }
  }
  return null;
}

/**
 * The dialog's controls in document order with their accessible-ish state: role (button or
 * textbox), label, focused (:focus inside the shadow tree), disabled. Null when closed.
 */
export async function dialogControls(driver) {
  const dialog = await dialogElement(driver);
  if (!dialog) return null;
  const controls = await driver.executeScript(
    (d) =>
      [...d.querySelectorAll('button, textarea')].map((c) => ({
        role: c.tagName === 'TEXTAREA' ? 'textbox' : 'button',
        name: c.tagName === 'TEXTAREA' ? (c.labels?.[0]?.textContent ?? '') : c.textContent,
        focused: c.matches(':focus'),
        disabled: c.disabled,
      })),
    dialog,
  );
  const attrs = await driver.executeScript(
    (d) => ({
      name: d.getRootNode().getElementById(d.getAttribute('aria-labelledby'))?.textContent ?? '',
      description: d.getRootNode().getElementById(d.getAttribute('aria-describedby'))?.textContent ?? '',
      modal: d.getAttribute('aria-modal') === 'true',
    }),
    dialog,
  );
  return { ...attrs, controls, focused: controls.find((c) => c.focused)?.name ?? null };
}
