// What the school set by policy (managed storage): Google Admin, Intune/GPO and the like for
// Chrome and Edge, described by extension/managed_schema.json; Firefox reads the same keys from
// policies.json ("3rdparty" → "Extensions" → our id). The person cannot change any of it; the
// worker prefers a managed bundle over one imported by hand. Keys (docs/deployment.md):
//
//   bundle                 the compiled policy bundle (the JSON `sendwise policy compile` writes), as a string
//   allow_personal_bundle  may staff import or clear a bundle of their own? default: no when
//                          `bundle` is set, yes otherwise
//   sites                  optional sites the school asks staff to turn on (ids from sites.js),
//                          listed first on the first-run page; a browser policy cannot grant them
//   contact                who to ask about sendwise at the school, shown on the extension's pages
import './platform.js';
import './sites.js';

const { api } = globalThis.sendwisePlatform;

/** The managed settings, normalised; `{ set: false, … }` when the school set nothing. */
export async function readManaged() {
  let raw = {};
  try {
    // Firefox rejects when no policy names this add-on; Chromium resolves {}.
    raw = (await api.storage.managed?.get()) ?? {};
  } catch {
    raw = {};
  }
  const bundle = typeof raw.bundle === 'string' && raw.bundle.trim() ? raw.bundle : null;
  const sites = Array.isArray(raw.sites)
    ? raw.sites.filter((id) => globalThis.sendwiseSites.byId(id)?.optional)
    : [];
  return {
    set: Object.keys(raw).length > 0,
    bundle,
    // Locked unless the school says otherwise: a managed bundle is the school's, not the person's.
    locked: bundle !== null ? raw.allow_personal_bundle !== true : raw.allow_personal_bundle === false,
    sites,
    contact: typeof raw.contact === 'string' && raw.contact.trim() ? raw.contact.trim() : null,
  };
}

/** What the extension's pages are told (no bundle text). */
export const publicView = ({ bundle, ...rest }) => ({ ...rest, bundle: bundle !== null });
