//! vitrina: a static site generator and completeness checker for the mandated
//! publications of a municipal system of support for ШНОР/ШССУ schools.
//!
//! Data flows one way, one module per stage:
//! [`config`] + [`load`] (files → records) → [`resolve`] (ids, URLs, references →
//! [`model::Site`]) → [`render`] (site → pages) → [`output`] (pages → `public/`).
//! The checker and the renderer read the same resolved [`model::Site`].
//! Everything specific to one record kind is in its file under [`kinds`].

// Findings travel by value on the error path only (a failed build, a bad setting),
// where their size costs nothing; boxing them everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod body_guard;
pub mod build;
pub mod chart;
pub mod check;
pub mod cli;
pub mod collisions;
pub mod config;
pub mod config_guard;
pub mod dates;
pub mod diagnostics;
pub mod escape;
pub mod headings;
pub mod huge_pages;
pub mod import;
pub mod infra_model;
pub mod init;
pub mod items;
pub mod kinds;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod monitoring;
pub mod new;
pub mod numbers;
pub mod opendata;
pub mod os_error;
pub mod output;
pub mod paths;
pub mod periods;
pub mod practice_bank;
pub mod profile;
pub mod raw_text;
pub mod record_guard;
pub mod region;
pub mod render;
pub mod resolve;
pub mod reviews;
pub mod risk_profile;
pub mod sanitise_known;
pub mod schema;
pub mod serve;
pub mod shorten;
pub mod tabular;
pub mod text_runs;
pub mod translit;
pub mod typo;
pub mod unicode;
pub mod utf8;
pub mod vocab;
pub mod yaml;
