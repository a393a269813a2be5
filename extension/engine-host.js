// Owns the wasm engine inside the service worker: loads it, swaps bundles, checks drafts, and
// recovers when the wasm instance traps. It takes the wasm-bindgen module as a parameter (no
// import here) so it can be exercised in Node against a stand-in module.
//
// Why recovery matters: a Rust panic in wasm is a trap (WebAssembly.RuntimeError) that leaves
// the instance's memory in an unknown state. Every later call on it is suspect, and in an MV3
// worker the instance would otherwise stay broken until the browser happens to stop the worker.

/** Thrown by `check` when the engine failed on this draft; the caller fails open (or closed). */
export class EngineFailure extends Error {
  constructor(message, cause) {
    super(message, { cause });
    this.name = 'EngineFailure';
  }
}

export class EngineHost {
  #bindings;
  #wasmSource;
  #engine = null;
  #bundleJson = null;
  #bundleError = null;
  #initialised = false;

  /**
   * @param bindings the wasm-bindgen `--target web` module namespace (default export = init)
   * @param wasmSource what init takes as `module_or_path`: a URL string, bytes or a Module
   */
  constructor(bindings, wasmSource) {
    this.#bindings = bindings;
    this.#wasmSource = wasmSource;
  }

  /** Whether an engine is ready to check (false before `load` and after a failed recovery). */
  get loaded() {
    return this.#engine !== null;
  }

  /** Instantiate the wasm (once) and load `bundleJson`, or no policy when it is null/empty. */
  async load(bundleJson) {
    if (!this.#initialised) {
      await this.#bindings.default({ module_or_path: this.#wasmSource });
      this.#initialised = true;
    }
    this.#replaceEngine(bundleJson || null);
    return this.summary();
  }

  /** Check a draft object; returns the report object. Throws EngineFailure after a trap. */
  check(draft) {
    if (!this.#engine) throw new EngineFailure('the engine is not loaded');
    let json;
    try {
      json = this.#engine.check(JSON.stringify(draft));
    } catch (err) {
      // `check` never throws by contract, so anything here is the instance failing.
      this.#recover();
      throw new EngineFailure('the engine failed on this draft and has been restarted', err);
    }
    return JSON.parse(json);
  }

  /**
   * Scan an attached file's bytes (a Uint8Array); returns the scan object (counts, never
   * text). Throws EngineFailure after a trap, having restarted the instance.
   */
  scanAttachment(name, bytes) {
    if (!this.#engine) throw new EngineFailure('the engine is not loaded');
    let json;
    try {
      json = this.#engine.scanAttachment(String(name), bytes);
    } catch (err) {
      this.#recover();
      throw new EngineFailure('the engine failed on this attachment and has been restarted', err);
    }
    return JSON.parse(json);
  }

  /**
   * Look for the school's logos in an image's pixels (RGBA8, `width × height × 4` bytes, a
   * Uint8Array); returns the scan object. Throws EngineFailure after a trap.
   */
  scanImage(width, height, rgba) {
    if (!this.#engine) throw new EngineFailure('the engine is not loaded');
    let json;
    try {
      json = this.#engine.scanImage(width >>> 0, height >>> 0, rgba);
    } catch (err) {
      this.#recover();
      throw new EngineFailure('the engine failed on this image and has been restarted', err);
    }
    return JSON.parse(json);
  }

  /** What is loaded (counts only), plus any reason a stored bundle could not be used. */
  summary() {
    if (!this.#engine) throw new EngineFailure('the engine is not loaded');
    const summary = JSON.parse(this.#engine.summary());
    if (this.#bundleError) summary.bundle_error = this.#bundleError;
    return summary;
  }

  /** Throws the engine's own message if `bundleJson` is not a usable bundle. */
  validate(bundleJson) {
    const probe = this.#bindings.Engine.withBundle(bundleJson);
    const summary = JSON.parse(probe.summary());
    probe.free();
    return summary;
  }

  #replaceEngine(bundleJson) {
    const { Engine } = this.#bindings;
    let next;
    this.#bundleError = null;
    if (bundleJson) {
      try {
        next = Engine.withBundle(bundleJson);
      } catch (err) {
        // A stored bundle that no longer loads (e.g. written by a newer version) must not
        // switch checking off: fall back to the rules that need no policy, and say why.
        this.#bundleError = String(err?.message ?? err);
        next = Engine.withoutPolicy();
      }
    } else {
      next = Engine.withoutPolicy();
    }
    const previous = this.#engine;
    this.#engine = next;
    this.#bundleJson = bundleJson;
    try {
      previous?.free();
    } catch {
      // Freeing an engine from an instance that has been reset throws; nothing to free then.
    }
  }

  #recover() {
    this.#engine = null;
    // wasm-bindgen emits `__wbg_reset_state` when built with --experimental-reset-state-function:
    // it makes a fresh instance from the same compiled module. Without it the best we can do is
    // a new Engine on the old instance, which works for most traps (the allocator is rarely the
    // part that failed).
    const reset = this.#bindings.__wbg_reset_state;
    if (typeof reset === 'function') {
      try {
        reset();
      } catch (err) {
        console.error('sendwise: could not reset the engine instance', err);
      }
    }
    try {
      this.#replaceEngine(this.#bundleJson);
    } catch (err) {
      console.error('sendwise: could not restart the engine', err);
      this.#engine = null;
    }
  }
}
