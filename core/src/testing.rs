//! Helpers for the engine's unit tests.

use crate::policy::{compile, PolicySource};
use crate::{Channel, Draft, Engine, Report, Site};

pub(crate) const POLICY: &str = r#"{
  "school": {
    "name": "Westbrook Primary School",
    "aliases": ["Westbrook Primary", "WPS"],
    "domains": ["westbrook.sch.uk"],
    "partner_domains": ["exampleshire.gov.uk"],
    "phones": ["01632 960123"]
  },
  "pupils": "pupils.csv",
  "staff": "staff.csv"
}"#;

pub(crate) const STAFF: &str = "Title,Forename,Surname,Email,Role\nMr,Daniel,Okafor,d.okafor@westbrook.sch.uk,Head of Year 8\nMrs,Helen,Marsh,h.marsh@westbrook.sch.uk,Headteacher\n";

/// An engine whose roster is `pupils` (forename, surname) and the staff above.
pub(crate) fn engine_for(pupils: &[(&str, &str)]) -> Engine {
    let mut csv = String::from("Forename,Surname\n");
    for (f, s) in pupils {
        csv.push_str(&format!("\"{f}\",\"{s}\"\n"));
    }
    if pupils.is_empty() {
        csv.push_str("Nobody,Atall\n");
    }
    let source = PolicySource::parse(POLICY, "policy.json").expect("test policy parses");
    let bundle = compile(
        &source,
        &mut |path| match path {
            "pupils.csv" => Ok(csv.clone().into_bytes()),
            "staff.csv" => Ok(STAFF.as_bytes().to_vec()),
            other => Err(format!("no such test file {other}")),
        },
        [7; 16],
    )
    .expect("test policy compiles");
    Engine::new(bundle).expect("test bundle loads")
}

/// An engine for another policy source (its pupils CSV is one made-up pupil, no staff).
pub(crate) fn engine_with(policy: &str) -> Engine {
    let source = PolicySource::parse(policy, "policy.json").expect("test policy parses");
    let bundle = compile(&source, &mut |_| Ok(b"Forename,Surname\nNobody,Atall\n".to_vec()), [7; 16])
        .expect("test policy compiles");
    Engine::new(bundle).expect("test bundle loads")
}

pub(crate) fn draft_email(from: &str, subject: &str, body: &str) -> Draft {
    Draft {
        channel: Channel::Email,
        site: Site::Outlook,
        from: from.into(),
        to: vec!["colleague@westbrook.sch.uk".into()],
        subject: subject.into(),
        body: body.into(),
        ..Draft::default()
    }
}

pub(crate) fn social(body: &str) -> Draft {
    Draft { channel: Channel::Social, site: Site::Facebook, body: body.into(), ..Draft::default() }
}

pub(crate) fn check(engine: &Engine, draft: &Draft) -> Report {
    engine.check(draft)
}
