// Small helpers shared by the content scripts (classic scripts, loaded in manifest order).
// Everything hangs off one object in the extension's isolated world; the page cannot see it.
(() => {
  const ns = (globalThis.sendwise ??= {});
  const { api } = globalThis.sendwisePlatform;

  // Liberal on purpose: recipient chips show addresses in text, title or aria-label, and a
  // miss here means a missed check. The engine decides what the addresses mean.
  const EMAIL_RE = /[A-Z0-9._%+'-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;

  /** Every email address in `text`, in order, without duplicates (case-insensitive). */
  ns.emailsIn = (text, into = new Map()) => {
    for (const m of String(text ?? '').matchAll(EMAIL_RE)) {
      const key = m[0].toLowerCase();
      if (!into.has(key)) into.set(key, m[0]);
    }
    return into;
  };

  class Timeout extends Error {}
  ns.Timeout = Timeout;

  /**
   * Send a message to the service worker; rejects on timeout, on a worker error, or when the
   * extension has been reloaded under this page (the old content script is orphaned then).
   */
  ns.ask = (message, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Timeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
      let sent;
      try {
        sent = api.runtime.sendMessage(message);
      } catch (err) {
        clearTimeout(timer);
        reject(err);
        return;
      }
      Promise.resolve(sent).then(
        (response) => {
          clearTimeout(timer);
          if (response?.ok) resolve(response);
          else reject(Object.assign(new Error(response?.error ?? 'no answer from the extension'), { response }));
        },
        (err) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });

  /** Findings that must stop a send (info never interrupts). */
  ns.stoppingFindings = (report) =>
    (report?.findings ?? []).filter((f) => f.severity === 'warn' || f.severity === 'block');

  /** The localised string for a key (see _locales/). */
  ns.t = (key, subs) => globalThis.sendwisePlatform.t(key, subs);
  // ---- Editable text: what the engine reads, and the way back to the DOM -------------------
  //
  // The engine reports offsets in Unicode scalar values into the text the adapter sent. For a
  // rich-text body that text is built here, by walking text nodes and adding the line breaks
  // that block elements and <br> make, and for every character we keep the text node and
  // UTF-16 offset it came from. A finding's start..end then maps back to a DOM Range exactly,
  // whatever formatting sits in between. (innerText cannot be mapped back, and differs
  // between browsers in how it counts block breaks.)

  const BLOCK = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET',
    'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
    'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
    'THEAD', 'TR', 'UL',
  ]);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'svg']);
  const COLLAPSIBLE = /[ \t\n\r\f]/;

  /**
   * The text of a contenteditable `root` as the engine reads it, with `chars[i]` = the DOM
   * place of code point i: { node, offset, length } (UTF-16 units in node.data), or null for a
   * line break we added.
   */
  ns.textModel = (root) => {
    const cps = []; // code points
    const chars = [];
    const whiteSpace = new Map(); // element -> computed white-space, once per element
    let pendingBreak = false;
    const last = () => cps[cps.length - 1];
    const breakLine = (place = null) => {
      cps.push('\n');
      chars.push(place);
    };
    const flushBreak = () => {
      if (pendingBreak && cps.length && last() !== '\n') breakLine();
      pendingBreak = false;
    };
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement ?? root;
        if (!whiteSpace.has(parent)) whiteSpace.set(parent, getComputedStyle(parent).whiteSpace);
        const ws = whiteSpace.get(parent);
        const keepSpaces = ws.startsWith('pre') || ws === 'break-spaces';
        const keepBreaks = keepSpaces || ws === 'pre-line';
        const data = node.data;
        let i = 0;
        for (const cp of data) {
          const offset = i;
          i += cp.length;
          if (cp === '\n' && keepBreaks) {
            flushBreak();
            breakLine({ node, offset, length: 1 });
            continue;
          }
          if (!keepSpaces && COLLAPSIBLE.test(cp)) {
            // Collapsible white space: one space per run, none at the start of a line.
            if (pendingBreak || !cps.length || last() === ' ' || last() === '\n') continue;
            cps.push(' ');
            chars.push({ node, offset, length: cp.length });
            continue;
          }
          flushBreak();
          cps.push(cp);
          chars.push({ node, offset, length: cp.length });
        }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.tagName) || node.hidden) return;
      if (node.tagName === 'BR') {
        flushBreak();
        breakLine();
        return;
      }
      if (node.tagName === 'IMG' || node.getAttribute('contenteditable') === 'false') return;
      if (getComputedStyle(node).display === 'none') return;
      const block = BLOCK.has(node.tagName);
      if (block) pendingBreak = true;
      for (const child of node.childNodes) visit(child);
      if (block) pendingBreak = true;
    };
    for (const child of root.childNodes) visit(child);
    return { text: cps.join(''), codePoints: cps, chars };
  };

  /** The DOM Range for code points start..end of a text model, or null if it has no place. */
  ns.rangeOf = (model, start, end) => {
    const first = model.chars[start];
    const lastChar = model.chars[end - 1];
    if (!(end > start) || !first || !lastChar) return null;
    const range = document.createRange();
    range.setStart(first.node, first.offset);
    range.setEnd(lastChar.node, lastChar.offset + lastChar.length);
    return range;
  };

  /** Code points start..end of `text` (engine offsets are scalar values, JS strings UTF-16). */
  ns.slice = (text, start, end) => Array.from(String(text ?? '')).slice(start, end).join('');

  // execCommand is deprecated but remains the one way to change an editor's text that goes
  // through the editor's own undo stack (Ctrl+Z) and input events in Chromium and Firefox;
  // Range/setRangeText edits are invisible to undo. It is only a fallback when unavailable.
  function insertText(text) {
    try {
      return document.execCommand('insertText', false, text);
    } catch {
      return false;
    }
  }

  /**
   * Replace code points start..end of a contenteditable's text with `replacement`, only if the
   * text there is still `expected`. Returns the caret range after the change, or null (refused).
   */
  ns.replaceInEditable = (root, start, end, expected, replacement) => {
    const model = ns.textModel(root);
    if (model.codePoints.slice(start, end).join('') !== expected) return null;
    const range = ns.rangeOf(model, start, end);
    if (!range) return null;
    root.focus({ preventScroll: true });
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (!insertText(replacement)) {
      range.deleteContents();
      const node = document.createTextNode(replacement);
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: replacement }));
    }
    return selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
  };

  /** The same for an <input> or <textarea>. Returns true when replaced. */
  ns.replaceInInput = (input, start, end, expected, replacement) => {
    const cps = Array.from(input.value);
    if (cps.slice(start, end).join('') !== expected) return false;
    const from = cps.slice(0, start).join('').length;
    const to = from + expected.length;
    input.focus({ preventScroll: true });
    input.setSelectionRange(from, to);
    if (!insertText(replacement) || input.value === cps.join('')) {
      input.setRangeText(replacement, from, to, 'end');
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: replacement }));
    }
    return true;
  };

  /** Type `text` at the end of an input-like field (an <input> or a contenteditable combobox). */
  ns.typeInto = (field, text) => {
    field.focus({ preventScroll: true });
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      const end = field.value.length;
      field.setSelectionRange(end, end);
      const before = field.value;
      if (!insertText(text) || field.value === before) {
        field.setRangeText(text, end, end, 'end');
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      }
      return;
    }
    const selection = getSelection();
    const range = document.createRange();
    range.selectNodeContents(field);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    if (!insertText(text)) {
      field.append(text);
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
  };

  /** A key press as a page's own handlers see it (for "Enter turns the address into a pill"). */
  ns.pressKey = (target, key, code = key) => {
    for (const type of ['keydown', 'keyup']) {
      target.dispatchEvent(new KeyboardEvent(type, { key, code, bubbles: true, cancelable: true, composed: true }));
    }
  };

  /** Resolves when `test()` is truthy (polled), or to null after `ms`. */
  ns.waitUntil = async (test, ms = 1500) => {
    const end = performance.now() + ms;
    for (;;) {
      const value = test();
      if (value) return value;
      if (performance.now() > end) return null;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  // ---- Helpers the email adapters (Outlook, Gmail) share ---------------------------------

  /** The first address in a text, lower case, or null. */
  ns.addressOf = (text) => ns.emailsIn(text).keys().next().value ?? null;

  /** How a recipient is typed into an address field: `Name <address>` keeps the display name. */
  ns.recipientEntry = (name, address) => {
    if (!name) return address;
    return /[,;<>"@]/.test(name) ? `"${name.replace(/"/g, '')}" <${address}>` : `${name} <${address}>`;
  };

  const SIZE_UNITS = {
    b: 1, byte: 1, bytes: 1,
    k: 1024, kb: 1024, kib: 1024,
    m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2,
    g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3,
    t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4,
  };
  /** Bytes from a size as a composer shows it, number and unit ("2,4" "MB"; "5" "K"), or null. */
  ns.bytesOf = (number, unit) => {
    const k = SIZE_UNITS[String(unit).toLowerCase()];
    return k ? Math.round(Number(String(number).replace(',', '.')) * k) : null;
  };

  /**
   * Apply a `replace` fix to an email composer's subject input or rich-text body (found with
   * the adapter's selectors) if the text at start..end is still `expected` (what was checked).
   * Returns { element, range } for the caret afterwards, or null when refused.
   */
  ns.replaceInEmail = (composer, fix, expected, { subject, body }) => {
    if (fix.field === 'subject') {
      const input = composer.querySelector(subject);
      if (!input || !ns.replaceInInput(input, fix.start, fix.end, expected, fix.with)) return null;
      return { element: input, range: null };
    }
    if (fix.field === 'body') {
      const editor = composer.querySelector(body);
      const range = editor && ns.replaceInEditable(editor, fix.start, fix.end, expected, fix.with);
      return range ? { element: editor, range } : null;
    }
    return null;
  };

  /**
   * Move these To/Cc recipients to Bcc the way a person would: open the Bcc field, type each
   * address and press Enter, see its pill appear, and only then remove the pill from To/Cc.
   * Nothing is removed unless every address made it into Bcc; if one does not, the pills
   * added so far are taken out again, so no recipient is ever lost or doubled. Resolves to
   * true when done, false when refused (nothing changed). An email adapter gives the parts it
   * reads its own page with: `addressesIn(composer, field)` (lower-cased Set), `wellOf(composer,
   * field)` ({ container, input }), `pillOf(container, address)` ({ pill, remove, name }),
   * `openBcc(composer)` (the Bcc well, opened), `entryFor(name, address)` (the text to type),
   * `addressOf(text)` and `press(control)` (a click, as the site's controls take it).
   */
  ns.moveToBcc = async (composer, addresses, parts) => {
    const { addressesIn, wellOf, pillOf, openBcc, entryFor, addressOf, press } = parts;
    const wanted = [...new Set(addresses.map(addressOf).filter(Boolean))];
    const sources = [];
    for (const address of wanted) {
      for (const field of ['to', 'cc']) {
        if (!addressesIn(composer, field).has(address)) continue;
        const well = wellOf(composer, field);
        const pill = well && pillOf(well.container, address);
        if (!pill) return false; // shown but not removable (e.g. still being typed)
        sources.push({ address, field, ...pill });
      }
    }
    if (!sources.length) return false;
    const bcc = await openBcc(composer);
    if (!bcc?.input) return false;
    const added = [];
    const undo = async (address) => {
      for (const p of added) if (p.remove.isConnected) press(p.remove);
      const input = wellOf(composer, 'bcc')?.input;
      if (input instanceof HTMLInputElement && ns.emailsIn(input.value).has(address)) {
        input.select();
        document.execCommand('delete');
      }
      await ns.waitUntil(() => added.every((p) => !addressesIn(composer, 'bcc').has(p.address)));
    };
    for (const address of wanted) {
      if (addressesIn(composer, 'bcc').has(address)) continue; // already there: just remove
      const name = sources.find((s) => s.address === address)?.name ?? '';
      const input = wellOf(composer, 'bcc')?.input;
      if (!input) {
        await undo(address);
        return false;
      }
      ns.typeInto(input, entryFor(name, address));
      ns.pressKey(input, 'Enter');
      const pill = await ns.waitUntil(() => {
        const well = wellOf(composer, 'bcc');
        return well && pillOf(well.container, address);
      });
      if (!pill) {
        await undo(address);
        return false;
      }
      added.push({ ...pill, address });
    }
    for (const source of sources) {
      if (source.remove.isConnected) press(source.remove);
    }
    return !!(await ns.waitUntil(() => sources.every((s) => !addressesIn(composer, s.field).has(s.address))));
  };

  /** Put the caret back where a fix left it (after the replaced text). */
  ns.restoreCaret = ({ element, range }) => {
    element.focus({ preventScroll: true });
    if (range && element.contains(range.startContainer)) {
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  };
})();
