//! Policies from files: a policy source (compiled here, with its roster CSVs and a fresh
//! random key) or a compiled bundle.

use std::fmt;
use std::path::{Path, PathBuf};

use sendwise_core::{Bundle, Engine, Pixels, PolicyError, PolicySource};

use crate::input::read_file;

/// A policy that could not be loaded, with which file, where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyLoadError {
    /// The policy file itself could not be read.
    Read {
        /// The policy file as the user named it.
        path: PathBuf,
        /// Why, in lower case.
        message: String,
    },
    /// The policy source or one of its CSVs is wrong. `file` is the path as the user would
    /// type it (relative to where sendwise runs, not to the policy).
    Policy(PolicyError),
    /// The file is a bundle that cannot be used.
    Bundle {
        /// The bundle file as the user named it.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A policy compiles only with a fresh random key, and the OS gave none.
    Random(String),
    /// `policy compile` was given a bundle, which is already compiled.
    AlreadyCompiled(PathBuf),
}

impl fmt::Display for PolicyLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyLoadError::Read { path, message } => {
                write!(f, "{}: cannot read the policy: {message}", path.display())
            }
            PolicyLoadError::Policy(e) => e.fmt(f),
            PolicyLoadError::Bundle { path, message } => write!(f, "{}: {message}", path.display()),
            PolicyLoadError::Random(why) => {
                write!(f, "cannot get random bytes from the operating system for the bundle's key: {why}")
            }
            PolicyLoadError::AlreadyCompiled(path) => write!(
                f,
                "{}: this is already a compiled bundle; compile the policy source (the JSON that names the CSVs) instead",
                path.display()
            ),
        }
    }
}

impl std::error::Error for PolicyLoadError {}

/// What a policy file turned out to be.
#[derive(Debug, Clone)]
pub enum Compiled {
    /// A policy source, compiled just now.
    Source(Bundle),
    /// A bundle compiled earlier.
    Bundle(Bundle),
}

impl Compiled {
    /// The bundle, however it was obtained.
    pub fn bundle(&self) -> &Bundle {
        match self {
            Compiled::Source(b) | Compiled::Bundle(b) => b,
        }
    }

    /// The bundle, however it was obtained.
    pub fn into_bundle(self) -> Bundle {
        match self {
            Compiled::Source(b) | Compiled::Bundle(b) => b,
        }
    }
}

/// Load a policy source or a compiled bundle (a JSON object with `"format":
/// "sendwise-bundle"`) into an engine.
pub fn load_policy(path: &Path) -> Result<Engine, PolicyLoadError> {
    let bundle = read_policy(path)?.into_bundle();
    Engine::new(bundle).map_err(|e| PolicyLoadError::Bundle { path: path.to_owned(), message: e.message })
}

/// Compile a policy source into a bundle (refusing a file that is already a bundle).
pub fn compile_policy(path: &Path) -> Result<Bundle, PolicyLoadError> {
    match read_policy(path)? {
        Compiled::Source(b) => Ok(b),
        Compiled::Bundle(_) => Err(PolicyLoadError::AlreadyCompiled(path.to_owned())),
    }
}

/// Read a policy file as whichever it is: a source (compiled now) or a bundle.
pub fn read_policy(path: &Path) -> Result<Compiled, PolicyLoadError> {
    let bytes =
        read_file(path).map_err(|message| PolicyLoadError::Read { path: path.to_owned(), message })?;
    let origin = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|_| {
        PolicyLoadError::Policy(PolicyError {
            file: origin.clone(),
            line: None,
            column: None,
            field: None,
            message: "the policy is not UTF-8 text; expected a JSON policy source or bundle".to_owned(),
        })
    })?;
    let is_bundle =
        serde_json::from_str::<serde_json::Value>(&text).ok().is_some_and(|v| v.get("format").is_some());
    if is_bundle {
        return Bundle::from_json(&text)
            .map(Compiled::Bundle)
            .map_err(|e| PolicyLoadError::Bundle { path: path.to_owned(), message: e.message });
    }
    let source = PolicySource::parse(&text, &origin).map_err(|mut e| {
        // serde_path_to_error names the path of a syntax error "?"; say nothing instead.
        if e.field.as_deref().is_some_and(|f| f.contains('?')) {
            e.field = None;
        }
        PolicyLoadError::Policy(e)
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut key = [0u8; 16];
    getrandom::fill(&mut key).map_err(|e| PolicyLoadError::Random(e.to_string()))?;
    let mut unreadable: Option<(String, PathBuf, String)> = None;
    let mut load = |name: &str| -> Result<Vec<u8>, String> {
        let full = base.join(name);
        read_file(&full).inspect_err(|why| {
            unreadable = Some((name.to_owned(), full.clone(), why.clone()));
        })
    };
    let mut unreadable_logo: Option<(String, PathBuf)> = None;
    let mut logo = |name: &str| -> Result<Pixels, String> {
        let full = base.join(name);
        unreadable_logo = Some((name.to_owned(), full.clone()));
        let bytes =
            read_file(&full).map_err(|why| format!("cannot read `{name}` ({}): {why}", full.display()))?;
        crate::pictures::decode(name, &bytes).map_err(|why| format!("cannot use `{name}` as a logo: {why}"))
    };
    let compiled = sendwise_core::policy::compile_with_logos(&source, &mut load, &mut logo, key);
    compiled.map(Compiled::Source).map_err(|mut e| {
        // A logo's problem is in the policy that names it.
        if e.field.as_deref().is_some_and(|f| f.starts_with("school.logos")) {
            if let Some((name, _)) = unreadable_logo.filter(|(n, _)| *n == e.file) {
                let _ = name;
                e.file = origin;
                return PolicyLoadError::Policy(e);
            }
        }
        match unreadable {
            // The policy names a file that is not there: the mistake is in the policy.
            Some((name, full, why)) if e.file == name && e.line.is_none() => {
                e.message = format!("cannot read `{name}` ({}): {why}", full.display());
                e.file = origin;
            }
            // A problem inside a CSV: name it as the user would find it, not as the policy
            // spells it relative to itself.
            _ => {
                if [Some(&source.pupils), source.staff.as_ref()].contains(&Some(&e.file)) {
                    e.file = base.join(&e.file).display().to_string();
                }
            }
        }
        PolicyLoadError::Policy(e)
    })
}
