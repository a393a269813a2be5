// Options: load the school's policy bundle, or compile one here from a policy source and its
// CSV files (pages/policy-import.js), show what is loaded (school, counts; never names), and
// turn each social or chat site on or off (pages/site-list.js). When the school set the policy
// by managed storage, it is shown as set by the school and, if locked, nothing can be loaded
// or removed here (the worker refuses too).
import '../platform.js';
import { ask, describe, wireImport } from '../pages/policy-import.js';
import { renderSites } from '../pages/site-list.js';

const { t } = globalThis.sendwisePlatform;
const $ = (id) => document.getElementById(id);

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);

function say({ result = '', error = '' }) {
  $('result').textContent = result;
  $('error').textContent = error ? `${t('optionsErrorPrefix')} ${error}` : '';
}

let managed = null;

function render(summary) {
  const box = $('loaded');
  box.replaceChildren(...describe(summary, managed).map((text) => Object.assign(document.createElement('p'), { textContent: text })));
  const locked = !!managed?.locked;
  $('clear').hidden = !summary.policy_loaded || locked || !!managed?.bundle;
  for (const id of ['bundle-file', 'source-files']) $(id).disabled = locked;
  $('bundle-section').hidden = locked;
  $('source-section').hidden = locked;
}

wireImport({
  bundleInput: $('bundle-file'),
  sourceInput: $('source-files'),
  begin: () => say({}),
  done: (summary) => {
    render(summary);
    say({ result: t('optionsSaved') });
  },
  fail: (error) => say({ error }),
});

$('clear').addEventListener('click', async () => {
  say({});
  try {
    const { summary } = await ask({ type: 'clear-bundle' });
    render(summary);
    say({ result: t('optionsCleared') });
  } catch (err) {
    say({ error: String(err?.message ?? err) });
  }
});

ask({ type: 'summary' }).then(
  (answer) => {
    managed = answer.managed ?? null;
    render(answer.summary);
    renderSites($('sites'), $('sites-status'), { asked: managed?.sites ?? [] });
  },
  () => {
    say({ error: t('optionsEngineUnavailable') });
    renderSites($('sites'), $('sites-status'));
  },
);
