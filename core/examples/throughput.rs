//! Engine throughput on plain email text: `cargo run --release -p sendwise-core --example throughput`.
//!
//! Reads `../shared/bench/email-10k.txt` (or the file named by `SENDWISE_BENCH`) and the
//! corpus policy beside it (or `SENDWISE_POLICY`), then checks the text as email bodies, one
//! 10 KB draft at a time, with every rule, with only `opinion-about-person` and with only
//! `offensive-language` (tokenising is shared and counted in each). Prints MB/s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sendwise_core::policy::{compile, PolicySource, RuleSource};
use sendwise_core::{Draft, Engine, RuleId};

fn shared(rel: &str, var: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(rel))
}

fn engine(policy: &Path, only: Option<RuleId>) -> Engine {
    let text = std::fs::read_to_string(policy).expect("policy is readable");
    let mut source = PolicySource::parse(&text, "policy.json").expect("policy parses");
    if let Some(keep) = only {
        for id in RuleId::ALL.into_iter().filter(|&id| id != keep) {
            source.rules.insert(id, RuleSource { enabled: false, ..RuleSource::default() });
        }
    }
    let dir = policy.parent().unwrap_or(Path::new("."));
    let bundle = compile(&source, &mut |p| std::fs::read(dir.join(p)).map_err(|e| e.to_string()), [9; 16])
        .expect("policy compiles");
    Engine::new(bundle).expect("bundle loads")
}

fn main() {
    let text = std::fs::read_to_string(shared("bench/email-10k.txt", "SENDWISE_BENCH")).expect("bench text");
    let policy = shared("corpus/policy/policy.json", "SENDWISE_POLICY");
    let draft = Draft { body: text.clone(), subject: "Update for parents".into(), ..Draft::default() };
    let target_bytes: usize =
        std::env::var("SENDWISE_BENCH_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000_000);
    let rounds = (target_bytes / text.len().max(1)).max(1);
    println!("input: {} bytes x {rounds} drafts", text.len());
    for (label, only) in [
        ("all rules", None),
        ("opinion-about-person only", Some(RuleId::OpinionAboutPerson)),
        ("offensive-language only", Some(RuleId::OffensiveLanguage)),
        ("baseline (no rule runs)", Some(RuleId::PhotoReminder)),
    ] {
        let e = engine(&policy, only);
        let mut findings = e.check(&draft).findings.len(); // warm up
        let t = Instant::now();
        for _ in 0..rounds {
            findings += e.check(&draft).findings.len();
        }
        let secs = t.elapsed().as_secs_f64();
        let mb = (rounds * text.len()) as f64 / 1e6;
        println!(
            "{label:<28} {:>8.1} MB/s  ({:.2} ms per 10 KB draft, {findings} findings)",
            mb / secs,
            secs * 1e3 / rounds as f64
        );
    }
}
