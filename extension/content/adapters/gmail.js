// Gmail (mail.google.com, for schools on Google Workspace): turns a compose window (the
// pop-up "New Message", a full-screen compose or an inline reply) into a Draft.
//
// Only stable, general cues are used, never Gmail's generated class names:
// - the body is the contenteditable role="textbox" labelled "Message Body" (also marked
//   g_editable="true"), the subject input name="subjectbox" (aria-label "Subject");
// - each recipient field is an element name="to" / "cc" / "bcc" holding a role="listbox" of
//   role="option" chips that carry the address in data-hovercard-id (and the name in
//   data-name), and an input role="combobox" labelled "To recipients" / "CC recipients" /
//   "BCC recipients"; older layouts keep the address in an `email` attribute or in a hidden
//   input's value. (InboxSDK reads the same: gmail-compose-view/page-parser.ts and
//   get-recipients.ts in github.com/InboxSDK/InboxSDK, after Gmail's 2021 compose update.)
// - Cc and Bcc are opened with the links labelled "Add Cc recipients ‪(Ctrl-Shift-C)‬" and
//   "Add Bcc recipients ‪(Ctrl-Shift-B)‬";
// - Send is a role="button" whose aria-label / data-tooltip is "Send ‪(Ctrl-Enter)‬" (with
//   bidi marks around the shortcut; ⌘Enter on a Mac); "Schedule send" and "More send options"
//   are other buttons;
// - attached files are chips showing the file name and its size, "(5K)", with a control
//   labelled "Remove attachment";
// - From: a hidden input name="from" holds the chosen send-as address when the account has
//   several (InboxSDK from-manager.ts); otherwise it is the signed-in account, which Gmail's
//   header names in the "Google Account: Name (address)" button.
//
// Gmail's toolbar buttons act on the press (mousedown/mouseup), not on click(), so this
// adapter says `sendsOnPress` and presses buttons the way a mouse does (see main.js).
// The adapter holds no policy logic, and changes the page only through a fix the person clicked.
(() => {
  const ns = globalThis.sendwise;
  ns.adapters ??= {};

  const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const clean = (text) => String(text ?? '').replace(BIDI, '').replace(/\s+/g, ' ').trim();

  const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
  const BODY = `${EDITABLE}[role="textbox"][aria-label*="message body" i], ${EDITABLE}[g_editable="true"]`;
  const SUBJECT = 'input[name="subjectbox"], input[aria-label="subject" i]';
  const BUTTONS = 'button, [role="button"]';
  // "Send", "Send (Ctrl-Enter)", "Send (⌘Enter)"; not "Schedule send" or "More send options".
  const SEND_LABEL = /^send\s*(\(.*\))?$/i;
  const FIELD_INPUT_LABEL = /^(to|cc|bcc)\s+recipients?$/i;
  const FIELDS = ['to', 'cc', 'bcc'];
  const REMOVE_LABEL = /^(remove|delete)\b/i;
  const BCC_TOGGLE_LABEL = /^(add\s+)?bcc(\s+recipients?)?\s*(\(.*\))?$/i;

  const labelsOf = (node) => [node.getAttribute('aria-label'), node.getAttribute('data-tooltip'), node.getAttribute('title')];
  const isShown = (node) => node.isConnected && node.getClientRects().length > 0;
  const { addressOf } = ns;

  /** Press an element as a mouse does: Gmail's controls act on mousedown/mouseup, others on click. */
  function press(node) {
    const init = { bubbles: true, cancelable: true, composed: true, button: 0, view: window };
    node.dispatchEvent(new PointerEvent('pointerdown', { ...init, buttons: 1 }));
    node.dispatchEvent(new MouseEvent('mousedown', { ...init, buttons: 1 }));
    node.dispatchEvent(new PointerEvent('pointerup', init));
    node.dispatchEvent(new MouseEvent('mouseup', init));
    node.dispatchEvent(new MouseEvent('click', init));
  }

  function isSendButton(node) {
    if (!(node instanceof Element) || !node.matches(BUTTONS)) return false;
    if (node.matches('[disabled], [aria-disabled="true"]')) return false;
    const labels = labelsOf(node).filter((l) => l != null);
    if (!labels.length) labels.push(node.textContent);
    return labels.some((label) => SEND_LABEL.test(clean(label)));
  }

  const hasSendButton = (root) => [...root.querySelectorAll(BUTTONS)].some(isSendButton);

  /** A body's compose window: its nearest ancestor that also holds a Send button. */
  function windowOfBody(body) {
    for (let n = body.parentElement; n; n = n.parentElement) if (hasSendButton(n)) return n;
    return null;
  }

  /**
   * The compose window around `node`, or null when `node` is not in one (Gmail's search box,
   * or the file input it keeps at the end of the page). A compose window is the nearest
   * ancestor of its body that holds a Send button: Gmail wraps the body in small containers
   * of its own, so "the nearest ancestor with a body" would stop short of the subject and
   * recipients, and from outside a compose window it would be the whole page.
   */
  function composerOf(node) {
    for (let n = node instanceof Element ? node : node?.parentElement; n; n = n.parentElement) {
      const bodies = n.querySelectorAll(BODY);
      if (!bodies.length) continue;
      for (const body of bodies) {
        const composer = windowOfBody(body);
        if (composer?.contains(node)) return composer;
      }
      return null;
    }
    return null;
  }

  // ---- Recipient fields ----------------------------------------------------------------

  const fieldOfInput = (node) => clean(node.getAttribute('aria-label')).match(FIELD_INPUT_LABEL)?.[1].toLowerCase() ?? null;

  /** The recipient field `field` of a composer: { container, input } or null. */
  function wellOf(composer, field) {
    const input = [...composer.querySelectorAll('input, textarea, [role="combobox"]')].find(
      (n) => n.type !== 'hidden' && (fieldOfInput(n) === field || (n.matches('textarea, input') && n.getAttribute('name') === field)),
    );
    const named = composer.querySelector(`:not(input):not(textarea)[name="${field}"]`);
    const container =
      (input && input.closest(`:not(input):not(textarea)[name="${field}"]`)) ??
      named ??
      input?.closest('[role="listbox"]') ??
      input?.parentElement ??
      null;
    if (!container || !composer.contains(container)) return null;
    return { container, input: input ?? container.querySelector('input[role="combobox"], textarea') };
  }

  /** Addresses shown in one field: chips (attributes, labels, text), hidden values, half-typed text. */
  function addressesOf(well) {
    const found = new Map();
    if (!well) return found;
    for (const node of well.container.querySelectorAll('[data-hovercard-id], [email], [role="option"]')) {
      ns.emailsIn(node.getAttribute('data-hovercard-id'), found);
      ns.emailsIn(node.getAttribute('email'), found);
      ns.emailsIn(node.getAttribute('aria-label'), found);
      ns.emailsIn(node.getAttribute('title'), found);
      if (node.matches('[role="option"]')) ns.emailsIn(node.textContent, found);
    }
    for (const input of well.container.querySelectorAll('input, textarea')) ns.emailsIn(input.value, found);
    return found;
  }

  function recipientsIn(composer) {
    const out = {};
    const seen = new Set();
    for (const field of FIELDS) {
      const well = wellOf(composer, field);
      // A container that is also another field's (a layout sendwise does not know) counts once.
      out[field] = well && !seen.has(well.container) ? [...addressesOf(well).values()] : [];
      if (well) seen.add(well.container);
    }
    return out;
  }

  const addressesIn = (composer, field) => new Set(addressesOf(wellOf(composer, field)).keys());

  /** Every address an element shows, in attributes or text. */
  function shownAddresses(node) {
    const found = ns.emailsIn(node.textContent);
    for (const n of [node, ...node.querySelectorAll('*')]) {
      for (const attr of ['data-hovercard-id', 'email', 'aria-label', 'title']) ns.emailsIn(n.getAttribute(attr), found);
    }
    return found;
  }

  /**
   * The chip showing `address` in a field, and its remove control: the smallest element around
   * the address that holds a "Remove …" control and no other address.
   */
  function pillOf(container, address) {
    for (const node of container.querySelectorAll('[data-hovercard-id], [email], [role="option"]')) {
      if (!shownAddresses(node).has(address)) continue;
      for (let n = node; n && n !== container; n = n.parentElement) {
        if (shownAddresses(n).size > 1 || n.querySelector('input:not([type="hidden"]), textarea')) break;
        const remove = [...n.querySelectorAll('[aria-label], [data-tooltip]')].find((b) => labelsOf(b).some((l) => l && REMOVE_LABEL.test(clean(l))));
        if (remove) return { pill: n, remove, name: displayName(n, address) };
      }
    }
    return null;
  }

  function displayName(pill, address) {
    const named = [pill, ...pill.querySelectorAll('[data-name]')].map((n) => clean(n.getAttribute('data-name'))).find(Boolean);
    const text = named ?? clean(pill.textContent);
    return text && text.toLowerCase() !== address && !ns.emailsIn(text).size ? text : '';
  }

  /** The Bcc field, opened with the composer's "Add Bcc recipients" link when not shown yet. */
  async function openBcc(composer) {
    const shown = () => {
      const well = wellOf(composer, 'bcc');
      return well?.input && isShown(well.input) ? well : null;
    };
    if (shown()) return shown();
    const toggle = [...composer.querySelectorAll('[role="link"], [role="button"], button, [aria-label], [data-tooltip]')].find(
      (b) => isShown(b) && !b.matches('input, textarea') && [...labelsOf(b), b.textContent].some((l) => l != null && BCC_TOGGLE_LABEL.test(clean(l))),
    );
    if (!toggle) return null;
    press(toggle);
    return ns.waitUntil(shown);
  }

  // ---- The attachment list -------------------------------------------------------------
  //
  // Gmail shows each attached file as a chip with its name, its size in brackets ("(5K)",
  // "(1.2M)") and a "Remove attachment" control (the label does not name the file, so the chip
  // is what is around the control). Labels that do name the file ("Remove pupils.xlsx",
  // "Attachment: pupils.xlsx") are read too.
  const FILE_EXT = /\.[A-Za-z0-9]{1,10}$/;
  const SIZE_RE = /(\d+(?:[.,]\d+)?)\s*(bytes?|[KMGT]i?B?|B)(?![A-Za-z])/i;
  const REMOVE_FILE = /^(?:remove|delete)\s+(?:attachment\b\s*:?\s*)?(.*)$/i;
  const seenLists = new WeakSet(); // composers whose attachment chips have been read

  function fileNameIn(label) {
    const text = clean(label).replace(/^(?:attached\s+file|attachment|file)\s*:?\s+/i, '');
    if (!text || ns.emailsIn(text).size) return null;
    const name = text.replace(/\s*\(?\s*\d+(?:[.,]\d+)?\s*(?:bytes?|[KMGT]i?B?)\s*\)?\s*$/i, '').replace(/[.\s]+(?:press|click)\b.*$/i, '').trim();
    return name && FILE_EXT.test(name) && name.length <= 260 ? name : null;
  }

  function sizeIn(text) {
    const m = clean(text).match(/\(\s*(\d+(?:[.,]\d+)?\s*(?:bytes?|[KMGT]i?B?))\s*\)/i)?.[1]?.match(SIZE_RE);
    if (!m) return null;
    return ns.bytesOf(m[1], m[2]);
  }

  /** The file name a chip shows: in a label, or as the text of one of its parts. */
  function chipFileName(chip, label) {
    const fromLabel = label && fileNameIn(label.match(REMOVE_FILE)?.[1] ?? '');
    if (fromLabel) return fromLabel;
    for (const n of [chip, ...chip.querySelectorAll('*')]) {
      for (const l of [n.getAttribute('aria-label'), n.getAttribute('title')]) {
        const name = l && !REMOVE_LABEL.test(clean(l)) && fileNameIn(l);
        if (name) return name;
      }
    }
    for (const n of chip.querySelectorAll('*')) {
      if (n.children.length) continue;
      const name = fileNameIn(n.textContent);
      if (name) return name;
    }
    return null;
  }

  /**
   * The files listed in a composer: [{ name, size (bytes, approximate, or null), remove }];
   * [] once this composer has shown chips and shows none now; null when there is nothing to go by.
   */
  function attachmentsIn(composer) {
    const controls = [...composer.querySelectorAll('[aria-label], [data-tooltip]')].filter((n) =>
      labelsOf(n).some((l) => l && /^(remove|delete)\s+attachment\b/i.test(clean(l))),
    );
    const removeOf = (n) => labelsOf(n).find((l) => l && REMOVE_FILE.test(clean(l)));
    // Also "Remove <file name>" controls, outside the recipient fields.
    for (const n of composer.querySelectorAll(BUTTONS)) {
      const label = removeOf(n);
      if (!controls.includes(n) && label && fileNameIn(clean(label).match(REMOVE_FILE)[1]) && !n.closest('[role="listbox"], [role="option"]')) controls.push(n);
    }
    const items = [];
    for (const remove of controls) {
      // The chip: the smallest element around the control that shows a file name, and holds
      // no other such control (and no editor: never read the body as a file chip).
      const label = clean(removeOf(remove));
      let name = null;
      let chip = remove;
      for (let n = remove; n && n !== composer; n = n.parentElement) {
        if (controls.some((c) => c !== remove && n.contains(c)) || n.querySelector(BODY) || n.matches(BODY)) break;
        chip = n;
        name = chipFileName(n, label);
        if (name) break;
      }
      if (name) items.push({ name, size: sizeIn(chip.textContent) ?? sizeIn(labelsOf(chip).join(' ')), remove });
    }
    if (items.length) {
      seenLists.add(composer);
      return items;
    }
    return seenLists.has(composer) ? [] : null;
  }

  /** The From address: the chosen send-as address, else the signed-in account. */
  function fromOf(composer) {
    const input = composer.querySelector('input[name="from"]');
    const chosen = addressOf(input?.value);
    if (chosen) return chosen;
    const row = composer.querySelector('[aria-label^="from" i]');
    const shown = row && addressOf(`${row.textContent} ${row.getAttribute('aria-label')}`);
    if (shown) return shown;
    const account = document.querySelector('[aria-label^="Google Account:" i]');
    return (account && addressOf(account.getAttribute('aria-label'))) ?? '';
  }

  ns.adapters.gmail = {
    site: 'gmail',
    channel: 'email',
    sendsOnPress: true,
    press,

    attachmentsIn,

    /** Remove the listed file with its own "Remove attachment" control; true once it is gone. */
    async removeAttachment(composer, name) {
      const listed = () => (attachmentsIn(composer) ?? []).filter((a) => a.name === name);
      const before = listed();
      const item = before.find((a) => a.remove && isShown(a.remove));
      if (!item || before.length !== 1) return false; // two files of that name: which one?
      press(item.remove);
      return !!(await ns.waitUntil(() => listed().length === 0));
    },

    sendButtonAt(target) {
      const button = target instanceof Element ? target.closest(BUTTONS) : null;
      return button && isSendButton(button) && composerOf(button) ? button : null;
    },

    composerOf,

    /** Only keys pressed in the draft's own fields: Ctrl+Enter in Gmail's search box is not a Send. */
    composerForKey(target) {
      if (!(target instanceof Element)) return null;
      const inDraft =
        target.closest(BODY) ||
        target.matches(SUBJECT) ||
        (target.matches('input, textarea, [role="combobox"]') && (fieldOfInput(target) || FIELDS.includes(target.getAttribute('name'))));
      return inDraft ? composerOf(target) : null;
    },

    sendButtonIn(composer) {
      return [...composer.querySelectorAll(BUTTONS)].find(isSendButton) ?? null;
    },

    indicatorAnchor(composer) {
      return composer.querySelector(BODY);
    },

    replaceText(composer, fix, expected) {
      return ns.replaceInEmail(composer, fix, expected, { subject: SUBJECT, body: BODY });
    },

    /** Move these To/Cc recipients to Bcc, as a person would (see ns.moveToBcc in shared.js). */
    moveToBcc(composer, addresses) {
      const parts = { addressesIn, wellOf, pillOf, openBcc, entryFor: ns.recipientEntry, addressOf, press };
      return ns.moveToBcc(composer, addresses, parts);
    },

    /** The draft as the engine reads it. Reads only; never changes the page. */
    draftOf(composer) {
      const body = composer.querySelector(BODY);
      const subject = composer.querySelector(SUBJECT);
      return {
        channel: 'email',
        site: 'gmail',
        from: fromOf(composer),
        ...recipientsIn(composer),
        subject: subject?.value ?? '',
        // A quoted reply is part of the body once shown ("Show trimmed content"); Gmail keeps
        // a trimmed quote out of the editor, and the adapter does not press that button.
        body: body ? ns.textModel(body).text : '',
        html: null,
        attachments: [],
        images: [],
      };
    },
  };
})();
