//! The corpus accuracy test lives at the repository root (it measures the whole product, not
//! this crate) but drives this crate's loaders, so it is built as one of this crate's tests.
//! rustfmt is told to leave the file to its owner.

#[rustfmt::skip]
#[path = "../../tests/corpus.rs"]
mod corpus;
