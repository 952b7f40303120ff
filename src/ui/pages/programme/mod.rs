pub mod comparison;
pub mod dashboard;
pub mod project;
