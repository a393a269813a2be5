//! The sendwise engine.
//!
//! A school's policy source (JSON plus its MIS roster CSVs) is [compiled](policy::compile)
//! once into a [`Bundle`]: settings plus keyed hashes of roster name forms, never the names
//! themselves. An [`Engine`] built from a bundle then [checks](Engine::check) any number of
//! [`Draft`]s, each returning a [`Report`] of [`Finding`]s.
//!
//! This crate knows nothing about browsers, files or clocks: callers hand it bytes and
//! strings. `Engine::check` never fails and never panics, whatever the draft holds.
#![cfg_attr(
    not(test),
    warn(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod addresses;
pub mod attach;
pub mod bundle;
pub mod draft;
mod engine;
pub mod finding;
pub mod logo;
pub mod policy;
pub mod rules;
pub mod sensitive;
#[cfg(test)]
mod testing;
pub mod text;

pub use attach::AttachmentScan;
pub use bundle::{Bundle, BundleError};
pub use draft::{Attachment, Channel, Draft, Image, Pixels, Site};
pub use engine::Engine;
pub use finding::{Evidence, Field, Finding, Fix, Report, Severity};
pub use logo::{ImageScan, LogoMatch};
pub use policy::{PolicyError, PolicySource};
pub use rules::RuleId;
