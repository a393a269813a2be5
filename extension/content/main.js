// Intercepts Send in the compose window, asks the worker to check the draft, and either lets
// the original send go through untouched or shows the dialog.
//
// Listeners sit on window in the capture phase and are added at document_start, so they run
// before the page's own handlers. A clean draft is re-sent by clicking the same Send button
// once more with a one-shot bypass, which is the page's own send path; nothing the person typed
// is read for anything but the check, and nothing is changed.
(() => {
  const ns = globalThis.sendwise;
  // One adapter for now; a site -> adapter table (and the generic composer) comes with Gmail.
  const adapter = ns.adapters.outlook;
  // Long enough for a cold worker start (wasm compile ~100 ms), short enough that a stuck
  // engine never holds up an email for long.
  const CHECK_TIMEOUT_MS = 1500;
  const WARM_EVERY_MS = 20000;

  let settings = null; // the bundle's settings from the last answer: {block_action, fail_closed}
  let bypassButton = null; // the Send button we are clicking ourselves, for one click
  let bypassKey = null; // the synthetic key event we are replaying ourselves
  let busy = false; // a check or dialog is in progress: swallow repeated Sends
  let lastWarm = 0;

  function clickThrough(button) {
    bypassButton = button;
    try {
      button.click();
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
      original.target.dispatchEvent(replay);
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

  async function intercept(composer, proceed) {
    if (busy) return;
    busy = true;
    try {
      let answer;
      try {
        answer = await ns.ask({ type: 'check', draft: adapter.draftOf(composer) }, CHECK_TIMEOUT_MS);
      } catch (err) {
        console.warn('sendwise: the check did not run:', err?.message ?? err);
        // The worker answered but could not check: its word on settings is current. On a
        // timeout there is no answer, so the last known settings stand.
        if (err?.response) settings = err.response.settings ?? null;
        if (settings?.fail_closed) await ns.showDialog({ failClosed: true });
        else failOpen(proceed);
        return;
      }
      settings = answer.settings ?? null;
      const report = answer.report;
      const stopping = ns.stoppingFindings(report);
      if (stopping.length === 0) {
        proceed();
        return;
      }
      let choice;
      try {
        choice = await ns.showDialog({
          findings: stopping,
          notes: report.notes ?? [],
          policyLoaded: report.policy_loaded,
          blockAction: settings?.block_action ?? 'reason',
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
    }
  }

  function onClick(e) {
    const button = adapter.sendButtonAt(e.target);
    if (!button || button === bypassButton) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const composer = adapter.composerOf(button);
    intercept(composer, () => {
      if (button.isConnected) clickThrough(button);
    });
  }

  function onKeyDown(e) {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    if (e === bypassKey) return;
    const composer = adapter.composerForKey(e.target);
    if (!composer) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    intercept(composer, () => {
      const button = adapter.sendButtonIn(composer);
      if (button?.isConnected) clickThrough(button);
      else replayKey(e);
    });
  }

  // Wake the worker (and learn the bundle's settings) when someone starts composing, so the
  // first Send does not pay for a cold start.
  function onFocusIn(e) {
    if (Date.now() - lastWarm < WARM_EVERY_MS || !adapter.composerForKey(e.target)) return;
    lastWarm = Date.now();
    ns.ask({ type: 'summary' }, CHECK_TIMEOUT_MS).then(
      (answer) => {
        settings = answer.summary?.settings ?? null;
      },
      () => {},
    );
  }

  window.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('focusin', onFocusIn, true);
})();
