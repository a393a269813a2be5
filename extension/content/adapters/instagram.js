// Instagram: the caption of a new post (the last step of the Create dialog) and comments.
//
// Cues: the Create dialog (role="dialog") asks for the pictures first, through its file input
// (accepting images and video) or a drop, then crops and filters them, and only then shows the
// caption box, a Lexical editor (data-lexical-editor="true", role="textbox", aria-label "Write
// a caption..."), with the dialog's "Share" button. A picture chosen before the caption box
// exists is for the post still to come (main.js keeps it for any composer; see `flow`).
// Comments are a <textarea> ("Add a comment…") in a <form> with its "Post" button; Enter posts
// them. The button labels are the English ones, like the generic adapter's.
(() => {
  const ns = globalThis.sendwise;

  const EDITOR = '[data-lexical-editor="true"], [contenteditable="true"][role="textbox"], form textarea';
  const label = (node) => (node.getAttribute('aria-label') ?? node.textContent ?? '').trim();
  const commentFormOf = (node) => {
    const form = node.closest('form');
    return form?.querySelector('textarea') ? form : null;
  };
  /** The Create dialog: the one with the file input for photos and videos, or a caption box. */
  const createDialogOf = (node) => {
    const dialog = node.closest('[role="dialog"]');
    return dialog?.querySelector('input[type="file"][accept*="video"], [data-lexical-editor="true"], [contenteditable="true"][role="textbox"]')
      ? dialog
      : null;
  };

  ns.adapters.instagram = ns.composerAdapter({
    site: 'instagram',
    editor: EDITOR,
    isSendButton: (node) =>
      node.matches('button, [role="button"]') &&
      ((/^share$/i.test(label(node)) && !!createDialogOf(node)) || (/^post$/i.test(label(node)) && !!commentFormOf(node))),
    isSendKey: (e) =>
      e.key === 'Enter' &&
      !e.altKey &&
      !e.shiftKey &&
      (e.ctrlKey || e.metaKey || (e.target instanceof HTMLTextAreaElement && !!commentFormOf(e.target))),
    container: (node) => commentFormOf(node) ?? createDialogOf(node),
    flow: (node) => (commentFormOf(node) ? null : createDialogOf(node)),
  });
})();
