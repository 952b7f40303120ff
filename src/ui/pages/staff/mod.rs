pub mod cohorts;
pub mod screening;
