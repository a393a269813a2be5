//! Text preparation shared by the rules: folding, tokens with positions, HTML to text.

mod everyday;
mod fold;
mod html;
mod tokens;

pub use everyday::is_everyday_word;
pub use fold::{fold_char, fold_str, name_key};
pub(crate) use fold::{is_combining, is_invisible};
pub use html::html_to_text;
pub use tokens::{tokenize, Gap, Shape, Token};
