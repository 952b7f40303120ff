//! The citizen juror: the invitation, the juror charter and conflicts, the reviews.
//! The review screen serves staff too (staff-track criteria).

pub mod commitments;
pub mod deliberation;
pub mod invitation;
pub mod review;
pub mod seats;
