//! Requirements profiles (src/kinds/profile.rs): mandated items, risk factors,
//! `[rules]` severities. They name sections, so they live with the kinds.

pub use crate::kinds::profile::*;
