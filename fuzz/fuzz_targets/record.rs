//! Front matter splitting + YAML loading + typed field reading: any bytes in a
//! record file must give a record or findings, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitrina::schema::Section;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let section = Section::ALL[selector as usize % Section::ALL.len()];
    let is_markdown = selector & 0x80 != 0;
    let file = if is_markdown {
        "content/x/fuzz.md"
    } else {
        "content/x/fuzz.yaml"
    };
    let _ = vitrina::load::parse_record(file, "x/fuzz", section, is_markdown, bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = vitrina::yaml::parse_fields(text, 1);
    }
});
