//! The `sendwise` binary as an IT lead runs it: exit codes, JSON Lines, text output, error
//! messages, `policy compile` and `explain`. Fixtures are under `tests/data/` (an invented
//! school, Hollin Bank Primary); the shared corpus is used where it sits beside the repo.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel).display().to_string()
}

fn policy() -> String {
    data("school/policy.json")
}

fn sendwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sendwise")).args(args).output().expect("the sendwise binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("an exit code, not a signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// Each stdout line parsed as JSON.
fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

fn tmp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The (rule, field, severity) of each finding in a JSON Lines object.
fn keys(line: &Value) -> Vec<(String, String, String)> {
    line["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["field"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn exit_codes_zero_one_two() {
    let clean = sendwise(&["check", "--policy", &policy(), &data("drafts/clean.eml")]);
    assert_eq!(code(&clean), 0, "{}", stderr(&clean));
    assert!(stderr(&clean).is_empty(), "{}", stderr(&clean));

    let found = sendwise(&[
        "check",
        "--policy",
        &policy(),
        &data("drafts/clean.eml"),
        &data("drafts/parents-in-to.eml"),
    ]);
    assert_eq!(code(&found), 1);

    // An error wins over findings, and the other inputs are still checked.
    let error = sendwise(&[
        "check",
        "--policy",
        &policy(),
        &data("drafts/parents-in-to.eml"),
        &data("drafts/nope.eml"),
    ]);
    assert_eq!(code(&error), 2);
    assert!(stdout(&error).contains("recipients-exposed"), "{}", stdout(&error));

    let bad_policy =
        sendwise(&["check", "--policy", &data("bad/no-domains.json"), &data("drafts/clean.eml")]);
    assert_eq!(code(&bad_policy), 2);
    assert!(stdout(&bad_policy).is_empty(), "nothing is checked with a bad policy");
}

#[test]
fn usage_errors_exit_two() {
    let ok = sendwise(&["--help"]);
    assert_eq!(code(&ok), 0);
    assert!(stdout(&ok).contains("check"));
    for args in [
        &["check", &data("drafts/clean.eml")][..], // no --policy
        &["check", "--policy", &policy()],         // no input
        &["check", "--policy", &policy(), "--no-policy", &data("drafts/clean.eml")],
        &["frobnicate"],
        &[],
        &["check", "--policy", &policy(), "--colour", &data("drafts/clean.eml")],
    ] {
        let out = sendwise(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    let missing_policy = sendwise(&["check", &data("drafts/clean.eml")]);
    assert!(stderr(&missing_policy).contains("--policy"), "{}", stderr(&missing_policy));
}

#[test]
fn no_policy_is_explicit_and_noted() {
    let out = sendwise(&["check", "--no-policy", &data("drafts/clean.eml")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("note: No school policy is loaded"), "{}", stdout(&out));

    // Rules that need no roster still run.
    let out = sendwise(&["check", "--no-policy", "--json", &data("drafts/parents-in-to.eml")]);
    assert_eq!(code(&out), 1);
    let lines = json_lines(&out);
    assert_eq!(lines[0]["policy_loaded"], false);
    assert!(keys(&lines[0]).iter().any(|k| k.0 == "recipients-exposed"));
}

#[test]
fn json_lines_shape() {
    let inputs = [
        data("drafts/clean.eml"),
        data("drafts/subject-rfc2047.eml"),
        data("drafts/nope.eml"),
        data("drafts/with-files.json"),
    ];
    let mut args = vec!["check", "--json", "--policy"];
    let p = policy();
    args.push(&p);
    args.extend(inputs.iter().map(String::as_str));
    let out = sendwise(&args);
    assert_eq!(code(&out), 2, "one input is missing");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), inputs.len(), "one object per input");
    for (line, input) in lines.iter().zip(&inputs) {
        assert_eq!(line["input"], input.as_str(), "in order");
    }

    assert_eq!(lines[0]["findings"], Value::Array(vec![]), "the clean draft first");
    assert!(lines[0].get("error").is_none());

    let findings = lines[1]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let f = &findings[0];
    for key in ["rule", "severity", "field", "name", "start", "end", "excerpt", "message"] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
    }
    assert_eq!(f["rule"], "pupil-name");
    assert_eq!(f["severity"], "block");
    assert_eq!(f["field"], "subject");
    assert_eq!(f["name"], Value::Null);
    assert_eq!((f["start"].as_u64(), f["end"].as_u64()), (Some(0), Some(16)));
    assert_eq!(f["excerpt"], "Élodie Marchetti");
    assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(f["explanation"]["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    // The contract's keys come first and in its order.
    let text = stdout(&out);
    let second = text.lines().nth(1).unwrap();
    let order: Vec<usize> = [
        "\"input\"",
        "\"rule\"",
        "\"severity\"",
        "\"field\"",
        "\"name\"",
        "\"start\"",
        "\"end\"",
        "\"excerpt\"",
        "\"message\"",
    ]
    .iter()
    .map(|k| second.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{second}");

    let err = &lines[2];
    assert!(err.get("findings").is_none());
    let msg = err["error"].as_str().unwrap();
    assert!(msg.contains("nope.eml") && msg.contains("no such file"), "{msg}");

    assert!(lines[3]["findings"].is_array(), "the JSON draft after the error is still checked");
    assert!(stderr(&out).contains("nope.eml: no such file"), "{}", stderr(&out));
}

#[test]
fn text_output_blocks() {
    let out = sendwise(&[
        "check",
        "--policy",
        &policy(),
        &data("drafts/clean.eml"),
        &data("drafts/subject-rfc2047.eml"),
        &data("drafts/parents-in-to.eml"),
        &data("drafts/unknown-key.json"),
    ]);
    assert_eq!(code(&out), 2);
    let text = stdout(&out);
    let blocks: Vec<&str> = text.split("\n\n").collect();
    assert!(blocks[0].starts_with(&data("drafts/clean.eml")), "{text}");
    assert!(blocks[0].contains("no findings"), "{text}");

    let b = blocks[1];
    assert!(b.starts_with(&data("drafts/subject-rfc2047.eml")), "{b}");
    assert!(b.contains("block  pupil-name  in subject at 0..16"), "{b}");
    assert!(b.contains("found: \"Élodie Marchetti\""), "{b}");
    assert!(b.contains("why: "), "{b}");
    assert!(b.contains("fix: "), "{b}");

    let b = blocks[2];
    assert!(b.contains("warn   recipients-exposed  in recipients"), "{b}");

    let b = blocks[3];
    assert!(b.contains("error: invalid draft: unknown field `attachment`"), "{b}");
    assert!(b.contains("at line 5"), "{b}");
    assert!(b.contains("not checked"), "{b}");

    assert!(
        text.trim_end().ends_with("4 drafts checked: 1 clean, 2 need a decision, 1 could not be checked"),
        "{text}"
    );
}

#[test]
fn school_clause_is_quoted() {
    let dir = tmp_dir("clause");
    let src = fs::read_to_string(policy()).unwrap();
    let with_clause = src.replacen(
        "\"pupils\": \"pupils.csv\"",
        "\"rules\": { \"pupil-name\": { \"clause\": \"Initials only in subject lines, please.\" } },\n  \"pupils\": \"pupils.csv\"",
        1,
    );
    for f in ["pupils.csv", "staff.csv"] {
        fs::copy(data(&format!("school/{f}")), dir.join(f)).unwrap();
    }
    fs::write(dir.join("policy.json"), with_clause).unwrap();
    let p = dir.join("policy.json").display().to_string();

    let out = sendwise(&["check", "--policy", &p, &data("drafts/clean.eml")]);
    assert!(!stdout(&out).contains("school's rule"));
    let out = sendwise(&["check", "--policy", &p, &data("drafts/subject-rfc2047.eml")]);
    assert!(
        stdout(&out).contains("school's rule: \"Initials only in subject lines, please.\""),
        "{}",
        stdout(&out)
    );
    let out = sendwise(&["check", "--json", "--policy", &p, &data("drafts/subject-rfc2047.eml")]);
    assert_eq!(
        json_lines(&out)[0]["findings"][0]["explanation"]["clause"],
        "Initials only in subject lines, please."
    );
}

#[test]
fn bad_policy_messages_name_file_and_field() {
    let good = sendwise(&["check", "--policy", &policy(), &data("drafts/clean.eml")]);
    assert_eq!(code(&good), 0);

    let cases = [
        ("bad/unknown-key.json", vec!["unknown-key.json:5:", "unknown field `partner_domain`"]),
        ("bad/no-domains.json", vec!["no-domains.json", "school.domains"]),
        ("bad/no-surname.json", vec!["no-surname.csv", "no surname column", "First Name, Middle Name, UPN"]),
        ("bad/missing-csv.json", vec!["missing-csv.json", "pupils", "pupils-export.csv", "no such file"]),
        ("bad/not-there.json", vec!["not-there.json", "no such file"]),
    ];
    for (file, wants) in cases {
        let out = sendwise(&["check", "--policy", &data(file), &data("drafts/clean.eml")]);
        assert_eq!(code(&out), 2, "{file}");
        let err = stderr(&out);
        assert!(err.starts_with("sendwise: "), "{err}");
        for want in wants {
            assert!(err.contains(want), "{file}: `{want}` not in: {err}");
        }
    }
}

#[test]
fn unreadable_input_is_reported_and_others_still_checked() {
    let out = sendwise(&[
        "check",
        "--policy",
        &policy(),
        &data("drafts/clean.eml"),
        &data("drafts/missing-file.json"),
        &data("drafts/social-name.json"),
    ]);
    assert_eq!(code(&out), 2);
    let text = stdout(&out);
    assert!(text.contains("no findings"), "{text}");
    assert!(text.contains("files/not-there.docx"), "{text}");
    assert!(text.contains("block  pupil-name  in body"), "the input after the error: {text}");
    assert!(
        stderr(&out).contains("missing-file.json: attachments[0]: cannot read `files/not-there.docx`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hostile_files_never_crash_the_binary() {
    let dir = tmp_dir("hostile");
    let clean = data("drafts/clean.eml");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                state ^= state << 7;
                state ^= state >> 9;
                (state & 0xff) as u8
            })
            .collect()
    };
    let eml = fs::read(&clean).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.eml", vec![]),
        ("garbage.eml", noise(10_000)),
        ("garbage.json", noise(3_000)),
        ("headers-only.eml", b"From: a@b.c\r\nSubject: \xff\xfe\r\n".to_vec()),
        ("half.eml", eml[..eml.len() / 2].to_vec()),
        ("nul.eml", [&eml[..40], &[0u8; 64][..], &eml[40..]].concat()),
        ("deep.json", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()),
    ];
    let mut args = vec!["check".to_owned(), "--policy".to_owned(), policy(), clean.clone()];
    for (name, bytes) in &files {
        let p = dir.join(name);
        fs::write(&p, bytes).unwrap();
        args.push(p.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = sendwise(&args);
    assert_eq!(code(&out), 2, "errors for the unreadable ones: {}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("empty.eml: the file is empty"), "{err}");
    assert!(err.contains("garbage.eml: does not look like an email"), "{err}");
    // Every input still gets its block.
    let text = stdout(&out);
    for (name, _) in &files {
        assert!(text.contains(name), "{name} missing from: {text}");
    }
    assert!(text.contains("8 drafts checked"), "{text}");

    let json = sendwise(&[&args[..1], &["--json"], &args[1..]].concat());
    assert_eq!(json_lines(&json).len(), files.len() + 1);
}

#[test]
fn standard_input_is_read_for_dash() {
    use std::io::Write as _;
    use std::process::Stdio;
    let run = |bytes: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sendwise"))
            .args(["check", "--json", "--policy", &policy(), "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&fs::read(data("drafts/clean.eml")).unwrap());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["input"], "-");
    let out = run(br#"{"channel": "social", "body": "well done Marnie Threlfall"}"#);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

#[test]
fn compiled_bundle_has_no_roster_names_and_checks_the_same() {
    let dir = tmp_dir("compile");
    let bundle_path = dir.join("bundle.json");
    let b = bundle_path.display().to_string();
    let out = sendwise(&["policy", "compile", &policy(), "-o", &b]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).is_empty(), "the bundle went to the file");
    let summary = stderr(&out);
    assert!(summary.contains("Hollin Bank Primary School"), "{summary}");
    assert!(summary.contains("6 pupils") && summary.contains("2 staff"), "{summary}");
    assert!(summary.contains(" bytes"), "{summary}");

    // No forename or surname of anyone on either roster, in any case, anywhere outside the
    // opaque hash and key fields (which are checked to be just that).
    let text = fs::read_to_string(&bundle_path).unwrap();
    let mut bundle: Value = serde_json::from_str(&text).unwrap();
    let hashes = bundle["names"]["hashes"].take();
    let hashes = hashes.as_str().unwrap();
    assert!(hashes.chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)), "base64 only");
    let key = bundle["names"]["key"].take();
    assert!(key.as_str().unwrap().chars().all(|c| c.is_ascii_hexdigit()));
    let rest = bundle.to_string().to_lowercase();
    let mut names = Vec::new();
    for (file, cols) in [("school/pupils.csv", &[0, 1, 2][..]), ("school/staff.csv", &[1, 2][..])] {
        for line in fs::read_to_string(data(file)).unwrap().lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            names.extend(
                cols.iter()
                    .filter_map(|&c| fields.get(c))
                    .filter(|n| !n.is_empty())
                    .map(|n| n.to_lowercase()),
            );
        }
    }
    assert!(names.len() >= 14, "{names:?}");
    assert!(names.contains(&"élodie".to_owned()) && names.contains(&"o'halloran".to_owned()));
    for name in &names {
        assert!(!rest.contains(name.as_str()), "`{name}` is in the bundle");
        assert!(!hashes.to_lowercase().contains(&format!("{name}{name}")), "sanity");
    }
    // Emails of staff carry their names: not in the bundle either.
    assert!(!rest.contains("arkwright") && !rest.contains("dunmore"));

    // stdout when no -o, same shape.
    let out = sendwise(&["policy", "compile", &policy()]);
    assert_eq!(code(&out), 0);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["format"], "sendwise-bundle");

    // The bundle as --policy gives the same findings as the source.
    let drafts: Vec<String> = [
        "drafts/clean.eml",
        "drafts/subject-rfc2047.eml",
        "drafts/html-only.eml",
        "drafts/attachments.eml",
        "drafts/parents-in-to.eml",
        "drafts/social-name.json",
        "drafts/with-files.json",
    ]
    .iter()
    .map(|d| data(d))
    .collect();
    let run = |p: &str| {
        let mut args = vec!["check", "--json", "--policy", p];
        args.extend(drafts.iter().map(String::as_str));
        let out = sendwise(&args);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        json_lines(&out)
    };
    let from_source = run(&policy());
    let from_bundle = run(&b);
    assert_eq!(from_source, from_bundle);
    assert!(from_source.iter().any(|l| keys(l).iter().any(|k| k.0 == "pupil-name")));

    // A bundle is not compiled twice.
    let out = sendwise(&["policy", "compile", &b]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("already a compiled bundle"), "{}", stderr(&out));
}

#[test]
fn compile_errors_exit_two_and_write_nothing() {
    let dir = tmp_dir("compile-bad");
    let target = dir.join("bundle.json");
    let _ = fs::remove_file(&target);
    let t = target.display().to_string();
    let out = sendwise(&["policy", "compile", &policy(), "-o", &t]);
    assert_eq!(code(&out), 0);
    let _ = fs::remove_file(&target);
    let out = sendwise(&["policy", "compile", &data("bad/no-surname.json"), "-o", &t]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no surname column"), "{}", stderr(&out));
    assert!(!target.exists());
}

#[test]
fn explain_lists_and_explains_rules() {
    let out = sendwise(&["explain"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    for id in sendwise_core::RuleId::ALL {
        assert!(text.contains(id.as_str()), "{id} missing");
        assert!(text.contains(id.description().split_whitespace().next().unwrap()));
    }
    assert!(text.contains("default: email subject: block"), "{text}");

    let out = sendwise(&["explain", "recipients-exposed"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("recipients-exposed\n"), "{text}");
    assert!(text.contains("Status: implemented"), "{text}");
    assert!(text.contains("Bcc"), "{text}");

    let out = sendwise(&["explain", "pupil-names"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("unknown rule `pupil-names`") && err.contains("pupil-name,"), "{err}");
    assert!(err.contains("photo-reminder"), "the list of ids: {err}");
}

#[test]
fn explain_with_policy_shows_the_schools_setting() {
    let westbrook = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/westbrook/policy.json");
    let w = westbrook.display().to_string();
    let out = sendwise(&["explain", "chain-message", "--policy", &w]);
    assert!(stdout(&out).contains("keeps the defaults"), "{}", stdout(&out));
    let out = sendwise(&["explain", "pupil-name", "--policy", &w]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("In Westbrook Primary School's policy"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("the school's rule: \"Refer to pupils by their initials"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn westbrook_example_drafts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/westbrook");
    let p = root.join("policy.json").display().to_string();
    let d = |f: &str| root.join("drafts").join(f).display().to_string();
    let out = sendwise(&["check", "--json", "--policy", &p, &d("clean-trip-letter.eml")]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));

    let out = sendwise(&[
        "check",
        "--json",
        "--policy",
        &p,
        &d("pupil-name-in-subject.eml"),
        &d("parents-exposed.eml"),
        &d("social-post-pupil.json"),
        &d("reading-groups-to-personal-email.json"),
        &d("social-crest.json"),
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let lines = json_lines(&out);
    assert!(keys(&lines[0]).contains(&("pupil-name".into(), "subject".into(), "block".into())));
    assert!(keys(&lines[1]).iter().any(|k| k.0 == "recipients-exposed" && k.1 == "recipients"));
    assert!(keys(&lines[2]).contains(&("pupil-name".into(), "body".into(), "block".into())));
    assert!(lines[3].get("error").is_none() && lines[4].get("error").is_none());
}

/// The shared corpus sits beside the repository (`../shared/corpus` from its root) on
/// developers' machines and in CI; skip quietly where it does not.
fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.join("policy/policy.json").exists().then_some(dir)
}

#[test]
fn corpus_pupil_name_in_subject() {
    let Some(dir) = corpus() else {
        eprintln!("no shared corpus beside the repository; skipped");
        return;
    };
    let p = dir.join("policy/policy.json").display().to_string();
    let clean = dir.join("cases/0001-clean-trip-letter-bcc-parents/draft.eml").display().to_string();
    let out = sendwise(&["check", "--json", "--policy", &p, &clean]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));

    let case = dir.join("cases/0030-pupil-name-in-subject/draft.eml").display().to_string();
    let out = sendwise(&["check", "--json", "--policy", &p, &case]);
    assert_eq!(code(&out), 1);
    assert!(keys(&json_lines(&out)[0]).contains(&("pupil-name".into(), "subject".into(), "block".into())));

    // Run from the repository root with the relative path, as the README shows.
    let out = Command::new(env!("CARGO_BIN_EXE_sendwise"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args([
            "check",
            "--policy",
            "../shared/corpus/policy/policy.json",
            "../shared/corpus/cases/0030-pupil-name-in-subject/draft.eml",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("block  pupil-name  in subject"), "{}", stdout(&out));
}
