// X (Twitter): the home timeline's inline composer, the "Post" dialog and replies.
//
// Cues: the editor is data-testid "tweetTextarea_N" (one per post of a thread), the buttons
// are data-testid "tweetButton" (dialog) and "tweetButtonInline" (timeline), images show in
// data-testid "attachments". These data-testid values do not change with the language.
(() => {
  const ns = globalThis.sendwise;
  ns.adapters.x = ns.composerAdapter({
    site: 'x',
    editor: '[data-testid^="tweetTextarea_"]:not([data-testid$="_label"]), [data-testid^="tweetTextarea_"] [contenteditable="true"]',
    isSendButton: (node) => /^tweetButton(Inline)?$/.test(node.getAttribute('data-testid') ?? ''),
    container: (node) => node.closest('[role="dialog"]'),
    imagesIn: (composer) => [...composer.querySelectorAll('[data-testid="attachments"] img')],
  });
})();
