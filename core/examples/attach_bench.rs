//! Attachment reading speed per format, and the peak memory of scanning a 25 MB file.
//!
//! `cargo run --release -p sendwise-core --example attach_bench` (from the repository root;
//! the inputs are tests/attachments/files, scaled up in memory to about 25 MB each).
//! "read" is format reading and text extraction; "scan" adds the sensitive-data classifier
//! (one run, no roster). Peak memory is the process's high-water mark (VmHWM on Linux) after each 25 MB scan.

use std::time::Instant;

use sendwise_core::attach::{read, Limits};
use sendwise_core::Engine;

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A large CSV/TXT: the small file's rows repeated.
fn repeat_text(rows: &[u8], target: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(target + rows.len());
    while out.len() < target {
        out.extend_from_slice(rows);
    }
    out
}

/// A large XLSX with `rows` inline-string rows (built with the zip crate's reader's sibling:
/// by hand, stored uncompressed, so the size is real bytes to read).
fn big_xlsx(rows: usize) -> Vec<u8> {
    let mut sheet = String::from("<worksheet><sheetData>");
    for i in 0..rows {
        sheet.push_str(&format!(
            "<row><c t=\"inlineStr\"><is><t>Pupil{i}</t></is></c><c t=\"inlineStr\"><is><t>Surname{i}</t></is></c><c><v>{}</v></c></row>",
            40000 + i % 3000
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    stored_zip(&[
        ("xl/workbook.xml", b"<workbook/>".as_slice()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// A ZIP with stored (uncompressed) members.
fn stored_zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in members {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let header = |sig: u32, central_dir: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&[0; 8]);
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A large PDF: one page's content stream with many text lines, uncompressed.
fn big_pdf(lines: usize) -> Vec<u8> {
    let mut content = String::from("BT /F1 10 Tf\n");
    for i in 0..lines {
        content.push_str(&format!("0 -12 Td (Pupil{i} Surname{i} 01/02/2012 SEN Support) Tj\n"));
    }
    content.push_str("ET\n");
    format!(
        "%PDF-1.4\n1 0 obj\n<< /Length {} >>\nstream\n{content}endstream\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n",
        content.len()
    )
    .into_bytes()
}

fn main() {
    const MB: usize = 1024 * 1024;
    let files = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/attachments/files/");
    let small = |n: &str| std::fs::read(format!("{files}{n}")).expect("run tests/attachments/make.py first");
    let engine = Engine::without_policy();
    let limits = Limits { max_text: 64 * MB, ..Limits::default() };
    println!("{:<34} {:>10} {:>10} {:>10} {:>12}", "input", "bytes", "read MB/s", "scan MB/s", "peak RSS MB");
    let bench = |label: &str, bytes: &[u8]| {
        let reps = (50 * MB / bytes.len().max(1)).clamp(1, 2000);
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(read(bytes, &limits));
        }
        let secs = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = engine.scan_attachment(label, bytes);
        let scan = bytes.len() as f64 / MB as f64 / t.elapsed().as_secs_f64();
        let mbps = (bytes.len() * reps) as f64 / MB as f64 / secs;
        let hwm = vm_hwm_kb().map_or_else(|| "n/a".to_owned(), |k| format!("{:.0}", k as f64 / 1024.0));
        println!("{label:<34} {:>10} {mbps:>10.1} {scan:>10.1} {hwm:>12}", bytes.len());
    };
    // The real files, as made by LibreOffice and friends.
    for n in [
        "notes.docx",
        "pupils.xlsx",
        "slides.pptx",
        "notes.odt",
        "pupils.ods",
        "notes.doc",
        "pupils.xls",
        "notes.pdf",
        "notes.rtf",
        "pupils.csv",
        "plain.zip",
    ] {
        bench(n, &small(n));
    }
    // 25 MB inputs, for throughput on large files and peak memory.
    bench("25 MB CSV", &repeat_text(&small("pupils.csv"), 25 * MB));
    bench("25 MB TXT", &repeat_text(&small("notes.txt"), 25 * MB));
    bench("25 MB XLSX (stored sheet)", &big_xlsx(25 * MB / 150));
    bench("25 MB PDF (text operators)", &big_pdf(25 * MB / 60));
    bench("300 MB zip bomb (300 KB file)", &small("bomb.zip"));
}
