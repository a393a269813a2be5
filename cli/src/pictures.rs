//! Pictures into pixels: the engine reads no image formats (so that the browser build needs no
//! decoders), so the CLI decodes draft images and policy logos here.
//!
//! PNG and JPEG are decoded with `image` (only those two codecs); SVG logos are rendered
//! with `resvg`. Decoding is bounded: a picture larger than [`MAX_SIDE`] on a side, or one
//! that would need more than [`MAX_DECODE_BYTES`] of memory, is refused with a reason.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};
use sendwise_core::Pixels;

/// The longest side decoded.
pub const MAX_SIDE: u32 = 16_384;
/// The most memory one decode may use.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// The size SVG logos are rendered at (on their longer side).
const SVG_SIDE: f32 = 512.0;

/// Decode a PNG or JPEG (or render an SVG) into RGBA8 pixels; the error is a lower-case reason.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Pixels, String> {
    if looks_like_svg(name, bytes) {
        return render_svg(bytes);
    }
    let format = image::guess_format(bytes).map_err(|_| "not a PNG or JPEG picture".to_owned())?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg) {
        return Err(format!("{} pictures are not read (only PNG, JPEG and SVG)", format_name(format)));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| lower_first(&e.to_string()))?;
    let rgba = img.to_rgba8();
    Ok(Pixels { width: rgba.width(), height: rgba.height(), rgba: rgba.into_raw() })
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Gif => "GIF",
        ImageFormat::WebP => "WebP",
        ImageFormat::Bmp => "BMP",
        ImageFormat::Tiff => "TIFF",
        ImageFormat::Avif => "AVIF",
        ImageFormat::Ico => "ICO",
        _ => "these",
    }
}

fn looks_like_svg(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") || lower.ends_with(".svgz") {
        return true;
    }
    let head =
        String::from_utf8_lossy(bytes.get(..bytes.len().min(1024)).unwrap_or_default()).to_ascii_lowercase();
    head.contains("<svg")
}

fn render_svg(bytes: &[u8]) -> Result<Pixels, String> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree =
        resvg::usvg::Tree::from_data(bytes, &options).map_err(|e| format!("not a readable SVG: {e}"))?;
    let size = tree.size();
    let scale = SVG_SIDE / size.width().max(size.height()).max(1.0);
    let (w, h) =
        ((size.width() * scale).ceil().max(1.0) as u32, (size.height() * scale).ceil().max(1.0) as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or("the SVG has no size")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    // tiny-skia keeps premultiplied alpha; the engine expects straight RGBA.
    let mut rgba = pixmap.take();
    for px in rgba.chunks_exact_mut(4) {
        let a = u32::from(px[3]);
        if a > 0 && a < 255 {
            for c in px.iter_mut().take(3) {
                *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
            }
        }
    }
    Ok(Pixels { width: w, height: h, rgba })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_picture_is_a_reason() {
        assert!(decode("x.png", b"not a picture").unwrap_err().contains("not a PNG or JPEG"));
        assert!(decode("x.gif", b"GIF89a\x01\x00\x01\x00").unwrap_err().contains("GIF"));
        assert!(decode("x.svg", b"<svg nonsense").unwrap_err().contains("SVG"));
    }

    #[test]
    fn png_and_svg_become_pixels() {
        let mut png = Vec::new();
        image::RgbaImage::from_pixel(3, 2, image::Rgba([1, 2, 3, 255]))
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let p = decode("a.png", &png).unwrap();
        assert_eq!((p.width, p.height, p.rgba.len()), (3, 2, 24));
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#123456"/></svg>"##;
        let p = decode("logo.svg", svg).unwrap();
        assert_eq!((p.width, p.height), (512, 256));
        assert_eq!(&p.rgba[..4], &[0x12, 0x34, 0x56, 255]);
    }
}
