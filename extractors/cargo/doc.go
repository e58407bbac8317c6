// Package cargo extracts the dependencies of Rust crates: the ones a
// Cargo.toml declares, with workspace inheritance, and through the
// Cargo.lock of the crate or its workspace the version each resolves to, its
// checksum, and every crate reached through them.
package cargo
