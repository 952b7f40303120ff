pub mod cohort;
pub mod thread;
