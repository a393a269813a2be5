// Options: load the school's policy bundle, or compile one here from a policy source and its
// CSV files, and show what is loaded (school, counts; never names). Compiling happens in this
// page because extension pages may run wasm; the CSVs are read into memory, hashed with a
// fresh random key and dropped. Storing goes through the worker, which validates the bundle.
import '../platform.js';
import init, { PolicyCompiler } from '../engine/sendwise_wasm.js';

const { api, t } = globalThis.sendwisePlatform;
const $ = (id) => document.getElementById(id);

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);

async function ask(message) {
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from the extension');
  return answer;
}

function say({ result = '', error = '' }) {
  $('result').textContent = result;
  $('error').textContent = error ? `${t('optionsErrorPrefix')} ${error}` : '';
}

function render(summary) {
  const box = $('loaded');
  box.replaceChildren();
  const line = (text) => box.appendChild(Object.assign(document.createElement('p'), { textContent: text }));
  if (summary.policy_loaded) {
    line(t('optionsLoaded', [summary.school, String(summary.pupils), String(summary.staff), String(summary.version)]));
    if (summary.domains?.length) line(t('optionsDomains', [summary.domains.join(', ')]));
  } else {
    line(t('optionsNoPolicy'));
  }
  if (summary.bundle_error) line(`${t('optionsErrorPrefix')} ${summary.bundle_error}`);
  $('clear').hidden = !summary.policy_loaded;
}

async function store(bundleJson) {
  const { summary } = await ask({ type: 'set-bundle', bundle: bundleJson });
  render(summary);
  say({ result: t('optionsSaved') });
}

const baseName = (name) => name.split(/[\\/]/).pop();

/** Decode an image file to RGBA pixels. */
async function pixelsOf(file) {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer) };
  } finally {
    bitmap.close();
  }
}

async function compileFrom(files) {
  const policy = files.find((f) => /\.json$/i.test(f.name));
  if (!policy) throw new Error(t('optionsNeedPolicyJson'));
  const text = await policy.text();
  // A compiled bundle chosen here is simply imported.
  if (/"format"\s*:\s*"sendwise-bundle"/.test(text.slice(0, 200))) return text;
  await init({ module_or_path: api.runtime.getURL('extension/engine/sendwise_wasm_bg.wasm') });
  const compiler = new PolicyCompiler(text, policy.name);
  try {
    const wanted = compiler.wantedFiles();
    const logos = compiler.wantedLogos();
    const byName = new Map(files.map((f) => [baseName(f.name), f]));
    const missing = [...wanted, ...logos].filter((w) => !byName.has(baseName(w)));
    if (missing.length) throw new Error(t('optionsMissingFiles', [missing.join(', ')]));
    for (const w of wanted) {
      const file = byName.get(baseName(w));
      compiler.addFile(file.name, new Uint8Array(await file.arrayBuffer()));
    }
    // Logos are decoded by the browser (the engine takes pixels, not image files); only
    // their perceptual hashes go into the bundle.
    for (const w of logos) {
      const file = byName.get(baseName(w));
      const { width, height, data } = await pixelsOf(file);
      compiler.addLogo(file.name, width, height, data);
    }
    return compiler.compile(crypto.getRandomValues(new Uint8Array(16)));
  } finally {
    compiler.free();
  }
}

async function handle(work, input) {
  say({});
  try {
    await store(await work());
  } catch (err) {
    say({ error: String(err?.message ?? err) });
  } finally {
    input.value = ''; // choosing the same file again should run again
  }
}

$('bundle-file').addEventListener('change', (e) => {
  const [file] = e.target.files;
  if (file) handle(() => file.text(), e.target);
});

$('source-files').addEventListener('change', (e) => {
  const files = [...e.target.files];
  if (files.length) handle(() => compileFrom(files), e.target);
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
  ({ summary }) => render(summary),
  () => say({ error: t('optionsEngineUnavailable') }),
);
