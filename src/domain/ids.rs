//! Identifiers that must not be mixed up: a cohort's, a candidature's, a person's. The
//! functions that take several of them take these types, so that two arguments swapped do
//! not compile.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A cohort.
    CohortId
);
id!(
    /// A candidature (a project, once selected).
    CandidatureId
);
id!(
    /// A person's account.
    UserId
);
