//! `photo-reminder`: images are going onto personal social media. Only ever a note (info):
//! the engine cannot tell whether a photo shows pupils, so it reminds rather than warns.

use super::{Context, Rule, RuleId};
use crate::draft::Channel;
use crate::finding::{Evidence, Field, Finding, Severity};

pub(crate) struct PhotoReminder;

impl Rule for PhotoReminder {
    fn id(&self) -> RuleId {
        RuleId::PhotoReminder
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let images = &cx.draft.images;
        if cx.draft.channel != Channel::Social || images.is_empty() {
            return;
        }
        let names: Vec<&str> = images.iter().map(|i| i.name.as_str()).collect();
        out.push(Finding {
            rule: RuleId::PhotoReminder,
            severity: Severity::Info,
            field: Field::Image,
            name: (images.len() == 1).then(|| names.join("")),
            start: None,
            end: None,
            excerpt: names.join(", "),
            message: "A reminder before posting pictures: photos that show pupils, their work with their names, or the school must not go on personal social media.".to_owned(),
            explanation: Evidence {
                reasons: vec![format!(
                    "{} {} in a post on personal social media",
                    images.len(),
                    if images.len() == 1 { "image" } else { "images" }
                )],
                clause: None,
            },
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{draft_email, engine_for, social};
    use crate::{Image, RuleId, Severity};

    fn reminders(draft: &crate::Draft) -> Vec<crate::Finding> {
        engine_for(&[])
            .check(draft)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::PhotoReminder)
            .collect()
    }

    #[test]
    fn no_images_or_not_social_finds_nothing() {
        assert!(reminders(&social("No pictures here")).is_empty());
        let mut email = draft_email("a@westbrook.sch.uk", "Photos", "Attached");
        email.images = vec![Image { name: "a.jpg".into(), ..Image::default() }];
        assert!(reminders(&email).is_empty());
        let mut chat = social("pic");
        chat.channel = crate::Channel::Chat;
        chat.images = email.images.clone();
        assert!(reminders(&chat).is_empty());
    }

    #[test]
    fn images_on_social_media_get_one_note_never_a_warning() {
        let mut post = social("Sunday walk");
        post.images = vec![
            Image { name: "a.jpg".into(), ..Image::default() },
            Image { name: "b.jpg".into(), ..Image::default() },
        ];
        let r = reminders(&post);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].severity, Severity::Info);
        assert_eq!(r[0].excerpt, "a.jpg, b.jpg");
        assert!(!engine_for(&[]).check(&post).needs_decision());
    }
}
