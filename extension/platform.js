// The one platform shim. Firefox exposes the promise-based `browser` namespace; Chromium and
// Edge expose `chrome` (promise-based too in MV3). Everything else in sendwise goes through
// `globalThis.sendwisePlatform`, so browser differences live in this file only.
//
// This file is loaded three ways: as a classic content script (first in the manifest list),
// by the service worker and by the options page (as a side-effect ES module import). It
// therefore has no import/export and only defines one global. In a content script that global
// lives in the extension's isolated world, which the page's own scripts cannot see.
(() => {
  if (globalThis.sendwisePlatform) return;
  const api = globalThis.browser ?? globalThis.chrome;
  globalThis.sendwisePlatform = Object.freeze({
    api,
    /** Localised text from _locales/; falls back to the key so a missing string is visible. */
    t(key, substitutions) {
      return api.i18n.getMessage(key, substitutions) || key;
    },
    /** The extension's own origin prefix, e.g. chrome-extension://<id>/ or moz-extension://<uuid>/. */
    extensionBase: api.runtime.getURL(''),
  });
})();
