pub mod attachment;
pub mod error;
pub mod form;
pub mod history;
pub mod layout;
pub mod loaded;
pub mod recap;
pub mod check_state;
