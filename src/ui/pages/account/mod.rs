pub mod link;
pub mod login;
pub mod profile;
pub mod reset;
pub mod signup;
pub mod verify;
