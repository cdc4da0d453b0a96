//! The matching key of a surface form, shared by `build.rs` (which compiles the default lists)
//! and the run-time matcher, so that the two can never disagree. No crate imports: build.rs
//! includes this file as a module of its own.

/// The matching key of a surface form: lower case, runs of whitespace as one space.
pub fn form_key(form: &str) -> String {
    let mut key = String::with_capacity(form.len());
    let mut space = false;
    for c in form.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            key.push(' ');
            space = false;
        }
        key.extend(c.to_lowercase());
    }
    key
}
