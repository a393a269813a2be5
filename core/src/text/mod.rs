//! Text preparation shared by the rules: folding, tokens with positions, HTML to text.

mod contacts;
mod everyday;
mod fastmap;
mod fold;
mod html;
pub mod phrases;
mod tokens;

pub use contacts::{find_emails, find_uk_phones, own_text_end, uk_national, FoundEmail, FoundPhone};
pub use everyday::is_everyday_word;
pub use fastmap::{FastMap, FxHasher};
pub use fold::{fold_char, fold_str, name_key};
pub(crate) use fold::{is_combining, is_invisible};
pub use html::html_to_text;
pub use tokens::{tokenize, Gap, Shape, Token};
