//! The file side of sendwise, for the school's IT lead.
//!
//! `sendwise-core` knows nothing about files; this crate turns files into the engine's plain
//! data and the engine's reports into text:
//!
//! - [`load_draft`] reads an `.eml` (RFC 5322 / MIME) or a `.json` draft into a
//!   [`Draft`](sendwise_core::Draft), with the files a JSON draft names read into bytes;
//! - [`load_policy`] reads a policy source (compiling it with its roster CSVs and a fresh
//!   random key) or an already compiled bundle into an [`Engine`](sendwise_core::Engine);
//! - [`render`] writes reports as human-readable text or JSON Lines.
//!
//! Every loader returns an error that says which file, where in it, and what is wrong; none
//! of them panics, whatever the bytes.
//!
//! ```no_run
//! use std::path::Path;
//!
//! let engine = sendwise::load_policy(Path::new("examples/westbrook/policy.json"))?;
//! let draft = sendwise::load_draft(Path::new("examples/westbrook/drafts/clean-trip-letter.eml"))?;
//! let report = engine.check(&draft);
//! assert!(!report.needs_decision());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod input;
pub mod pictures;
pub mod policy;
pub mod render;

pub use input::{load_draft, load_input, InputError, Loaded};
pub use policy::{compile_policy, load_policy, Compiled, PolicyLoadError};
