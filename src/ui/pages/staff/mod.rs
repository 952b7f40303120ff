pub mod cohort_new;
pub mod cohorts;
pub mod jury;
pub mod outbox;
pub mod screening;
pub mod retention;
