//! ansi
