//! Attachment reading speed per format, and the peak memory of scanning a 25 MB file.
//!
//! `cargo run --release -p sendwise-core --example attach_bench [-- --write DIR]` (from the
//! repository root; the inputs are tests/attachments/files, and large files generated in memory
//! from the same kind of rows). "scan" is `Engine::scan_attachment` as the extension calls it
//! (default limits: 4 MiB of text classified, no roster); "read" is format reading and text
//! extraction alone, with the text limit raised so the whole file is read. Each row also
//! prints what the scan saw (format, complete, counts), so a generator that produces a file the
//! reader does not understand shows up. Peak RSS is the process's high-water mark (VmHWM),
//! reset (`/proc/self/clear_refs`) before each row's scans, so it is that row's input plus
//! scanning it.
//! `--write DIR` also saves every input to DIR for `node scripts/bench-attach-wasm.mjs DIR`.

use std::time::Instant;

use sendwise_core::attach::{read, Limits};
use sendwise_core::Engine;

fn reset_hwm() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

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

/// A worksheet of about `target` bytes: a header row, then inline-string rows (forename,
/// surname, UPN-like id) and a date of birth as a serial number.
fn sheet_xml(target: usize) -> String {
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let mut sheet = format!("<worksheet xmlns=\"{ns}\"><sheetData><row><c t=\"inlineStr\"><is><t>Forename</t></is></c><c t=\"inlineStr\"><is><t>Surname</t></is></c><c t=\"inlineStr\"><is><t>UPN</t></is></c><c t=\"inlineStr\"><is><t>DOB</t></is></c></row>");
    let mut i = 0usize;
    while sheet.len() < target {
        sheet.push_str(&format!(
            "<row><c t=\"inlineStr\"><is><t>Pupil{i}</t></is></c><c t=\"inlineStr\"><is><t>Surname{i}</t></is></c><c t=\"inlineStr\"><is><t>{}</t></is></c><c><v>{}</v></c></row>",
            upn(i),
            40000 + i % 3000
        ));
        i += 1;
    }
    sheet.push_str("</sheetData></worksheet>");
    sheet
}

/// A Word document of about `target` bytes: a table of pupils, one row per paragraph-run cell.
fn document_xml(target: usize) -> String {
    let ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let mut doc = format!("<w:document xmlns:w=\"{ns}\"><w:body><w:p><w:r><w:t>Tutoring handover notes</w:t></w:r></w:p><w:tbl><w:tr>{}{}{}{}</w:tr>", cell("Forename"), cell("Surname"), cell("UPN"), cell("DOB"));
    let mut i = 0usize;
    while doc.len() < target {
        doc.push_str(&format!(
            "<w:tr>{}{}{}{}</w:tr>",
            cell(&format!("Pupil{i}")),
            cell(&format!("Surname{i}")),
            cell(&upn(i)),
            cell(&format!("{:02}/{:02}/2012", i % 28 + 1, i % 12 + 1)),
        ));
        i += 1;
    }
    doc.push_str("</w:tbl></w:body></w:document>");
    doc
}

fn xlsx(sheet: &str, deflate: bool) -> Vec<u8> {
    zip(
        &[("xl/workbook.xml", b"<workbook/>".as_slice()), ("xl/worksheets/sheet1.xml", sheet.as_bytes())],
        deflate,
    )
}

fn docx(document: &str, deflate: bool) -> Vec<u8> {
    zip(&[("word/document.xml", document.as_bytes())], deflate)
}

/// A ZIP with stored or deflated members, written by hand (the core crate only reads ZIPs).
fn zip(members: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in members {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let packed = if deflate {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).expect("deflate");
            e.finish().expect("deflate")
        } else {
            data.to_vec()
        };
        let header = |sig: u32, central_dir: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&(if deflate { 8u16 } else { 0 }).to_le_bytes()); // method
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central_dir {
                // Comment length, disk number, internal and external attributes. (This was 8
                // bytes, so the bench's "XLSX" was a damaged ZIP that read at 2,700 MB/s.)
                h.extend_from_slice(&[0; 10]);
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&packed);
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

/// A valid-looking UPN (DfE check letter) for row `i`.
fn upn(i: usize) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let body = format!("{:012}", 845_000_000_000u64 + i as u64);
    let sum: usize = body.bytes().enumerate().map(|(k, d)| usize::from(d - b'0') * (k + 2)).sum();
    format!("{}{body}", char::from(LETTERS[sum % 23]))
}

/// A large input: label, file name, and how to build it.
type Large<'a> = (&'a str, &'a str, &'a dyn Fn() -> Vec<u8>);

fn main() {
    const MB: usize = 1024 * 1024;
    let args: Vec<String> = std::env::args().collect();
    let write =
        args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from);
    if let Some(dir) = &write {
        std::fs::create_dir_all(dir).expect("create the --write directory");
    }
    let files = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/attachments/files/");
    let small = |n: &str| std::fs::read(format!("{files}{n}")).expect("run tests/attachments/make.py first");
    let engine = Engine::without_policy();
    let limits = Limits { max_text: 64 * MB, ..Limits::default() };
    println!(
        "{:<34} {:>10} {:>10} {:>10} {:>8}  scan saw",
        "input", "bytes", "read MB/s", "scan MB/s", "peak MB"
    );
    let bench = |label: &str, file: &str, bytes: &[u8]| {
        if let Some(dir) = &write {
            std::fs::write(dir.join(file), bytes).expect("write a bench input");
        }
        let reps = (50 * MB / bytes.len().max(1)).clamp(2, 2000);
        // Scan first, as the extension does (default limits), so the peak is the scan's.
        reset_hwm();
        let t = Instant::now();
        let mut scan = engine.scan_attachment(file, bytes);
        for _ in 1..reps {
            scan = std::hint::black_box(engine.scan_attachment(file, bytes));
        }
        let scan_mbps = (bytes.len() * reps) as f64 / MB as f64 / t.elapsed().as_secs_f64();
        let hwm = vm_hwm_kb().map_or_else(|| "n/a".to_owned(), |k| format!("{:.0}", k as f64 / 1024.0));
        let t = Instant::now();
        let mut text = 0;
        for _ in 0..reps {
            text = std::hint::black_box(read(bytes, &limits)).text.len();
        }
        let mbps = (bytes.len() * reps) as f64 / MB as f64 / t.elapsed().as_secs_f64();
        let f = &scan.found;
        println!(
            "{label:<34} {:>10} {mbps:>10.1} {scan_mbps:>10.1} {hwm:>8}  {} text={}B complete={} upns={} dob={} rows={} notes={}",
            bytes.len(),
            scan.format.as_str(),
            text,
            scan.complete,
            f.upns,
            f.dates_of_birth,
            f.rows,
            scan.notes.join(" | ")
        );
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
        "legacy-slides.ppt",
        "notes.pdf",
        "notes.rtf",
        "pupils.csv",
        "plain.zip",
        "plain.7z",
    ] {
        bench(n, n, &small(n));
    }
    // Large inputs, for throughput on large files and peak memory. Stored ZIP members make
    // a 25 MB file that is read in full; a deflated 25 MB office file would inflate past the
    // 32 MiB member limit, so the deflated rows hold 30 MB of XML (a few MB on disk).
    // Each input is built in a statement of its own, so only the file itself is in memory
    // while it is scanned (peak RSS = the input, plus what reading it takes).
    let large: [Large; 7] = [
        ("25 MB CSV", "big.csv", &|| repeat_text(&small("pupils.csv"), 25 * MB)),
        ("25 MB TXT", "big.txt", &|| repeat_text(&small("notes.txt"), 25 * MB)),
        ("25 MB XLSX (stored sheet)", "big-stored.xlsx", &|| xlsx(&sheet_xml(25 * MB), false)),
        ("XLSX, 30 MB sheet deflated", "big-deflated.xlsx", &|| xlsx(&sheet_xml(30 * MB), true)),
        ("25 MB DOCX (stored document)", "big-stored.docx", &|| docx(&document_xml(25 * MB), false)),
        ("DOCX, 30 MB document deflated", "big-deflated.docx", &|| docx(&document_xml(30 * MB), true)),
        ("25 MB PDF (text operators)", "big.pdf", &|| big_pdf(25 * MB / 60)),
    ];
    for (label, file, make) in large {
        let bytes = make();
        bench(label, file, &bytes);
    }
    bench("300 MB zip bomb (300 KB file)", "bomb.zip", &small("bomb.zip"));
}
