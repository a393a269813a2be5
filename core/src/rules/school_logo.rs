//! `school-logo`: an image in a personal social media post is, or contains, one of the
//! school's logos. Email is never checked: a crest in an email signature is normal.
//!
//! Each image is judged by its [`ImageScan`]: the one the browser made when the image was
//! added (if it was made against this bundle's logos), or one made now from its pixels.

use std::borrow::Cow;

use super::{Context, Rule, RuleId};
use crate::draft::Channel;
use crate::finding::{Evidence, Field, Finding, Severity};
use crate::logo::ImageScan;

pub(crate) struct SchoolLogo;

impl Rule for SchoolLogo {
    fn id(&self) -> RuleId {
        RuleId::SchoolLogo
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.draft.channel != Channel::Social || cx.logos.is_empty() {
            return;
        }
        for image in &cx.draft.images {
            let scan: Cow<'_, ImageScan> = match (&image.scan, &image.pixels) {
                (Some(s), _) if s.against == cx.logos.digest() => Cow::Borrowed(s),
                (_, Some(p)) => Cow::Owned(cx.logos.scan(p.view())),
                _ => continue,
            };
            let Some(m) = &scan.logo else { continue };
            let place = if m.whole {
                "the picture is the logo".to_owned()
            } else {
                format!(
                    "the logo is part of the picture ({} × {} pixels at {}, {})",
                    m.width, m.height, m.x, m.y
                )
            };
            out.push(Finding {
                rule: RuleId::SchoolLogo,
                severity: Severity::Block,
                field: Field::Image,
                name: Some(image.name.clone()),
                start: None,
                end: None,
                excerpt: image.name.clone(),
                message: "This picture shows your school's logo. The logo must not appear on personal social media: it links your account to the school and can look like an official post.".to_owned(),
                explanation: Evidence {
                    reasons: vec![
                        format!("matches the school's logo `{}`", m.name),
                        place,
                        format!(
                            "perceptual hash distance {} of 64 (colour-insensitive {})",
                            m.distance, m.edge_distance
                        ),
                    ],
                    clause: None,
                },
                fix: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::logo::{logo_hashes, Rgba};
    use crate::testing::{engine_for, social};
    use crate::{Channel, Engine, Image, Pixels, RuleId, Severity};

    /// A two-colour crest-like picture on white.
    fn crest(size: u32, fg: [u8; 3]) -> Pixels {
        let mut rgba = vec![255u8; (size * size * 4) as usize];
        for (i, px) in rgba.chunks_exact_mut(4).enumerate() {
            let (x, y) = ((i as u32 % size) as f32 / size as f32, (i as u32 / size) as f32 / size as f32);
            let inside = y > 0.1 && y < 0.9 && (x - 0.5).abs() < 0.4 * (1.0 - (y - 0.5).max(0.0) * 1.5);
            if inside {
                let band = ((y * 12.0 + (x * 20.0).sin() * 0.4) as u32).is_multiple_of(3);
                px[..3].copy_from_slice(if band { &[230, 180, 40] } else { &fg });
            }
        }
        Pixels { width: size, height: size, rgba }
    }

    fn engine() -> Engine {
        let mut e = engine_for(&[]);
        let mut bundle = e.bundle().unwrap().clone();
        let logo = crest(200, [20, 50, 100]);
        bundle.logos = vec![logo_hashes("crest.png", logo.view()).unwrap()];
        e = Engine::new(bundle).unwrap();
        e
    }

    fn post(images: Vec<Image>) -> crate::Draft {
        crate::Draft { images, ..social("New term!") }
    }

    fn image(name: &str, pixels: Pixels) -> Image {
        Image { name: name.into(), pixels: Some(pixels), ..Image::default() }
    }

    fn logo_findings(engine: &Engine, draft: &crate::Draft) -> Vec<crate::Finding> {
        engine.check(draft).findings.into_iter().filter(|f| f.rule == RuleId::SchoolLogo).collect()
    }

    #[test]
    fn other_pictures_and_email_find_nothing() {
        let engine = engine();
        let mut stripes = Pixels { width: 120, height: 90, rgba: vec![255; 120 * 90 * 4] };
        for (i, px) in stripes.rgba.chunks_exact_mut(4).enumerate() {
            if (i % 120) / 15 % 2 == 0 {
                px[..3].copy_from_slice(&[100, 20, 30]);
            }
        }
        assert!(logo_findings(&engine, &post(vec![image("stripes.png", stripes)])).is_empty());
        let mut email = post(vec![image("image001.png", crest(96, [20, 50, 100]))]);
        email.channel = Channel::Email;
        assert!(logo_findings(&engine, &email).is_empty(), "a signature crest in email is normal");
        // No logos in the bundle: nothing to match.
        let plain = engine_for(&[]);
        assert!(logo_findings(&plain, &post(vec![image("c.png", crest(96, [20, 50, 100]))])).is_empty());
    }

    #[test]
    fn the_crest_on_social_media_blocks() {
        let engine = engine();
        let f = logo_findings(&engine, &post(vec![image("IMG_1.png", crest(150, [20, 50, 100]))]));
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].severity, f[0].name.as_deref()), (Severity::Block, Some("IMG_1.png")));
        assert!(f[0].explanation.reasons[0].contains("crest.png"));
    }

    #[test]
    fn a_scan_made_earlier_is_used_and_a_stale_one_is_not() {
        let engine = engine();
        let pixels = crest(150, [20, 50, 100]);
        let scan = engine.scan_image(pixels.width, pixels.height, &pixels.rgba);
        assert!(scan.logo.is_some());
        // Through JSON, as a browser sends it: no pixels, only the scan.
        let json = serde_json::to_string(&post(vec![Image {
            name: "a.png".into(),
            scan: Some(scan.clone()),
            ..Image::default()
        }]))
        .unwrap();
        let draft: crate::Draft = serde_json::from_str(&json).unwrap();
        assert_eq!(logo_findings(&engine, &draft).len(), 1);
        let mut stale = scan;
        stale.against = "0000000000000000".into();
        let draft = post(vec![Image { name: "a.png".into(), scan: Some(stale), ..Image::default() }]);
        let report = engine.check(&draft);
        assert!(report.findings.iter().all(|f| f.rule != RuleId::SchoolLogo));
        assert!(
            report.notes.iter().any(|n| n.contains("could not be checked for the school's logo")),
            "{report:?}"
        );
        let _ = Rgba { width: 0, height: 0, data: &[] };
    }
}
