// web-ext settings: what goes into the package and how it is linted. web-ext 10 only reads
// config files named .cjs/.mjs, and package.json makes .js an ES module, so this file is read
// by scripts/webext.mjs (`node scripts/webext.mjs lint|build`), which passes it to web-ext's API.
export default {
  sourceDir: '.',
  artifactsDir: 'build/web-ext',
  // Package only the manifest, the strings and the extension: ignore everything, then take
  // those three back (web-ext applies the globs in order, relative to sourceDir). An allow-list,
  // so a new top-level file can never slip into the package.
  ignoreFiles: [
    '*',
    '**/*',
    '!manifest.json',
    '!_locales',
    '!_locales/**',
    '!extension',
    '!extension/**',
    '**/.*', // editor and OS droppings inside the kept folders
  ],
  build: {
    overwriteDest: true,
    filename: 'sendwise-{version}.zip',
  },
  // About the manifest: `background` has both `service_worker` (Chromium, Edge) and `scripts`
  // (Firefox, which ignores `service_worker`). web-ext lint warns BACKGROUND_SERVICE_WORKER_IGNORED
  // for that pair unless `preferred_environment` lists "document", which says we knowingly run
  // as a background document in Firefox, so it does. `type: "module"` is fine in both.
  lint: {
    warningsAsErrors: true,
    selfHosted: false,
  },
};
