pub mod cohorts;
