// Bluesky (bsky.app): the composer dialog, for new posts, replies and threads.
//
// Cues, from Bluesky's own client (bluesky-social/social-app, react-native-web turns testID
// into data-testid): the composer is testID "composePostView"; its button is testID
// "composerPublishBtn" (aria-label "Publish post" / "Publish reply", text Post / Reply /
// Post All); each post of a thread is a tiptap (ProseMirror) contenteditable; images show in
// testID "selectedPhotosView" with a "removePhotoButton" each; Cmd/Ctrl+Enter publishes
// (TextInput.web.tsx handleKeyDown). The timeline's "New post" button, reply buttons and the
// search box are not in the composer and are left alone.
(() => {
  const ns = globalThis.sendwise;
  ns.adapters.bluesky = ns.composerAdapter({
    site: 'bluesky',
    editor: '[data-testid="composePostView"] [contenteditable="true"]',
    isSendButton: (node) => node.getAttribute('data-testid') === 'composerPublishBtn',
    container: (node) => node.closest('[data-testid="composePostView"]'),
    imagesIn: (composer) => [...composer.querySelectorAll('[data-testid="selectedPhotosView"] img')],
  });
})();
