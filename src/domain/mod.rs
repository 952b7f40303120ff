//! Pure business rules, shared by the server and the browser (no I/O).

/// Declares a closed list of choices kept, posted or put in addresses by a code: the enum,
/// `ALL` (every variant, in the order declared: a new variant cannot be left out of it),
/// `code()` (a variant without its code does not compile) and `from_code()`.
macro_rules! code_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code: in the database, in forms and in addresses.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.code() == code)
            }
        }
    };
    // Without codes (they come from elsewhere, e.g. the status a decision gives): `ALL` only.
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
        }
    };
}

pub mod account;
pub mod account_deletion;
pub mod attachment;
pub mod candidature;
pub mod candidature_form;
pub mod charter;
pub mod cohort;
pub mod criteria;
pub mod csv;
pub mod done;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod ids;
pub mod jury;
pub mod legal;
pub mod mail;
pub mod my_data;
pub mod paths;
pub mod programme;
pub mod retention;
pub mod publication;
pub mod screening;
pub mod sessions;
pub mod state_sign_in;
pub mod support;
pub mod transparency;
pub mod validate;

#[cfg(test)]
mod tests {
    /// Each code names one variant and reads back to it.
    macro_rules! codes_round_trip {
        ($($t:ty),+ $(,)?) => {$({
            let codes: std::collections::HashSet<&str> = <$t>::ALL.iter().map(|v| v.code()).collect();
            assert_eq!(codes.len(), <$t>::ALL.len(), "{}: two variants share a code", stringify!($t));
            for v in <$t>::ALL {
                assert_eq!(<$t>::from_code(v.code()), Some(v), "{}", stringify!($t));
            }
            assert_eq!(<$t>::from_code("pas-un-code"), None);
        })+};
    }

    #[test]
    fn every_code_names_one_variant_and_reads_back() {
        use super::*;
        codes_round_trip!(
            account::Role,
            candidature::Status,
            candidature::CarrierKind,
            candidature::ProjectStage,
            candidature::Theme,
            candidature_form::Step,
            charter::Commitment,
            criteria::Criterion,
            done::Done,
            evidence::EvidenceLink,
            jury::Scorers,
            jury::Opinion,
            jury::charter::JurorCommitment,
            jury::ranking::SortKey,
            programme::SupportState,
            publication::PublicField,
            support::SupportKind,
            state_sign_in::Provider,
            state_sign_in::Failure,
        );
    }
}
