// Which optional sites (social and chat) sendwise may check, kept in step with the host
// permissions the person granted, one site at a time. Imported by the worker only.
//
// The browser's granted host permissions are the only record: nothing here is stored. At
// start-up and on every permissions.onAdded/onRemoved the worker re-registers one dynamic
// content script per granted site (id `site-<id>`, matches = the site's origins that are
// granted, js = site.scripts), so a site not granted gets nothing injected. When a site is
// revoked its scripts are unregistered and every tab is told, so a content script already
// running there stands down at once:
//
//   worker → tab   { type: 'site-revoked', site: '<id>', origins: ['https://host/*', …] }
//
// (sent to every tab with tabs.sendMessage, which needs no "tabs" permission; a tab without
// our content script simply does not answer). A check from a tab whose optional site is no
// longer granted is refused with { ok: false, notGranted: true, site: '<id>' } — see
// `refusal()`, used by the worker's message router.
import './platform.js';
import './sites.js';

const { api } = globalThis.sendwisePlatform;
const { SITES, byHost } = globalThis.sendwiseSites;
const OPTIONAL = SITES.filter((s) => s.optional);
export const scriptId = (site) => `site-${site.id}`;

/** The site's origins the browser has granted right now (possibly some of them). */
export async function grantedOrigins(site) {
  const granted = await Promise.all(site.origins.map((o) => api.permissions.contains({ origins: [o] })));
  return site.origins.filter((_, i) => granted[i]);
}

/** { [siteId]: true|false } for every optional site: granted if any of its origins is. */
export async function grantState() {
  const entries = await Promise.all(OPTIONAL.map(async (s) => [s.id, (await grantedOrigins(s)).length > 0]));
  return Object.fromEntries(entries);
}

const sameSet = (a = [], b = []) => a.length === b.length && a.every((x) => b.includes(x));

// One sync at a time: onAdded and onRemoved can arrive together (a person toggling quickly),
// and two overlapping register calls for one id would fail with "duplicate script id".
let syncing = Promise.resolve();

/** Make the registered content scripts match the granted sites. Resolves to the ids registered. */
export function syncContentScripts() {
  const run = syncing.then(syncNow, syncNow);
  syncing = run.catch((err) => console.error('sendwise: could not update the sites checked', err));
  return run;
}

async function syncNow() {
  const registered = new Map((await api.scripting.getRegisteredContentScripts()).map((s) => [s.id, s]));
  const wanted = [];
  for (const site of OPTIONAL) {
    const id = scriptId(site);
    const matches = await grantedOrigins(site);
    const current = registered.get(id);
    registered.delete(id);
    if (!matches.length) {
      if (current) await api.scripting.unregisterContentScripts({ ids: [id] });
      continue;
    }
    const script = { id, matches, js: site.scripts, runAt: 'document_start', allFrames: false, persistAcrossSessions: true };
    try {
      if (!current) await api.scripting.registerContentScripts([script]);
      else if (!sameSet(current.matches, matches) || !sameSet(current.js, site.scripts)) await api.scripting.updateContentScripts([script]);
      wanted.push(id);
    } catch (err) {
      // One site's failure (e.g. a script file missing from a build) must not stop the others.
      console.error(`sendwise: could not register the content scripts for ${site.id}`, err);
    }
  }
  // Anything else registered under our naming (a site dropped from the table) goes.
  const stale = [...registered.keys()].filter((id) => id.startsWith('site-'));
  if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale });
  return wanted;
}

/** The optional sites any of `origins` belongs to. */
function sitesOf(origins = []) {
  return OPTIONAL.filter((s) => s.origins.some((o) => origins.includes(o)));
}

/** Tell every tab that `site` was revoked, so its content script stands down now. */
async function announceRevoked(site, origins) {
  const tabs = await api.tabs.query({});
  const message = { type: 'site-revoked', site: site.id, origins };
  await Promise.all(
    tabs.map((tab) =>
      api.tabs.sendMessage(tab.id, message).catch(() => {
        // no sendwise content script in that tab (the usual case)
      }),
    ),
  );
}

async function revoked(permissions) {
  const origins = permissions?.origins ?? [];
  await syncContentScripts();
  for (const site of sitesOf(origins)) await announceRevoked(site, origins.filter((o) => site.origins.includes(o)));
}

/**
 * Why a message from this sender must be refused, or null: a content script on an optional
 * site whose host permission is gone (it was injected before the revocation).
 */
export async function refusal(sender) {
  if (!sender?.tab || !sender.url) return null;
  let url;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  const site = byHost(url.hostname);
  if (!site?.optional) return null;
  const granted = await api.permissions.contains({ origins: [`${url.protocol}//${url.hostname}/*`] });
  return granted ? null : { ok: false, notGranted: true, site: site.id, error: `sendwise is not turned on for ${site.id}` };
}

/** Register the listeners (synchronously, at the worker's top level) and sync once. */
export function listen() {
  api.permissions.onAdded.addListener(() => syncContentScripts());
  api.permissions.onRemoved.addListener((p) => revoked(p));
  syncContentScripts();
}
