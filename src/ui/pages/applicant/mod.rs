pub mod candidatures;
pub mod form;
pub mod receipt;
