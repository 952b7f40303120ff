pub mod home;
pub mod initiatives;
pub mod legal;
pub mod open_data;
pub mod privacy;
pub mod transparency;
