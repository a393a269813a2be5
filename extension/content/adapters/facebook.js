// Facebook: the "Create post" dialog (and the dialogs that share or edit a post), comments and
// replies, and Messenger chats opened on the page.
//
// Cues: every Facebook text box is a Lexical editor (data-lexical-editor="true", role="textbox",
// contenteditable), labelled for what it is for: "What's on your mind, …?", "Write
// something…" or "Say something about this…" for a post; "Write a comment…", "Comment as …",
// "Reply to …" for comments; "Message" for a chat. Buttons are role="button" with an
// aria-label: "Post" (or "Next" where a second step of post settings comes before posting, so
// the text is checked while it can still be edited; "Share now" when sharing; "Save" when
// editing), "Comment" beside a comment box, "Press Enter to send" in a chat. Enter posts a
// comment or sends a message (Shift+Enter is a new line). The labels are the English ones, like
// the generic adapter's.
(() => {
  const ns = globalThis.sendwise;

  const EDITOR = '[data-lexical-editor="true"], [contenteditable="true"][role="textbox"]';
  const COMMENT_LABEL = /^\s*(write an? (public )?(comment|reply|answer)|comment as\b|reply (to|as)\b|answer as\b|submit your first comment)/i;
  const CHAT_LABEL = /^\s*message\b/i;
  // Post buttons count only in a dialog holding a post's text box.
  const POST_BUTTON = /^\s*(post|next|share now|save)\s*$/i;
  // By aria-label only: a post's own "Comment" action (aria-label "Leave a comment") opens the
  // comment box; the arrow beside the box, labelled "Comment", posts it.
  const COMMENT_BUTTON = /^\s*(comment|post comment)\s*$/i;
  const CHAT_BUTTON = /^\s*(press enter to send|send)\s*$/i;

  const labelled = (el, re) => [el.getAttribute('aria-label'), el.getAttribute('aria-placeholder')].some((l) => l != null && re.test(l));
  const kindOf = (editor) => (labelled(editor, COMMENT_LABEL) ? 'comment' : labelled(editor, CHAT_LABEL) ? 'chat' : 'post');

  /** The dialog around `node` when it is one a post is written in (not a post's comments). */
  function postDialogOf(node) {
    const dialog = node.closest('[role="dialog"]');
    return dialog && [...dialog.querySelectorAll(EDITOR)].some((e) => kindOf(e) === 'post') ? dialog : null;
  }

  function isSendButton(node) {
    const label = node.getAttribute('aria-label');
    if (label != null && (COMMENT_BUTTON.test(label) || CHAT_BUTTON.test(label))) return true;
    return [label, node.textContent].some((l) => l != null && POST_BUTTON.test(l)) && !!postDialogOf(node);
  }

  const ctrlEnter = (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;

  const adapter = ns.composerAdapter({
    site: 'facebook',
    editor: EDITOR,
    isSendButton,
    isSendKey(e) {
      const editor = e.target instanceof Element ? e.target.closest(EDITOR) : null;
      if (editor && kindOf(editor) !== 'post') return e.key === 'Enter' && !e.shiftKey && !e.altKey;
      return ctrlEnter(e);
    },
    // A comment box or chat is the nearest ancestor holding it and its own button.
    container: (node) => postDialogOf(node),
  });

  ns.adapters.facebook = {
    ...adapter,
    /** A Messenger chat is checked as chat, everything else as a social post. */
    draftOf(composer) {
      const draft = adapter.draftOf(composer);
      const editors = [...composer.querySelectorAll(EDITOR)];
      if (editors.length && editors.every((e) => kindOf(e) === 'chat')) draft.channel = 'chat';
      return draft;
    },
  };
})();
