//! Reports as the CLI prints them: human-readable blocks, or JSON Lines.

use std::fmt::Write as _;

use sendwise_core::{Field, Finding, Fix, Report};
use serde::Serialize;
use serde_json::Value;

use crate::input::InputError;

/// What happened to one input of `sendwise check`.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The draft was loaded and checked.
    Checked {
        /// The engine's report.
        report: Report,
        /// The loader's notes about the file (shown before the engine's).
        notes: Vec<String>,
    },
    /// The draft could not be loaded (or checked).
    Failed(InputError),
}

impl Outcome {
    /// True when something at warn or above needs the sender's decision.
    pub fn needs_decision(&self) -> bool {
        matches!(self, Outcome::Checked { report, .. } if report.needs_decision())
    }

    /// True when the input could not be checked.
    pub fn is_error(&self) -> bool {
        matches!(self, Outcome::Failed(_))
    }
}

/// One JSON Lines object (without the newline): `{"input": …, "findings": […], "notes": […],
/// "policy_loaded": …}`, or `{"input": …, "error": "…"}`. Findings keep the contract's keys in
/// its order (`rule`, `severity`, `field`, `name`, `start`, `end`, `excerpt`, `message`) and
/// add `explanation` and `fix`.
pub fn json_line(input: &str, outcome: &Outcome) -> String {
    // Typed structs rather than `json!`: serde_json's maps sort their keys, and a reader
    // skimming the output expects `input` first and the contract's order within findings.
    #[derive(Serialize)]
    struct Checked<'a> {
        input: &'a str,
        findings: &'a [Finding],
        notes: Vec<&'a String>,
        policy_loaded: bool,
    }
    #[derive(Serialize)]
    struct Failed<'a> {
        input: &'a str,
        error: String,
    }
    let line = match outcome {
        Outcome::Checked { report, notes } => serde_json::to_string(&Checked {
            input,
            findings: &report.findings,
            notes: notes.iter().chain(&report.notes).collect(),
            policy_loaded: report.policy_loaded,
        }),
        Outcome::Failed(e) => serde_json::to_string(&Failed { input, error: e.to_string() }),
    };
    // Serialising plain strings and numbers cannot fail; keep the line well-formed anyway.
    line.unwrap_or_else(|_| format!("{{\"input\":{},\"error\":\"internal error\"}}", Value::from(input)))
}

/// One human-readable block: the input, then each finding (severity, rule, where, excerpt,
/// message, why, the school's clause, the fix), "no findings" when clean, then notes.
pub fn text_block(input: &str, outcome: &Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{input}");
    match outcome {
        Outcome::Failed(e) => {
            let _ = writeln!(out, "  error: {}", e.message);
            if let Some(line) = e.line {
                let _ = match e.column {
                    Some(col) => writeln!(out, "         at line {line}, column {col}"),
                    None => writeln!(out, "         at line {line}"),
                };
            }
            let _ = writeln!(out, "  not checked");
        }
        Outcome::Checked { report, notes } => {
            if report.findings.is_empty() {
                let _ = writeln!(out, "  no findings");
            }
            for f in &report.findings {
                finding(&mut out, f);
            }
            for note in notes.iter().chain(&report.notes) {
                let _ = writeln!(out, "  note: {note}");
            }
        }
    }
    out
}

fn finding(out: &mut String, f: &Finding) {
    let mut place = format!("in {}", f.field.as_str());
    if let Some(name) = &f.name {
        let _ = write!(place, " \"{name}\"");
    }
    if let (Some(s), Some(e)) = (f.start, f.end) {
        if matches!(f.field, Field::Subject | Field::Body) {
            let _ = write!(place, " at {s}..{e}");
        }
    }
    let _ = writeln!(out, "  {:<5}  {}  {place}", f.severity.as_str(), f.rule);
    if !f.excerpt.is_empty() {
        let _ = writeln!(out, "         found: \"{}\"", one_line(&f.excerpt));
    }
    let _ = writeln!(out, "         {}", one_line(&f.message));
    for reason in &f.explanation.reasons {
        let _ = writeln!(out, "         why: {}", one_line(reason));
    }
    if let Some(clause) = &f.explanation.clause {
        let _ = writeln!(out, "         school's rule: \"{}\"", one_line(clause));
    }
    match &f.fix {
        Some(Fix::Replace { with, label, .. }) => {
            let _ = writeln!(
                out,
                "         fix: {label} (\"{}\" becomes \"{}\")",
                one_line(&f.excerpt),
                one_line(with)
            );
        }
        Some(Fix::MoveToBcc { addresses, label }) => {
            let _ = writeln!(out, "         fix: {label} ({})", addresses.join(", "));
        }
        None => {}
    }
}

/// Text on one line: excerpts may span lines, and a block stays readable in a terminal.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The closing line of a text run over several inputs.
pub fn summary(outcomes: &[Outcome]) -> String {
    let errors = outcomes.iter().filter(|o| o.is_error()).count();
    let decide = outcomes.iter().filter(|o| o.needs_decision()).count();
    let clean = outcomes.len() - errors - decide;
    let plural =
        |n: usize, one: &str, many: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") };
    let mut parts = vec![format!("{clean} clean"), plural(decide, "needs a decision", "need a decision")];
    if errors > 0 {
        parts.push(plural(errors, "could not be checked", "could not be checked"));
    }
    format!("{}: {}", plural(outcomes.len(), "draft checked", "drafts checked"), parts.join(", "))
}
