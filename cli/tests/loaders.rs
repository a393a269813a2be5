//! The library's loaders: drafts from `.eml` and `.json`, policies from sources and bundles,
//! and what they say when a file is wrong. Fixtures are under `tests/data/` (an invented
//! school, Hollin Bank Primary).

use std::fs;
use std::path::{Path, PathBuf};

use sendwise::{load_draft, load_input, load_policy, PolicyLoadError};
use sendwise_core::{Channel, Field, RuleId, Severity, Site};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel)
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("loaders");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn policy_error(rel: &str) -> String {
    match load_policy(&data(rel)) {
        Ok(_) => panic!("{rel} loaded, but it is a bad policy"),
        Err(e) => e.to_string(),
    }
}

// ---- emails ---------------------------------------------------------------------------

#[test]
fn eml_plain_headers_and_body() {
    let d = load_draft(&data("drafts/clean.eml")).unwrap();
    assert_eq!(d.channel, Channel::Email);
    assert_eq!(d.site, Site::Other);
    assert_eq!(d.from, "Felix Arkwright <f.arkwright@hollinbank.sch.uk>");
    assert_eq!(d.to, ["Ursula Dunmore <u.dunmore@hollinbank.sch.uk>"]);
    assert!(d.cc.is_empty() && d.bcc.is_empty());
    assert_eq!(d.subject, "Year 5 swimming rota");
    assert!(d.body.contains("swimming rota for the half term"), "{:?}", d.body);
    assert!(d.attachments.is_empty() && d.images.is_empty());
}

#[test]
fn eml_subject_rfc2047_is_decoded() {
    let d = load_draft(&data("drafts/subject-rfc2047.eml")).unwrap();
    // UTF-8 base64 and ISO-8859-1 quoted-printable words, folded over two lines.
    assert_eq!(d.subject, "Élodie Marchetti - résumé of the meeting");
}

#[test]
fn eml_html_only_goes_to_html_with_empty_body() {
    let d = load_draft(&data("drafts/html-only.eml")).unwrap();
    assert_eq!(d.body, "");
    let html = d.html.expect("the HTML part");
    assert!(html.contains("<b>Joss&nbsp;Penrose</b>"), "{html}");
    // Latin-1 quoted-printable decoded to UTF-8.
    assert!(html.contains("Café"), "{html}");
}

#[test]
fn eml_attachments_inline_images_and_bcc() {
    let d = load_draft(&data("drafts/attachments.eml")).unwrap();
    assert_eq!(d.bcc, ["Leah Quinlan <leah.q@example.net>", "kim.oduya@example.org"]);
    assert_eq!(d.body.trim(), "The class list is attached.");
    assert!(d.html.as_deref().is_some_and(|h| h.contains("cid:crest@hollinbank")));

    let names: Vec<&str> = d.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["5T class list.csv", "résumé.bin"]);
    assert_eq!(d.attachments[0].data, b"Forename,Surname\nMarnie,Threlfall\n");
    assert_eq!(d.attachments[0].media_type.as_deref(), Some("text/csv"));
    assert_eq!(d.attachments[1].data, [0, 1, 2, 3, 4, 5, 6, 7]);

    assert_eq!(d.images.len(), 1);
    assert_eq!(d.images[0].name, "crest.png");
    assert_eq!(d.images[0].media_type.as_deref(), Some("image/png"));
    let png = fs::read(data("drafts/files/photo.png")).unwrap();
    assert_eq!(d.images[0].data, png, "the inline image's decoded bytes");
}

#[test]
fn eml_site_is_inferred_from_outlook_and_gmail_headers() {
    let outlook = tmp(
        "outlook.eml",
        b"From: a@hollinbank.sch.uk\r\nSubject: x\r\nMessage-ID: <AB12@eurprd02.prod.outlook.com>\r\n\r\nhi\r\n",
    );
    assert_eq!(load_draft(&outlook).unwrap().site, Site::Outlook);
    let unsent = tmp("unsent.eml", b"From: a@hollinbank.sch.uk\r\nX-Unsent: 1\r\nSubject: x\r\n\r\nhi\r\n");
    assert_eq!(load_draft(&unsent).unwrap().site, Site::Outlook);
    let gmail = tmp(
        "gmail.eml",
        b"From: a@hollinbank.sch.uk\r\nMessage-ID: <CAJ7x2=Qp1@mail.gmail.com>\r\n\r\nhi\r\n",
    );
    assert_eq!(load_draft(&gmail).unwrap().site, Site::Gmail);
}

#[test]
fn eml_truncated_mime_still_loads() {
    let d = load_draft(&data("drafts/truncated.eml")).unwrap();
    assert_eq!(d.subject, "Class list and crest");
    assert!(d.body.contains("The class list is attached."));
}

#[test]
fn hostile_inputs_are_errors_or_drafts_never_panics() {
    load_draft(&data("drafts/clean.eml")).unwrap();

    // Empty and whitespace-only files: a clear error.
    for (name, bytes) in [("empty.eml", &b""[..]), ("blank.json", b"  \n"), ("bom.eml", b"\xEF\xBB\xBF")] {
        let e = load_draft(&tmp(name, bytes)).unwrap_err();
        assert!(e.message.contains("empty"), "{name}: {e}");
        assert!(e.to_string().contains(name), "{e}");
    }
    // Binary garbage named .eml: no headers, so not an email.
    let mut state: u32 = 0x2545_f491;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    let e = load_draft(&tmp("garbage.eml", &garbage)).unwrap_err();
    assert!(e.message.contains("does not look like an email"), "{e}");
    // An Outlook .msg (OLE2 compound file) is named as such.
    let mut msg = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    msg.extend_from_slice(&garbage[..512]);
    let e = load_draft(&tmp("saved.eml", &msg)).unwrap_err();
    assert!(e.message.contains(".msg"), "{e}");
    // Every prefix of a real multipart email, and every prefix with garbage after it, loads
    // or fails cleanly.
    let eml = fs::read(data("drafts/attachments.eml")).unwrap();
    for cut in (0..eml.len()).step_by(37) {
        let mut bytes = eml[..cut].to_vec();
        let _ = sendwise::input::load_bytes(Path::new("cut.eml"), &bytes, Path::new(""));
        bytes.extend_from_slice(&garbage[..cut.min(garbage.len())]);
        let _ = sendwise::input::load_bytes(Path::new("cut.eml"), &bytes, Path::new(""));
    }
    // Deeply nested multiparts and a message/rfc822 inside a message/rfc822.
    let mut nested = String::from("From: a@b.c\r\nSubject: deep\r\n");
    for i in 0..200 {
        nested.push_str(&format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"));
    }
    nested.push_str("Content-Type: text/plain\r\n\r\ninside\r\n");
    let _ = sendwise::input::load_bytes(Path::new("deep.eml"), nested.as_bytes(), Path::new(""));
    let forwarded = b"From: a@b.c\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nsee below\r\n--x\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d.e\r\nSubject: inner\r\n\r\ninner body\r\n--x--\r\n";
    let d = sendwise::input::load_bytes(Path::new("fwd.eml"), forwarded, Path::new("")).unwrap().draft;
    assert_eq!(d.attachments.len(), 1, "the forwarded message is an attachment");
    assert!(d.attachments[0].name.ends_with(".eml"), "{}", d.attachments[0].name);
    assert!(String::from_utf8_lossy(&d.attachments[0].data).contains("inner body"));
}

#[test]
fn unreadable_draft_names_the_path() {
    load_draft(&data("drafts/clean.eml")).unwrap();
    let e = load_draft(&data("drafts/no-such-draft.eml")).unwrap_err();
    assert!(e.to_string().contains("no-such-draft.eml") && e.message.contains("no such file"), "{e}");
    let e = load_draft(&data("drafts")).unwrap_err();
    assert!(e.message.contains("folder"), "{e}");
}

// ---- JSON drafts ----------------------------------------------------------------------

#[test]
fn json_draft_reads_files_relative_to_itself() {
    let d = load_draft(&data("drafts/with-files.json")).unwrap();
    assert_eq!(d.site, Site::Outlook);
    assert_eq!(d.to, ["Ursula Dunmore <u.dunmore@hollinbank.sch.uk>"]);
    assert_eq!(d.attachments.len(), 1);
    assert_eq!(d.attachments[0].name, "group.csv");
    assert_eq!(d.attachments[0].data, b"Forename,Surname\nJoss,Penrose\n");
    assert_eq!(d.images.len(), 1);
    assert_eq!(d.images[0].name, "photo.png");
    assert_eq!(d.images[0].media_type.as_deref(), Some("image/png"));
    assert!(!d.images[0].data.is_empty());
}

#[test]
fn json_draft_defaults_and_social_fields() {
    let d = load_draft(&data("drafts/social-clean.json")).unwrap();
    assert_eq!(d.channel, Channel::Social);
    assert_eq!(d.site, Site::X);
    assert!(d.from.is_empty() && d.to.is_empty() && d.subject.is_empty());
}

#[test]
fn json_draft_errors_say_where_and_what() {
    load_draft(&data("drafts/with-files.json")).unwrap();

    let e = load_draft(&data("drafts/missing-file.json")).unwrap_err();
    let s = e.to_string();
    assert!(s.contains("missing-file.json") && s.contains("attachments[0]"), "{s}");
    assert!(s.contains("files/not-there.docx") && s.contains("no such file"), "{s}");

    let e = load_draft(&data("drafts/unknown-key.json")).unwrap_err();
    assert!(e.message.contains("unknown field `attachment`"), "{e}");
    assert!(e.message.contains("`attachments`"), "the valid keys are listed: {e}");
    assert_eq!(e.line, Some(5), "{e}");

    let e = load_draft(&data("drafts/not-json.json")).unwrap_err();
    assert!(e.message.starts_with("not valid JSON"), "{e}");
    assert_eq!((e.line, e.column), (Some(1), Some(1)), "{e}");

    let e = load_draft(&tmp("bad-channel.json", b"{\n  \"channel\": \"mail\"\n}")).unwrap_err();
    assert!(e.message.contains("channel: \"mail\" is not one of") && e.message.contains("\"social\""), "{e}");
    assert_eq!(e.line, Some(2));

    let e = load_draft(&tmp("bad-site.json", b"{\"site\": \"myspace\"}")).unwrap_err();
    assert!(e.message.contains("\"myspace\"") && e.message.contains("\"whatsapp\""), "{e}");

    let e = load_draft(&tmp("array.json", b"[1, 2]")).unwrap_err();
    assert!(e.message.contains("expected an object"), "{e}");

    let e = load_draft(&tmp("to-number.json", b"{\"to\": [\"a@b.c\", 3]}")).unwrap_err();
    assert!(e.message.contains("invalid type"), "{e}");

    let e = load_draft(&data("school/policy.json")).unwrap_err();
    assert!(e.message.contains("policy, not a draft"), "{e}");

    let e = load_draft(&tmp("latin1.json", b"{\"body\": \"caf\xe9\"}")).unwrap_err();
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn json_draft_nulls_are_empty() {
    let d = load_draft(&tmp(
        "nulls.json",
        b"{\"channel\": null, \"from\": null, \"to\": null, \"subject\": null}",
    ))
    .unwrap();
    assert_eq!(d.channel, Channel::Email);
    assert!(d.from.is_empty() && d.to.is_empty());
}

#[test]
fn format_is_decided_by_content_when_the_name_does_not_say() {
    let json = tmp("draft.txt", b"  {\"channel\": \"chat\", \"site\": \"whatsapp\", \"body\": \"hi\"}");
    assert_eq!(load_draft(&json).unwrap().channel, Channel::Chat);
    let eml = tmp("draft", b"From: a@hollinbank.sch.uk\r\nSubject: hello\r\n\r\nbody\r\n");
    assert_eq!(load_draft(&eml).unwrap().subject, "hello");
}

// ---- policies -------------------------------------------------------------------------

#[test]
fn policy_source_and_its_bundle_load() {
    let engine = load_policy(&data("school/policy.json")).unwrap();
    let bundle = engine.bundle().expect("a bundle");
    assert_eq!(bundle.school.name, "Hollin Bank Primary School");
    assert_eq!((bundle.names.pupils, bundle.names.staff), (6, 2));

    let path = tmp("bundle.json", bundle.to_json().as_bytes());
    let again = load_policy(&path).unwrap();
    assert_eq!(again.bundle(), Some(bundle));
}

#[test]
fn two_compiles_use_different_keys() {
    let a = sendwise::compile_policy(&data("school/policy.json")).unwrap();
    let b = sendwise::compile_policy(&data("school/policy.json")).unwrap();
    assert_ne!(a.names.key, b.names.key);
    assert_ne!(a.names.hashes, b.names.hashes);
}

#[test]
fn bad_policies_say_which_file_and_field() {
    // The good policy first: the errors below are about the files, not the loader.
    load_policy(&data("school/policy.json")).unwrap();

    let s = policy_error("bad/unknown-key.json");
    assert!(s.contains("unknown-key.json:5:"), "file and line: {s}");
    assert!(s.contains("school") && s.contains("unknown field `partner_domain`"), "{s}");

    let s = policy_error("bad/no-domains.json");
    assert!(s.contains("no-domains.json") && s.contains("school.domains"), "{s}");

    let s = policy_error("bad/no-surname.json");
    // The CSV is named as the user would find it, with the headers it has.
    let csv = data("bad/no-surname.csv").display().to_string();
    assert!(s.starts_with(&csv), "{s}");
    assert!(s.contains("no surname column") && s.contains("First Name, Middle Name, UPN"), "{s}");

    let s = policy_error("bad/missing-csv.json");
    assert!(s.contains("missing-csv.json") && s.contains("pupils"), "the policy's field: {s}");
    assert!(s.contains("pupils-export.csv") && s.contains("no such file"), "{s}");

    let s = policy_error("bad/syntax.json");
    assert!(s.contains("syntax.json:6:3: expected `,` or `}`"), "{s}");

    let s = policy_error("bad/future-bundle.json");
    assert!(s.contains("future-bundle.json") && s.contains("version 99"), "{s}");

    let s = policy_error("bad/not-there.json");
    assert!(s.contains("not-there.json") && s.contains("no such file"), "{s}");

    let e = sendwise::compile_policy(&tmp(
        "already.json",
        load_policy(&data("school/policy.json")).unwrap().bundle().unwrap().to_json().as_bytes(),
    ))
    .unwrap_err();
    assert!(matches!(e, PolicyLoadError::AlreadyCompiled(_)), "{e}");
}

// ---- loaders and engine together ------------------------------------------------------

#[test]
fn loaded_drafts_check_as_expected() {
    let engine = load_policy(&data("school/policy.json")).unwrap();
    let check = |rel: &str| engine.check(&load_input(&data(rel)).unwrap().draft);

    for clean in ["drafts/clean.eml", "drafts/social-clean.json", "drafts/attachments.eml"] {
        let r = check(clean);
        assert!(!r.needs_decision(), "{clean}: {:?}", r.findings);
    }

    let r = check("drafts/subject-rfc2047.eml");
    let f = r.findings.iter().find(|f| f.rule == RuleId::PupilName).expect("pupil-name");
    assert_eq!((f.field, f.severity), (Field::Subject, Severity::Block));
    assert_eq!(f.excerpt, "Élodie Marchetti");

    let r = check("drafts/html-only.eml");
    let f = r.findings.iter().find(|f| f.rule == RuleId::PupilName).expect("pupil-name in the HTML body");
    assert_eq!((f.field, f.severity), (Field::Body, Severity::Warn));

    let r = check("drafts/social-name.json");
    let f = r.findings.iter().find(|f| f.rule == RuleId::PupilName).expect("pupil-name on social");
    assert_eq!((f.field, f.severity), (Field::Body, Severity::Block));

    let r = check("drafts/parents-in-to.eml");
    assert!(r.findings.iter().any(|f| f.rule == RuleId::RecipientsExposed && f.field == Field::Recipients));
}
