// Shared by the opt-in and managed tests: a private staged copy of the extension (so a test can
// change its manifest without racing another run over build/dev-extension), and what the
// content side needs to be there.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers.mjs';
import { siteOf } from './sites.mjs';

/** The site the opt-in tests turn on, and the fixture that stands in for its composer. */
export const SITE = siteOf('facebook');
export const FIXTURES = { facebook: 'optin' };
export const POST_PAGE = '/post.html';

/**
 * The content-script files of `site` that are not in the tree yet (the social adapters are
 * being written alongside this work). While any is missing the browser cannot register the
 * site's scripts at all, so the tests that need the content side say so and are skipped.
 */
export async function missingScripts(site = SITE) {
  const missing = [];
  for (const file of site.scripts) {
    try {
      await fs.access(path.join(ROOT, file));
    } catch {
      missing.push(file);
    }
  }
  return missing;
}

/**
 * Stage the dev extension into a fresh temp dir and let `edit(manifest, dir)` change it.
 * Files of SITE's script list that do not exist yet are written as empty placeholders, so the
 * worker's registration (which needs every file) can be exercised before the adapters land.
 * Resolves to the directory.
 */
export async function stageCopy(edit = () => {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sendwise-optin-'));
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/stage-extension.mjs'), dir], { cwd: ROOT });
  for (const file of await missingScripts()) {
    await fs.writeFile(path.join(dir, file), '// placeholder written by tests/e2e/optin-helpers.mjs until this adapter lands\n');
  }
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await fs.readFile(file, 'utf8'));
  await edit(manifest, dir);
  await fs.writeFile(file, JSON.stringify(manifest, null, 2));
  return dir;
}
