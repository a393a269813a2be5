//! Finding the school's logo in an image's pixels.
//!
//! The engine never decodes image files (that would cost the browser build a PNG and a JPEG
//! decoder): callers hand it RGBA8 pixels. A logo is compiled into a few 64-bit perceptual
//! hashes ([`LogoHashes`], in the bundle); an image is [scanned](LogoSet::scan) into a plain
//! [`ImageScan`] that a browser can keep beside the draft, so Send needs no image work.
//!
//! ## The hashes
//!
//! Each region of an image (the whole logo, or a window of a larger picture) is reduced to a
//! 32×32 grid of mean colours, from which two hashes are taken:
//!
//! - `luma`: the DCT perceptual hash (pHash) of the grid's luminance. The 8×8 lowest
//!   frequencies, each bit saying whether a coefficient is above their median. It survives
//!   resizing, recompression, greyscale and brightness or contrast changes.
//! - `edge`: the same hash of the grid's colour-edge strength (the largest change across any
//!   of red, green and blue). Swapping or shifting colours moves luminance about, but the
//!   places where one colour meets another stay where they are.
//!
//! A region matches when both hashes are close (see [`MATCH_WHOLE`] and [`MATCH_WINDOW`];
//! thresholds were chosen from the measurements in `docs/logo-matching.md`).
//!
//! ## The search
//!
//! The image is first reduced (by whole-pixel averaging) to at most [`WORK_SIDE`] pixels on
//! its long side, and summed-area tables make any window's 32×32 grid cost the same. The
//! whole image is compared (with its plain background margin trimmed, against the logo and
//! some crops of it). Then windows of the logo's shape are searched densely at many sizes and
//! positions with a cheap 64-bit average hash of an 8×8 luminance grid (`coarse`); the
//! windows nearest to the logo by that hash get the full prints, and the closest few are
//! refined by small moves. The number of windows is capped ([`MAX_WINDOWS`]), so the time
//! is bounded whatever the image.

use serde::{Deserialize, Serialize};

/// Side of the grid a region is reduced to.
const GRID: usize = 32;
/// Side of the block of low frequencies that makes a hash.
const LOW: usize = 8;
/// The longest side an image is reduced to before it is searched.
pub const WORK_SIDE: usize = 640;
/// The most windows one scan compares with the coarse hash.
pub const MAX_WINDOWS: usize = 60_000;
/// The most windows that get full prints after the coarse pass.
const MAX_PRINTED: usize = 400;
/// Windows whose coarse hash is at most this far from the logo's (or from its inverse) get
/// full prints.
const COARSE_BELOW: u32 = 18;
/// The smallest window searched, as a fraction of the image's shorter side.
const MIN_WINDOW: f32 = 0.12;
/// Each window size is this fraction of the one before.
const SCALE_STEP: f32 = 0.93;
/// Windows step by this fraction of their own size.
const STRIDE: f32 = 1.0 / 16.0;
/// The largest image accepted, in pixels (a 16k × 16k image; larger ones are not scanned).
const MAX_PIXELS: u64 = 1 << 28;

/// Crops of a logo hashed at compile time besides the whole (fractions cut from the left,
/// top, right and bottom): an image that is a cropped logo matches one of them.
const CROPS: &[[f32; 4]] = &[
    [0.05, 0.05, 0.05, 0.05],
    [0.10, 0.10, 0.10, 0.10],
    [0.15, 0.15, 0.15, 0.15],
    [0.12, 0.0, 0.0, 0.0],
    [0.0, 0.12, 0.0, 0.0],
    [0.0, 0.0, 0.12, 0.0],
    [0.0, 0.0, 0.0, 0.12],
];

/// The largest (luma, edge) Hamming distances at which the whole image matches a logo.
pub const MATCH_WHOLE: (u32, u32) = (12, 14);
/// The largest (luma, edge) distances at which a window of a larger image matches: stricter,
/// because a scan compares thousands of windows.
pub const MATCH_WINDOW: (u32, u32) = (9, 11);
/// Windows at most this far (luma + edge) from a logo are refined by small moves.
const REFINE_BELOW: u32 = 40;
/// How many windows are refined at most.
const REFINE_COUNT: usize = 6;
/// A region flatter than this (standard deviation of the grid's luminance, 0–255) has no
/// shape to compare.
const MIN_CONTRAST: f32 = 6.0;

/// The two hashes of one region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Print {
    /// pHash of the luminance.
    pub luma: u64,
    /// pHash of the colour-edge strength.
    pub edge: u64,
}

impl Print {
    fn to_hex(self) -> String {
        format!("{:016x}{:016x}", self.luma, self.edge)
    }

    fn from_hex(s: &str) -> Option<Print> {
        if s.len() != 32 || !s.is_ascii() {
            return None;
        }
        let luma = u64::from_str_radix(s.get(..16)?, 16).ok()?;
        let edge = u64::from_str_radix(s.get(16..)?, 16).ok()?;
        Some(Print { luma, edge })
    }

    /// The Hamming distances (luma, edge) to another print.
    pub fn distance(self, other: Print) -> (u32, u32) {
        ((self.luma ^ other.luma).count_ones(), (self.edge ^ other.edge).count_ones())
    }
}

/// One logo as compiled into the bundle: hashes only, never the picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoHashes {
    /// The logo's file name as the policy gives it (shown in explanations).
    pub name: String,
    /// Width over height of the logo without its plain margin, in thousandths.
    pub aspect: u32,
    /// The whole logo's print first, then those of its crops: 32 hex digits each (luma, edge).
    pub prints: Vec<String>,
    /// The whole logo's coarse hash (8×8 average hash of luminance), 16 hex digits.
    pub coarse: String,
}

/// Pixels borrowed from a caller: RGBA8, row by row, `width × height × 4` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Rgba<'a> {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The bytes.
    pub data: &'a [u8],
}

/// Where in a scanned image a logo was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoMatch {
    /// Index of the logo in the bundle.
    pub logo: usize,
    /// The logo's file name.
    pub name: String,
    /// Hamming distance of the luminance hashes (0–64; small is close).
    pub distance: u32,
    /// Hamming distance of the colour-edge hashes.
    pub edge_distance: u32,
    /// True when the image as a whole is the logo; false when the logo is part of it.
    pub whole: bool,
    /// Left of the region, in the image's pixels.
    pub x: u32,
    /// Top of the region.
    pub y: u32,
    /// Width of the region.
    pub width: u32,
    /// Height of the region.
    pub height: u32,
}

/// What scanning one image found: plain data, kept by the browser beside the draft so that
/// checking at Send is instant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageScan {
    /// The logos this scan compared against ([`LogoSet::digest`]); a scan made against other
    /// logos is not trusted and the image counts as not scanned.
    pub against: String,
    /// The image's width in pixels.
    pub width: u32,
    /// The image's height in pixels.
    pub height: u32,
    /// The logo found, if any.
    pub logo: Option<LogoMatch>,
    /// The region nearest to a logo, matched or not (for explanations and tuning).
    pub closest: Option<LogoMatch>,
    /// How many regions were compared.
    pub regions: u32,
    /// Why the image could not be scanned, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Compute a logo's hashes from its pixels (at policy compile time).
pub fn logo_hashes(name: &str, pixels: Rgba<'_>) -> Result<LogoHashes, String> {
    let work = Work::new(pixels)?;
    let sat = Sat::new(&work);
    let dct = Dct::new();
    let b = work.content_box();
    let (bw, bh) = (b.w, b.h);
    if bw < 8.0 || bh < 8.0 {
        return Err("the logo is too small or blank (less than 8 pixels of content)".to_owned());
    }
    let mut prints = Vec::with_capacity(CROPS.len() + 1);
    let whole = grid_print(&sat, &dct, b).ok_or("the logo is a flat colour with no shape to recognise")?;
    prints.push(whole.to_hex());
    for c in CROPS {
        let r = Rect {
            x: b.x + c[0] * bw,
            y: b.y + c[1] * bh,
            w: bw * (1.0 - c[0] - c[2]),
            h: bh * (1.0 - c[1] - c[3]),
        };
        if let Some(p) = grid_print(&sat, &dct, r) {
            prints.push(p.to_hex());
        }
    }
    let aspect = (bw / bh * 1000.0).round().clamp(100.0, 10_000.0) as u32;
    let coarse = coarse_hash(&sat, b).ok_or("the logo is a flat colour with no shape to recognise")?;
    Ok(LogoHashes { name: name.to_owned(), aspect, prints, coarse: format!("{coarse:016x}") })
}

/// The school's logos, loaded from a bundle, ready to scan images.
#[derive(Debug, Clone, Default)]
pub struct LogoSet {
    logos: Vec<Logo>,
    digest: String,
}

#[derive(Debug, Clone)]
struct Logo {
    name: String,
    aspect: f32,
    prints: Vec<Print>,
    coarse: u64,
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// A compared region: which logo, how far, where.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    logo: usize,
    dist: (u32, u32),
    rect: Rect,
    whole: bool,
}

impl Candidate {
    fn score(&self) -> u32 {
        self.dist.0 + self.dist.1
    }

    fn accepted(&self) -> bool {
        let (l, e) = if self.whole { MATCH_WHOLE } else { MATCH_WINDOW };
        self.dist.0 <= l && self.dist.1 <= e
    }
}

impl LogoSet {
    /// Load the bundle's logos. Fails on a print that is not 32 hex digits.
    pub fn new(list: &[LogoHashes]) -> Result<LogoSet, String> {
        let mut logos = Vec::with_capacity(list.len());
        let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, l) in list.iter().enumerate() {
            let mut prints = Vec::with_capacity(l.prints.len());
            for (j, p) in l.prints.iter().enumerate() {
                let print = Print::from_hex(p)
                    .ok_or_else(|| format!("logos[{i}].prints[{j}] is not 32 hex digits"))?;
                for b in p.bytes() {
                    digest = (digest ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
                }
                prints.push(print);
            }
            if prints.is_empty() {
                return Err(format!("logos[{i}] has no prints"));
            }
            let coarse = (l.coarse.len() == 16)
                .then(|| u64::from_str_radix(&l.coarse, 16).ok())
                .flatten()
                .ok_or_else(|| format!("logos[{i}].coarse is not 16 hex digits"))?;
            for b in l.coarse.bytes() {
                digest = (digest ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            let aspect = (l.aspect.clamp(100, 10_000) as f32) / 1000.0;
            logos.push(Logo { name: l.name.clone(), aspect, prints, coarse });
        }
        let digest = if logos.is_empty() { String::new() } else { format!("{digest:016x}") };
        Ok(LogoSet { logos, digest })
    }

    /// True when the school has no logos.
    pub fn is_empty(&self) -> bool {
        self.logos.is_empty()
    }

    /// A short digest of the logos' prints; scans carry it to show what they were made against.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// Look for the school's logos in an image. Never fails: pixels that do not add up to
    /// `width × height × 4` bytes give a scan with a `problem`.
    pub fn scan(&self, pixels: Rgba<'_>) -> ImageScan {
        let mut scan = ImageScan {
            against: self.digest.clone(),
            width: pixels.width,
            height: pixels.height,
            ..ImageScan::default()
        };
        if self.logos.is_empty() {
            return scan;
        }
        let work = match Work::new(pixels) {
            Ok(w) => w,
            Err(why) => {
                scan.problem = Some(why);
                return scan;
            }
        };
        let (best, regions) = self.search(&work);
        scan.regions = regions;
        let to_match = |c: &Candidate| {
            let k = work.scale;
            LogoMatch {
                logo: c.logo,
                name: self.logos.get(c.logo).map(|l| l.name.clone()).unwrap_or_default(),
                distance: c.dist.0,
                edge_distance: c.dist.1,
                whole: c.whole,
                x: (c.rect.x * k).round().max(0.0) as u32,
                y: (c.rect.y * k).round().max(0.0) as u32,
                width: (c.rect.w * k).round().max(0.0) as u32,
                height: (c.rect.h * k).round().max(0.0) as u32,
            }
        };
        scan.closest = best.closest.as_ref().map(to_match);
        scan.logo = best.accepted.as_ref().map(to_match);
        scan
    }

    /// The nearest whole-image and window distances to any logo, for measuring thresholds
    /// (`docs/logo-matching.md`). Not part of the stable API.
    #[doc(hidden)]
    pub fn nearest(&self, pixels: Rgba<'_>) -> Option<((u32, u32), (u32, u32))> {
        let work = Work::new(pixels).ok()?;
        let (best, _) = self.search(&work);
        let d = |c: Option<Candidate>| c.map_or((64, 64), |c| c.dist);
        Some((d(best.whole), d(best.window)))
    }

    fn search(&self, work: &Work) -> (Best, u32) {
        let sat = Sat::new(work);
        let dct = Dct::new();
        let mut best = Best::default();
        let mut regions = 0u32;
        // The whole image, trimmed of a plain margin, against every print of every logo.
        let content = work.content_box();
        if let Some(p) = grid_print(&sat, &dct, content) {
            regions += 1;
            for (li, logo) in self.logos.iter().enumerate() {
                for lp in &logo.prints {
                    best.offer(Candidate { logo: li, dist: p.distance(*lp), rect: content, whole: true });
                }
            }
        }
        // Windows of each logo's shape: a dense pass with the coarse hash, then full prints
        // for the nearest, then small moves for the closest few.
        let (iw, ih) = (work.w as f32, work.h as f32);
        let budget = MAX_WINDOWS / self.logos.len().max(1);
        for (li, logo) in self.logos.iter().enumerate() {
            let Some(&target) = logo.prints.first() else { continue };
            let sizes = window_sizes(iw, ih, logo.aspect);
            let count: usize =
                sizes.iter().map(|&(w, h)| positions(iw, w, STRIDE) * positions(ih, h, STRIDE)).sum();
            // Keep within the budget by widening the stride, never by skipping sizes.
            let stride = if count > budget { STRIDE * (count as f32 / budget as f32).sqrt() } else { STRIDE };
            let mut coarse: Vec<(u32, Rect)> = Vec::new();
            for &(w, h) in &sizes {
                let (nx, ny) = (positions(iw, w, stride), positions(ih, h, stride));
                for yi in 0..ny {
                    for xi in 0..nx {
                        let x = if nx > 1 { (iw - w) * xi as f32 / (nx - 1) as f32 } else { (iw - w) / 2.0 };
                        let y = if ny > 1 { (ih - h) * yi as f32 / (ny - 1) as f32 } else { (ih - h) / 2.0 };
                        let rect = Rect { x, y, w, h };
                        let Some(c) = coarse_hash(&sat, rect) else { continue };
                        regions += 1;
                        let d = (c ^ logo.coarse).count_ones();
                        // A colour change can turn light into dark: the inverse counts too.
                        let d = d.min(64 - d);
                        if d <= COARSE_BELOW {
                            coarse.push((d, rect));
                        }
                    }
                }
            }
            coarse.sort_by_key(|c| c.0);
            coarse.truncate(MAX_PRINTED);
            let mut near: Vec<Candidate> = Vec::new();
            for (_, rect) in coarse {
                let Some(p) = grid_print(&sat, &dct, rect) else { continue };
                let c = Candidate { logo: li, dist: p.distance(target), rect, whole: false };
                near.push(c);
                best.offer(c);
            }
            near.sort_by_key(Candidate::score);
            near.truncate(REFINE_COUNT);
            for c in near.into_iter().filter(|c| c.score() < REFINE_BELOW) {
                let (refined, n) = refine(&sat, &dct, c, target, stride, iw, ih);
                regions += n;
                best.offer(refined);
            }
        }
        (best, regions)
    }
}

/// The 8×8 average hash of a region's luminance: each bit says whether a cell is brighter
/// than the region's mean. `None` for a flat region.
fn coarse_hash(sat: &Sat, r: Rect) -> Option<u64> {
    const N: usize = 8;
    let xs: Vec<usize> =
        (0..=N).map(|i| ((r.x + r.w * i as f32 / N as f32).round().max(0.0) as usize).min(sat.w)).collect();
    let ys: Vec<usize> =
        (0..=N).map(|i| ((r.y + r.h * i as f32 / N as f32).round().max(0.0) as usize).min(sat.h)).collect();
    let mut cells = [0f32; N * N];
    for gy in 0..N {
        let (y0, y1) = (*ys.get(gy)?, *ys.get(gy + 1)?);
        for gx in 0..N {
            let (x0, x1) = (*xs.get(gx)?, *xs.get(gx + 1)?);
            if let Some(c) = cells.get_mut(gy * N + gx) {
                *c = sat.luma_mean(x0, y0, x1.max(x0 + 1).min(sat.w), y1.max(y0 + 1).min(sat.h));
            }
        }
    }
    let mean = cells.iter().sum::<f32>() / (N * N) as f32;
    let var = cells.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / (N * N) as f32;
    if var.sqrt() < MIN_CONTRAST {
        return None;
    }
    Some(cells.iter().enumerate().fold(0u64, |h, (i, &v)| if v > mean { h | (1 << i) } else { h }))
}

/// Greedy local search around a near window: smaller moves and size changes while they help.
fn refine(
    sat: &Sat,
    dct: &Dct,
    start: Candidate,
    target: Print,
    stride: f32,
    iw: f32,
    ih: f32,
) -> (Candidate, u32) {
    let mut cur = start;
    let mut n = 0;
    for step in [stride / 2.0, stride / 4.0, stride / 8.0] {
        for _ in 0..3 {
            let r = cur.rect;
            let (dx, dy) = (r.w * step, r.h * step);
            let grow = 1.0 + step;
            let tries = [
                Rect { x: r.x - dx, ..r },
                Rect { x: r.x + dx, ..r },
                Rect { y: r.y - dy, ..r },
                Rect { y: r.y + dy, ..r },
                Rect {
                    x: r.x - r.w * (grow - 1.0) / 2.0,
                    y: r.y - r.h * (grow - 1.0) / 2.0,
                    w: r.w * grow,
                    h: r.h * grow,
                },
                Rect {
                    x: r.x + r.w * (1.0 - 1.0 / grow) / 2.0,
                    y: r.y + r.h * (1.0 - 1.0 / grow) / 2.0,
                    w: r.w / grow,
                    h: r.h / grow,
                },
            ];
            let mut improved = false;
            for t in tries {
                if t.x < -0.5
                    || t.y < -0.5
                    || t.x + t.w > iw + 0.5
                    || t.y + t.h > ih + 0.5
                    || t.w < 8.0
                    || t.h < 8.0
                {
                    continue;
                }
                let Some(p) = grid_print(sat, dct, t) else { continue };
                n += 1;
                let c = Candidate { dist: p.distance(target), rect: t, ..cur };
                if c.score() < cur.score() {
                    cur = c;
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }
    (cur, n)
}

/// The window sizes searched for a logo of this aspect: the largest that fits, then smaller
/// by [`SCALE_STEP`] down to [`MIN_WINDOW`] of the shorter side.
fn window_sizes(iw: f32, ih: f32, aspect: f32) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    let mut h = ih.min(iw / aspect);
    let min = (iw.min(ih) * MIN_WINDOW).max(16.0);
    while h * aspect.min(1.0) >= min && out.len() < 24 {
        out.push((h * aspect, h));
        h *= SCALE_STEP;
    }
    out
}

fn positions(image: f32, window: f32, stride: f32) -> usize {
    let step = (window * stride).max(1.0);
    (((image - window) / step).floor().max(0.0) as usize) + 1
}

/// The best candidates seen so far.
#[derive(Default)]
struct Best {
    whole: Option<Candidate>,
    window: Option<Candidate>,
    accepted: Option<Candidate>,
    closest: Option<Candidate>,
}

impl Best {
    fn offer(&mut self, c: Candidate) {
        let better = |old: &Option<Candidate>| old.is_none_or(|o| c.score() < o.score());
        let slot = if c.whole { &mut self.whole } else { &mut self.window };
        if better(slot) {
            *slot = Some(c);
        }
        if better(&self.closest) {
            self.closest = Some(c);
        }
        if c.accepted() && better(&self.accepted) {
            self.accepted = Some(c);
        }
    }
}

/// An image reduced to at most [`WORK_SIDE`] on its long side, on white where transparent.
struct Work {
    w: usize,
    h: usize,
    rgb: Vec<[u8; 3]>,
    /// Original pixels per working pixel.
    scale: f32,
}

impl Work {
    fn new(p: Rgba<'_>) -> Result<Work, String> {
        let (w, h) = (p.width as usize, p.height as usize);
        if w == 0 || h == 0 {
            return Err("the image has no pixels".to_owned());
        }
        if u64::from(p.width) * u64::from(p.height) > MAX_PIXELS {
            return Err(format!("the image is too large to scan ({} × {} pixels)", p.width, p.height));
        }
        if w.checked_mul(h).and_then(|n| n.checked_mul(4)) != Some(p.data.len()) {
            return Err(format!(
                "the pixels do not match the size: {} bytes for {} × {} RGBA pixels",
                p.data.len(),
                p.width,
                p.height
            ));
        }
        let k = w.max(h).div_ceil(WORK_SIDE).max(1);
        let (ow, oh) = (w.div_ceil(k), h.div_ceil(k));
        let mut sums = vec![[0u32; 4]; ow * oh];
        for (y, row) in p.data.chunks_exact(w * 4).enumerate() {
            let oy = y / k;
            for (x, px) in row.chunks_exact(4).enumerate() {
                let (Some(s), [r, g, b, a]) = (sums.get_mut(oy * ow + x / k), px) else { continue };
                // Composite on white: a logo's transparent margin reads as the usual white page.
                let a = u32::from(*a);
                for (sum, c) in s.iter_mut().zip([r, g, b]) {
                    *sum += (u32::from(*c) * a + 255 * (255 - a)) / 255;
                }
                s[3] += 1;
            }
        }
        let rgb = sums
            .iter()
            .map(|s| {
                let n = s[3].max(1);
                [(s[0] / n) as u8, (s[1] / n) as u8, (s[2] / n) as u8]
            })
            .collect();
        Ok(Work { w: ow, h: oh, rgb, scale: k as f32 })
    }

    fn px(&self, x: usize, y: usize) -> [u8; 3] {
        self.rgb.get(y * self.w + x).copied().unwrap_or([255; 3])
    }

    /// The box of everything that is not the plain background around the edges (the whole
    /// image when its edges are not mostly one colour).
    fn content_box(&self) -> Rect {
        let full = Rect { x: 0.0, y: 0.0, w: self.w as f32, h: self.h as f32 };
        let mut border = Vec::with_capacity(2 * (self.w + self.h));
        for x in 0..self.w {
            border.push(self.px(x, 0));
            border.push(self.px(x, self.h - 1));
        }
        for y in 0..self.h {
            border.push(self.px(0, y));
            border.push(self.px(self.w - 1, y));
        }
        let bin = |c: [u8; 3]| {
            (usize::from(c[0] >> 4) << 8) | (usize::from(c[1] >> 4) << 4) | usize::from(c[2] >> 4)
        };
        let mut counts = vec![0u32; 4096];
        for c in &border {
            if let Some(n) = counts.get_mut(bin(*c)) {
                *n += 1;
            }
        }
        let Some((top, &n)) = counts.iter().enumerate().max_by_key(|(_, n)| **n) else { return full };
        if (n as usize) * 2 < border.len() {
            return full;
        }
        let mut bg = [0u32; 3];
        let mut m = 0u32;
        for c in border.iter().filter(|c| bin(**c) == top) {
            for (s, v) in bg.iter_mut().zip(c) {
                *s += u32::from(*v);
            }
            m += 1;
        }
        let bg = bg.map(|s| (s / m.max(1)) as i32);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for y in 0..self.h {
            for x in 0..self.w {
                let c = self.px(x, y);
                let diff: i32 = c.iter().zip(bg).map(|(&v, b)| (i32::from(v) - b).abs()).sum();
                if diff > 60 {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x + 1);
                    y1 = y1.max(y + 1);
                }
            }
        }
        if x0 >= x1 || y0 >= y1 {
            return full;
        }
        Rect { x: x0 as f32, y: y0 as f32, w: (x1 - x0) as f32, h: (y1 - y0) as f32 }
    }
}

/// Summed-area tables of the working image's red, green and blue.
struct Sat {
    w: usize,
    h: usize,
    sums: [Vec<u32>; 3],
    luma: Vec<u32>,
}

impl Sat {
    fn new(work: &Work) -> Sat {
        let (w, h) = (work.w, work.h);
        let stride = w + 1;
        let mut sums =
            [vec![0u32; stride * (h + 1)], vec![0u32; stride * (h + 1)], vec![0u32; stride * (h + 1)]];
        for (c, table) in sums.iter_mut().enumerate() {
            for y in 0..h {
                let mut row = 0u32;
                for x in 0..w {
                    row += u32::from(work.px(x, y).get(c).copied().unwrap_or(0));
                    let above = table.get(y * stride + x + 1).copied().unwrap_or(0);
                    if let Some(v) = table.get_mut((y + 1) * stride + x + 1) {
                        *v = above + row;
                    }
                }
            }
        }
        let mut luma = vec![0u32; stride * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                let [r, g, b] = work.px(x, y).map(u32::from);
                row += (77 * r + 150 * g + 29 * b) >> 8;
                let above = luma.get(y * stride + x + 1).copied().unwrap_or(0);
                if let Some(v) = luma.get_mut((y + 1) * stride + x + 1) {
                    *v = above + row;
                }
            }
        }
        Sat { w, h, sums, luma }
    }

    /// Mean luminance of the pixels `x0..x1`, `y0..y1`.
    fn luma_mean(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> f32 {
        let s = self.w + 1;
        let at = |x: usize, y: usize| self.luma.get(y * s + x).copied().unwrap_or(0);
        let v = at(x1, y1).wrapping_add(at(x0, y0)).wrapping_sub(at(x0, y1)).wrapping_sub(at(x1, y0));
        v as f32 / (x1.saturating_sub(x0) * y1.saturating_sub(y0)).max(1) as f32
    }

    /// Mean red, green and blue of the pixels `x0..x1`, `y0..y1`.
    fn mean(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> [f32; 3] {
        let s = self.w + 1;
        let area = ((x1 - x0) * (y1 - y0)).max(1) as f32;
        self.sums.each_ref().map(|t| {
            let at = |x: usize, y: usize| t.get(y * s + x).copied().unwrap_or(0);
            let v = at(x1, y1).wrapping_add(at(x0, y0)).wrapping_sub(at(x0, y1)).wrapping_sub(at(x1, y0));
            v as f32 / area
        })
    }
}

/// Cell boundaries of a span cut into [`GRID`] cells, each at least one pixel, within `0..limit`.
fn cuts(start: f32, len: f32, limit: usize) -> [usize; GRID + 1] {
    let mut out = [0usize; GRID + 1];
    for (i, o) in out.iter_mut().enumerate() {
        let v = (start + len * i as f32 / GRID as f32).round().max(0.0) as usize;
        *o = v.min(limit);
    }
    out
}

/// The print of one region, or `None` when it is too flat to have a shape.
fn grid_print(sat: &Sat, dct: &Dct, r: Rect) -> Option<Print> {
    let xs = cuts(r.x, r.w, sat.w);
    let ys = cuts(r.y, r.h, sat.h);
    let mut cells = [[0f32; 3]; GRID * GRID];
    for gy in 0..GRID {
        let (y0, y1) = (ys.get(gy).copied()?, ys.get(gy + 1).copied()?);
        let (y0, y1) =
            if y1 > y0 { (y0, y1) } else { (y0.min(sat.h.saturating_sub(1)), (y0 + 1).min(sat.h)) };
        for gx in 0..GRID {
            let (x0, x1) = (xs.get(gx).copied()?, xs.get(gx + 1).copied()?);
            let (x0, x1) =
                if x1 > x0 { (x0, x1) } else { (x0.min(sat.w.saturating_sub(1)), (x0 + 1).min(sat.w)) };
            if let Some(c) = cells.get_mut(gy * GRID + gx) {
                *c = sat.mean(x0, y0, x1, y1);
            }
        }
    }
    let mut luma = [0f32; GRID * GRID];
    for (l, c) in luma.iter_mut().zip(&cells) {
        *l = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    }
    let mean = luma.iter().sum::<f32>() / luma.len() as f32;
    let var = luma.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / luma.len() as f32;
    // A hue shift can flatten luminance while the colours stay distinct: the edges decide then.
    let mut edge = [0f32; GRID * GRID];
    let at =
        |x: usize, y: usize| cells.get(y.min(GRID - 1) * GRID + x.min(GRID - 1)).copied().unwrap_or_default();
    for y in 0..GRID {
        for x in 0..GRID {
            let (l, r, u, d) =
                (at(x.saturating_sub(1), y), at(x + 1, y), at(x, y.saturating_sub(1)), at(x, y + 1));
            let e = (0..3)
                .map(|c| {
                    let g = |v: [f32; 3]| v.get(c).copied().unwrap_or(0.0);
                    (g(r) - g(l)).abs() + (g(d) - g(u)).abs()
                })
                .fold(0f32, f32::max);
            if let Some(v) = edge.get_mut(y * GRID + x) {
                *v = e;
            }
        }
    }
    let edge_mean = edge.iter().sum::<f32>() / edge.len() as f32;
    if var.sqrt() < MIN_CONTRAST && edge_mean < MIN_CONTRAST {
        return None;
    }
    Some(Print { luma: dct.hash(&luma), edge: dct.hash(&edge) })
}

/// The low-frequency DCT-II basis over [`GRID`] samples.
struct Dct {
    cos: [[f32; GRID]; LOW],
}

impl Dct {
    fn new() -> Dct {
        let mut cos = [[0f32; GRID]; LOW];
        for (u, row) in cos.iter_mut().enumerate() {
            for (x, c) in row.iter_mut().enumerate() {
                *c = (std::f32::consts::PI * (2 * x + 1) as f32 * u as f32 / (2 * GRID) as f32).cos();
            }
        }
        Dct { cos }
    }

    /// The 8×8 lowest frequencies of a [`GRID`]² signal, each bit set when its coefficient
    /// is above the median of the 63 that are not the mean (the mean's own bit is always 0).
    fn hash(&self, v: &[f32; GRID * GRID]) -> u64 {
        // Rows first: for each row y, its LOW horizontal frequencies.
        let mut rows = [[0f32; LOW]; GRID];
        for (y, out) in rows.iter_mut().enumerate() {
            let row = v.get(y * GRID..(y + 1) * GRID).unwrap_or_default();
            for (u, o) in out.iter_mut().enumerate() {
                *o = self.cos.get(u).map_or(0.0, |c| c.iter().zip(row).map(|(a, b)| a * b).sum());
            }
        }
        let mut coeffs = [0f32; LOW * LOW];
        for (vf, crow) in self.cos.iter().enumerate() {
            for u in 0..LOW {
                let s: f32 = crow.iter().zip(&rows).map(|(c, r)| c * r.get(u).copied().unwrap_or(0.0)).sum();
                if let Some(k) = coeffs.get_mut(vf * LOW + u) {
                    *k = s;
                }
            }
        }
        let mut ac: Vec<f32> = coeffs.iter().skip(1).copied().collect();
        ac.sort_by(f32::total_cmp);
        let median = ac.get(ac.len() / 2).copied().unwrap_or(0.0);
        let mut bits = 0u64;
        for (i, c) in coeffs.iter().enumerate().skip(1) {
            if *c > median {
                bits |= 1 << i;
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crest-like test picture: a shield of two colours with bands, on white.
    fn crest(size: usize, fg: [u8; 3], accent: [u8; 3]) -> Vec<u8> {
        let mut out = vec![255u8; size * size * 4];
        for y in 0..size {
            for x in 0..size {
                let (fx, fy) = (x as f32 / size as f32, y as f32 / size as f32);
                let half = if fy < 0.6 { 0.4 } else { 0.4 * (1.0 - (fy - 0.6) / 0.35).max(0.0) };
                if !(0.08..=0.95).contains(&fy) || (fx - 0.5).abs() > half {
                    continue;
                }
                let wave = ((fx * 18.0).sin() * 0.02 + fy) * 10.0;
                let c = if (wave as usize).is_multiple_of(3) || (fy < 0.3 && (fx - 0.5).abs() < 0.12) {
                    accent
                } else {
                    fg
                };
                let i = (y * size + x) * 4;
                out[i..i + 3].copy_from_slice(&c);
            }
        }
        out
    }

    fn rgba(data: &[u8], size: usize) -> Rgba<'_> {
        Rgba { width: size as u32, height: size as u32, data }
    }

    fn set_of(data: &[u8], size: usize) -> LogoSet {
        LogoSet::new(&[logo_hashes("logo.png", rgba(data, size)).unwrap()]).unwrap()
    }

    #[test]
    fn unrelated_pictures_do_not_match() {
        let logo = crest(256, [20, 50, 100], [220, 170, 40]);
        let set = set_of(&logo, 256);
        // A flat picture, a gradient and stripes.
        let flat = vec![200u8; 200 * 200 * 4];
        let mut gradient = vec![255u8; 300 * 200 * 4];
        for (i, px) in gradient.chunks_exact_mut(4).enumerate() {
            let (x, y) = (i % 300, i / 300);
            px[0] = (x * 255 / 300) as u8;
            px[1] = (y * 255 / 200) as u8;
            px[2] = 128;
        }
        let mut stripes = vec![255u8; 256 * 256 * 4];
        for (i, px) in stripes.chunks_exact_mut(4).enumerate() {
            if (i % 256) / 32 % 2 == 0 {
                px[..3].copy_from_slice(&[120, 20, 30]);
            }
        }
        for (data, w, h) in [(&flat, 200, 200), (&gradient, 300, 200), (&stripes, 256, 256)] {
            let scan = set.scan(Rgba { width: w, height: h, data });
            assert_eq!(scan.logo, None, "{w}×{h}: {scan:?}");
            assert!(scan.problem.is_none());
        }
    }

    #[test]
    fn the_logo_itself_and_simple_changes_match() {
        let logo = crest(256, [20, 50, 100], [220, 170, 40]);
        let set = set_of(&logo, 256);
        let same = set.scan(rgba(&logo, 256));
        let m = same.logo.expect("the logo matches itself");
        assert!(m.whole && m.distance == 0 && m.edge_distance == 0, "{m:?}");
        // Smaller, and with other colours.
        let small = crest(120, [20, 50, 100], [220, 170, 40]);
        assert!(set.scan(rgba(&small, 120)).logo.is_some());
        let recoloured = crest(256, [90, 20, 20], [240, 240, 240]);
        assert!(set.scan(rgba(&recoloured, 256)).logo.is_some());
    }

    #[test]
    fn a_logo_inside_a_larger_picture_is_found_where_it_is() {
        let logo = crest(256, [20, 50, 100], [220, 170, 40]);
        let set = set_of(&logo, 256);
        let (w, h) = (600usize, 400usize);
        let mut poster = vec![0u8; w * h * 4];
        for (i, px) in poster.chunks_exact_mut(4).enumerate() {
            let (x, y) = (i % w, i / w);
            px.copy_from_slice(&[(x / 3) as u8, 180, (y / 2) as u8, 255]);
        }
        let small = crest(140, [20, 50, 100], [220, 170, 40]);
        for y in 0..140 {
            for x in 0..140 {
                let (s, d) = ((y * 140 + x) * 4, ((y + 200) * w + x + 400) * 4);
                poster[d..d + 4].copy_from_slice(&small[s..s + 4]);
            }
        }
        let scan = set.scan(Rgba { width: w as u32, height: h as u32, data: &poster });
        let m = scan.logo.expect("found in the poster");
        assert!(!m.whole);
        assert!((m.x as i32 - 400).abs() < 40 && (m.y as i32 - 200).abs() < 40, "{m:?}");
    }

    #[test]
    fn bad_pixels_are_a_problem_not_a_panic() {
        let logo = crest(64, [20, 50, 100], [220, 170, 40]);
        let set = set_of(&logo, 64);
        let scan = set.scan(Rgba { width: 10, height: 10, data: &[0; 12] });
        assert!(scan.problem.unwrap().contains("do not match"));
        assert!(set.scan(Rgba { width: 0, height: 0, data: &[] }).problem.is_some());
        assert!(set.scan(Rgba { width: 1, height: 1, data: &[1, 2, 3, 4] }).logo.is_none());
        assert!(logo_hashes("blank.png", rgba(&vec![255; 64 * 64 * 4], 64)).is_err());
        assert!(LogoSet::new(&[LogoHashes {
            name: "x".into(),
            aspect: 1000,
            prints: vec!["zz".into()],
            coarse: "0".repeat(16)
        }])
        .is_err());
    }

    #[test]
    fn prints_round_trip_and_the_digest_follows_them() {
        let p = Print { luma: 0x0123_4567_89ab_cdef, edge: 42 };
        assert_eq!(Print::from_hex(&p.to_hex()), Some(p));
        let a = set_of(&crest(64, [20, 50, 100], [220, 170, 40]), 64);
        let b = set_of(&crest(64, [20, 50, 100], [20, 170, 40]), 64);
        assert_eq!(a.digest().len(), 16);
        assert_ne!(a.digest(), b.digest());
        assert_eq!(LogoSet::default().digest(), "");
    }
}
