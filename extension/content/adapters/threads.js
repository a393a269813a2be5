// Threads: the "New thread" dialog (one editor per post of a thread, joined as X's are) and
// replies.
//
// Cues: the editors are Lexical editors (data-lexical-editor="true", role="textbox",
// contenteditable); the button that posts is a role="button" labelled "Post", in the dialog
// or beside an inline reply box. The feed's own "What's new?" bar and its "Post" button only
// open the dialog: no editor sits with them, so they are not a composer. Ctrl/Cmd+Enter posts.
(() => {
  const ns = globalThis.sendwise;
  ns.adapters.threads = ns.composerAdapter({
    site: 'threads',
    editor: '[data-lexical-editor="true"], [contenteditable="true"][role="textbox"]',
    isSendButton: (node) =>
      node.matches('button, [role="button"]') && [node.getAttribute('aria-label'), node.textContent].some((l) => l != null && /^\s*post\s*$/i.test(l)),
    container: (node) => node.closest('[role="dialog"]'),
  });
})();
