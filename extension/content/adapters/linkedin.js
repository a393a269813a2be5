// LinkedIn: the "Start a post" share box and the comment boxes under posts.
//
// Cues (checked against scripts and extensions that drive linkedin.com, found with the code
// search: several post through `.ql-editor[contenteditable="true"]`,
// `[data-test-ql-editor-contenteditable="true"]` and aria-label "Text editor for creating
// content" in the share modal, whose Post button is a button reading "Post"; since 2025 that
// modal is rendered in the open shadow root of `#interop-outlet`; comment boxes are a
// `form` holding a Quill or tiptap editor (`data-testid="ui-core-tiptap-text-editor-wrapper"`)
// and a submit button reading "Comment", "Post" or "Reply"):
// - the editor is Quill's own `.ql-editor` (the library's class, not a generated one),
//   LinkedIn's `data-test-ql-editor-contenteditable`, or a contenteditable textbox inside the
//   tiptap wrapper;
// - the composer is the share dialog (role="dialog") or the comment's form;
// - its Post button is the button in that dialog or form labelled Post / Comment / Reply.
//   The "Start a post" trigger, the feed's Like / Comment / Repost / Send action buttons and
//   "Schedule post" are not in a composer or not labelled so, and are left alone.
// LinkedIn gives the share box no posting shortcut, so none is claimed (a Ctrl+Enter is the
// page's own business; main.js does not let the generic adapter claim it either).
(() => {
  const ns = globalThis.sendwise;
  const EDITOR =
    '.ql-editor[contenteditable="true"], [data-test-ql-editor-contenteditable="true"], [data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"]';
  const POST_LABEL = /^\s*(post|comment|reply)\s*$/i;
  const composerAround = (node) => node.closest('[role="dialog"], form');
  ns.adapters.linkedin = ns.composerAdapter({
    site: 'linkedin',
    editor: EDITOR,
    isSendButton: (node) =>
      node.matches('button, [role="button"]') &&
      [node.getAttribute('aria-label'), node.textContent].some((l) => l != null && POST_LABEL.test(l)) &&
      !!composerAround(node)?.querySelector(EDITOR),
    isSendKey: () => false,
    container: composerAround,
    // No `imagesIn`: how the share box shows an uploaded image is not a cue we could verify,
    // so images are counted as they were added.
  });
})();
