pub mod dashboard;
pub mod project;
