// Outlook on the web: turns a compose window into a Draft and finds its Send button.
//
// Only stable, general cues are used (roles, aria-labels, contenteditable, button labels),
// never Outlook's generated class names or ids, so a redesign degrades coverage rather than
// breaking it. The adapter holds no policy logic: the engine decides what matters.
(() => {
  const ns = globalThis.sendwise;
  ns.adapters ??= {};

  const BODY =
    '[contenteditable]:not([contenteditable="false"])[role="textbox"],' +
    '[contenteditable]:not([contenteditable="false"])[aria-label*="message body" i]';
  const SUBJECT = 'input[aria-label*="subject" i], input[placeholder*="subject" i]';
  // "Send" and "Send (Ctrl+Enter)"; not "Send later", "Sending options" or "Send anyway".
  const SEND_LABEL = /^\s*send\s*(\(.*\))?\s*$/i;
  const WELL_LABEL = /^\s*(to|cc|bcc)\s*(:|recipients?)?\s*$/i;

  function isSendButton(node) {
    if (!(node instanceof Element)) return false;
    if (node.matches('[disabled], [aria-disabled="true"]')) return false;
    return [node.getAttribute('aria-label'), node.getAttribute('title'), node.textContent].some(
      (label) => label != null && SEND_LABEL.test(label),
    );
  }

  /** The nearest ancestor of `node` that holds a message body editor: the compose window. */
  function composerOf(node) {
    for (let n = node instanceof Element ? node : node?.parentElement; n; n = n.parentElement) {
      if (n.querySelector(BODY)) return n;
    }
    return null;
  }

  function* ancestors(node) {
    for (let n = node; n; n = n.parentElement) yield n;
  }

  function fieldOf(node) {
    if (!node.hasAttribute('aria-label') || node.matches('button, [role="button"]')) return null;
    return node.getAttribute('aria-label').match(WELL_LABEL)?.[1].toLowerCase() ?? null;
  }

  /**
   * Addresses per recipient field. Each address is credited to the nearest labelled well
   * above it, so an input labelled "To" inside a well labelled "To" (as Outlook does) or a
   * container holding several wells does not put an address in the wrong field.
   */
  function recipientsIn(composer) {
    const out = { to: new Map(), cc: new Map(), bcc: new Map() };
    const nearestField = (node) => {
      for (const n of ancestors(node)) {
        if (n === composer) return null;
        const field = fieldOf(n);
        if (field) return field;
      }
      return null;
    };
    for (const node of composer.querySelectorAll('*')) {
      const field = nearestField(node);
      if (!field) continue;
      const found = out[field];
      const ownText = [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.data).join('');
      ns.emailsIn(ownText, found);
      ns.emailsIn(node.getAttribute('title'), found);
      if (!fieldOf(node)) ns.emailsIn(node.getAttribute('aria-label'), found);
      if (node instanceof HTMLInputElement) ns.emailsIn(node.value, found);
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v.values()]]));
  }

  ns.adapters.outlook = {
    site: 'outlook',

    /** The Send button `target` is (or is inside), if it belongs to a compose window. */
    sendButtonAt(target) {
      const button = target instanceof Element ? target.closest('button, [role="button"]') : null;
      return button && isSendButton(button) && composerOf(button) ? button : null;
    },

    composerOf,

    /**
     * The compose window a keyboard shortcut was pressed in, but only when it was pressed in
     * one of the draft's own fields: Ctrl+Enter in Outlook's search box is not a Send.
     */
    composerForKey(target) {
      if (!(target instanceof Element)) return null;
      const inDraft =
        target.closest(BODY) || target.matches(SUBJECT) || [...ancestors(target)].some((n) => fieldOf(n));
      return inDraft ? composerOf(target) : null;
    },

    /** The compose window's own Send button (for Ctrl+Enter, which has no button target). */
    sendButtonIn(composer) {
      return [...composer.querySelectorAll('button, [role="button"]')].find(isSendButton) ?? null;
    },

    /** The draft as the engine reads it. Reads only; never changes the page. */
    draftOf(composer) {
      const body = composer.querySelector(BODY);
      const subject = composer.querySelector(SUBJECT);
      const draft = {
        channel: 'email',
        site: 'outlook',
        from: '',
        to: [],
        cc: [],
        bcc: [],
        subject: subject?.value ?? '',
        // innerText gives the text as laid out (line breaks for blocks), which is what the
        // person sees and what finding offsets will later be mapped back onto.
        body: body?.innerText ?? '',
        html: null,
        attachments: [],
        images: [],
      };
      Object.assign(draft, recipientsIn(composer));
      const from = composer.querySelector('[aria-label^="from" i]');
      if (from) {
        const found = ns.emailsIn(`${from.textContent} ${from.getAttribute('aria-label')} ${from.getAttribute('title') ?? ''}`);
        draft.from = found.values().next().value ?? '';
      }
      return draft;
    },
  };
})();
