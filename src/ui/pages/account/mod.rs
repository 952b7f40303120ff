pub mod login;
pub mod profile;
pub mod signup;
