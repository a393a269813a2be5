// The optional sites (social and chat) with a button to turn each on and one to turn it off,
// shared by the first-run and options pages. The browser's own permission is the switch:
// "Turn on" calls permissions.request directly in the click handler (it needs the person's
// click), "Turn off" calls permissions.remove; the worker then registers or removes the site's
// content scripts (site-access.js). The state shown is read back from the browser.
import '../platform.js';
import '../sites.js';

const { api, t } = globalThis.sendwisePlatform;
const { SITES } = globalThis.sendwiseSites;

const siteName = (site) => t(`site_${site.id}`);
const granted = (site) => api.permissions.contains({ origins: site.origins });

/**
 * Render the list into `list` (a <ul>), announcing changes in `status` (an aria-live element).
 * `asked` is the site ids the school asks staff to turn on (managed policy), listed first.
 */
export function renderSites(list, status, { asked = [] } = {}) {
  const optional = SITES.filter((s) => s.optional);
  const ordered = [...optional.filter((s) => asked.includes(s.id)), ...optional.filter((s) => !asked.includes(s.id))];
  list.replaceChildren();
  const rows = new Map();
  for (const site of ordered) {
    const item = document.createElement('li');
    item.dataset.site = site.id;
    const name = Object.assign(document.createElement('span'), { className: 'site-name', textContent: siteName(site) });
    const state = Object.assign(document.createElement('span'), { className: 'site-state', id: `state-${site.id}` });
    const on = Object.assign(document.createElement('button'), { type: 'button', className: 'site-on', textContent: t('siteTurnOn', [siteName(site)]) });
    const off = Object.assign(document.createElement('button'), { type: 'button', className: 'site-off', textContent: t('siteTurnOff', [siteName(site)]) });
    on.setAttribute('aria-describedby', state.id);
    off.setAttribute('aria-describedby', state.id);
    item.append(name, ' ', state);
    if (asked.includes(site.id)) item.append(' ', Object.assign(document.createElement('span'), { className: 'site-asked', textContent: t('siteAsked') }));
    item.append(' ', on, ' ', off);
    list.append(item);
    rows.set(site.id, { site, state, on, off });

    on.addEventListener('click', () => {
      // No await before request(): the browser accepts it only in the click's own task.
      api.permissions.request({ origins: site.origins }).then(
        (yes) => refresh(site, yes ? 'siteTurnedOn' : 'siteNotTurnedOn'),
        (err) => {
          status.textContent = `${t('optionsErrorPrefix')} ${err?.message ?? err}`;
        },
      );
    });
    off.addEventListener('click', () => {
      api.permissions.remove({ origins: site.origins }).then(
        () => refresh(site, 'siteTurnedOff'),
        (err) => {
          status.textContent = `${t('optionsErrorPrefix')} ${err?.message ?? err}`;
        },
      );
    });
  }

  async function show({ site, state, on, off }) {
    const yes = await granted(site);
    state.textContent = t(yes ? 'siteStateOn' : 'siteStateOff');
    state.dataset.on = String(yes);
    on.disabled = yes;
    off.disabled = !yes;
    return yes;
  }

  async function refresh(site, said) {
    await show(rows.get(site.id));
    if (said) status.textContent = t(said, [siteName(site)]);
  }

  // A change made elsewhere (the other page, the browser's own settings) shows here too.
  api.permissions.onAdded.addListener(() => Promise.all([...rows.values()].map(show)));
  api.permissions.onRemoved.addListener(() => Promise.all([...rows.values()].map(show)));
  return Promise.all([...rows.values()].map(show));
}
