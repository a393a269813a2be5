// Shared set-up for the social and chat site tests in Chromium: the fixture pages served at
// the sites' real https origins (Playwright answers those requests from tests/fixtures/<site>/
// so the browser, and the extension's match patterns, see https://x.com/... exactly), a
// composer to type into, and the posts the page's own handler made.
//
//   await routeSites(context)            serve every known site from tests/fixtures/<site id>/
//   const page = await openSite(context, 'x', 'home.html')
//   await typePost(page, 'text')         click into the editor and type, as a person does
//   await posted(page)                   the posts the page made: [{ text, images }]
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

await import(path.join(ROOT, 'extension/sites.js'));
export const SITES = globalThis.sendwiseSites.SITES;
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.jpg': 'image/jpeg' };

/** Answer requests to every known site's hosts from its fixture folder (and /_common/). */
export async function routeSites(context, sites = SITES) {
  for (const site of sites) {
    for (const host of site.hosts) {
      await context.route(`https://${host}/**`, async (route) => {
        const url = new URL(route.request().url());
        const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
        const base = rel.startsWith('/_common/') ? FIXTURES : path.join(FIXTURES, site.id);
        const file = path.resolve(base, '.' + rel.replace(/^\/_common\//, '/common/'));
        if (!file.startsWith(FIXTURES + path.sep)) return route.fulfill({ status: 403, body: '' });
        try {
          const body = await fs.readFile(file);
          await route.fulfill({ status: 200, body, headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' } });
        } catch {
          await route.fulfill({ status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } });
        }
      });
    }
  }
}

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
