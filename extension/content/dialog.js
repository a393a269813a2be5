// The consolidated "before you send" dialog and the small "checks are off" notice.
//
// Both live in a *closed* shadow root on a host element appended to <html>, outside the
// editor's DOM: the page's scripts get `null` from host.shadowRoot, so they cannot read the
// findings, and nothing about a finding is ever written to a page-visible attribute.
(() => {
  const ns = globalThis.sendwise;
  const { t } = ns;

  const CSS = `
    :host { all: initial !important; }
    * { box-sizing: border-box; }
    .backdrop {
      position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
      background: rgba(20, 24, 33, 0.45); z-index: 2147483647;
      font: 15px/1.45 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif;
      color: #1b1f24;
    }
    .dialog {
      width: min(560px, calc(100vw - 32px)); max-height: calc(100vh - 48px);
      display: flex; flex-direction: column;
      background: #fff; border-radius: 10px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
      padding: 22px 24px 18px;
    }
    /* Title and buttons stay in view; only the findings scroll when there are many. */
    .scroll { flex: 1 1 auto; min-height: 0; overflow: auto; margin: 0 -6px; padding: 0 6px; }
    h2 { font-size: 19px; margin: 0 0 6px; font-weight: 600; }
    p { margin: 0; }
    .intro { margin-bottom: 14px; color: #3b4350; }
    ul { list-style: none; margin: 0 0 12px; padding: 0; }
    li.finding { border-left: 4px solid #b36b00; background: #fff8ec; padding: 10px 12px; margin: 0 0 10px; border-radius: 0 6px 6px 0; }
    li.finding.block { border-left-color: #b3261e; background: #fdf0ef; }
    .where { font-size: 13px; color: #4a5260; margin-bottom: 4px; }
    .badge { display: inline-block; font-weight: 600; font-size: 12px; padding: 1px 7px; border-radius: 9px; background: #b36b00; color: #fff; margin-right: 6px; }
    .block .badge { background: #b3261e; }
    .excerpt { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
    .excerpt q { quotes: "\\201C" "\\201D"; }
    .message { margin-bottom: 4px; }
    .why { font-size: 13px; color: #4a5260; }
    .why ul { margin: 2px 0 0 18px; list-style: disc; }
    .clause { margin: 6px 0 0; padding: 6px 10px; border-left: 3px solid #8a93a3; background: rgba(255,255,255,0.7); font-size: 13px; }
    .clause .label { display: block; font-weight: 600; color: #4a5260; }
    .safely { font-size: 13px; margin-top: 6px; padding: 6px 10px; border-radius: 6px; background: rgba(255,255,255,0.7); }
    .note { font-size: 13px; color: #3b4350; background: #eef3fb; border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
    .reason { flex: none; margin-top: 8px; }
    .reason label { display: block; font-size: 13px; margin-bottom: 4px; }
    .reason textarea { width: 100%; min-height: 56px; font: inherit; padding: 6px 8px; border: 1px solid #8a93a3; border-radius: 6px; }
    .reason .hint { font-size: 12px; color: #4a5260; margin-top: 2px; }
    .forbid { flex: none; margin-top: 8px; font-weight: 600; color: #b3261e; margin-bottom: 10px; }
    .buttons { flex: none; display: flex; gap: 10px; justify-content: flex-end; margin-top: 14px; }
    button { font: inherit; font-weight: 600; padding: 7px 18px; border-radius: 6px; cursor: pointer; border: 1px solid #8a93a3; background: #fff; color: #1b1f24; }
    button.primary { background: #0f5bd8; border-color: #0f5bd8; color: #fff; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    button:focus { outline: 2px solid #0f5bd8; outline-offset: 2px; }
    button:focus-visible, textarea:focus-visible { outline: 3px solid #f2b90c; outline-offset: 2px; }
    .fix { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
    .fix button { padding: 4px 12px; font-size: 14px; border-color: #0f5bd8; color: #0f5bd8; }
    .fixdesc { font-size: 13px; color: #4a5260; overflow-wrap: anywhere; }
    .status { flex: none; font-size: 13px; color: #0b6b2e; margin: 0; }
    .status:empty { display: none; }
    .notice {
      position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 380px;
      display: flex; gap: 10px; align-items: flex-start;
      background: #1b1f24; color: #fff; border-radius: 8px; padding: 10px 12px;
      font: 14px/1.4 "Segoe UI", system-ui, -apple-system, Arial, sans-serif; box-shadow: 0 6px 20px rgba(0,0,0,0.3);
    }
    .notice button { padding: 2px 10px; font-size: 13px; background: transparent; color: #fff; border-color: #8a93a3; }
  `;

  /** A host outside the page's own DOM tree (on <html>) with a closed shadow root. */
  function makeHost(css = CSS, zIndex = '2147483647') {
    const host = document.createElement('div');
    // Inline styles via CSSOM are allowed under any page CSP, unlike a style="" attribute.
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('position', 'fixed', 'important');
    host.style.setProperty('z-index', zIndex, 'important');
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot adopt a sheet made in their own compartment.
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
    // Keys typed in the dialog must not reach the page's shortcuts (Outlook has many).
    for (const type of ['keydown', 'keyup', 'keypress', 'input', 'paste']) {
      root.addEventListener(type, (e) => e.stopPropagation());
    }
    document.documentElement.append(host);
    return { host, root };
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children.filter((c) => c != null));
    return node;
  }

  const FIELD_KEYS = {
    subject: 'fieldSubject',
    body: 'fieldBody',
    recipients: 'fieldRecipients',
    attachment: 'fieldAttachment',
    image: 'fieldImage',
  };

  function renderFinding(f) {
    const block = f.severity === 'block';
    const where = el(
      'p',
      { class: 'where' },
      el('span', { class: 'badge', text: t(block ? 'severityBlock' : 'severityWarn') }),
      (FIELD_KEYS[f.field] ? t(FIELD_KEYS[f.field]) : '') + (f.name ? ` (${f.name})` : ''),
    );
    // An excerpt with a position quotes the draft; without one it describes (e.g. "2 external
    // recipients in To/Cc") and must not look like something the person wrote.
    const excerpt = !f.excerpt
      ? null
      : f.start != null
        ? el('p', { class: 'excerpt' }, el('q', { text: f.excerpt }))
        : el('p', { class: 'excerpt', text: f.excerpt });
    const reasons = f.explanation?.reasons ?? [];
    const why = reasons.length
      ? el('div', { class: 'why' }, t('whyLabel'), el('ul', {}, ...reasons.map((r) => el('li', { text: r }))))
      : null;
    const clause = f.explanation?.clause
      ? el(
          'blockquote',
          { class: 'clause' },
          el('span', { class: 'label', text: t('clauseLabel') }),
          f.explanation.clause,
        )
      : null;
    // An attached file: how to send it safely, in our words beside the engine's.
    const safely = f.rule === 'sensitive-attachment' ? el('p', { class: 'safely', text: t('attachmentSafely') }) : null;
    return el(
      'li',
      { class: `finding ${block ? 'block' : 'warn'}` },
      where,
      excerpt,
      el('p', { class: 'message', text: f.message }),
      why,
      safely,
      clause,
    );
  }

  let open = null; // one dialog at a time

  /** What a fix will do, in words, so the button's effect is never a surprise. */
  function describeFix(fix, excerpt) {
    if (fix.kind === 'replace') return t('fixReplaceDescribe', [excerpt, fix.with]);
    if (fix.kind === 'move-to-bcc') return t('fixMoveDescribe', [fix.addresses.join(', ')]);
    if (fix.kind === 'remove-attachment') return t('fixRemoveAttachmentDescribe', [fix.name]);
    return '';
  }

  // The engine's label names the fix ("Use initials") in the same words as its message; the
  // strings here are for a fix the engine gives no label.
  const FIX_LABEL_KEYS = { replace: 'fixReplaceLabel', 'move-to-bcc': 'fixMoveLabel', 'remove-attachment': 'fixRemoveAttachmentLabel' };
  const knownFix = (f) => f.fix && Object.hasOwn(FIX_LABEL_KEYS, f.fix.kind);

  /**
   * Show the dialog. Resolves 'edit' or 'send'.
   *
   * - `mode: 'send'` (a Send was stopped) offers Send anyway; `'review'` (opened from the
   *   indicator) has no send at all, only a way back to the draft.
   * - `failClosed` shows the "could not check" variant, which only offers Edit.
   * - `applyFix(finding)` applies a finding's fix in the composer and checks again; it resolves
   *   to { outcome: 'applied'|'refused'|'failed', report?, caret? }. The dialog then shows the
   *   fresh findings; when none is left at warn/block, a Send that was stopped is offered as a
   *   plain Send. Nothing is sent without a click on a send button.
   * @param {{findings?: object[], notes?: string[], policyLoaded?: boolean, mode?: 'send'|'review',
   *          blockAction?: 'reason'|'forbid', failClosed?: boolean, applyFix?: Function,
   *          returnFocus?: Element}} options
   */
  ns.showDialog = ({
    findings = [],
    notes = [],
    policyLoaded = true,
    blockAction = 'reason',
    failClosed = false,
    mode = 'send',
    applyFix = null,
    returnFocus = document.activeElement,
  }) => {
    open?.close('edit');
    const { host, root } = makeHost();
    const review = mode === 'review';
    const state = { findings, notes, policyLoaded, changed: false, status: '', staleFixes: false, busy: false };
    // Where the caret goes when the person returns to the draft after a fix: just after it.
    let caret = null;
    let reasonText = '';

    const dialog = el('div', {
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'sw-title',
      'aria-describedby': 'sw-desc',
      class: 'dialog',
    });
    // A polite live region outside the re-rendered part, so "Changed to R.O." is announced.
    const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    root.append(el('div', { class: 'backdrop' }, dialog));

    let buttons = {};
    function render() {
      const stopping = state.findings;
      const hasBlock = stopping.some((f) => f.severity === 'block');
      const forbid = hasBlock && blockAction === 'forbid';
      const allClear = !failClosed && stopping.length === 0;
      let titleKey = review ? 'reviewTitle' : 'dialogTitle';
      if (failClosed) titleKey = 'failClosedTitle';
      else if (allClear) titleKey = review ? 'reviewAllClearTitle' : 'allClearTitle';
      const title = el('h2', { id: 'sw-title', text: t(titleKey) });
      const intro = el('p', { id: 'sw-desc', class: 'intro' });
      if (failClosed) intro.textContent = t('failClosedBody');
      else if (allClear) intro.textContent = t(review ? 'reviewAllClearBody' : 'allClearBody');
      else {
        const hint = review ? t('reviewHint') : t(state.changed ? 'dialogEditHintChanged' : 'dialogEditHint');
        intro.textContent = `${
          stopping.length === 1 ? t('dialogIntroOne') : t('dialogIntroMany', [String(stopping.length)])
        } ${hint}`;
      }

      const noteTexts = [...state.notes];
      if (!failClosed && !state.policyLoaded && noteTexts.length === 0) noteTexts.push(t('noPolicyLine'));
      const noteEls = noteTexts.map((n) => el('p', { class: 'note', text: n }));

      const fixButtons = [];
      const items = stopping.map((f, i) => {
        const item = renderFinding(f);
        if (applyFix && knownFix(f) && !state.staleFixes) {
          const label = f.fix.label || t(FIX_LABEL_KEYS[f.fix.kind]);
          const descId = `sw-fix-${i}`;
          const button = el('button', { type: 'button', class: 'fixbtn', 'aria-describedby': descId, text: label });
          button.disabled = state.busy;
          button.addEventListener('click', () => runFix(f));
          fixButtons.push(button);
          item.append(el('div', { class: 'fix' }, button, el('span', { id: descId, class: 'fixdesc', text: describeFix(f.fix, f.excerpt) })));
        }
        return item;
      });

      const edit = el('button', {
        type: 'button',
        class: allClear && !review ? '' : 'primary',
        text: t(review ? 'reviewCloseButton' : 'editButton'),
      });
      edit.addEventListener('click', () => close('edit'));
      let send = null;
      let reasonBox = null;
      if (!review && !failClosed && !forbid) {
        send = el('button', { type: 'button', class: allClear ? 'primary' : '', text: t(allClear ? 'sendNowButton' : 'sendAnywayButton') });
        if (hasBlock) {
          // The typed reason is a deliberate pause, not a record: it is read here and discarded.
          const textarea = el('textarea', { id: 'sw-reason', 'aria-describedby': 'sw-reason-hint' });
          textarea.value = reasonText;
          reasonBox = el(
            'div',
            { class: 'reason' },
            el('label', { for: 'sw-reason', text: t('reasonLabel') }),
            textarea,
            el('p', { id: 'sw-reason-hint', class: 'hint', text: t('reasonRequired') }),
          );
          send.disabled = reasonText.trim().length === 0;
          textarea.addEventListener('input', () => {
            reasonText = textarea.value;
            send.disabled = reasonText.trim().length === 0;
          });
        }
        send.addEventListener('click', () => {
          if (!send.disabled && !state.busy) close('send');
        });
      }
      if (state.busy && send) send.disabled = true;

      const parts = [
        title,
        intro,
        el(
          'div',
          { class: 'scroll' },
          items.length ? el('ul', { class: 'findings' }, ...items) : null,
          ...noteEls,
        ),
        status,
        // The way forward stays in view below the findings, however many there are.
        forbid ? el('p', { class: 'forbid', text: t('forbidLine') }) : null,
        reasonBox,
        el('div', { class: 'buttons' }, send, edit),
      ];
      dialog.replaceChildren(...parts.filter((p) => p != null));
      buttons = { edit, send, fixButtons, allClear };
    }

    /** Focus after a fix: the next fix, else Send once all is fixed, else Edit. */
    function focusDefault() {
      const { edit, send, fixButtons, allClear } = buttons;
      if (fixButtons.length) fixButtons[0].focus();
      else if (allClear && send && !send.disabled) send.focus();
      else edit.focus();
    }

    async function runFix(finding) {
      if (state.busy) return;
      state.busy = true;
      status.textContent = '';
      render();
      trapPaused = true; // the fix moves focus into the composer for a moment
      let result;
      try {
        result = await applyFix(finding);
      } catch (err) {
        console.error('sendwise: the fix did not work', err);
        result = { outcome: 'failed' };
      } finally {
        trapPaused = false;
      }
      if (open !== handle) return;
      state.busy = false;
      if (result.outcome === 'applied') {
        state.changed = true;
        caret = result.caret ?? caret;
      }
      if (result.report) {
        state.findings = ns.stoppingFindings(result.report);
        state.notes = result.report.notes ?? [];
        state.policyLoaded = result.report.policy_loaded;
        state.staleFixes = false;
      } else if (result.outcome === 'applied') {
        // Applied, but the draft could not be checked again: drop what was fixed, and offer
        // no more fixes, whose offsets may no longer be right.
        state.findings = state.findings.filter((f) => f !== finding);
        state.staleFixes = true;
      }
      let said;
      if (result.outcome === 'applied') {
        said =
          finding.fix.kind === 'replace'
            ? t('fixAppliedReplace', [finding.fix.with])
            : finding.fix.kind === 'remove-attachment'
              ? t('fixAppliedRemoveAttachment', [finding.fix.name])
              : t('fixAppliedMove');
        if (!result.report) said += ` ${t('fixRecheckFailed')}`;
      } else if (result.outcome === 'refused') said = t('fixRefused');
      else said = t('fixFailed');
      render();
      status.textContent = said;
      focusDefault();
    }

    let trapPaused = false;
    let resolveChoice;
    const choice = new Promise((resolve) => {
      resolveChoice = resolve;
    });
    const onKey = (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close('edit');
      } else if (e.key === 'Tab') {
        const items = [...dialog.querySelectorAll('button:not([disabled]), textarea')];
        const i = items.indexOf(root.activeElement);
        const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i + 1) % items.length;
        e.preventDefault();
        items[next]?.focus();
      }
    };
    // Focus must not wander back into the page while the dialog is open.
    const onFocusIn = (e) => {
      if (!trapPaused && e.target !== host) buttons.edit.focus();
    };
    function close(result) {
      if (open !== handle) return;
      open = null;
      document.removeEventListener('focusin', onFocusIn, true);
      host.remove();
      if (result === 'edit') {
        if (caret?.element?.isConnected) ns.restoreCaret(caret);
        else if (returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
      }
      resolveChoice(result);
    }
    const handle = { close };
    open = handle;
    dialog.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn, true);
    render();
    buttons.edit.focus(); // Edit is the default
    return choice;
  };

  const INDICATOR_CSS = `
    :host { all: initial !important; }
    .badge {
      position: fixed; z-index: 2147483646; display: inline-flex; align-items: center; gap: 6px;
      font: 600 12px/1 "Segoe UI", system-ui, -apple-system, Arial, sans-serif;
      padding: 4px 6px 4px 9px; border-radius: 12px; cursor: pointer;
      border: 1px solid #c8ccd2; background: rgba(255, 255, 255, 0.96); color: #4a5260;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12);
    }
    .badge:focus-visible { outline: 3px solid #f2b90c; outline-offset: 2px; }
    .count { min-width: 18px; height: 18px; padding: 0 5px; border-radius: 9px; display: inline-flex; align-items: center; justify-content: center; background: #e6e8eb; color: #4a5260; }
    .warn .count { background: #b36b00; color: #fff; }
    .block .count { background: #b3261e; color: #fff; }
    .off .count { background: #e6e8eb; color: #8a93a3; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    [hidden] { display: none !important; }
  `;

  /**
   * The small "things to check" indicator shown while composing. It has its own host on <html>
   * with a closed shadow root, fixed-positioned over the page beside the composer, so the
   * editor's DOM is never touched and the page cannot read the count.
   * Returns { update({count, severity, off}), place(rect), remove() }.
   */
  ns.createIndicator = ({ onOpen }) => {
    const { host, root } = makeHost(INDICATOR_CSS, '2147483646');
    const visible = el('span', { class: 'mark', 'aria-hidden': 'true', text: 'sendwise' });
    const count = el('span', { class: 'count', 'aria-hidden': 'true', text: '✓' });
    const spoken = el('span', { class: 'sr' });
    const button = el('button', { type: 'button', class: 'badge' }, visible, count, spoken);
    button.hidden = true; // until placed
    // The count is announced politely when it changes, never on every keystroke.
    const region = el('div', { role: 'status', 'aria-live': 'polite' }, button);
    root.append(region);
    button.addEventListener('click', () => onOpen());
    let said = null;
    return {
      update({ count: n = 0, severity = null, off = false }) {
        const text = off
          ? t('indicatorOff')
          : n === 0
            ? t('indicatorNone')
            : n === 1
              ? t('indicatorOne')
              : t('indicatorMany', [String(n)]);
        button.className = `badge ${off ? 'off' : n === 0 ? 'clear' : severity === 'block' ? 'block' : 'warn'}`;
        count.textContent = off ? '–' : n === 0 ? '✓' : String(n);
        button.title = text;
        if (said !== text) spoken.textContent = text; // only a change is announced
        said = text;
      },
      /** Sit inside the bottom-right corner of `rect` (the message body), within the viewport. */
      place(rect) {
        const shown = rect && rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
        button.hidden = !shown;
        if (!shown) return;
        const width = button.offsetWidth || 90;
        const height = button.offsetHeight || 24;
        const bottom = Math.min(rect.bottom, innerHeight) - 8;
        const right = Math.min(rect.right, innerWidth) - 8;
        button.style.top = `${Math.max(Math.max(rect.top, 0) + 4, bottom - height)}px`;
        button.style.left = `${Math.max(rect.left + 4, right - width)}px`;
      },
      remove() {
        host.remove();
      },
    };
  };

  let notice = null;

  /** A small, dismissible status message (used when checks could not run). */
  ns.showNotice = (text, ms = 12000) => {
    notice?.remove();
    const { host, root } = makeHost();
    notice = host;
    const close = el('button', { type: 'button', text: t('noticeClose') });
    root.append(el('div', { class: 'notice', role: 'status', 'aria-live': 'polite' }, el('p', { text }), close));
    close.addEventListener('click', () => host.remove());
    setTimeout(() => host.remove(), ms);
  };
})();
