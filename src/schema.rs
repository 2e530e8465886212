//! How fields are described (src/kinds/schema.rs): the rows each kind file lists.

pub use crate::kinds::schema::*;
