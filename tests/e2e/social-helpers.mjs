// Shared set-up for the social and chat site tests in Chromium: the fixture pages served at
// the sites' real https origins (Playwright answers those requests from tests/fixtures/<site>/
// so the browser, and the extension's match patterns, see https://x.com/... exactly), a
// composer to type into, and the posts the page's own handler made.
//
//   await routeSites(context)            serve every known site from tests/fixtures/<site id>/
//                                        (sites.mjs, which also has the Firefox server)
//   const page = await openSite(context, 'x', 'home.html')
//   await typePost(page, 'text')         click into the editor and type, as a person does
//   await posted(page)                   the posts the page made: [{ text, images }]
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

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
