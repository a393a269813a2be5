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
})();
