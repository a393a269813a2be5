// The service worker (Chromium, Edge) or background module (Firefox): the only place the wasm
// engine runs, because a content script cannot compile wasm under a page's CSP.
//
// MV3 workers are stopped when idle and started again by the next event, so nothing here may
// rely on living long: the engine is started at evaluation (warm for the first Send), every
// message awaits that start, and listeners are registered synchronously at top level so a
// message that wakes the worker is not missed. Drafts are checked in memory and never stored
// or logged.
import './platform.js';
import * as bindings from './engine/sendwise_wasm.js';
import { EngineHost, EngineFailure } from './engine-host.js';

const { api } = globalThis.sendwisePlatform;
const BUNDLE_KEY = 'bundle';

const host = new EngineHost(bindings, api.runtime.getURL('extension/engine/sendwise_wasm_bg.wasm'));
let ready = null;
// The stored bundle's settings, read without the engine: when the engine cannot start, the
// content script still needs to know whether the school chose to fail closed.
let storedSettings = null;

function settingsOf(bundleJson) {
  try {
    const settings = JSON.parse(bundleJson)?.settings;
    return settings && typeof settings === 'object' ? settings : null;
  } catch {
    return null;
  }
}

/** Start (or restart) the engine with whatever bundle is stored. The latest start wins. */
function start() {
  const starting = (async () => {
    const stored = await api.storage.local.get(BUNDLE_KEY);
    storedSettings = stored[BUNDLE_KEY] ? settingsOf(stored[BUNDLE_KEY]) : null;
    return host.load(stored[BUNDLE_KEY] ?? null);
  })();
  // A failed start (e.g. the wasm file is missing) is retried by the next message rather
  // than leaving the worker permanently without checks.
  starting.catch((err) => {
    console.error('sendwise: the engine did not start', err);
    if (ready === starting) ready = null;
  });
  ready = starting;
  return starting;
}

async function engine() {
  await (ready ?? start());
  // After a trap the host may have failed to rebuild its engine: start over from storage.
  if (!host.loaded) await start();
  return host;
}

// Who may send which message. Content scripts only ask for checks and counts; changing the
// policy is for the extension's own pages (options), identified by their URL.
const handlers = {
  check: {
    from: 'any',
    async run(msg) {
      const h = await engine();
      const report = h.check(msg.draft);
      return { report, settings: h.summary().settings ?? null };
    },
  },
  summary: {
    from: 'any',
    async run() {
      return { summary: (await engine()).summary() };
    },
  },
  'set-bundle': {
    from: 'extension-page',
    async run(msg) {
      const h = await engine();
      if (typeof msg.bundle !== 'string') throw new Error('set-bundle needs the bundle JSON as a string');
      h.validate(msg.bundle); // throws the engine's own message for a bad bundle
      await api.storage.local.set({ [BUNDLE_KEY]: msg.bundle });
      return { summary: await h.load(msg.bundle) };
    },
  },
  'clear-bundle': {
    from: 'extension-page',
    async run() {
      await api.storage.local.remove(BUNDLE_KEY);
      return { summary: await (await engine()).load(null) };
    },
  },
};

function senderKind(sender) {
  if (sender.id !== api.runtime.id) return null;
  // A message from a content script carries the tab; the extension's own pages have our URL.
  if (sender.url?.startsWith(globalThis.sendwisePlatform.extensionBase)) return 'extension-page';
  if (sender.tab) return 'content-script';
  return null;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const kind = senderKind(sender);
  const handler = Object.hasOwn(handlers, msg?.type) ? handlers[msg.type] : null;
  if (!kind) {
    console.error('sendwise: ignored a message from an unknown sender', sender.id, sender.url);
    return false;
  }
  if (!handler) {
    console.error('sendwise: unknown message type', msg?.type);
    sendResponse({ ok: false, error: `unknown message type: ${String(msg?.type)}` });
    return false;
  }
  if (handler.from === 'extension-page' && kind !== 'extension-page') {
    console.error('sendwise: refused', msg.type, 'from a content script');
    sendResponse({ ok: false, error: `${msg.type} is only accepted from the extension's own pages` });
    return false;
  }
  handler
    .run(msg)
    .then(
      (result) => sendResponse({ ok: true, ...result }),
      (err) => {
        if (!(err instanceof EngineFailure)) console.error('sendwise:', msg.type, 'failed', err);
        sendResponse({
          ok: false,
          error: String(err?.message ?? err),
          engineFailed: err instanceof EngineFailure,
          settings: storedSettings,
        });
      },
    );
  return true; // answer asynchronously
});

// The bundle can change from the options page in another tab, or (later) from managed storage.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && BUNDLE_KEY in changes) start();
});

start();
