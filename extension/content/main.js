// Intercepts Send in the compose window, asks the worker to check the draft, and either lets
// the original send go through untouched or shows the dialog.
//
// Listeners sit on window in the capture phase and are added at document_start, so they run
// before the page's own handlers. A clean draft is re-sent by clicking the same Send button
// once more with a one-shot bypass, which is the page's own send path; nothing the person typed
// is read for anything but the check, and nothing is changed.
(() => {
  const ns = globalThis.sendwise;
  const { api } = globalThis.sendwisePlatform;
  // Injected twice (listed in the manifest and registered for a granted site): run once.
  if (ns.started) return;
  ns.started = true;
  // The page's own site adapter first, then the generic composer adapter, which keeps checks
  // running when a known site's layout changes. The adapter that found a composer handles it
  // from then on. (The development copy also runs on 127.0.0.1 with the Outlook adapter.)
  const site = globalThis.sendwiseSites.byHost(location.hostname);
  const own = (site && ns.adapters[site.id]) ?? Object.entries(ns.adapters).find(([id]) => id !== 'generic')?.[1] ?? null;
  const adapters = [own, ns.adapters.generic].filter(Boolean);
  const owners = new WeakMap(); // composer -> the adapter that found it
  const ctrlEnter = (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
  const adapterOf = (composer) => owners.get(composer) ?? adapters[0];
  /**
   * The first adapter's answer to `find(adapter)` (a composer, or a Send button), remembering
   * which adapter owns the composer.
   * The generic adapter stands in only for editors the site's own adapter does not know: where
   * the site's adapter reads the editor, its word on what posts stands (a Reply button in the
   * timeline, or Ctrl+Enter where Enter sends, is then not a send).
   */
  function found(find) {
    for (const a of adapters) {
      const composer = find(a);
      if (!composer) continue;
      if (a !== adapters[0] && a.editorsOf?.(a.composerOf(composer) ?? composer).some((editor) => adapters[0].composerForKey(editor))) return null;
      if (!owners.has(composer)) owners.set(composer, a);
      return composer;
    }
    return null;
  }
  // An event from inside an open shadow root (LinkedIn's share box) reaches window retargeted
  // to the shadow host: the node it really happened on is the first of its composed path.
  const targetOf = (e) => e.composedPath?.()[0] ?? e.target;
  const channelOf = (composer) => adapterOf(composer).channel ?? 'email';
  // Long enough for a cold worker start (wasm compile ~100 ms), short enough that a stuck
  // engine never holds up an email for long.
  const CHECK_TIMEOUT_MS = 1500;
  const WARM_EVERY_MS = 20000;

  let settings = null; // the bundle's settings from the last answer: {block_action, fail_closed}
  let bypassButton = null; // the Send button we are clicking ourselves, for one click
  let bypassKey = null; // the synthetic key event we are replaying ourselves
  let busy = false; // a check or dialog is in progress: swallow repeated Sends
  let lastWarm = 0;
  let lastField = null; // the draft field last focused, to return to from the indicator
  let stoodDown = false; // the person turned this site off: let everything through untouched

  /**
   * The person revoked this site (or the worker says it is no longer granted): stop at once.
   * Listeners stay registered but return at their first line; the indicator goes; a Send in
   * progress goes through as the person asked.
   */
  function standDown() {
    if (stoodDown) return;
    stoodDown = true;
    watched?.stop();
  }
  api.runtime.onMessage.addListener((msg) => {
    // Only the origins just turned off: revoking m.facebook.com leaves www.facebook.com on.
    if (msg?.type === 'site-revoked' && msg.origins?.includes(`${location.protocol}//${location.hostname}/*`)) standDown();
  });

  // ---- Attachments: scanned when attached, matched to the composer's list at Send ----------
  //
  // A file given to the page (file input, drop, paste) is read here in 512 KiB slices
  // (Blob.slice, FileReader as base64, so nothing big is built on the page's thread) and sent
  // one slice at a time over a port to the worker, which scans it and answers with the scan:
  // counts, categories and column headers, never text. Only that scan is kept, here in the
  // extension's isolated world, per composer and attachment id; the File itself is let go
  // once scanned. If the worker is stopped mid-scan the port disconnects and the file is sent
  // again; a scan already made survives any number of worker restarts because it lives here.
  const SCAN_PORT = 'sendwise-attachment';
  const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024; // the engine's own limit
  const CHUNK_BYTES = 512 * 1024;
  const SCAN_WAIT_MS = 1500; // at Send, how long to wait for a scan still running
  const SCAN_IDLE_MS = 15000; // no word from the worker for this long: try again
  const SCAN_ATTEMPTS = 3;
  const attached = []; // { id, composer, name, size, status: 'scanning'|'done', scan, file, done }
  let scanQueue = Promise.resolve(); // one file at a time, so the worker holds one file at most
  let attachmentSeq = 0;

  class PortLost extends Error {}

  /** A scan for a file that could not be read: the engine reports it as not fully checked. */
  const notCheckedScan = (name, size, note) => ({
    name,
    format: 'binary',
    size: size ?? 0,
    protected: false,
    protection: [],
    sensitive: false,
    summary: '',
    complete: false,
    notes: [note],
  });

  function base64Of(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result);
        resolve(url.slice(url.indexOf(',') + 1));
      };
      reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
      reader.readAsDataURL(blob);
    });
  }

  /** Send one file to the worker and resolve to its scan; rejects with PortLost to retry. */
  function scanOnce(entry) {
    return new Promise((resolve, reject) => {
      const { id, file, size } = entry;
      let port;
      let settled = false;
      let idle = null;
      let prefetch = null;
      const finish = (settle, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(idle);
        try {
          port?.disconnect();
        } catch {
          // already gone
        }
        settle(value);
      };
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => finish(reject, new PortLost('no answer from the worker')), SCAN_IDLE_MS);
      };
      const read = (from) => {
        const end = Math.min(size, from + CHUNK_BYTES);
        return base64Of(file.slice(from, end)).then((data) => ({ from, end, data }));
      };
      const post = (message) => {
        try {
          port.postMessage(message);
        } catch (err) {
          finish(reject, new PortLost(String(err?.message ?? err)));
        }
      };
      try {
        port = api.runtime.connect({ name: SCAN_PORT });
      } catch (err) {
        reject(err); // orphaned (the extension was reloaded under the page): no retry helps
        return;
      }
      port.onDisconnect.addListener(() => finish(reject, new PortLost('the worker went away')));
      port.onMessage.addListener(async (msg) => {
        if (settled || msg?.id !== id) return;
        touch();
        if (msg.type === 'result') finish(resolve, msg.scan);
        else if (msg.type === 'error') finish(reject, new Error(msg.error));
        else if (msg.type === 'ack') {
          if (msg.received >= size) {
            post({ type: 'end', id });
            return;
          }
          try {
            const chunk = await (prefetch && prefetch.from === msg.received ? prefetch.promise : read(msg.received));
            if (settled) return;
            // Read the next slice while this one travels and is decoded.
            prefetch = chunk.end < size ? { from: chunk.end, promise: read(chunk.end) } : null;
            prefetch?.promise.catch(() => {});
            post({ type: 'chunk', id, offset: chunk.from, data: chunk.data });
          } catch (err) {
            finish(reject, err);
          }
        }
      });
      touch();
      post({ type: 'begin', id, name: entry.name, size });
    });
  }

  async function scanWithRetries(entry) {
    for (let attempt = 1; ; attempt++) {
      try {
        entry.scan = await scanOnce(entry);
        break;
      } catch (err) {
        if (err instanceof PortLost && attempt < SCAN_ATTEMPTS) continue;
        console.warn('sendwise: could not check an attachment:', err?.message ?? err);
        entry.scan = notCheckedScan(entry.name, entry.size, safeT('attachmentScanFailed'));
        entry.notRead = true;
        break;
      }
    }
    entry.status = 'done';
    entry.file = null;
  }

  /** Strings may be unreadable in an orphaned script; the engine still gets a note. */
  function safeT(key) {
    try {
      return ns.t(key);
    } catch {
      return key;
    }
  }

  // ---- Images being posted: decoded here, looked at for the school's logo in the worker ----
  //
  // On social and chat sites an image the person adds (file input, drop, paste) is decoded by
  // the browser (createImageBitmap), reduced to at most 640 pixels a side (all the logo search
  // looks at) on an OffscreenCanvas, and its pixels go to the worker, which answers with a
  // scan (which logo matched, where; never the pixels). Only the scan is kept, per composer.
  const IMAGE_SIDE = 640;
  const IMAGE_SCAN_TIMEOUT_MS = 8000;
  const images = []; // { composer, name, type, status: 'scanning'|'done', scan, done }

  async function pixelsOf(file) {
    const bitmap = await createImageBitmap(file);
    try {
      const scale = Math.min(1, IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, width, height);
      return { width, height, data: ctx.getImageData(0, 0, width, height).data };
    } finally {
      bitmap.close();
    }
  }

  async function scanImage(entry, file) {
    try {
      const { width, height, data } = await pixelsOf(file);
      const pixels = await base64Of(new Blob([data]));
      const answer = await ns.ask({ type: 'scan-image', name: entry.name, width, height, data: pixels }, IMAGE_SCAN_TIMEOUT_MS);
      entry.scan = answer.scan;
    } catch (err) {
      // Not decodable (not really an image) or the worker did not answer: the image still
      // counts as an image being posted; the engine notes that it could not be looked at.
      console.warn('sendwise: an image could not be scanned:', err?.message ?? err);
      entry.scan = null;
    }
    entry.status = 'done';
  }

  function imageIntake(file, composer) {
    for (let i = images.length - 1; i >= 0; i--) if (images[i].composer && !images[i].composer.isConnected) images.splice(i, 1);
    const entry = { composer, name: file.name || 'pasted image', type: file.type || null, status: 'scanning', scan: null };
    entry.done = scanImage(entry, file);
    images.push(entry);
    entry.done.then(() => {
      if (watched && (!composer || watched.composer === composer)) watched.schedule();
    });
  }

  /**
   * The images going with a composer's post: the ones seen being added, less any the person
   * has since removed where the site shows its previews (the newest ones are kept).
   */
  function imagesOf(composer) {
    let mine = images.filter((e) => e.composer === composer || e.composer === null);
    const shown = adapterOf(composer).imagesIn?.(composer);
    if (shown && adapterOf(composer).countsImages && shown.length < mine.length) mine = mine.slice(mine.length - shown.length);
    return mine.map((e) => ({ name: e.name, ...(e.type ? { media_type: e.type } : {}), ...(e.scan ? { scan: e.scan } : {}) }));
  }

  /** A post went: its images go with it (a site may keep the same composer for the next). */
  function forgetImages(composer) {
    for (let i = images.length - 1; i >= 0; i--) if (images[i].composer === composer || images[i].composer === null) images.splice(i, 1);
  }

  function intake(files, composer) {
    if (composer === TO_COME) composer = null;
    // With no composer (null: any), the site's own adapter says whether pictures are images.
    if (channelOf(composer) !== 'email') {
      const pictures = files.filter((f) => /^image\//i.test(f.type));
      for (const file of pictures) imageIntake(file, composer);
      files = files.filter((f) => !pictures.includes(f));
      if (!files.length) return;
    }
    // Forget files of compose windows that have closed.
    for (let i = attached.length - 1; i >= 0; i--) if (attached[i].composer && !attached[i].composer.isConnected) attached.splice(i, 1);
    for (const file of files) {
      const entry = { id: `a${++attachmentSeq}-${Math.random().toString(36).slice(2, 10)}`, composer, name: file.name, size: file.size, status: 'scanning', scan: null, file };
      if (file.size > MAX_ATTACHMENT_BYTES) {
        entry.status = 'done';
        entry.file = null;
        entry.scan = notCheckedScan(file.name, file.size, safeT('attachmentTooLarge'));
        entry.notRead = true;
        entry.done = Promise.resolve();
      } else {
        entry.done = scanQueue = scanQueue.then(() => scanWithRetries(entry));
      }
      attached.push(entry);
      entry.done.then(() => {
        if (watched && (!composer || watched.composer === composer)) watched.schedule();
      });
    }
  }

  // A file added in a site's create flow before its text box exists (Instagram asks for the
  // picture first, the caption after) is for the composer still to come there: it is kept for
  // any composer, not given to one found around the flow (a comment box in the feed behind
  // it) nor to the one last used.
  const TO_COME = Object.freeze({ toCome: true });
  const awaitsComposer = (target) => target instanceof Node && !!own?.awaitsComposer?.(target);
  const fileTarget = (target) => {
    if (!(target instanceof Node)) return null;
    if (awaitsComposer(target)) return TO_COME;
    return found((a) => a.composerOf(target));
  };

  // A file input fires input then change; only input crosses a shadow root's edge (LinkedIn's
  // share box), so both are heard and each pick of files is taken in once.
  const picked = new WeakSet();
  for (const type of ['input', 'change']) {
    window.addEventListener(
      type,
      (e) => {
        const input = targetOf(e);
        if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length || picked.has(input.files)) return;
        picked.add(input.files);
        // Outlook's and Gmail's file inputs may sit outside the compose window: then it is for
        // the one in use. The site's own adapter is asked first, as the generic one would take
        // the whole page for a composer around an input that is in none.
        const composer = awaitsComposer(input) ? TO_COME : ((own && own.composerOf(input)) ?? watched?.composer ?? fileTarget(input));
        intake([...input.files], composer ?? null);
      },
      true,
    );
  }
  for (const type of ['drop', 'paste']) {
    window.addEventListener(
      type,
      (e) => {
        const files = (type === 'drop' ? e.dataTransfer : e.clipboardData)?.files;
        const composer = fileTarget(targetOf(e));
        if (composer && files?.length) intake([...files], composer);
      },
      true,
    );
  }

  const sizeFits = (shown, actual) => shown == null || Math.abs(shown - actual) <= Math.max(1024, shown * 0.15, actual * 0.15);

  /** Files and images seen being added to this composer, still scanning. */
  const scanning = (composer) =>
    [...attached, ...images].filter((e) => e.status === 'scanning' && (e.composer === composer || e.composer === null));

  /**
   * The draft's attachments: each listed file with its scan. A file still scanning is left
   * out (`pending: 'omit'`, for the indicator) or reported as not checked yet; a listed file
   * never seen being attached (added before sendwise loaded) as not checked.
   * Returns { attachments, unchecked (names), pending (entries still scanning) }.
   */
  function attachmentsOf(composer, { pending: pendingAs = 'unchecked' } = {}) {
    const mine = attached.filter((e) => e.composer === composer || e.composer === null);
    // No attachment list to read (a layout sendwise does not know): go by what was attached.
    const listed = adapterOf(composer).attachmentsIn(composer) ?? mine.map((e) => ({ name: e.name, size: e.size }));
    const used = new Set();
    const out = { attachments: [], unchecked: [], pending: [] };
    for (const item of listed) {
      const candidates = mine.filter((e) => !used.has(e) && sizeFits(item.size, e.size)).reverse(); // newest first
      const entry =
        candidates.find((e) => e.name === item.name) ?? candidates.find((e) => e.name.toLowerCase() === item.name.toLowerCase());
      if (entry) used.add(entry);
      if (entry?.status === 'done') {
        out.attachments.push({ name: item.name, scan: entry.scan });
        if (entry.notRead) out.unchecked.push(item.name);
        continue;
      }
      if (entry) {
        out.pending.push(entry);
        if (pendingAs === 'omit') continue;
      }
      out.attachments.push({
        name: item.name,
        scan: notCheckedScan(item.name, entry?.size ?? item.size, safeT(entry ? 'attachmentStillChecking' : 'attachmentNotSeen')),
      });
      out.unchecked.push(item.name);
    }
    return out;
  }

  /** A one-click removal for an attachment finding, where the composer has a remove control. */
  function offerRemoval(composer, report) {
    const listed = adapterOf(composer).attachmentsIn(composer) ?? [];
    for (const f of report?.findings ?? []) {
      if (f.rule !== 'sensitive-attachment' || f.fix || !f.name) continue;
      const same = listed.filter((a) => a.name === f.name);
      if (same.length === 1 && same[0].remove) f.fix = { kind: 'remove-attachment', name: f.name, label: ns.t('fixRemoveAttachmentLabel') };
    }
    return report;
  }

  /** Send with the page's own button: a click, or the adapter's own `press` where the site acts on the press. */
  function clickThrough(button, adapter) {
    bypassButton = button;
    try {
      if (adapter?.press) adapter.press(button);
      else button.click();
    } finally {
      bypassButton = null;
    }
  }

  function replayKey(original) {
    const replay = new KeyboardEvent('keydown', {
      key: original.key,
      code: original.code,
      ctrlKey: original.ctrlKey,
      metaKey: original.metaKey,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    bypassKey = replay;
    try {
      targetOf(original).dispatchEvent(replay);
    } finally {
      bypassKey = null;
    }
  }

  /** Checks could not run: send as the person asked, then say that it went unchecked. */
  function failOpen(proceed) {
    proceed();
    try {
      ns.showNotice(ns.t('noticeUnavailable'));
    } catch {
      // An orphaned script (extension updated under the page) cannot read its strings.
    }
  }

  /**
   * Check a composer's draft; resolves to { draft, answer, unchecked } or rejects like ns.ask.
   * `pending: 'omit'` leaves out files still being scanned (the indicator); otherwise they are
   * checked as not checked yet. `unchecked` names the files whose contents were not read.
   */
  async function checkDraft(composer, { pending = 'unchecked' } = {}) {
    const draft = adapterOf(composer).draftOf(composer);
    const files = attachmentsOf(composer, { pending });
    draft.attachments = files.attachments;
    if (channelOf(composer) !== 'email') draft.images = imagesOf(composer);
    // A scan running in the worker holds up this check until it returns (wasm runs one call
    // at a time): allow for it, about 1 s per 10 MB, rather than fail open meanwhile.
    const busyBytes = files.pending.reduce((n, e) => n + e.size, 0);
    const timeout = CHECK_TIMEOUT_MS + (busyBytes ? Math.min(8000, 1000 + busyBytes / 10000) : 0);
    let answer;
    try {
      answer = await ns.ask({ type: 'check', draft }, timeout);
    } catch (err) {
      if (err?.response?.notGranted) {
        standDown();
        err.notGranted = true;
      }
      throw err;
    }
    settings = answer.settings ?? null;
    offerRemoval(composer, answer.report);
    if (watched?.composer === composer && (pending === 'omit' || !files.pending.length)) watched.show(answer.report);
    return { draft, answer, unchecked: files.unchecked };
  }

  /**
   * The dialog's fix button: apply one finding's fix to the composer, then check again. A
   * replace is only applied if the text at its offsets is still the text that was checked.
   * `checked` holds the draft the findings came from and is updated by every re-check.
   */
  function fixer(composer, checked) {
    return async (finding) => {
      const { fix } = finding;
      let outcome = 'failed';
      let caret = null;
      if (fix.kind === 'replace') {
        const expected = ns.slice(checked.draft[fix.field], fix.start, fix.end);
        // Where the fix covers exactly the finding, the excerpt is a second witness that the
        // offsets point at what the person was shown.
        const sameSpan = finding.field === fix.field && finding.start === fix.start && finding.end === fix.end;
        const consistent = !sameSpan || finding.excerpt === expected;
        caret = consistent ? adapterOf(composer).replaceText(composer, fix, expected) : null;
        outcome = caret ? 'applied' : 'refused';
      } else if (fix.kind === 'move-to-bcc') {
        outcome = (await adapterOf(composer).moveToBcc(composer, fix.addresses)) ? 'applied' : 'failed';
      } else if (fix.kind === 'remove-attachment') {
        outcome = (await adapterOf(composer).removeAttachment(composer, fix.name)) ? 'applied' : 'failed';
      }
      let report = null;
      try {
        const { draft, answer } = await checkDraft(composer);
        checked.draft = draft;
        report = answer.report;
      } catch (err) {
        console.warn('sendwise: the check after a fix did not run:', err?.message ?? err);
      }
      return { outcome, report, caret };
    };
  }

  async function intercept(composer, send) {
    if (busy) return;
    busy = true;
    const proceed = () => {
      send();
      if (channelOf(composer) !== 'email') forgetImages(composer);
    };
    try {
      // A file attached a moment ago may still be scanning: give it a moment to finish.
      const running = scanning(composer);
      if (running.length) {
        await Promise.race([Promise.all(running.map((e) => e.done)), new Promise((r) => setTimeout(r, SCAN_WAIT_MS))]);
      }
      let checked;
      try {
        checked = await checkDraft(composer);
      } catch (err) {
        if (err?.notGranted) {
          proceed(); // this site was turned off: not ours to check
          return;
        }
        console.warn('sendwise: the check did not run:', err?.message ?? err);
        // The worker answered but could not check: its word on settings is current. On a
        // timeout there is no answer, so the last known settings stand.
        if (err?.response) settings = err.response.settings ?? null;
        if (settings?.fail_closed) await ns.showDialog({ failClosed: true });
        else failOpen(proceed);
        return;
      }
      const report = checked.answer.report;
      const stopping = ns.stoppingFindings(report);
      if (stopping.length === 0) {
        proceed();
        // Going only inside the school, a file that could not be read does not stop the
        // send, but the person is told which one went unchecked.
        if (checked.unchecked.length) ns.showNotice(ns.t('noticeAttachmentsUnchecked', [checked.unchecked.join(', ')]));
        return;
      }
      let choice;
      try {
        choice = await ns.showDialog({
          findings: stopping,
          notes: report.notes ?? [],
          policyLoaded: report.policy_loaded,
          blockAction: settings?.block_action ?? 'reason',
          applyFix: fixer(composer, checked),
        });
      } catch (err) {
        // A dialog that cannot be shown must not swallow the send without a word.
        console.error('sendwise: could not show the dialog', err);
        if (settings?.fail_closed) return;
        failOpen(proceed);
        return;
      }
      if (choice === 'send') proceed();
    } finally {
      busy = false;
      watched?.schedule(); // the indicator skipped changes made while the dialog was open
    }
  }

  // ---- The indicator while composing ---------------------------------------------------
  //
  // One composer is watched at a time (the one last focused). Edits are noticed through a
  // MutationObserver on the composer (body text, recipient pills) and input events (field
  // values), debounced, with never more than one check in flight: a change during a check
  // only marks the draft dirty, and it is checked again when the answer arrives.
  const INDICATOR_DEBOUNCE_MS = 500;
  let watched = null;

  function watch(composer) {
    if (watched?.composer === composer) return;
    watched?.stop();
    let timer = null;
    let inFlight = false;
    let dirty = false;
    let frame = 0;
    const indicator = ns.createIndicator({ onOpen: () => review(composer) });
    const anchor = () => adapterOf(composer).indicatorAnchor(composer);
    const place = () => {
      frame = 0;
      if (!composer.isConnected) {
        self.stop();
        return;
      }
      indicator.place(anchor()?.getBoundingClientRect() ?? null);
    };
    const schedulePlace = () => {
      frame ||= requestAnimationFrame(place);
    };
    const run = async () => {
      timer = null;
      if (!composer.isConnected) return self.stop();
      if (inFlight || busy) {
        dirty = true;
        return;
      }
      inFlight = true;
      try {
        await checkDraft(composer, { pending: 'omit' });
      } catch {
        if (watched === self) indicator.update({ off: true });
      } finally {
        inFlight = false;
      }
      if (dirty && watched === self) {
        dirty = false;
        schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, INDICATOR_DEBOUNCE_MS);
    };
    // Info findings never interrupt, but on social and chat sites they are said once while
    // composing (a reminder about photos of pupils when pictures are added to a post), in a
    // notice that goes by.
    const reminded = new Set();
    const remind = (report) => {
      if (busy || channelOf(composer) === 'email') return;
      const fresh = (report?.findings ?? []).filter((f) => f.severity === 'info' && !reminded.has(`${f.rule}\u0000${f.excerpt}`));
      if (!fresh.length) return;
      for (const f of fresh) reminded.add(`${f.rule}\u0000${f.excerpt}`);
      ns.showNotice(fresh.map((f) => f.message).join(' '));
    };
    const observer = new MutationObserver(schedule);
    observer.observe(composer, { subtree: true, childList: true, characterData: true, attributeFilter: ['aria-label', 'title'] });
    const resize = new ResizeObserver(schedulePlace);
    const body = anchor();
    if (body) resize.observe(body);
    const alive = setInterval(schedulePlace, 1000); // notices a closed compose window
    window.addEventListener('scroll', schedulePlace, true);
    window.addEventListener('resize', schedulePlace);
    const self = {
      composer,
      schedule,
      show(report) {
        const stopping = ns.stoppingFindings(report);
        const severity = stopping.some((f) => f.severity === 'block') ? 'block' : stopping.length ? 'warn' : null;
        indicator.update({ count: stopping.length, severity });
        schedulePlace();
        remind(report);
      },
      stop() {
        if (watched !== self) return;
        watched = null;
        clearTimeout(timer);
        clearInterval(alive);
        cancelAnimationFrame(frame);
        observer.disconnect();
        resize.disconnect();
        window.removeEventListener('scroll', schedulePlace, true);
        window.removeEventListener('resize', schedulePlace);
        indicator.remove();
      },
    };
    watched = self;
    indicator.update({ count: 0 });
    schedulePlace();
    schedule();
  }

  /** The indicator was clicked: the same dialog, with nothing to send. */
  async function review(composer) {
    if (busy) return;
    busy = true;
    const returnFocus = lastField?.isConnected ? lastField : adapterOf(composer).indicatorAnchor(composer);
    try {
      let checked;
      try {
        checked = await checkDraft(composer);
      } catch {
        ns.showNotice(ns.t('indicatorOff'));
        return;
      }
      const report = checked.answer.report;
      await ns.showDialog({
        mode: 'review',
        findings: ns.stoppingFindings(report),
        notes: report.notes ?? [],
        policyLoaded: report.policy_loaded,
        applyFix: fixer(composer, checked),
        returnFocus,
      });
    } finally {
      busy = false;
      watched?.schedule();
    }
  }

  function onClick(e) {
    if (stoodDown) return;
    let owner = null;
    const button = found((a) => {
      const b = a.sendButtonAt(targetOf(e));
      if (b) owner = a;
      return b;
    });
    if (!button || button === bypassButton) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const composer = owner.composerOf(button);
    if (!owners.has(composer)) owners.set(composer, owner);
    intercept(composer, () => {
      if (button.isConnected) clickThrough(button, owner);
    });
  }

  // Some sites act on the press itself, not on the click that follows: Gmail's compose toolbar
  // buttons send on mouseup (and on Enter or Space while focused) and ignore a bare click()
  // (https://github.com/KartikTalwar/gmail.js/issues/629). For an adapter that says so
  // (`sendsOnPress`) the press on its Send button never reaches the page: the click that follows
  // is checked like any Send, and the send goes through with the adapter's `press(button)`.
  function pressedSend(target) {
    let owner = null;
    const button = found((a) => {
      const b = a.sendsOnPress ? a.sendButtonAt(target) : null;
      if (b) owner = a;
      return b;
    });
    return button && button !== bypassButton ? { button, owner } : null;
  }

  function onPress(e) {
    if (stoodDown || !pressedSend(e.target)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  const plainKey = (e, ...keys) => keys.includes(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;

  /** Enter or Space on a focused Send button that the site acts on itself (no click follows). */
  function onButtonKey(e) {
    const pressed = pressedSend(e.target);
    if (!pressed) return false;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type !== 'keydown' || e.repeat) return true;
    const { button, owner } = pressed;
    const composer = owner.composerOf(button);
    if (!owners.has(composer)) owners.set(composer, owner);
    intercept(composer, () => {
      if (button.isConnected) clickThrough(button, owner);
    });
    return true;
  }

  /** The composer a keydown posts from, if it is its adapter's send shortcut. */
  const composerForSendKey = (e) => found((a) => ((a.isSendKey ?? ctrlEnter)(e) ? a.composerForKey(targetOf(e)) : null));

  function onKeyDown(e) {
    if (!stoodDown && e !== bypassKey && plainKey(e, 'Enter', ' ') && onButtonKey(e)) return;
    if (stoodDown || e.key !== 'Enter' || e === bypassKey || e.isComposing) return;
    const composer = composerForSendKey(e);
    if (!composer) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    intercept(composer, () => {
      // A site adapter knows its shortcut posts, so it presses the site's own button. The
      // generic adapter does not know that Ctrl+Enter posts on a page it has never seen, so it
      // hands the key back to the page rather than click Post for the person.
      const a = adapterOf(composer);
      const button = a.keyPresses === false ? null : a.sendButtonIn(composer);
      if (button?.isConnected) clickThrough(button, a);
      else replayKey(e);
    });
  }

  // Wake the worker (and learn the bundle's settings) when someone starts composing, so the
  // first Send does not pay for a cold start; and start the indicator for that composer.
  function onFocusIn(e) {
    if (stoodDown) return;
    const target = targetOf(e);
    const composer = found((a) => a.composerForKey(target));
    if (!composer) return;
    lastField = target;
    watch(composer);
    if (Date.now() - lastWarm < WARM_EVERY_MS) return;
    lastWarm = Date.now();
    ns.ask({ type: 'summary' }, CHECK_TIMEOUT_MS).then(
      (answer) => {
        settings = answer.summary?.settings ?? null;
      },
      () => {},
    );
  }

  window.addEventListener('click', onClick, true);
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup']) window.addEventListener(type, onPress, true);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener(
    'keyup',
    (e) => {
      if (!stoodDown && plainKey(e, 'Enter', ' ')) onButtonKey(e);
    },
    true,
  );
  window.addEventListener('focusin', onFocusIn, true);
  // Field values (subject, half-typed addresses) change without a DOM mutation.
  window.addEventListener(
    'input',
    (e) => {
      const target = targetOf(e);
      if (watched && target instanceof Node && watched.composer.contains(target)) watched.schedule();
    },
    true,
  );
})();
