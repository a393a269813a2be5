//! Measures `school-logo` matching: true match rates for transformed copies of a logo and
//! false match rates for unrelated pictures, printed as the Markdown tables in
//! `docs/logo-matching.md`.
//!
//! ```text
//! cargo run --release -p sendwise --example logo_eval -- [LOGO.png] [NEGATIVE.png ...]
//! ```
//!
//! Every picture except the files given is drawn here, from a fixed seed: two synthetic
//! crests stand in as logos beside the one given, and the unrelated pictures are other
//! crests and badges (some on the same shield template), landscapes, screenshots, posters
//! and noise.

use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::{DynamicImage, Rgba, RgbaImage};
use sendwise_core::logo::{logo_hashes, LogoSet, Rgba as View};

/// A small deterministic random source (xorshift), so every run draws the same pictures.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn f(&mut self) -> f32 {
        (self.next() % 1_000_000) as f32 / 1_000_000.0
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    fn colour(&mut self) -> [u8; 3] {
        [self.range(0, 255) as u8, self.range(0, 255) as u8, self.range(0, 255) as u8]
    }
}

fn view(img: &RgbaImage) -> View<'_> {
    View { width: img.width(), height: img.height(), data: img.as_raw() }
}

fn put(img: &mut RgbaImage, x: i64, y: i64, c: [u8; 3]) {
    if x >= 0 && y >= 0 && (x as u32) < img.width() && (y as u32) < img.height() {
        img.put_pixel(x as u32, y as u32, Rgba([c[0], c[1], c[2], 255]));
    }
}

fn rect(img: &mut RgbaImage, x: i64, y: i64, w: i64, h: i64, c: [u8; 3]) {
    for yy in y..y + h {
        for xx in x..x + w {
            put(img, xx, yy, c);
        }
    }
}

fn disc(img: &mut RgbaImage, cx: f32, cy: f32, r: f32, c: [u8; 3]) {
    for y in (cy - r) as i64..=(cy + r) as i64 {
        for x in (cx - r) as i64..=(cx + r) as i64 {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            if dx * dx + dy * dy <= r * r {
                put(img, x, y, c);
            }
        }
    }
}

/// Block "letters": a few bars per glyph, different for each seed.
#[allow(clippy::too_many_arguments)] // a drawing helper: a box, a count and a colour
fn glyphs(img: &mut RgbaImage, rng: &mut Rng, x: i64, y: i64, w: i64, h: i64, n: i64, c: [u8; 3]) {
    let gw = w / n;
    for i in 0..n {
        let gx = x + i * gw + gw / 8;
        let t = (gw / 5).max(2);
        let shape = rng.range(0, 4);
        rect(img, gx, y, t, h, c);
        match shape {
            0 => rect(img, gx, y, gw * 3 / 4, t, c),
            1 => rect(img, gx, y + h / 2, gw * 3 / 4, t, c),
            2 => rect(img, gx + gw * 3 / 4 - t, y, t, h, c),
            3 => rect(img, gx, y + h - t, gw * 3 / 4, t, c),
            _ => {
                rect(img, gx + gw * 3 / 4 - t, y, t, h, c);
                rect(img, gx, y + h / 2, gw * 3 / 4, t, c);
            }
        }
    }
}

/// A shield crest: a border colour, a field colour, a band of glyphs and wavy stripes.
fn shield(size: u32, rng: &mut Rng, field: [u8; 3], trim: [u8; 3], waves: bool) -> RgbaImage {
    let mut img = RgbaImage::from_pixel(size, size, Rgba([255, 255, 255, 255]));
    let s = size as f32;
    let inside = |x: f32, y: f32, m: f32| {
        let (fx, fy) = (x / s, y / s);
        let half = if fy < 0.6 { 0.38 } else { 0.38 * (1.0 - ((fy - 0.6) / 0.34).powf(1.6)).max(0.0) };
        fy > 0.06 + m && fy < 0.94 - m && (fx - 0.5).abs() < half - m
    };
    let period = 0.08 + rng.f() * 0.06;
    let amp = 0.01 + rng.f() * 0.03;
    let top = 0.3 + rng.f() * 0.15;
    for y in 0..size {
        for x in 0..size {
            let (xf, yf) = (x as f32, y as f32);
            if !inside(xf, yf, 0.0) {
                continue;
            }
            let c = if !inside(xf, yf, 0.02) {
                trim
            } else if waves && yf / s > top {
                let v = (yf / s + amp * (xf / s * 40.0).sin()) / period;
                if v.fract() < 0.3 {
                    trim
                } else {
                    field
                }
            } else {
                field
            };
            put(&mut img, i64::from(x), i64::from(y), c);
        }
    }
    let n = rng.range(2, 4) as i64;
    let (gx, gy) = ((s * 0.24) as i64, (s * 0.12) as i64);
    glyphs(&mut img, rng, gx, gy, (s * 0.52) as i64, (s * 0.14) as i64, n, trim);
    rect(
        &mut img,
        (s * 0.15) as i64,
        (s * (top - 0.04)) as i64,
        (s * 0.7) as i64,
        (s * 0.012).max(2.0) as i64,
        trim,
    );
    img
}

/// A round badge with stripes and a name band (a football club's, say).
fn badge(size: u32, rng: &mut Rng) -> RgbaImage {
    let mut img = RgbaImage::from_pixel(size, size, Rgba([255, 255, 255, 255]));
    let (a, b) = (rng.colour(), rng.colour());
    let s = size as f32;
    let stripes = rng.range(3, 9) as f32;
    for y in 0..size {
        for x in 0..size {
            let (dx, dy) = (x as f32 - s / 2.0, y as f32 - s / 2.0);
            if dx * dx + dy * dy < (s * 0.46).powi(2) {
                let c = if ((x as f32 / s * stripes) as u32).is_multiple_of(2) { a } else { b };
                put(&mut img, i64::from(x), i64::from(y), c);
            }
        }
    }
    rect(&mut img, (s * 0.1) as i64, (s * 0.42) as i64, (s * 0.8) as i64, (s * 0.16) as i64, [255, 255, 255]);
    let n = rng.range(3, 6) as i64;
    glyphs(&mut img, rng, (s * 0.2) as i64, (s * 0.45) as i64, (s * 0.6) as i64, (s * 0.1) as i64, n, a);
    img
}

/// A landscape: sky gradient, sun, layered hills, texture.
fn landscape(w: u32, h: u32, rng: &mut Rng) -> RgbaImage {
    let mut img = RgbaImage::new(w, h);
    let sky = rng.colour();
    let horizon = 0.35 + rng.f() * 0.3;
    for y in 0..h {
        for x in 0..w {
            let t = y as f32 / h as f32;
            let c = [
                (f32::from(sky[0]) * (1.0 - t) + 200.0 * t) as u8,
                (f32::from(sky[1]) * (1.0 - t) + 220.0 * t) as u8,
                (f32::from(sky[2]) * (1.0 - t) + 255.0 * t) as u8,
            ];
            put(&mut img, i64::from(x), i64::from(y), c);
        }
    }
    disc(&mut img, rng.f() * w as f32, h as f32 * horizon * 0.4, h as f32 * 0.06, [250, 230, 150]);
    for layer in 0..4 {
        let base = horizon + layer as f32 * 0.1;
        let c = [(40 + layer * 20) as u8, (90 + layer * 25) as u8, (40 + layer * 10) as u8];
        let (f1, f2, ph) = (2.0 + rng.f() * 4.0, 7.0 + rng.f() * 9.0, rng.f() * 6.0);
        for x in 0..w {
            let xf = x as f32 / w as f32;
            let top = base + 0.05 * (xf * f1 + ph).sin() + 0.02 * (xf * f2).sin();
            for y in ((top * h as f32).max(0.0) as u32)..h {
                let n = (rng.next() % 24) as u8;
                put(&mut img, i64::from(x), i64::from(y), [c[0] + n, c[1] + n, c[2] + n / 2]);
            }
        }
    }
    img
}

/// A screenshot: title bar, side bar, lines of "text" in an editor.
fn screenshot(w: u32, h: u32, rng: &mut Rng) -> RgbaImage {
    let dark = rng.next().is_multiple_of(2);
    let bg = if dark { [30, 30, 36] } else { [250, 250, 250] };
    let fg = if dark { [200, 200, 200] } else { [40, 40, 40] };
    let mut img = RgbaImage::from_pixel(w, h, Rgba([bg[0], bg[1], bg[2], 255]));
    rect(&mut img, 0, 0, i64::from(w), 34, [225, 225, 230]);
    let side = rng.range(120, 260) as i64;
    rect(&mut img, 0, 34, side, i64::from(h), [238, 238, 244]);
    let mut y = 50;
    while y < i64::from(h) - 20 {
        let mut x = side + 20;
        let words = rng.range(1, 8);
        for _ in 0..words {
            let len = rng.range(20, 110) as i64;
            let c = if rng.next().is_multiple_of(4) { rng.colour() } else { fg };
            rect(&mut img, x, y, len, 9, c);
            x += len + 8;
        }
        y += 21;
    }
    img
}

/// A poster or photo-like scene: gradient, shapes and noise.
fn scene(w: u32, h: u32, rng: &mut Rng) -> RgbaImage {
    let mut img = if rng.next().is_multiple_of(2) { landscape(w, h, rng) } else { RgbaImage::new(w, h) };
    if img.get_pixel(0, 0).0[3] == 0 {
        let (a, b) = (rng.colour(), rng.colour());
        for y in 0..h {
            for x in 0..w {
                let t = (x + y) as f32 / (w + h) as f32;
                let c = [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t) as u8);
                put(&mut img, i64::from(x), i64::from(y), c);
            }
        }
    }
    for _ in 0..rng.range(3, 10) {
        let c = rng.colour();
        if rng.next().is_multiple_of(2) {
            let (x, y) = (rng.range(0, w) as i64, rng.range(0, h) as i64);
            rect(&mut img, x, y, rng.range(20, w / 3) as i64, rng.range(10, h / 4) as i64, c);
        } else {
            disc(&mut img, rng.f() * w as f32, rng.f() * h as f32, rng.f() * h as f32 / 6.0, c);
        }
    }
    img
}

fn jpeg(img: &RgbaImage, quality: u8) -> RgbaImage {
    let rgb = DynamicImage::ImageRgba8(img.clone()).to_rgb8();
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    enc.encode_image(&rgb).expect("encodes");
    image::load_from_memory(&out).expect("decodes").to_rgba8()
}

fn resize(img: &RgbaImage, f: f32) -> RgbaImage {
    let w = ((img.width() as f32 * f).round() as u32).max(1);
    let h = ((img.height() as f32 * f).round() as u32).max(1);
    imageops::resize(img, w, h, FilterType::Triangle)
}

fn crop(img: &RgbaImage, l: f32, t: f32, r: f32, b: f32) -> RgbaImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (x, y) = ((w * l) as u32, (h * t) as u32);
    let (cw, ch) = ((w * (1.0 - l - r)) as u32, (h * (1.0 - t - b)) as u32);
    imageops::crop_imm(img, x, y, cw, ch).to_image()
}

fn grey(img: &RgbaImage) -> RgbaImage {
    DynamicImage::ImageRgba8(img.clone()).grayscale().to_rgba8()
}

fn hue(img: &RgbaImage, degrees: i32) -> RgbaImage {
    imageops::huerotate(img, degrees)
}

/// The logo pasted into a scene at `frac` of the scene's shorter side, at a random place.
fn pasted(logo: &RgbaImage, w: u32, h: u32, frac: f32, rng: &mut Rng) -> RgbaImage {
    let mut img = scene(w, h, rng);
    let side = (w.min(h) as f32 * frac) as u32;
    let small = imageops::resize(logo, side, side, FilterType::Triangle);
    let x = rng.range(0, w - side);
    let y = rng.range(0, h - side);
    imageops::overlay(&mut img, &small, i64::from(x), i64::from(y));
    jpeg(&img, 80)
}

struct Row {
    group: String,
    n: usize,
    matched: usize,
    whole_l: Vec<u32>,
    whole_e: Vec<u32>,
    win_l: Vec<u32>,
    win_e: Vec<u32>,
    ms: Vec<f64>,
}

fn median(v: &[u32]) -> u32 {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn min(v: &[u32]) -> u32 {
    v.iter().copied().min().unwrap_or(0)
}

fn max(v: &[u32]) -> u32 {
    v.iter().copied().max().unwrap_or(0)
}

fn measure(set: &LogoSet, group: &str, images: &[RgbaImage]) -> Row {
    let mut row = Row {
        group: group.to_owned(),
        n: images.len(),
        matched: 0,
        whole_l: vec![],
        whole_e: vec![],
        win_l: vec![],
        win_e: vec![],
        ms: vec![],
    };
    for img in images {
        let t = Instant::now();
        let scan = set.scan(view(img));
        row.ms.push(t.elapsed().as_secs_f64() * 1000.0);
        row.matched += usize::from(scan.logo.is_some());
        if let Some((w, win)) = set.nearest(view(img)) {
            row.whole_l.push(w.0);
            row.whole_e.push(w.1);
            row.win_l.push(win.0);
            row.win_e.push(win.1);
        }
    }
    row
}

fn print_table(title: &str, rows: &[Row], positive: bool) {
    println!("\n### {title}\n");
    println!(
        "| transformation | images | {} | whole image luma / edge distance (min–median–max) | best window luma / edge (min–median–max) | scan ms (median) |",
        if positive { "matched" } else { "false matches" }
    );
    println!("|---|---:|---:|---|---|---:|");
    for r in rows {
        let mut ms = r.ms.clone();
        ms.sort_by(f64::total_cmp);
        println!(
            "| {} | {} | {} ({:.0}%) | {}–{}–{} / {}–{}–{} | {}–{}–{} / {}–{}–{} | {:.1} |",
            r.group,
            r.n,
            r.matched,
            100.0 * r.matched as f64 / r.n.max(1) as f64,
            min(&r.whole_l),
            median(&r.whole_l),
            max(&r.whole_l),
            min(&r.whole_e),
            median(&r.whole_e),
            max(&r.whole_e),
            min(&r.win_l),
            median(&r.win_l),
            max(&r.win_l),
            min(&r.win_e),
            median(&r.win_e),
            max(&r.win_e),
            ms.get(ms.len() / 2).copied().unwrap_or(0.0),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut logos: Vec<(String, RgbaImage)> = Vec::new();
    let mut files = args.iter();
    if let Some(path) = files.next() {
        logos.push((path.clone(), image::open(path).expect("the logo opens").to_rgba8()));
    }
    logos.push(("synthetic crest A".into(), shield(400, &mut rng, [20, 60, 30], [240, 240, 240], true)));
    logos.push(("synthetic badge B".into(), badge(360, &mut rng)));
    let negatives_given: Vec<(String, RgbaImage)> =
        files.map(|p| (p.clone(), image::open(p).expect("the picture opens").to_rgba8())).collect();

    for (name, logo) in &logos {
        let hashes = logo_hashes("logo", view(logo)).expect("the logo hashes");
        let set = LogoSet::new(&[hashes]).expect("loads");
        println!("\n## Logo: {name} ({} × {})", logo.width(), logo.height());
        let mut rows = Vec::new();
        let mut add = |g: &str, v: Vec<RgbaImage>| rows.push(measure(&set, g, &v));
        add("original", vec![logo.clone()]);
        add("resize 50%, 75%, 150%, 200%", [0.5, 0.75, 1.5, 2.0].iter().map(|&f| resize(logo, f)).collect());
        add("resize 25% (tiny)", vec![resize(logo, 0.25)]);
        add("JPEG q30, q50, q70, q90", [30, 50, 70, 90].iter().map(|&q| jpeg(logo, q)).collect());
        add("resize 60% + JPEG q40", vec![jpeg(&resize(logo, 0.6), 40)]);
        add("greyscale (+ JPEG q70)", vec![grey(logo), jpeg(&grey(logo), 70)]);
        add(
            "crop 5%, 10%, 15% all sides",
            [0.05, 0.10, 0.15].iter().map(|&c| crop(logo, c, c, c, c)).collect(),
        );
        add(
            "crop 10% one side (4)",
            vec![
                crop(logo, 0.1, 0.0, 0.0, 0.0),
                crop(logo, 0.0, 0.1, 0.0, 0.0),
                crop(logo, 0.0, 0.0, 0.1, 0.0),
                crop(logo, 0.0, 0.0, 0.0, 0.1),
            ],
        );
        add(
            "crop 15% one side (4)",
            vec![
                crop(logo, 0.15, 0.0, 0.0, 0.0),
                crop(logo, 0.0, 0.15, 0.0, 0.0),
                crop(logo, 0.0, 0.0, 0.15, 0.0),
                crop(logo, 0.0, 0.0, 0.0, 0.15),
            ],
        );
        add("hue shift 30°, 60°", vec![hue(logo, 30), hue(logo, 60)]);
        add("hue shift 90°, 180°", vec![hue(logo, 90), hue(logo, 180)]);
        add(
            "inverted colours",
            vec![{
                let mut i = logo.clone();
                imageops::invert(&mut i);
                i
            }],
        );
        print_table("Whole-image transformations", &rows, true);

        let mut rows = Vec::new();
        for frac in [0.5, 0.3, 0.2, 0.15] {
            let imgs: Vec<RgbaImage> = (0..6)
                .map(|k| {
                    if k % 2 == 0 {
                        pasted(logo, 1080, 1080, frac, &mut rng)
                    } else {
                        pasted(logo, 1200, 800, frac, &mut rng)
                    }
                })
                .collect();
            rows.push(measure(
                &set,
                &format!("logo at {:.0}% of the shorter side, JPEG q80", frac * 100.0),
                &imgs,
            ));
        }
        print_table("Logo as part of a larger picture (1080 × 1080 and 1200 × 800 scenes)", &rows, true);

        let mut rows = Vec::new();
        let shields: Vec<RgbaImage> = (0..12)
            .map(|_| {
                let (f, t) = (rng.colour(), rng.colour());
                let waves = rng.next().is_multiple_of(2);
                shield(rng.range(200, 500), &mut rng, f, t, waves)
            })
            .collect();
        rows.push(measure(&set, "other shield crests (random colours)", &shields));
        let same_template: Vec<RgbaImage> =
            (0..8).map(|_| shield(400, &mut rng, [20, 60, 30], [240, 240, 240], true)).collect();
        rows.push(measure(&set, "same shield template, other glyphs and waves", &same_template));
        let badges: Vec<RgbaImage> = (0..10).map(|_| badge(rng.range(200, 500), &mut rng)).collect();
        rows.push(measure(&set, "round club badges", &badges));
        let lands: Vec<RgbaImage> = (0..8).map(|_| jpeg(&landscape(1080, 720, &mut rng), 80)).collect();
        rows.push(measure(&set, "landscapes 1080 × 720", &lands));
        let shots: Vec<RgbaImage> = (0..8).map(|_| screenshot(1000, 620, &mut rng)).collect();
        rows.push(measure(&set, "screenshots 1000 × 620", &shots));
        let scenes: Vec<RgbaImage> = (0..10).map(|_| jpeg(&scene(1080, 1080, &mut rng), 80)).collect();
        rows.push(measure(&set, "posters / scenes 1080 × 1080", &scenes));
        let noise: Vec<RgbaImage> = (0..4)
            .map(|_| {
                let mut img = RgbaImage::new(600, 600);
                for p in img.pixels_mut() {
                    let c = rng.colour();
                    *p = Rgba([c[0], c[1], c[2], 255]);
                }
                img
            })
            .collect();
        rows.push(measure(&set, "random noise 600 × 600", &noise));
        let others: Vec<RgbaImage> =
            logos.iter().filter(|(n, _)| n != name).map(|(_, l)| l.clone()).collect();
        rows.push(measure(&set, "the other logos of this table", &others));
        if !negatives_given.is_empty() {
            let given: Vec<RgbaImage> = negatives_given.iter().map(|(_, i)| i.clone()).collect();
            rows.push(measure(&set, "pictures given on the command line", &given));
        }
        print_table("Unrelated pictures", &rows, false);
    }
}
