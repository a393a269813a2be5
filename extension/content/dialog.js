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
    .notice {
      position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 380px;
      display: flex; gap: 10px; align-items: flex-start;
      background: #1b1f24; color: #fff; border-radius: 8px; padding: 10px 12px;
      font: 14px/1.4 "Segoe UI", system-ui, -apple-system, Arial, sans-serif; box-shadow: 0 6px 20px rgba(0,0,0,0.3);
    }
    .notice button { padding: 2px 10px; font-size: 13px; background: transparent; color: #fff; border-color: #8a93a3; }
  `;

  /** A host outside the page's own DOM tree (on <html>) with a closed shadow root. */
  function makeHost() {
    const host = document.createElement('div');
    // Inline styles via CSSOM are allowed under any page CSP, unlike a style="" attribute.
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('position', 'fixed', 'important');
    host.style.setProperty('z-index', '2147483647', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot adopt a sheet made in their own compartment.
      const style = document.createElement('style');
      style.textContent = CSS;
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
    return el(
      'li',
      { class: `finding ${block ? 'block' : 'warn'}` },
      where,
      excerpt,
      el('p', { class: 'message', text: f.message }),
      why,
      clause,
    );
  }

  let open = null; // one dialog at a time

  /**
   * Show the dialog. Resolves 'edit' or 'send'. `failClosed` shows the "could not check"
   * variant, which only offers Edit.
   * @param {{findings?: object[], notes?: string[], policyLoaded?: boolean,
   *          blockAction?: 'reason'|'forbid', failClosed?: boolean}} options
   */
  ns.showDialog = ({ findings = [], notes = [], policyLoaded = true, blockAction = 'reason', failClosed = false }) => {
    open?.close('edit');
    const returnFocus = document.activeElement;
    const { host, root } = makeHost();
    const hasBlock = findings.some((f) => f.severity === 'block');
    const forbid = hasBlock && blockAction === 'forbid';

    const title = el('h2', { id: 'sw-title', text: t(failClosed ? 'failClosedTitle' : 'dialogTitle') });
    const intro = el('p', { id: 'sw-desc', class: 'intro' });
    if (failClosed) intro.textContent = t('failClosedBody');
    else {
      intro.textContent = `${
        findings.length === 1 ? t('dialogIntroOne') : t('dialogIntroMany', [String(findings.length)])
      } ${t('dialogEditHint')}`;
    }

    const noteTexts = [...notes];
    if (!failClosed && !policyLoaded && noteTexts.length === 0) noteTexts.push(t('noPolicyLine'));
    const noteEls = noteTexts.map((n) => el('p', { class: 'note', text: n }));

    const edit = el('button', { type: 'button', class: 'primary', text: t('editButton') });
    let send = null;
    let reasonBox = null;
    if (!failClosed && !forbid) {
      send = el('button', { type: 'button', text: t('sendAnywayButton') });
      if (hasBlock) {
        // The typed reason is a deliberate pause, not a record: it is read here and discarded.
        const textarea = el('textarea', { id: 'sw-reason', 'aria-describedby': 'sw-reason-hint' });
        reasonBox = el(
          'div',
          { class: 'reason' },
          el('label', { for: 'sw-reason', text: t('reasonLabel') }),
          textarea,
          el('p', { id: 'sw-reason-hint', class: 'hint', text: t('reasonRequired') }),
        );
        send.disabled = true;
        textarea.addEventListener('input', () => {
          send.disabled = textarea.value.trim().length === 0;
        });
      }
    }

    const dialog = el(
      'div',
      { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'sw-title', 'aria-describedby': 'sw-desc', class: 'dialog' },
      title,
      intro,
      el(
        'div',
        { class: 'scroll' },
        findings.length ? el('ul', { class: 'findings' }, ...findings.map(renderFinding)) : null,
        ...noteEls,
      ),
      // The way forward stays in view below the findings, however many there are.
      forbid ? el('p', { class: 'forbid', text: t('forbidLine') }) : null,
      reasonBox,
      el('div', { class: 'buttons' }, send, edit),
    );
    root.append(el('div', { class: 'backdrop' }, dialog));

    return new Promise((resolve) => {
      const focusables = () => [...dialog.querySelectorAll('button:not([disabled]), textarea')];
      const onKey = (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close('edit');
        } else if (e.key === 'Tab') {
          const items = focusables();
          const i = items.indexOf(root.activeElement);
          const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i + 1) % items.length;
          e.preventDefault();
          items[next]?.focus();
        }
      };
      // Focus must not wander back into the page while the dialog is open.
      const onFocusIn = (e) => {
        if (e.target !== host) edit.focus();
      };
      function close(choice) {
        if (open !== handle) return;
        open = null;
        document.removeEventListener('focusin', onFocusIn, true);
        host.remove();
        if (choice === 'edit' && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
        resolve(choice);
      }
      const handle = { close };
      open = handle;
      dialog.addEventListener('keydown', onKey);
      document.addEventListener('focusin', onFocusIn, true);
      edit.addEventListener('click', () => close('edit'));
      send?.addEventListener('click', () => {
        if (!send.disabled) close('send');
      });
      edit.focus(); // Edit is the default
    });
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
