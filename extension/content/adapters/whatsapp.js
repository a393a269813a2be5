// WhatsApp Web: the message box of the open chat, and the caption box of the media preview.
//
// Cues (checked against scripts and extensions that drive web.whatsapp.com, found with the
// code search): the message box is a Lexical contenteditable, role="textbox",
// data-lexical-editor="true", in the chat's <footer>, aria-label / title "Type a message"
// (localised); the Send button is a button with aria-label "Send" (localised: "Enviar" ...)
// holding an icon with data-icon "send" (or "wds-ic-send-filled"), the one language-neutral
// cue; plain Enter sends and Shift+Enter is a new line. The media preview (after Attach →
// Photos) has its own caption box and Send button.
//
// The editor cue is deliberately wide (any editable textbox but the chat search, which the
// factory skips): on web.whatsapp.com every other textbox is a message or a caption that Enter
// sends, so a redesign that drops the footer or the Lexical attribute keeps Enter checked.
(() => {
  const ns = globalThis.sendwise;
  const SEND_LABEL = /^\s*send\s*$/i;
  ns.adapters.whatsapp = ns.composerAdapter({
    site: 'whatsapp',
    channel: 'chat',
    isSendButton: (node) =>
      node.matches('button, [role="button"]') &&
      (SEND_LABEL.test(node.getAttribute('aria-label') ?? '') ||
        node.getAttribute('data-testid') === 'compose-btn-send' ||
        !!node.querySelector('[data-icon="send"], [data-icon$="-send-filled"], [data-icon$="-send"]')),
    // Enter sends, Shift+Enter is a new line; with Ctrl, Alt or Cmd it is not a send either.
    isSendKey: (e) => e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey,
    container: (node) => node.closest('footer'),
  });
})();
