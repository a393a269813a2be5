//! Corpus accuracy: runs every case of a labelled corpus (by default `../shared/corpus`
//! beside the repository; `SENDWISE_CORPUS=dir` for another), prints per-rule precision
//! and recall, and gates the rules this build implements.
//!
//! A finding is matched on rule + field (+ file name for attachment and image findings);
//! each key counts once per case, and `severity`, where a case gives it, must match.
//! Only warn and block findings are compared: `info` is never labelled.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use sendwise_core::{Field, RuleId, Severity};

/// (rule, field, file name)
type Key = (String, String, Option<String>);

/// Minimum (precision, recall) for each implemented rule. A rule missing here but
/// implemented is gated at the default.
const GATES: &[(&str, f64, f64)] = &[
    ("pupil-name", 0.98, 0.98),
    ("opinion-about-person", 0.90, 0.90),
    ("offensive-language", 0.90, 0.90),
    ("recipients-exposed", 0.95, 0.95),
    ("personal-email", 0.95, 0.95),
    ("chain-message", 0.95, 0.95),
    ("personal-contact", 0.95, 0.95),
    ("sensitive-attachment", 0.95, 0.95),
    ("sensitive-content", 0.95, 0.95),
    ("password-in-message", 0.95, 0.95),
    ("school-identity", 0.95, 0.95),
    ("school-logo", 0.95, 0.95),
];
const DEFAULT_GATE: (f64, f64) = (0.90, 0.90);

fn corpus_dir() -> PathBuf {
    match std::env::var_os("SENDWISE_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    wrong_severity: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn expected(case: &Path) -> Vec<(Key, Option<Severity>)> {
    let text = fs::read_to_string(case.join("expect.json")).expect("expect.json is readable");
    let v: serde_json::Value = serde_json::from_str(&text).expect("expect.json is JSON");
    v["findings"]
        .as_array()
        .expect("expect.json has findings")
        .iter()
        .map(|f| {
            let key = (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["field"].as_str().unwrap_or_default().to_owned(),
                f["name"].as_str().map(str::to_owned),
            );
            let sev = f["severity"].as_str().map(|s| match s {
                "block" => Severity::Block,
                "warn" => Severity::Warn,
                _ => Severity::Info,
            });
            (key, sev)
        })
        .collect()
}

#[test]
fn corpus_accuracy() {
    let dir = corpus_dir();
    let policy = dir.join("policy/policy.json");
    assert!(policy.exists(), "no corpus at {} (set SENDWISE_CORPUS)", dir.display());
    let engine = sendwise::load_policy(&policy).unwrap_or_else(|e| panic!("corpus policy: {e}"));
    let mut cases: Vec<PathBuf> =
        fs::read_dir(dir.join("cases")).expect("cases/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    cases.sort();
    assert!(!cases.is_empty(), "the corpus has no cases");

    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut clean_false_alarms = Vec::new();
    let mut misses = Vec::new();
    for case in &cases {
        let draft_path = ["draft.eml", "draft.json"].iter().map(|f| case.join(f)).find(|p| p.exists());
        let Some(draft_path) = draft_path else { panic!("{}: no draft", case.display()) };
        let draft = sendwise::load_draft(&draft_path).unwrap_or_else(|e| panic!("{e}"));
        let report = engine.check(&draft);
        let mut got: BTreeMap<Key, Severity> = BTreeMap::new();
        for f in report.findings.iter().filter(|f| f.severity >= Severity::Warn) {
            let name = matches!(f.field, Field::Attachment | Field::Image).then(|| f.name.clone()).flatten();
            let key = (f.rule.as_str().to_owned(), f.field.as_str().to_owned(), name);
            let sev = got.entry(key).or_insert(f.severity);
            *sev = (*sev).max(f.severity);
        }
        let want = expected(case);
        let want_keys: BTreeSet<&Key> = want.iter().map(|(k, _)| k).collect();
        let label = case.file_name().unwrap_or_default().to_string_lossy().into_owned();
        for (key, sev) in &want {
            let c = counts.entry(key.0.clone()).or_default();
            match got.get(key) {
                Some(g) if sev.is_none_or(|s| s == *g) => c.tp += 1,
                Some(g) => {
                    c.wrong_severity += 1;
                    c.fn_ += 1;
                    misses.push(format!("{label}: {key:?} at {g:?}, expected {sev:?}"));
                }
                None => {
                    c.fn_ += 1;
                    misses.push(format!("{label}: missed {key:?}"));
                }
            }
        }
        for key in got.keys().filter(|k| !want_keys.contains(k)) {
            counts.entry(key.0.clone()).or_default().fp += 1;
            misses.push(format!("{label}: false alarm {key:?}"));
            if want.is_empty() {
                clean_false_alarms.push(format!("{label}: {key:?}"));
            }
        }
    }

    println!("\ncorpus: {} ({} cases)", dir.display(), cases.len());
    println!(
        "{:<22} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}  gate",
        "rule", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let mut failures = Vec::new();
    for id in RuleId::ALL {
        let c = counts.remove(id.as_str()).unwrap_or_default();
        let gate = if id.is_implemented() {
            let (p, r) = GATES.iter().find(|g| g.0 == id.as_str()).map_or(DEFAULT_GATE, |g| (g.1, g.2));
            if c.precision() < p || c.recall() < r {
                failures.push(format!(
                    "{id}: precision {:.3} (gate {p}), recall {:.3} (gate {r})",
                    c.precision(),
                    c.recall()
                ));
            }
            format!("P>={p} R>={r}")
        } else {
            "not implemented".to_owned()
        };
        println!(
            "{:<22} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}  {gate}{}",
            id.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1(),
            if c.wrong_severity > 0 {
                format!(" ({} wrong severity)", c.wrong_severity)
            } else {
                String::new()
            }
        );
    }
    for (rule, _) in counts {
        failures.push(format!("the corpus labels an unknown rule `{rule}`"));
    }
    let implemented_misses: Vec<&String> = misses
        .iter()
        .filter(|m| {
            RuleId::ALL.iter().any(|r| r.is_implemented() && m.contains(&format!("\"{}\"", r.as_str())))
        })
        .collect();
    if !implemented_misses.is_empty() {
        println!("\ndifferences for implemented rules:");
        for m in &implemented_misses {
            println!("  {m}");
        }
    }
    let implemented_clean: Vec<&String> = clean_false_alarms
        .iter()
        .filter(|m| {
            RuleId::ALL.iter().any(|r| r.is_implemented() && m.contains(&format!("\"{}\"", r.as_str())))
        })
        .collect();
    if !implemented_clean.is_empty() {
        failures.push(format!("false alarms on clean cases: {implemented_clean:?}"));
    }
    assert!(failures.is_empty(), "corpus gates failed:\n{}", failures.join("\n"));
}
