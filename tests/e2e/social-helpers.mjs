// Shared set-up for the social and chat site tests in Chromium: the fixture pages served at
// the sites' real https origins (Playwright answers those requests from tests/fixtures/<site>/
// so the browser, and the extension's match patterns, see https://x.com/... exactly), a
// composer to type into, and the posts the page's own handler made.
//
//   const b = await launchWithSites({ sitesOn })
//                                        a private staged copy of the extension (--sites-on:
//                                        every social site turned on) in Chromium, every site
//                                        served from tests/fixtures/, the corpus bundle loaded;
//                                        b.close() also removes the copy
//   await routeSites(context)            serve every known site from tests/fixtures/<site id>/
//                                        (sites.mjs, which also has the Firefox server)
//   const page = await openSite(context, 'x', 'home.html')
//   await typePost(page, 'text')         click into the editor and type, as a person does
//   await posted(page)                   the posts the page made: [{ text, images }]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, importBundle, corpusBundle } from './helpers.mjs';
import { routeSites } from './sites.mjs';

export { routeSites, SITES } from './sites.mjs';

export async function openSite(context, siteId, page = 'index.html') {
  const site = globalThis.sendwiseSites.byId(siteId);
  const tab = await context.newPage();
  await tab.goto(`https://${site.hosts[0]}/${page}`);
  return tab;
}

/** Click into the page's editor (from the fixture's own configuration) and type. */
export async function typePost(page, text) {
  const selector = await page.evaluate(() => document.body.dataset.editor);
  await page.locator(selector).first().click();
  await page.keyboard.type(text);
}

export const posted = (page) => page.evaluate(() => window.__sent.map(({ text, images }) => ({ text: text.trim(), images })));

/** A PNG of the corpus school's logo, and of a picture without it, for image tests. */
export async function logoPng() {
  return fs.readFile(path.resolve(ROOT, '../shared/corpus/policy/logo.png'));
}

/** Chromium with a private staged copy of the extension, the sites routed and the corpus bundle. */
export async function launchWithSites({ sitesOn = true } = {}) {
  const extensionDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-sites-ext-'));
  const args = [path.join(ROOT, 'scripts/stage-extension.mjs'), extensionDir, ...(sitesOn ? ['--sites-on'] : [])];
  await promisify(execFile)(process.execPath, args, { cwd: ROOT });
  const b = await launch({ extensionDir });
  await routeSites(b.context);
  await importBundle(b.context, b.extensionId, await corpusBundle());
  return {
    ...b,
    async close() {
      await b.close();
      await fs.rm(extensionDir, { recursive: true, force: true });
    },
  };
}
