// The generic composer adapter, and the factory the social and chat adapters are made from.
//
// A composer here is any editor (a contenteditable, a textbox role or a <textarea>) that sits
// with a button labelled Post, Send, Reply, Share and the like. This works on a page sendwise
// has never seen, and it is what main.js falls back to when a known site's own adapter finds
// nothing (a redesign degrades coverage; it never stops checks altogether). A site adapter is
// the same thing with sharper cues: `ns.composerAdapter({ site, editor, isSendButton, ... })`
// takes only what differs. Cues are roles, labels, data-testid values and contenteditable,
// never generated class names. Adapters read the page; they change it only through a fix the
// person clicked (`replaceText`).
(() => {
  const ns = globalThis.sendwise;
  ns.adapters ??= {};

  const EDITOR_CUE =
    '[contenteditable]:not([contenteditable="false"]), textarea, [role="textbox"], [data-lexical-editor="true"]';
  // English labels, and the language-independent data-testid values sites give their buttons.
  const SEND_LABEL =
    /^\s*(post|send|send now|send message|reply|reply all|post all|post reply|tweet|share|share now|publish|comment|post comment)\s*(\(.*\))?\s*$/i;
  const SEND_TESTID = /(^|[-_])(send|post|submit|tweet|share|publish|reply)([-_]?(button|btn))?$/i;
  const SEARCH_CUE = /\bsearch\b/i;
  const DIALOG = '[role="dialog"], [role="alertdialog"], dialog, [aria-modal="true"]';

  const labelsOf = (node) => [node.getAttribute('aria-label'), node.getAttribute('title'), node.textContent];
  const isShown = (node) => node.isConnected && node.getClientRects().length > 0;
  const isDisabled = (node) => node.matches('[disabled], [aria-disabled="true"]');

  function defaultIsSendButton(node) {
    if (!(node instanceof Element) || isDisabled(node)) return false;
    if (labelsOf(node).some((l) => l != null && SEND_LABEL.test(l))) return true;
    const testid = node.getAttribute('data-testid');
    if (testid && SEND_TESTID.test(testid)) return true;
    // A submit button in a form that holds an editor posts that form.
    return node.matches('button[type="submit"], input[type="submit"]') && !!node.form?.querySelector(EDITOR_CUE);
  }

  /** Ctrl/Cmd+Enter, the shortcut most composers post with. */
  const defaultIsSendKey = (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;

  /**
   * Make an adapter. `options`:
   * - `site`: the site id for drafts (default: from sites.js by host name, else "other");
   * - `channel`: "social" | "chat" | "email" (default: the site's, else "social");
   * - `editor`: a selector for the composer's text editors (default: any editor);
   * - `isSendButton(node)`: whether an element is this site's Post/Send button;
   * - `isSendKey(event, editor)`: whether a keydown in an editor posts (default Ctrl/Cmd+Enter);
   * - `container(node)`: the composer around a node, when the site marks it (e.g. a dialog);
   * - `flow(node)`: the site's create flow around a node, where the pictures are chosen before
   *   the text box exists (Instagram's Create dialog), so a file added there is for the
   *   composer still to come;
   * - `imagesIn(composer)`: the <img> previews of images being posted (default: blob:/data: images);
   * - `keyPresses`: after a clean check of a keyboard send, press the Post button (default: true
   *   for a site adapter, false for the generic one, which gives the key back to the page).
   */
  ns.composerAdapter = (options = {}) => {
    const site = options.site ?? globalThis.sendwiseSites?.byHost(location.hostname)?.id ?? 'other';
    const channel = options.channel ?? globalThis.sendwiseSites?.byId(site)?.channel ?? 'social';
    const editorCue = options.editor ?? EDITOR_CUE;
    const isSendButton = (node) => node instanceof Element && !isDisabled(node) && (options.isSendButton ?? defaultIsSendButton)(node);
    const isSendKey = options.isSendKey ?? defaultIsSendKey;

    /** The editors in `root`: outermost only (an editor's own nested editable parts are it). */
    function editorsIn(root) {
      const found = [...root.querySelectorAll(editorCue)].filter(
        (n) =>
          !(n instanceof HTMLInputElement) &&
          isShown(n) &&
          !labelsOf(n).slice(0, 2).some((l) => l && SEARCH_CUE.test(l)) &&
          n.getAttribute('role') !== 'searchbox',
      );
      return found.filter((n) => !found.some((m) => m !== n && m.contains(n)));
    }

    const editorAt = (node) => {
      const el = node instanceof Element ? node : node?.parentElement;
      const hit = el?.closest(editorCue);
      if (!hit) return null;
      // The outermost editor around the node.
      let outer = hit;
      for (let n = hit.parentElement; n; n = n.parentElement) if (n.matches(editorCue)) outer = n;
      return outer;
    };

    const sendButtonsIn = (root) => [...root.querySelectorAll('button, [role="button"], input[type="submit"]')].filter((b) => isSendButton(b) && isShown(b));

    /**
     * The composer around `node`: the site's own container if it marks one, else the nearest
     * ancestor that holds both an editor and a Post/Send button.
     */
    function composerOf(node) {
      const el = node instanceof Element ? node : node?.parentElement;
      if (!el) return null;
      const marked = options.container?.(el);
      if (marked && editorsIn(marked).length) return marked;
      for (let n = el; n && n !== document.documentElement; n = n.parentElement) {
        if (editorsIn(n).length && sendButtonsIn(n).length) return n;
        // A composer is never wider than the dialog it is in: a button on a dialog's later
        // step (Facebook's post settings) does not post the comment box behind the dialog.
        if (n.matches(DIALOG)) return null;
      }
      return null;
    }

    /** The editors' texts, in order, with where each starts in the body the engine reads. */
    function segmentsOf(composer) {
      const out = [];
      let at = 0;
      for (const editor of editorsIn(composer)) {
        const plain = editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement;
        const text = plain ? editor.value : ns.textModel(editor).text;
        if (!text.trim()) continue;
        if (out.length) at += 2; // the blank line joining two editors (an X thread, say)
        out.push({ editor, plain, text, start: at });
        at += Array.from(text).length;
      }
      return out;
    }

    function defaultImagesIn(composer) {
      return [...composer.querySelectorAll('img')].filter((img) => /^(blob|data):/i.test(img.currentSrc || img.src) && isShown(img));
    }

    return {
      site,
      channel,
      isSendKey,
      // After a clean check of a send by keyboard: press the site's own Post button (a site
      // adapter knows its shortcut posts), or give the key back to the page (the generic one).
      keyPresses: options.keyPresses ?? options.site !== undefined,

      /** The Post/Send button `target` is (or is inside), if it belongs to a composer. */
      sendButtonAt(target) {
        const button = target instanceof Element ? target.closest('button, [role="button"], input[type="submit"]') : null;
        return button && isSendButton(button) && composerOf(button) ? button : null;
      },

      composerOf,

      /** Whether `node` is in the site's create flow at a step before its text box exists. */
      awaitsComposer(node) {
        const el = node instanceof Element ? node : node?.parentElement;
        const flow = el && options.flow?.(el);
        return !!flow && !editorsIn(flow).length;
      },

      /** The composer's editors (main.js asks whether the site's own adapter knows them). */
      editorsOf: (composer) => editorsIn(composer),

      /** The composer a key was pressed in, only when it was pressed in one of its editors. */
      composerForKey(target) {
        const editor = editorAt(target);
        const composer = editor ? composerOf(editor) : null;
        // A search box is an editor too, but not one of a composer's (Enter there searches).
        return composer && editorsIn(composer).includes(editor) ? composer : null;
      },

      sendButtonIn(composer) {
        return sendButtonsIn(composer)[0] ?? null;
      },

      indicatorAnchor(composer) {
        return editorsIn(composer)[0] ?? null;
      },

      /** Whether `imagesIn` is the site's own list of previews, good enough to count. */
      countsImages: !!options.imagesIn,

      /** Images shown in the composer as about to be posted (previews), for counting. */
      imagesIn(composer) {
        return (options.imagesIn ?? defaultImagesIn)(composer);
      },

      // Social and chat composers have no attachment list sendwise can read, no recipients to
      // move and nothing to remove: main.js goes by what it saw being attached.
      attachmentsIn: () => null,
      removeAttachment: async () => false,
      moveToBcc: async () => false,

      /** Apply a `replace` fix to the body if the text there is still `expected`. */
      replaceText(composer, fix, expected) {
        if (fix.field !== 'body') return null;
        const segment = segmentsOf(composer).find((s) => fix.start >= s.start && fix.end <= s.start + Array.from(s.text).length);
        if (!segment) return null;
        const start = fix.start - segment.start;
        const end = fix.end - segment.start;
        if (segment.plain) {
          return ns.replaceInInput(segment.editor, start, end, expected, fix.with) ? { element: segment.editor, range: null } : null;
        }
        const range = ns.replaceInEditable(segment.editor, start, end, expected, fix.with);
        return range ? { element: segment.editor, range } : null;
      },

      /** The draft as the engine reads it. Reads only; never changes the page. */
      draftOf(composer) {
        return {
          channel,
          site,
          from: '',
          to: [],
          cc: [],
          bcc: [],
          subject: '',
          body: segmentsOf(composer)
            .map((s) => s.text)
            .join('\n\n'),
          html: null,
          attachments: [],
          images: [],
        };
      },
    };
  };

  ns.adapters.generic = ns.composerAdapter();
})();
