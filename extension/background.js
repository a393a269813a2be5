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
import * as siteAccess from './site-access.js';
import { readManaged, publicView } from './managed.js';

const { api, t } = globalThis.sendwisePlatform;
// Load the extension's _locales strings into this process now, before the first-run page
// exists. Chromium (seen in 156) caches the strings per extension process on first use; when
// that first use was the first-run page and the page was closed while it was still starting
// up, it cached nothing, and every extension page (and this worker) showed raw string keys
// for the rest of the session, about one launch in two. Asked here first, the cache is filled
// from the worker, which no one closes (0 in 14 launches afterwards, against 3 in 6 before).
api.i18n.getMessage('extName');
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

/** The bundle in force: the school's managed one if set, else the one imported here. */
async function bundleInForce() {
  const managed = await readManaged();
  if (managed.bundle) return managed.bundle;
  return (await api.storage.local.get(BUNDLE_KEY))[BUNDLE_KEY] ?? null;
}

/** Start (or restart) the engine with the bundle in force. The latest start wins. */
function start() {
  const starting = (async () => {
    const bundle = await bundleInForce();
    storedSettings = bundle ? settingsOf(bundle) : null;
    return host.load(bundle);
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
// A content script on an optional site that was turned off since it was injected is refused
// (site-access.js), so it stands down even if it missed the 'site-revoked' message.
const handlers = {
  check: {
    from: 'any',
    async run(msg, sender) {
      const refused = await siteAccess.refusal(sender);
      if (refused) return refused;
      const h = await engine();
      const report = h.check(msg.draft);
      return { report, settings: h.summary().settings ?? null };
    },
  },
  summary: {
    from: 'any',
    async run() {
      return { summary: (await engine()).summary(), managed: publicView(await readManaged()) };
    },
  },
  // An image being added to a post, decoded by the content script (createImageBitmap) and
  // reduced to at most 640 pixels a side, which is all the logo search uses: RGBA as base64.
  'scan-image': {
    from: 'any',
    async run(msg, sender) {
      const refused = await siteAccess.refusal(sender);
      if (refused) return refused;
      const { width, height, data } = msg;
      if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1 || width * height > MAX_IMAGE_PIXELS || typeof data !== 'string') {
        throw new Error('scan-image needs width, height and the pixels as base64');
      }
      const rgba = fromBase64(data);
      if (rgba.length !== width * height * 4) throw new Error('the image arrived damaged');
      return { scan: (await engine()).scanImage(width, height, rgba) };
    },
  },
  'set-bundle': {
    from: 'extension-page',
    async run(msg) {
      await refuseIfLocked();
      const h = await engine();
      if (typeof msg.bundle !== 'string') throw new Error('set-bundle needs the bundle JSON as a string');
      h.validate(msg.bundle); // throws the engine's own message for a bad bundle
      await api.storage.local.set({ [BUNDLE_KEY]: msg.bundle });
      return { summary: await h.load(await bundleInForce()) };
    },
  },
  'clear-bundle': {
    from: 'extension-page',
    async run() {
      await refuseIfLocked();
      await api.storage.local.remove(BUNDLE_KEY);
      return { summary: await (await engine()).load(await bundleInForce()) };
    },
  },
};

/** The school's managed policy may lock the bundle against changes here. */
async function refuseIfLocked() {
  if ((await readManaged()).locked) throw new Error(t('policyLockedError'));
}

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
    .run(msg, sender)
    .then(
      (result) => sendResponse(result.ok === false ? result : { ok: true, ...result }),
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

// ---- Attachments, scanned when they are attached ------------------------------------------
//
// A content script opens one port per file ("sendwise-attachment") and sends
// { type: 'begin', id, name, size }, then { type: 'chunk', id, offset, data } with the bytes
// as base64 (Chromium's extension messaging is JSON, so no ArrayBuffers), one chunk at a
// time: each is acknowledged with { type: 'ack', id, received }, which keeps at most one
// chunk in flight and the page's memory flat. On { type: 'end', id } the file is scanned and
// the port answers { type: 'result', id, scan } or { type: 'error', id, error }. The bytes
// live only in this handler until the scan returns and are dropped with the port; nothing is
// kept here afterwards, so a worker stopped at any moment loses at most a scan in progress
// (the port disconnects and the content script sends the file again).
const ATTACHMENT_PORT = 'sendwise-attachment';
const MAX_IMAGE_PIXELS = 2048 * 2048; // content scripts send at most 640 × 640
const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024; // the engine reads no more than this
const MAX_CHUNK_CHARS = 4 * 1024 * 1024; // base64 characters per chunk (the sender uses 512 KiB)

function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

api.runtime.onConnect.addListener((port) => {
  if (port.name !== ATTACHMENT_PORT) return;
  if (senderKind(port.sender) !== 'content-script') {
    console.error('sendwise: refused an attachment port from', port.sender?.url);
    port.disconnect();
    return;
  }
  let file = null; // { id, name, size, bytes, received }
  const post = (message) => {
    try {
      port.postMessage(message);
    } catch {
      // the content script has gone (page closed or navigated); nothing to answer
    }
  };
  const fail = (id, error) => {
    file = null;
    post({ type: 'error', id, error });
  };
  port.onMessage.addListener(async (msg) => {
    if (msg?.type === 'begin') {
      const { id, name, size } = msg;
      if (await siteAccess.refusal(port.sender)) {
        fail(id, 'sendwise is not turned on for this site');
        return;
      }
      if (typeof id !== 'string' || typeof name !== 'string' || !Number.isSafeInteger(size) || size < 0 || size > MAX_ATTACHMENT_BYTES) {
        fail(msg?.id, 'a file of that size cannot be checked');
        return;
      }
      file = { id, name, size, bytes: new Uint8Array(size), received: 0 };
      post({ type: 'ack', id, received: 0 });
    } else if (msg?.type === 'chunk') {
      if (!file || msg.id !== file.id || msg.offset !== file.received || typeof msg.data !== 'string' || msg.data.length > MAX_CHUNK_CHARS) {
        fail(msg?.id, 'the file arrived out of order');
        return;
      }
      let chunk;
      try {
        chunk = fromBase64(msg.data);
      } catch {
        fail(file.id, 'the file arrived damaged');
        return;
      }
      if (file.received + chunk.length > file.size) {
        fail(file.id, 'the file was larger than it said');
        return;
      }
      file.bytes.set(chunk, file.received);
      file.received += chunk.length;
      post({ type: 'ack', id: file.id, received: file.received });
    } else if (msg?.type === 'end') {
      const current = file;
      file = null;
      if (!current || msg.id !== current.id || current.received !== current.size) {
        fail(msg?.id, 'the file did not arrive whole');
        return;
      }
      try {
        const scan = (await engine()).scanAttachment(current.name, current.bytes);
        post({ type: 'result', id: current.id, scan });
      } catch (err) {
        if (!(err instanceof EngineFailure)) console.error('sendwise: scanning an attachment failed', err);
        fail(current.id, String(err?.message ?? err));
      }
    } else {
      fail(msg?.id, `unknown message type: ${String(msg?.type)}`);
    }
  });
  port.onDisconnect.addListener(() => {
    file = null;
  });
});

// The bundle can change from the options page in another tab, or by the school's policy.
api.storage.onChanged.addListener((changes, area) => {
  if ((area === 'local' && BUNDLE_KEY in changes) || area === 'managed') start();
});

// Optional sites: content scripts only where the person granted the site (site-access.js).
siteAccess.listen();

// First run: explain what sendwise does and let the person choose their sites; not on a
// school-managed install, where the IT lead has set the policy.
api.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install' || (await readManaged()).bundle) return;
  await api.tabs.create({ url: api.runtime.getURL('extension/welcome/welcome.html') });
});

start();
