// The first-run page (opened once, on install, unless the school set the policy by managed
// storage): says plainly what sendwise does and does not do, loads the school's policy file
// (pages/policy-import.js, shared with the options page) and lets the person turn each social
// or chat site on, one by one (pages/site-list.js).
import '../platform.js';
import { ask, describe, wireImport } from '../pages/policy-import.js';
import { renderSites } from '../pages/site-list.js';

const { t } = globalThis.sendwisePlatform;
const $ = (id) => document.getElementById(id);

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);

let managed = null;

function render(summary) {
  $('loaded').replaceChildren(...describe(summary, managed).map((text) => Object.assign(document.createElement('p'), { textContent: text })));
  $('import').hidden = !!managed?.locked;
}

const say = ({ result = '', error = '' }) => {
  $('result').textContent = result;
  $('error').textContent = error ? `${t('optionsErrorPrefix')} ${error}` : '';
};

wireImport({
  bundleInput: $('bundle-file'),
  begin: () => say({}),
  done: (summary) => {
    render(summary);
    say({ result: t('optionsSaved') });
  },
  fail: (error) => say({ error }),
});

ask({ type: 'summary' }).then(
  (answer) => {
    managed = answer.managed ?? null;
    render(answer.summary);
    $('asked').hidden = !managed?.sites?.length;
    renderSites($('sites'), $('sites-status'), { asked: managed?.sites ?? [] });
  },
  () => {
    say({ error: t('optionsEngineUnavailable') });
    renderSites($('sites'), $('sites-status'));
  },
);
