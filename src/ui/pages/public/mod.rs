pub mod home;
pub mod initiatives;
pub mod open_data;
pub mod transparency;
