// The sites sendwise knows, in one table read by the worker (which content scripts run
// where), the first-run and options pages (which sites a person can turn on) and the content
// scripts (which adapter a page gets).
//
// Email sites are checked wherever the extension is installed (their content scripts are in
// the manifest). Social and chat sites are optional host permissions: nothing runs on them
// until the person (or their school's managed policy) turns them on, one site at a time.
//
// Like platform.js this file is loaded as a classic content script, by the worker and by the
// extension's pages, so it defines one global and has no import/export.
(() => {
  if (globalThis.sendwiseSites) return;

  /** Content scripts every site gets, in order; the site's own adapter goes before main.js. */
  const COMMON = ['extension/platform.js', 'extension/sites.js', 'extension/content/shared.js', 'extension/content/dialog.js', 'extension/content/adapters/generic.js'];
  const MAIN = 'extension/content/main.js';

  const site = (id, channel, hosts, optional) => ({
    id,
    channel,
    optional,
    hosts,
    origins: hosts.map((h) => `https://${h}/*`),
    scripts: [...COMMON, `extension/content/adapters/${id}.js`, MAIN],
  });

  const SITES = Object.freeze(
    [
      site('outlook', 'email', ['outlook.office.com', 'outlook.office365.com'], false),
      site('gmail', 'email', ['mail.google.com'], false),
      site('facebook', 'social', ['www.facebook.com', 'web.facebook.com', 'm.facebook.com'], true),
      site('x', 'social', ['x.com', 'twitter.com', 'mobile.x.com'], true),
      site('linkedin', 'social', ['www.linkedin.com'], true),
      site('instagram', 'social', ['www.instagram.com'], true),
      site('threads', 'social', ['www.threads.com', 'www.threads.net'], true),
      site('bluesky', 'social', ['bsky.app'], true),
      site('whatsapp', 'chat', ['web.whatsapp.com'], true),
    ].map(Object.freeze),
  );

  globalThis.sendwiseSites = Object.freeze({
    SITES,
    COMMON,
    MAIN,
    /** The site a page's host name belongs to, or null. */
    byHost(hostname) {
      const host = String(hostname ?? '').toLowerCase();
      return SITES.find((s) => s.hosts.includes(host)) ?? null;
    },
    byId(id) {
      return SITES.find((s) => s.id === id) ?? null;
    },
  });
})();
