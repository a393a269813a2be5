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
  let lastField = null; // the draft field last focused, to return to from the indicator

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

  /** Check a composer's draft; resolves to { draft, answer } or rejects like ns.ask. */
  async function checkDraft(composer) {
    const draft = adapter.draftOf(composer);
    const answer = await ns.ask({ type: 'check', draft }, CHECK_TIMEOUT_MS);
    settings = answer.settings ?? null;
    if (watched?.composer === composer) watched.show(answer.report);
    return { draft, answer };
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
        caret = consistent ? adapter.replaceText(composer, fix, expected) : null;
        outcome = caret ? 'applied' : 'refused';
      } else if (fix.kind === 'move-to-bcc') {
        outcome = (await adapter.moveToBcc(composer, fix.addresses)) ? 'applied' : 'failed';
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

  async function intercept(composer, proceed) {
    if (busy) return;
    busy = true;
    try {
      let checked;
      try {
        checked = await checkDraft(composer);
      } catch (err) {
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
    const anchor = () => adapter.indicatorAnchor(composer);
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
        await checkDraft(composer);
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
    const returnFocus = lastField?.isConnected ? lastField : adapter.indicatorAnchor(composer);
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
  // first Send does not pay for a cold start; and start the indicator for that composer.
  function onFocusIn(e) {
    const composer = adapter.composerForKey(e.target);
    if (!composer) return;
    lastField = e.target;
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
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('focusin', onFocusIn, true);
  // Field values (subject, half-typed addresses) change without a DOM mutation.
  window.addEventListener(
    'input',
    (e) => {
      if (watched && e.target instanceof Node && watched.composer.contains(e.target)) watched.schedule();
    },
    true,
  );
})();
