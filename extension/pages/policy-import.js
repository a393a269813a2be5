// Loading the school's policy, shared by the options and first-run pages: a compiled bundle
// as it is, or a policy source with its CSVs and logos compiled here (extension pages may run
// wasm). The CSVs are read into memory, hashed with a fresh random key and dropped. Storing
// goes through the worker, which validates the bundle and refuses when the school's managed
// policy has locked it.
import '../platform.js';
import init, { PolicyCompiler } from '../engine/sendwise_wasm.js';

const { api, t } = globalThis.sendwisePlatform;

/** Ask the worker; resolves to its answer or throws its error. */
export async function ask(message) {
  const answer = await api.runtime.sendMessage(message);
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer from the extension');
  return answer;
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

/** Compile a policy source and the files it names into bundle JSON (a bundle is passed through). */
export async function compileFrom(files) {
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

/** Store bundle JSON through the worker; resolves to the new summary. */
export async function storeBundle(bundleJson) {
  return (await ask({ type: 'set-bundle', bundle: bundleJson })).summary;
}

/** One line per fact about what is loaded (school, counts; never names). */
export function describe(summary, managed) {
  const lines = [];
  if (summary.policy_loaded) {
    lines.push(t('optionsLoaded', [summary.school, String(summary.pupils), String(summary.staff), String(summary.version)]));
    if (summary.domains?.length) lines.push(t('optionsDomains', [summary.domains.join(', ')]));
  } else {
    lines.push(t('optionsNoPolicy'));
  }
  if (managed?.bundle) lines.push(t('policyManaged'));
  if (managed?.locked) lines.push(t('policyLocked'));
  if (managed?.contact) lines.push(t('policyContact', [managed.contact]));
  if (summary.bundle_error) lines.push(`${t('optionsErrorPrefix')} ${summary.bundle_error}`);
  return lines;
}

/**
 * Wire a file input to import: `bundleInput` takes one bundle file, `sourceInput` (optional)
 * a policy source with its CSVs. `done(summary)` after a store, `fail(message)` on an error.
 */
export function wireImport({ bundleInput, sourceInput, begin, done, fail }) {
  const handle = async (work, input) => {
    begin?.();
    try {
      done(await storeBundle(await work()));
    } catch (err) {
      fail(String(err?.message ?? err));
    } finally {
      input.value = ''; // choosing the same file again should run again
    }
  };
  bundleInput.addEventListener('change', (e) => {
    const [file] = e.target.files;
    if (file) handle(() => file.text(), e.target);
  });
  sourceInput?.addEventListener('change', (e) => {
    const files = [...e.target.files];
    if (files.length) handle(() => compileFrom(files), e.target);
  });
}
