//! Check latency of the standard 10 KB email against rosters of 2,000 and 20,000 pupils,
//! and the bundle size for each.
//!
//! ```text
//! cargo run --release -p sendwise-core --example check_bench -- ../shared/bench/email-10k.txt [--write DIR]
//! ```
//! With `--write DIR` the bundles are saved for the wasm benchmark (`scripts/bench-wasm.mjs`).

use std::time::Instant;

use sendwise_core::policy::{compile, PolicySource};
use sendwise_core::{Channel, Draft, Engine, Site};

// Invented name parts for synthetic rosters: 100 forenames x 200 surnames.
const FORENAMES: &str = "Aaliyah Abdul Ada Adam Aiden Aisha Alfie Alice Amara Amelia Amir Ava Ayaan Bella Ben Bilal Caleb Chloe Connor Daisy Daniel Darcy Dylan Eden Eliza Ella Emeka Emily Erin Ethan Evie Ezra Fatima Finley Freya Gabriel George Hamza Hannah Harper Harry Harvey Hugo Ibrahim Imogen Isaac Isla Ivy Jacob Jamal Jasmine Jayden Joshua Kai Kasia Keira Kian Layla Leo Lily Logan Lola Louis Lucas Maisie Maryam Mason Matilda Maya Mia Mohammed Muhammad Nathan Niamh Noah Olivia Omar Oscar Phoebe Poppy Priya Reuben Riley Rosa Ruby Ryan Sami Sienna Sofia Tariq Theo Toby Tomasz Yusuf Zainab Zara Zoe Zuzanna";
const SURNAMES: &str = "Abbott Adeyemi Ahmed Akhtar Ali Allen Anderson Armstrong Atkinson Bailey Baker Balogun Barker Barnes Bashir Begum Bell Bennett Bird Bishop Booth Bradley Brennan Briggs Brooks Brown Burke Burton Butler Byrne Campbell Carr Carter Chambers Chapman Clarke Coleman Collins Cooper Cox Crawford Davies Dawson Dixon Doherty Douglas Doyle Duncan Edwards Ellis Evans Farah Farrell Fletcher Foster Fraser Gallagher Gibson Gill Gordon Graham Grant Gray Green Griffiths Hall Hamilton Harris Harrison Hart Hayes Henderson Hicks Holmes Hossain Howard Hughes Hunt Hussain Iqbal Jackson James Jenkins Johnson Jones Kaur Kelly Kennedy Khan King Knight Kowalski Lawrence Lee Lewis Lloyd Lynch Malik Marshall Martin Mason Matthews McCarthy McDonald Mensah Miah Miller Mills Mitchell Moore Morgan Morris Murphy Murray Nowak Obi Okafor Okeke Oliver Osei Owen Palmer Parker Parry Patel Payne Pearce Perry Phillips Powell Price Quinn Rahman Reid Reynolds Richards Riley Roberts Robinson Rogers Rose Ross Russell Ryan Saunders Scott Shah Sharma Shaw Simpson Singh Smith Spencer Stevens Stewart Sullivan Taylor Thomas Thompson Todd Turner Walker Walsh Ward Watson Webb Wells West White Whitehead Wilkinson Williams Wilson Wood Woods Wright Yates Young Zielinska Adebayo Nwosu Okonkwo Kowalczyk Wisniewski Lindqvist Moyo Whitmore Zhang Hughes-Patel O'Brien D'Souza MacLeod Llewelyn Ní Bhriain";

fn roster(n: usize) -> String {
    let fore: Vec<&str> = FORENAMES.split(' ').collect();
    let sur: Vec<&str> = SURNAMES.split(' ').collect();
    let mut csv = String::from("Legal Forename,Legal Surname,Preferred Forename\n");
    for i in 0..n {
        let f = fore[i % fore.len()];
        let s = sur[(i / fore.len() + i * 7) % sur.len()];
        let pref = if i % 9 == 0 { fore[(i + 3) % fore.len()] } else { "" };
        csv.push_str(&format!("\"{f}\",\"{s}\",\"{pref}\"\n"));
    }
    csv
}

fn main() {
    let mut args = std::env::args().skip(1);
    let email_path = args.next().unwrap_or_else(|| "../shared/bench/email-10k.txt".into());
    let write_dir = match (args.next().as_deref(), args.next()) {
        (Some("--write"), Some(dir)) => Some(dir),
        _ => None,
    };
    let iters: usize = std::env::var("BENCH_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let body = std::fs::read_to_string(&email_path).expect("read the benchmark email");
    let draft = Draft {
        channel: Channel::Email,
        site: Site::Outlook,
        from: "a.teacher@westbrook.sch.uk".into(),
        to: vec!["parents@westbrook.sch.uk".into()],
        subject: "End of half term update".into(),
        body,
        ..Draft::default()
    };
    let policy = r#"{"school":{"name":"Westbrook Primary School","domains":["westbrook.sch.uk"]},"pupils":"pupils.csv"}"#;
    let source = PolicySource::parse(policy, "policy.json").expect("policy");
    println!("email: {} ({} bytes)", email_path, draft.body.len());
    let t = Instant::now();
    for _ in 0..500 {
        std::hint::black_box(sendwise_core::text::tokenize(std::hint::black_box(&draft.body)));
    }
    println!("tokenize alone: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / 500.0);
    let none = Engine::without_policy();
    let t = Instant::now();
    for _ in 0..500 {
        std::hint::black_box(none.check(std::hint::black_box(&draft)));
    }
    println!("check without a policy: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / 500.0);
    println!(
        "{:>8} {:>12} {:>10} {:>10} {:>10} {:>10}",
        "pupils", "bundle B", "p50 µs", "p95 µs", "max µs", "MB/s"
    );
    for n in [2_000, 20_000] {
        let csv = roster(n);
        let bundle = compile(&source, &mut |_| Ok(csv.clone().into_bytes()), [42; 16]).expect("compile");
        let json = bundle.to_json();
        if let Some(dir) = &write_dir {
            std::fs::create_dir_all(dir).expect("create dir");
            std::fs::write(format!("{dir}/bundle-{n}.json"), &json).expect("write bundle");
        }
        let engine = Engine::new(bundle).expect("engine");
        for _ in 0..200 {
            std::hint::black_box(engine.check(&draft));
        }
        let mut times = Vec::with_capacity(iters);
        let mut findings = 0;
        for _ in 0..iters {
            let t = Instant::now();
            let r = engine.check(std::hint::black_box(&draft));
            times.push(t.elapsed().as_secs_f64() * 1e6);
            findings = r.findings.len();
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let mbps = draft.body.len() as f64 / mean;
        println!(
            "{n:>8} {:>12} {:>10.1} {:>10.1} {:>10.1} {:>10.1}   ({findings} findings)",
            json.len(),
            p(0.5),
            p(0.95),
            p(1.0),
            mbps
        );
    }
}
