//! `sendwise`: check drafts against a school's policy, compile the policy bundle browsers
//! load, and explain the rules.
//!
//! Exit status, like grep: 0 nothing at warn or above, 1 at least one finding at warn or
//! above, 2 an error (bad usage, a policy that does not load, an input that cannot be read).
//! An error wins over findings.

use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sendwise::input::{load_bytes, load_input, InputError, MAX_FILE_BYTES};
use sendwise::render::{json_line, summary, text_block, Outcome};
use sendwise::{compile_policy, load_policy};
use sendwise_core::{Engine, RuleId};

const OK: u8 = 0;
const FOUND: u8 = 1;
const ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "sendwise",
    version,
    about = "Check email and social drafts against your school's sendwise policy",
    long_about = "Check email and social drafts against your school's sendwise policy, compile the \
                  policy bundle that browsers load, and explain the rules.\n\n\
                  Exit status: 0 nothing at warn or above, 1 at least one finding at warn or above, \
                  2 an error (bad usage, a policy that does not load, an input that cannot be read)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check drafts (.eml emails or .json drafts) against a policy.
    #[command(after_help = "Examples:\n  \
        sendwise check --policy examples/westbrook/policy.json examples/westbrook/drafts/*\n  \
        sendwise check --json --policy bundle.json draft.eml > findings.jsonl\n\n\
        --policy is required so that a forgotten policy never looks like a clean pass; \
        --no-policy checks without one, on purpose.")]
    Check(CheckArgs),
    /// Work with a school's policy.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// List the rules, or explain one.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The school's policy: its source (policy.json beside the roster CSVs) or a compiled bundle.
    #[arg(long, short = 'p', value_name = "POLICY.json", required_unless_present = "no_policy")]
    policy: Option<PathBuf>,
    /// Check without a school policy: rules that need the roster (pupil names) cannot run.
    #[arg(long, conflicts_with = "policy")]
    no_policy: bool,
    /// Print JSON Lines: one object per input, in order.
    #[arg(long)]
    json: bool,
    /// Draft files: .eml (RFC 5322 / MIME) or .json; `-` reads one draft from standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum PolicyCommand {
    /// Compile a policy source into the bundle browsers load (names only as keyed hashes).
    Compile {
        /// The policy source (JSON naming the pupils and staff CSVs, relative to itself).
        #[arg(value_name = "POLICY.json")]
        policy: PathBuf,
        /// Write the bundle here instead of to standard output.
        #[arg(long, short = 'o', value_name = "BUNDLE.json")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// A rule id, e.g. pupil-name. Without one, every rule is listed.
    #[arg(value_name = "RULE")]
    rule: Option<String>,
    /// Show this school's settings for the rule (severity, clause) too.
    #[arg(long, short = 'p', value_name = "POLICY.json")]
    policy: Option<PathBuf>,
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2 (and 0 for --help and --version).
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(&args),
        Command::Policy(PolicyCommand::Compile { policy, output }) => compile(&policy, output.as_deref()),
        Command::Explain(args) => explain(&args),
    };
    ExitCode::from(code)
}

fn error(message: impl std::fmt::Display) {
    eprintln!("sendwise: {message}");
}

fn check(args: &CheckArgs) -> u8 {
    let engine = match &args.policy {
        Some(path) => match load_policy(path) {
            Ok(engine) => engine,
            Err(e) => {
                error(e);
                return ERROR;
            }
        },
        None => Engine::without_policy(),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut outcomes = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        let outcome = check_one(&engine, input);
        if let Outcome::Failed(e) = &outcome {
            error(e);
        }
        let shown = input.display().to_string();
        let written = if args.json {
            writeln!(out, "{}", json_line(&shown, &outcome))
        } else {
            writeln!(out, "{}", text_block(&shown, &outcome))
        };
        if written.is_err() {
            // The reader went away (`| head`): stop quietly, as grep does.
            return ERROR;
        }
        outcomes.push(outcome);
    }
    if !args.json && outcomes.len() > 1 {
        let _ = writeln!(out, "{}", summary(&outcomes));
    }
    let _ = out.flush();
    if outcomes.iter().any(Outcome::is_error) {
        ERROR
    } else if outcomes.iter().any(Outcome::needs_decision) {
        FOUND
    } else {
        OK
    }
}

fn check_one(engine: &Engine, input: &Path) -> Outcome {
    let loaded = if input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        match io::stdin().lock().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
            Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(InputError {
                path: input.to_owned(),
                line: None,
                column: None,
                message: format!(
                    "standard input is larger than {} MiB, more than sendwise reads",
                    MAX_FILE_BYTES >> 20
                ),
            }),
            Ok(_) => load_bytes(input, &bytes, Path::new("")),
            Err(e) => Err(InputError {
                path: input.to_owned(),
                line: None,
                column: None,
                message: format!("cannot read standard input: {e}"),
            }),
        }
    } else {
        load_input(input)
    };
    match loaded {
        Ok(loaded) => match catch_unwind(AssertUnwindSafe(|| engine.check(&loaded.draft))) {
            Ok(report) => Outcome::Checked { report, notes: loaded.notes },
            Err(_) => Outcome::Failed(InputError {
                path: input.to_owned(),
                line: None,
                column: None,
                message: "the engine failed on this draft (a bug in sendwise: please report it)".to_owned(),
            }),
        },
        Err(e) => Outcome::Failed(e),
    }
}

fn compile(policy: &Path, output: Option<&Path>) -> u8 {
    let bundle = match compile_policy(policy) {
        Ok(b) => b,
        Err(e) => {
            error(e);
            return ERROR;
        }
    };
    let mut json = bundle.to_json();
    json.push('\n');
    match output {
        Some(path) => {
            // Write beside the target and rename, so a failed write never leaves half a bundle
            // where managed storage or a colleague would pick it up.
            let mut tmp = path.as_os_str().to_owned();
            tmp.push(".partial");
            let tmp = PathBuf::from(tmp);
            if let Err(e) = std::fs::write(&tmp, &json).and_then(|()| std::fs::rename(&tmp, path)) {
                let _ = std::fs::remove_file(&tmp);
                error(format_args!("{}: cannot write the bundle: {e}", path.display()));
                return ERROR;
            }
        }
        None => {
            if io::stdout().lock().write_all(json.as_bytes()).is_err() {
                return ERROR;
            }
        }
    }
    eprintln!(
        "compiled {}: {} pupils, {} staff, bundle {} bytes{}",
        bundle.school.name,
        bundle.names.pupils,
        bundle.names.staff,
        json.len(),
        output.map(|p| format!(", written to {}", p.display())).unwrap_or_default()
    );
    OK
}

/// Where each rule fires by default, from the contract's catalogue.
fn defaults(rule: RuleId) -> &'static str {
    match rule {
        RuleId::PupilName => "email subject: block; email body: warn; social/chat: block",
        RuleId::OpinionAboutPerson => "email: warn; social/chat: block",
        RuleId::OffensiveLanguage => "email: warn; social: block",
        RuleId::SchoolIdentity => "social: warn",
        RuleId::SchoolLogo => "social: block; email: none",
        RuleId::SensitiveAttachment => "email with an external recipient: block; internal only: info",
        RuleId::SensitiveContent => "warn",
        RuleId::RecipientsExposed => "warn",
        RuleId::PersonalEmail => "warn",
        RuleId::PasswordInMessage => "warn",
        RuleId::ChainMessage => "warn",
        RuleId::PersonalContact => "warn",
        RuleId::PhotoReminder => "social: info",
    }
}

fn explain(args: &ExplainArgs) -> u8 {
    let bundle = match &args.policy {
        Some(path) => match sendwise::policy::read_policy(path) {
            Ok(c) => Some(c.into_bundle()),
            Err(e) => {
                error(e);
                return ERROR;
            }
        },
        None => None,
    };
    let mut out = String::new();
    match &args.rule {
        None => {
            out.push_str("Rules (ids as policies, the CLI's JSON and the extension spell them):\n\n");
            for id in RuleId::ALL {
                let status = if id.is_implemented() { "" } else { " (not implemented yet: raises nothing)" };
                out.push_str(&format!("{id}{status}\n    default: {}\n", defaults(id)));
                for line in wrap(id.description(), 88) {
                    out.push_str(&format!("    {line}\n"));
                }
                out.push('\n');
            }
            out.push_str("`sendwise explain RULE` shows one rule and how a policy can change it.\n");
        }
        Some(name) => {
            let id: RuleId = match name.parse() {
                Ok(id) => id,
                Err(e) => {
                    error(e);
                    return ERROR;
                }
            };
            out.push_str(&format!("{id}\n\n"));
            for line in wrap(id.description(), 88) {
                out.push_str(&format!("{line}\n"));
            }
            out.push_str(&format!("\nDefault severity: {}\n", defaults(id)));
            out.push_str(if id.is_implemented() {
                "Status: implemented\n"
            } else {
                "Status: not implemented in this version; a policy may configure it, but it raises nothing yet\n"
            });
            if let Some(bundle) = &bundle {
                match bundle.rules.get(&id) {
                    Some(r) => {
                        out.push_str(&format!("\nIn {}'s policy:\n", bundle.school.name));
                        out.push_str(&format!("    enabled: {}\n", if r.enabled { "yes" } else { "no" }));
                        if let Some(s) = r.severity {
                            out.push_str(&format!("    severity everywhere: {}\n", s.as_str()));
                        }
                        if let Some(c) = &r.clause {
                            out.push_str(&format!("    the school's rule: \"{c}\"\n"));
                        }
                    }
                    None => out.push_str(&format!("\n{}'s policy keeps the defaults.\n", bundle.school.name)),
                }
            }
            out.push_str(&format!(
                "\nA school's policy may change it:\n    \"rules\": {{ \"{id}\": {{ \"enabled\": true, \"severity\": \"warn\", \"clause\": \"Our own words for this rule.\" }} }}\n"
            ));
        }
    }
    if io::stdout().lock().write_all(out.as_bytes()).is_err() {
        return ERROR;
    }
    OK
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
