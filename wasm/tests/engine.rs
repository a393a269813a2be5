//! The binding as JavaScript sees it, run in wasm (Node by default; headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1`).
#![cfg(target_arch = "wasm32")]

use sendwise_wasm::{Engine, PolicyCompiler};
use wasm_bindgen_test::wasm_bindgen_test;

const POLICY: &str =
    r#"{"school":{"name":"Westbrook Primary School","domains":["westbrook.sch.uk"]},"pupils":"pupils.csv"}"#;

fn engine() -> Engine {
    let mut c = PolicyCompiler::new(POLICY, "policy.json").ok().expect("policy parses");
    assert_eq!(c.wanted_files(), vec!["pupils.csv".to_owned()]);
    c.add_file("pupils.csv", b"Forename,Surname\nRuby,Okonkwo\n");
    let bundle = c.compile(&[9; 16]).ok().expect("compiles");
    assert!(!bundle.contains("Okonkwo") && !bundle.to_lowercase().contains("okonkwo"));
    Engine::with_bundle(&bundle).ok().expect("bundle loads")
}

fn findings(report: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(report).expect("report is JSON");
    v["findings"].as_array().cloned().unwrap_or_default()
}

#[wasm_bindgen_test]
fn clean_draft_has_no_findings() {
    let r = engine()
        .check(r#"{"channel":"email","subject":"Trip","body":"Coats please","to":["a@westbrook.sch.uk"]}"#);
    assert!(findings(&r).is_empty(), "{r}");
}

#[wasm_bindgen_test]
fn pupil_name_in_subject_blocks() {
    let r = engine().check(r#"{"channel":"email","subject":"Ruby Okonkwo - detention","body":""}"#);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0]["rule"], "pupil-name");
    assert_eq!(f[0]["severity"], "block");
    assert_eq!(f[0]["start"], 0);
    assert_eq!(f[0]["end"], 12);
}

#[wasm_bindgen_test]
fn bad_draft_json_is_a_note_not_a_throw() {
    let r = engine().check("{not json");
    let v: serde_json::Value = serde_json::from_str(&r).expect("report is JSON");
    assert!(findings(&r).is_empty());
    assert!(v["notes"][0].as_str().unwrap_or_default().contains("could not be read"));
}

#[wasm_bindgen_test]
fn without_policy_recipients_still_checked() {
    let e = Engine::without_policy();
    let r = e.check(r#"{"channel":"email","from":"me@westbrook.sch.uk","to":["a@gmail.com","b@yahoo.co.uk"],"subject":"Ruby Okonkwo"}"#);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0]["rule"], "recipients-exposed");
    let summary: serde_json::Value = serde_json::from_str(&e.summary()).expect("JSON");
    assert_eq!(summary["policy_loaded"], false);
}

#[wasm_bindgen_test]
fn bad_bundle_and_policy_errors_carry_messages() {
    assert!(Engine::with_bundle("{}").is_err());
    assert!(PolicyCompiler::new(r#"{"school":{"name":"X","domains":[]},"pupils":"p.csv"}"#, "policy.json")
        .is_err());
    let mut c = PolicyCompiler::new(POLICY, "policy.json").ok().expect("parses");
    c.add_file("other.csv", b"x");
    assert!(c.compile(&[1; 16]).is_err(), "a missing pupils file is an error");
    assert!(c.compile(&[1; 3]).is_err(), "a short key is an error");
}

/// A crest-like picture: a dark shield with light bands on white.
fn crest(size: u32) -> Vec<u8> {
    let mut rgba = vec![255u8; (size * size * 4) as usize];
    for (i, px) in rgba.chunks_exact_mut(4).enumerate() {
        let (x, y) = ((i as u32 % size) as f32 / size as f32, (i as u32 / size) as f32 / size as f32);
        if y > 0.1 && y < 0.9 && (x - 0.5).abs() < 0.4 * (1.0 - (y - 0.5).max(0.0) * 1.5) {
            let band = ((y * 12.0) as u32).is_multiple_of(3);
            px[..3].copy_from_slice(if band { &[230, 180, 40] } else { &[20, 50, 100] });
        }
    }
    rgba
}

#[wasm_bindgen_test]
fn logos_from_pixels_and_scans_in_drafts() {
    let policy = r#"{"school":{"name":"Westbrook Primary School","domains":["westbrook.sch.uk"],"logos":["img/crest.png"]},"pupils":"pupils.csv"}"#;
    let mut c = PolicyCompiler::new(policy, "policy.json").ok().expect("policy parses");
    assert_eq!(c.wanted_logos(), vec!["img/crest.png".to_owned()]);
    c.add_file("pupils.csv", b"Forename,Surname\nRuby,Okonkwo\n");
    assert!(c.compile(&[9; 16]).is_err(), "a logo without its picture is an error");
    c.add_logo("crest.png", 128, 128, &crest(128));
    let engine = Engine::with_bundle(&c.compile(&[9; 16]).ok().expect("compiles")).ok().expect("loads");
    let scan: serde_json::Value = serde_json::from_str(&engine.scan_image(96, 96, &crest(96))).expect("JSON");
    assert_eq!(scan["logo"]["name"], "img/crest.png", "{scan}");
    let bad: serde_json::Value = serde_json::from_str(&engine.scan_image(10, 10, &[0; 3])).expect("JSON");
    assert!(bad["problem"].is_string());
    let draft = serde_json::json!({"channel": "social", "body": "New term", "images": [{"name": "a.png", "scan": scan}]});
    let f = findings(&engine.check(&draft.to_string()));
    assert!(f.iter().any(|f| f["rule"] == "school-logo" && f["name"] == "a.png"), "{f:?}");
}
