pub mod error;
pub mod form;
pub mod layout;
