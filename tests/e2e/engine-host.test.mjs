// The worker's engine host, in Node: with the real engine (bundles, fallbacks) and with a
// stand-in wasm module that traps, to pin the recovery path a real browser cannot easily hit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT, corpusBundle } from './helpers.mjs';
import { EngineHost, EngineFailure } from '../../extension/engine-host.js';

const engineDir = path.join(ROOT, 'extension/engine');
const draft = (over = {}) => ({
  channel: 'email', site: 'outlook', from: 'a.teacher@harbourview.sch.uk', to: [], cc: [], bcc: [],
  subject: '', body: '', html: null, attachments: [], images: [], ...over,
});

describe('EngineHost with the real engine', async () => {
  const bindings = await import(path.join(engineDir, 'sendwise_wasm.js'));
  const host = new EngineHost(bindings, await fs.readFile(path.join(engineDir, 'sendwise_wasm_bg.wasm')));
  const bundle = await corpusBundle();

  it('starts without a policy and still checks recipients', async () => {
    assert.equal(host.loaded, false);
    assert.deepEqual(await host.load(null), { policy_loaded: false });
    assert.equal(host.check(draft({ subject: 'Ruby Okonkwo' })).findings.length, 0, 'a clean case first');
    const report = host.check(draft({ to: ['a@gmail.com', 'b@yahoo.com'] }));
    assert.deepEqual(report.findings.map((f) => f.rule), ['recipients-exposed']);
    assert.equal(report.policy_loaded, false);
  });

  it('loads a bundle and reports counts only', async () => {
    const summary = await host.load(bundle);
    assert.equal(summary.school, 'Harbour View Academy');
    assert.equal(summary.pupils, 300);
    assert.equal(summary.bundle_error, undefined);
    assert.deepEqual(host.check(draft({ subject: 'Ruby Okonkwo' })).findings.map((f) => [f.rule, f.severity]), [['pupil-name', 'block']]);
  });

  it('scans an attached file to counts, never text, and says when it is protected', async () => {
    await host.load(bundle);
    const plain = host.scanAttachment('pupils.xlsx', new Uint8Array(await fs.readFile(path.join(ROOT, 'tests/attachments/files/pupils.xlsx'))));
    assert.equal(plain.format, 'xlsx');
    assert.equal(plain.sensitive, true);
    assert.equal(plain.protected, false);
    assert.equal(plain.found.upns, 8);
    const encrypted = host.scanAttachment('p.xlsx', new Uint8Array(await fs.readFile(path.join(ROOT, 'tests/attachments/files/pupils-encrypted.xlsx'))));
    assert.equal(encrypted.protected, true);
    // The scan goes into the draft; check then uses it without the bytes.
    const report = host.check(draft({ to: ['parent.one@gmail.com'], attachments: [{ name: 'pupils.xlsx', scan: plain }] }));
    assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.name]), [['sensitive-attachment', 'block', 'pupils.xlsx']]);
  });

  it('falls back to no policy, and says why, when the stored bundle is unusable', async () => {
    const summary = await host.load('{"not":"a bundle"}');
    assert.equal(summary.policy_loaded, false);
    assert.match(summary.bundle_error, /not a sendwise bundle/);
    assert.ok(host.loaded, 'checks keep running');
    assert.throws(() => host.validate('{"not":"a bundle"}'), /not a sendwise bundle/);
  });
});

describe('EngineHost when the wasm traps', () => {
  function fakeBindings({ withReset }) {
    const log = [];
    let instance = 0;
    class Engine {
      constructor(kind) {
        this.kind = kind;
        this.instance = instance;
      }
      static withoutPolicy() {
        log.push('new engine');
        return new Engine('none');
      }
      static withBundle() {
        log.push('new engine');
        return new Engine('bundle');
      }
      check(json) {
        if (JSON.parse(json).subject === 'trap') throw new WebAssembly.RuntimeError('unreachable');
        return '{"findings":[],"notes":[],"policy_loaded":false}';
      }
      summary() {
        return '{"policy_loaded":false}';
      }
      free() {
        if (this.instance !== instance) throw new Error('stale instance');
      }
    }
    const bindings = { default: async () => log.push('init'), Engine };
    if (withReset) {
      bindings.__wbg_reset_state = () => {
        instance++;
        log.push('reset');
      };
    }
    return { bindings, log };
  }

  for (const withReset of [true, false]) {
    it(`fails that check, restarts the engine and checks the next draft (${withReset ? 'with' : 'without'} reset support)`, async () => {
      const { bindings, log } = fakeBindings({ withReset });
      const host = new EngineHost(bindings, 'unused');
      await host.load('{"bundle":1}');
      assert.deepEqual(log, ['init', 'new engine']);
      assert.throws(() => host.check(draft({ subject: 'trap' })), EngineFailure);
      assert.deepEqual(log, ['init', 'new engine', ...(withReset ? ['reset'] : []), 'new engine']);
      assert.ok(host.loaded);
      assert.deepEqual(host.check(draft({ subject: 'fine' })).findings, []);
    });
  }
});
