pub mod cohorts;
pub mod jury;
pub mod screening;
