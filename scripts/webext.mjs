// Run web-ext with the settings in web-ext-config.js (web-ext 10 reads only .cjs/.mjs config
// files itself). Usage: node scripts/webext.mjs lint|build
//   lint   fails on any error, warning or notice, so the manifest stays clean for both stores
//   build  writes the package to build/web-ext/ (needs extension/engine/: scripts/build-wasm.sh)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';
import config from '../web-ext-config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.resolve(root, config.sourceDir);
const artifactsDir = path.resolve(root, config.artifactsDir);
const common = { sourceDir, artifactsDir, ignoreFiles: config.ignoreFiles };
const command = process.argv[2];

if (!fs.existsSync(path.join(root, 'extension/engine/sendwise_wasm_bg.wasm'))) {
  console.error('webext: extension/engine/ is missing; run `bash scripts/build-wasm.sh` first');
  process.exit(1);
}

if (command === 'lint') {
  const result = await webExt.cmd.lint(
    { ...common, ...config.lint, output: 'text', metadata: false, pretty: false, boring: true },
    { shouldExitProgram: false },
  );
  const { errors = [], warnings = [], notices = [] } = result ?? {};
  const problems = [...errors, ...warnings, ...notices];
  for (const p of problems) console.error(`${p._type ?? ''} ${p.code}: ${p.message} ${p.file ?? ''}`);
  if (problems.length) {
    console.error(`webext lint: ${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`);
    process.exit(1);
  }
  console.log('webext lint: clean');
} else if (command === 'build') {
  const { extensionPath } = await webExt.cmd.build({ ...common, ...config.build }, { shouldExitProgram: false });
  console.log(`webext build: ${path.relative(root, extensionPath)}`);
} else {
  console.error('usage: node scripts/webext.mjs lint|build');
  process.exit(2);
}
