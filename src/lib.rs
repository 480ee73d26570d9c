//! manabi: a terminal course player. The library holds every step of the pipeline —
//! course files → parsed lessons → laid-out lines → text for a terminal — so the binary
//! stays a thin shell and every step is testable without a terminal.

pub mod ansi;
pub mod app;
pub mod check;
pub mod class;
pub mod cluster;
pub mod course;
pub mod diagram;
pub mod doctor;
pub mod feedback;
pub mod layout;
pub mod palette;
pub mod present;
pub mod progress;
pub mod quiz;
pub mod strings;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod yaml_message;
