//! The sendwise engine for JavaScript: an [`Engine`] class and a [`PolicyCompiler`], with
//! JSON strings at the edge. No logic lives here; everything is in `sendwise-core`.
//!
//! A panic in wasm aborts the instance, so nothing here may panic: every error becomes a
//! JavaScript exception (`Error` with a message) or, for `check`, part of the report.

use sendwise_core::policy::{compile_with_logos, PolicySource};
use sendwise_core::{Bundle, Draft, Pixels, Report};
use wasm_bindgen::prelude::*;

/// A checker loaded with one school's bundle, or with none.
#[wasm_bindgen]
pub struct Engine {
    inner: sendwise_core::Engine,
}

#[wasm_bindgen]
impl Engine {
    /// An engine with no school policy: rules that need no roster still run.
    #[wasm_bindgen(js_name = withoutPolicy)]
    pub fn without_policy() -> Engine {
        Engine { inner: sendwise_core::Engine::without_policy() }
    }

    /// An engine for a compiled bundle (its JSON). Throws with a message if it is not one.
    #[wasm_bindgen(js_name = withBundle)]
    pub fn with_bundle(bundle_json: &str) -> Result<Engine, JsError> {
        let bundle = Bundle::from_json(bundle_json).map_err(|e| JsError::new(&e.to_string()))?;
        let inner = sendwise_core::Engine::new(bundle).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine { inner })
    }

    /// Check a draft (its JSON) and return the report's JSON. Never throws: a draft that is
    /// not valid JSON gives a report with a note saying so and no findings.
    pub fn check(&self, draft_json: &str) -> String {
        let report = match serde_json::from_str::<Draft>(draft_json) {
            Ok(draft) => self.inner.check(&draft),
            Err(e) => Report {
                notes: vec![format!("The draft could not be read ({e}), so it was not checked.")],
                policy_loaded: self.inner.bundle().is_some(),
                ..Report::default()
            },
        };
        serde_json::to_string(&report)
            .unwrap_or_else(|_| String::from("{\"findings\":[],\"notes\":[],\"policy_loaded\":false}"))
    }

    /// Scan a file when it is attached (file input, drag-and-drop, paste) and return the
    /// scan's JSON: format, whether it is protected, what sensitive data it holds in counts,
    /// and notes on anything that could not be checked. Never throws. Put the returned
    /// object in the draft's attachment as `scan` so `check` at Send does not read the file
    /// again.
    #[wasm_bindgen(js_name = scanAttachment)]
    pub fn scan_attachment(&self, name: &str, bytes: &[u8]) -> String {
        let scan = self.inner.scan_attachment(name, bytes);
        serde_json::to_string(&scan)
            .unwrap_or_else(|_| String::from("{\"protected\":false,\"complete\":false}"))
    }

    /// Look for the school's logos in an image's pixels and return the scan's JSON:
    /// `{"against", "width", "height", "logo": null | {"logo", "name", "distance",
    /// "edge_distance", "whole", "x", "y", "width", "height"}, "closest", "regions",
    /// "problem"?}`. `rgba` is RGBA8 row by row (an `ImageData`'s `data`), `width × height × 4`
    /// bytes. Put the scan in the draft's `images[i].scan` so that `check` needs no pixels.
    /// Never throws: bad pixels give a scan with a `problem`.
    #[wasm_bindgen(js_name = scanImage)]
    pub fn scan_image(&self, width: u32, height: u32, rgba: &[u8]) -> String {
        let scan = self.inner.scan_image(width, height, rgba);
        serde_json::to_string(&scan)
            .unwrap_or_else(|_| String::from("{\"problem\":\"the scan could not be written\"}"))
    }

    /// What is loaded, as JSON: `{"policy_loaded", "school", "pupils", "staff", "version",
    /// "settings"}`. Counts only; never names.
    pub fn summary(&self) -> String {
        let v = match self.inner.bundle() {
            Some(b) => serde_json::json!({
                "policy_loaded": true,
                "school": b.school.name,
                "domains": b.school.domains,
                "pupils": b.names.pupils,
                "staff": b.names.staff,
                "version": b.version,
                "settings": b.settings,
                "logos": b.logos.len(),
            }),
            None => serde_json::json!({ "policy_loaded": false }),
        };
        v.to_string()
    }
}

/// Compiles a policy source and its CSV files into a bundle, in the browser.
#[wasm_bindgen]
pub struct PolicyCompiler {
    source: PolicySource,
    files: Vec<(String, Vec<u8>)>,
    logos: Vec<(String, Pixels)>,
}

#[wasm_bindgen]
impl PolicyCompiler {
    /// Parse a policy source (`origin` names it in errors). Throws with the file, line and
    /// field of the problem.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: &str, origin: &str) -> Result<PolicyCompiler, JsError> {
        let source = PolicySource::parse(policy_json, origin).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(PolicyCompiler { source, files: Vec::new(), logos: Vec::new() })
    }

    /// The file names the policy refers to (pupils, staff), so a page can ask for them.
    #[wasm_bindgen(js_name = wantedFiles)]
    pub fn wanted_files(&self) -> Vec<String> {
        std::iter::once(self.source.pupils.clone()).chain(self.source.staff.clone()).collect()
    }

    /// The logo files the policy names (`school.logos`), so a page can decode them (with
    /// `createImageBitmap` and a canvas) and give their pixels to [`add_logo`](Self::add_logo).
    #[wasm_bindgen(js_name = wantedLogos)]
    pub fn wanted_logos(&self) -> Vec<String> {
        self.source.school.logos.clone()
    }

    /// Provide a logo's decoded pixels (RGBA8, `width × height × 4` bytes), by the name the
    /// policy uses (the last path component is enough).
    #[wasm_bindgen(js_name = addLogo)]
    pub fn add_logo(&mut self, name: &str, width: u32, height: u32, rgba: &[u8]) {
        self.logos.push((name.to_owned(), Pixels { width, height, rgba: rgba.to_vec() }));
    }

    /// Provide a file the policy refers to, by the name it uses (the last path component is
    /// enough).
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
        self.files.push((name.to_owned(), bytes.to_vec()));
    }

    /// Compile to bundle JSON. `key` must be 16 random bytes. Throws with a message naming
    /// the file and what is wrong.
    pub fn compile(&self, key: &[u8]) -> Result<String, JsError> {
        let key: [u8; 16] = key.try_into().map_err(|_| JsError::new("the hash key must be 16 bytes"))?;
        let mut load = |path: &str| -> Result<Vec<u8>, String> {
            by_name(&self.files, path)
                .cloned()
                .ok_or_else(|| format!("the policy names `{path}` but that file was not chosen"))
        };
        let mut logo = |path: &str| -> Result<Pixels, String> {
            by_name(&self.logos, path)
                .cloned()
                .ok_or_else(|| format!("the policy names the logo `{path}` but its picture was not given"))
        };
        let bundle = compile_with_logos(&self.source, &mut load, &mut logo, key)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(bundle.to_json())
    }
}

/// The entry given for a path, by its whole name or its last component.
fn by_name<'a, T>(entries: &'a [(String, T)], path: &str) -> Option<&'a T> {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    entries.iter().find(|(n, _)| n == path || n.rsplit(['/', '\\']).next() == Some(base)).map(|(_, v)| v)
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
