//! The resolved site: typed records, the links between them, and the problems
//! found on the way. The checker and the renderer read only this. It lives with
//! the record kinds (src/kinds/model.rs): a record's typed data is its kind's.

pub use crate::kinds::model::*;
