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

  const REMOVE_LABEL = /^\s*(remove|delete)\b/i;
  const BCC_TOGGLE_LABEL = /^\s*(show\s+|add\s+)?bcc\s*$/i;

  const labelsOf = (node) => [node.getAttribute('aria-label'), node.getAttribute('title'), node.textContent];
  const isShown = (node) => node.isConnected && node.getClientRects().length > 0;
  const { addressOf } = ns;

  /** The labelled container of a recipient field ("To", "Cc", "Bcc"), and its entry field. */
  function wellOf(composer, field) {
    const labelled = [...composer.querySelectorAll('[aria-label]')].filter((n) => fieldOf(n) === field);
    // The outermost labelled element holds the pills; Outlook also labels the input inside it.
    const container = labelled.find((n) => !labelled.some((m) => m !== n && m.contains(n)));
    if (!container) return null;
    const entries = [container, ...container.querySelectorAll('*')].filter(
      (n) =>
        n instanceof HTMLInputElement ||
        n.matches('[role="combobox"], [contenteditable]:not([contenteditable="false"])'),
    );
    const input = entries.filter(isShown).pop() ?? null;
    return { container, input };
  }

  /** Lower-cased addresses shown in a well (pills and any half-typed text). */
  function addressesIn(composer, field) {
    return new Set(recipientsIn(composer)[field].map((a) => a.toLowerCase()));
  }

  /**
   * The pill showing `address` in `container`, and a way to remove it: the smallest element
   * around the address that holds a "Remove …" control and no other address.
   */
  function pillOf(container, address) {
    for (const node of container.querySelectorAll('*')) {
      const own = [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.data).join('');
      const found = [own, node.getAttribute('title'), node.getAttribute('aria-label')].some(
        (text) => text && ns.emailsIn(text).has(address),
      );
      if (!found || node.matches('input')) continue;
      for (let n = node; n && n !== container; n = n.parentElement) {
        const shown = ns.emailsIn(`${n.textContent} ${[...n.querySelectorAll('*'), n].map((m) => `${m.title} ${m.getAttribute('aria-label') ?? ''}`).join(' ')}`);
        if (shown.size > 1) break;
        const remove = [...n.querySelectorAll('button, [role="button"]')].find((b) =>
          [b.getAttribute('aria-label'), b.getAttribute('title')].some((l) => l != null && REMOVE_LABEL.test(l)),
        );
        if (remove) return { pill: n, remove, name: displayName(n, remove, address) };
      }
    }
    return null;
  }

  function displayName(pill, remove, address) {
    const text = [...pill.childNodes]
      .filter((c) => c !== remove && !(c instanceof Element && c.contains(remove)))
      .map((c) => c.textContent)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return text && text.toLowerCase() !== address && !ns.emailsIn(text).size ? text : '';
  }

  /** The Bcc well, opened with the composer's "Bcc" button when it is not shown yet. */
  async function openBcc(composer) {
    const shown = () => {
      const well = wellOf(composer, 'bcc');
      return well?.input && isShown(well.input) ? well : null;
    };
    if (shown()) return shown();
    const toggle = [...composer.querySelectorAll('button, [role="button"]')].find(
      (b) => isShown(b) && labelsOf(b).some((l) => l != null && BCC_TOGGLE_LABEL.test(l)),
    );
    if (!toggle) return null;
    toggle.click();
    return ns.waitUntil(shown);
  }

  // ---- The attachment list -------------------------------------------------------------
  //
  // Outlook shows each attached file as an item labelled with its name and size ("pupils.xlsx
  // 5 KB"), with a control to remove it ("Remove pupils.xlsx"). Both are general cues: an
  // element with role listitem/option or an aria-label/title holding a file name with an
  // extension and a size, and a button labelled "Remove <file>". Recipient pills are told
  // apart by their email address.
  const FILE_EXT = /\.[A-Za-z0-9]{1,10}$/;
  const SIZE_RE = /(\d+(?:[.,]\d+)?)\s*(bytes?|[KMGT]i?B|B)(?![A-Za-z])/i;
  const REMOVE_FILE = /^\s*(?:remove|delete)\s+(?:attachment\s*:?\s*)?(.+?)\s*$/i;
  const ATTACHMENT_AREA = /\battachments?\b/i;

  /** A file name from a label: the text before the size, without an "Attachment:" prefix. */
  function fileNameIn(label) {
    if (!label || ns.emailsIn(label).size) return null;
    const size = label.match(SIZE_RE);
    let name = (size ? label.slice(0, size.index) : label).replace(/[\s,;:()\-–]+$/, '').trim();
    name = name.replace(/^\s*(?:attached\s+file|attachment|file)\s*:?\s+/i, '').trim();
    return name && FILE_EXT.test(name) && name.length <= 260 ? name : null;
  }

  /** Bytes from a size shown as "5 KB", "2.4 MB" or "812 bytes"; null when none is shown. */
  function sizeIn(label) {
    const m = label?.match(SIZE_RE);
    if (!m) return null;
    return ns.bytesOf(m[1], m[2]);
  }

  /**
   * The files listed in a composer: [{ name, size (bytes, approximate, or null), remove }],
   * or null when the composer shows no attachment list or item at all (nothing to go by).
   */
  function attachmentsIn(composer) {
    const items = [];
    for (const node of composer.querySelectorAll('[role="listitem"], [role="option"], [aria-label], [title]')) {
      if (node.matches('button, [role="button"], input, [contenteditable]')) continue;
      for (const label of [node.getAttribute('aria-label'), node.getAttribute('title')]) {
        if (!label || sizeIn(label) == null) continue;
        const name = fileNameIn(label);
        if (name) {
          items.push({ node, name, size: sizeIn(label), remove: null });
          break;
        }
      }
    }
    // One item per file: an element inside another item for the same file is part of it.
    const outer = items.filter((a) => !items.some((b) => b !== a && b.name === a.name && b.node.contains(a.node)));
    for (const button of composer.querySelectorAll('button, [role="button"]')) {
      const label = [button.getAttribute('aria-label'), button.getAttribute('title')].find((l) => l && REMOVE_FILE.test(l));
      const name = label && fileNameIn(label.match(REMOVE_FILE)[1]);
      if (!name) continue;
      const item = outer.find((a) => a.name === name && a.node.contains(button));
      if (item) item.remove = button;
      else if (!outer.some((a) => a.name === name && !a.remove)) outer.push({ node: button, name, size: null, remove: button });
    }
    if (outer.length) return outer.map(({ name, size, remove }) => ({ name, size, remove }));
    const area = [...composer.querySelectorAll('[role="list"], [role="listbox"], [role="region"], [role="group"]')].some((n) =>
      ATTACHMENT_AREA.test(n.getAttribute('aria-label') ?? ''),
    );
    return area ? [] : null;
  }

  ns.adapters.outlook = {
    site: 'outlook',

    attachmentsIn,

    /**
     * Remove the listed file `name` with the composer's own "Remove <name>" control, and
     * resolve to true once it is no longer listed (false: no such control, nothing changed).
     */
    async removeAttachment(composer, name) {
      const listed = () => (attachmentsIn(composer) ?? []).filter((a) => a.name === name);
      const before = listed();
      const item = before.find((a) => a.remove && isShown(a.remove));
      if (!item || before.length !== 1) return false; // two files of that name: which one?
      item.remove.click();
      return !!(await ns.waitUntil(() => listed().length === 0));
    },

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

    /** The element the "things to check" indicator sits beside: the message body. */
    indicatorAnchor(composer) {
      return composer.querySelector(BODY);
    },

    /**
     * Apply a `replace` fix if the text at start..end is still `expected` (what was checked).
     * Returns { element, range } for the caret afterwards, or null when refused.
     */
    replaceText(composer, fix, expected) {
      return ns.replaceInEmail(composer, fix, expected, { subject: SUBJECT, body: BODY });
    },

    /** Move these To/Cc recipients to Bcc, as a person would (see ns.moveToBcc in shared.js). */
    moveToBcc(composer, addresses) {
      const parts = { addressesIn, wellOf, pillOf, openBcc, entryFor: ns.recipientEntry, addressOf, press: (control) => control.click() };
      return ns.moveToBcc(composer, addresses, parts);
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
        // Built from the text nodes with the breaks blocks and <br> add (see shared.js), so a
        // finding's offsets map back onto the DOM when the person asks for a fix.
        body: body ? ns.textModel(body).text : '',
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
