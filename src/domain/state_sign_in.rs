//! State sign-in: FranceConnect for citizens, ProConnect for State agents. The rules of who
//! may sign in through which provider, and what each failure tells the person. The protocol
//! (OpenID Connect) is in `server/state_sign_in.rs`.

use super::account::Role;
use super::i18n::{Label, Locale};

code_enum! {
    /// An identity provider of the State.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    pub enum Provider {
        /// Citizens (applicants, co-applicants, jurors): FranceConnect v2.
        FranceConnect => "franceconnect",
        /// State agents (staff, admins): ProConnect.
        ProConnect => "proconnect",
    }
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::FranceConnect => "FranceConnect",
            Provider::ProConnect => "ProConnect",
        }
    }

    /// The scopes asked for: FranceConnect's identity pivot needs only the names and the
    /// address here; ProConnect's `uid` and `siret` name the agent and their administration.
    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            Provider::FranceConnect => &["email", "given_name", "family_name"],
            Provider::ProConnect => &["email", "given_name", "usual_name", "uid", "siret"],
        }
    }

    /// The provider's own page explaining it (the « Qu'est-ce que … ? » link the State's
    /// rules require under the button).
    pub fn about_url(self) -> &'static str {
        match self {
            Provider::FranceConnect => "https://franceconnect.gouv.fr/",
            Provider::ProConnect => "https://proconnect.gouv.fr/",
        }
    }

    pub fn about_label(self) -> Label {
        match self {
            Provider::FranceConnect => Label::new("Qu'est-ce que FranceConnect ?", "What is FranceConnect?"),
            Provider::ProConnect => Label::new("Qu'est-ce que ProConnect ?", "What is ProConnect?"),
        }
    }

    /// Whether an account of this role signs in through this provider.
    pub fn serves(self, role: Role) -> bool {
        match self {
            Provider::FranceConnect => role.is_citizen(),
            Provider::ProConnect => role.is_staff(),
        }
    }
}

/// The minimum length of `state` and `nonce` (ProConnect requires 32; FranceConnect 22).
pub const STATE_LENGTH: usize = 32;

/// How long a sign-in may stay at the provider before its answer is refused.
pub const SIGN_IN_MINUTES: i64 = 15;

/// How long a person has to confirm linking an identity to their existing account.
pub const LINK_MINUTES: i64 = 30;

code_enum! {
    /// Why a sign-in through a provider did not open a session. The callback sends the
    /// browser to the login page with `?echec=<code>`, which shows the message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Failure {
        /// The person cancelled at the provider (`access_denied`).
        Cancelled => "annule",
        /// The answer does not belong to a sign-in started in this browser (state missing,
        /// unknown, already used or from another browser), or it came too late.
        Unknown => "inconnu",
        /// The provider refused the code (replayed, expired) or could not be reached.
        Provider => "fournisseur",
        /// The provider's tokens did not verify (signature, issuer, audience, nonce, expiry,
        /// level of assurance).
        Untrusted => "verification",
        /// The provider gave no usable address.
        NoEmail => "adresse",
        /// ProConnect: no staff account has this address.
        NotAgent => "agent",
        /// FranceConnect: the address belongs to a State agent's account.
        AgentAccount => "compte-agent",
        /// The link to confirm an existing account expired or was already used.
        LinkExpired => "liaison",
        /// The provider is not configured on this service.
        NotConfigured => "indisponible",
    }
}

impl Failure {
    pub fn message(self, provider: Option<Provider>, locale: Locale) -> String {
        let name = provider.map(Provider::name).unwrap_or(match locale {
            Locale::Fr => "le service d'identification",
            Locale::En => "the sign-in service",
        });
        match (self, locale) {
            (Failure::Cancelled, Locale::Fr) => format!("Vous avez annulé la connexion avec {name}. Aucune session n'a été ouverte."),
            (Failure::Cancelled, Locale::En) => format!("You cancelled signing in with {name}. No session was opened."),
            (Failure::Unknown, Locale::Fr) => {
                format!("Cette réponse de {name} ne correspond à aucune connexion en cours dans ce navigateur, ou elle est arrivée trop tard. Recommencez la connexion.")
            }
            (Failure::Unknown, Locale::En) => {
                format!("This answer from {name} matches no sign-in under way in this browser, or it came too late. Sign in again.")
            }
            (Failure::Provider, Locale::Fr) => {
                format!("{name} n'a pas pu confirmer votre connexion (lien déjà utilisé ou expiré, ou service indisponible). Recommencez la connexion.")
            }
            (Failure::Provider, Locale::En) => {
                format!("{name} could not confirm your sign-in (link already used or expired, or service unavailable). Sign in again.")
            }
            (Failure::Untrusted, Locale::Fr) => {
                format!("La réponse de {name} n'a pas pu être vérifiée : par sécurité, aucune session n'a été ouverte. Recommencez la connexion.")
            }
            (Failure::Untrusted, Locale::En) => {
                format!("The answer from {name} could not be verified: for safety, no session was opened. Sign in again.")
            }
            (Failure::NoEmail, Locale::Fr) => {
                format!("{name} n'a pas transmis d'adresse électronique : elle est nécessaire pour vous écrire. Créez un compte avec votre adresse.")
            }
            (Failure::NoEmail, Locale::En) => format!("{name} did not send an email address, which we need to write to you. Sign up with your address."),
            (Failure::NotAgent, Locale::Fr) => {
                "Aucun compte agent n'est ouvert pour cette adresse. Demandez à un administrateur du service de vous donner les droits d'agent.".into()
            }
            (Failure::NotAgent, Locale::En) => "No staff account exists for this address. Ask an administrator of the service to grant you staff rights.".into(),
            (Failure::AgentAccount, Locale::Fr) => {
                "Cette adresse est celle d'un compte agent : connectez-vous avec ProConnect.".into()
            }
            (Failure::AgentAccount, Locale::En) => "This address belongs to a staff account: log in with ProConnect.".into(),
            (Failure::LinkExpired, Locale::Fr) => {
                "Le délai pour lier votre compte est dépassé ou la liaison est déjà faite. Recommencez la connexion.".into()
            }
            (Failure::LinkExpired, Locale::En) => "The time to link your account has passed or the link is already made. Sign in again.".into(),
            (Failure::NotConfigured, Locale::Fr) => {
                format!("La connexion avec {name} n'est pas proposée par ce service. Connectez-vous avec votre adresse électronique et votre mot de passe.")
            }
            (Failure::NotConfigured, Locale::En) => {
                format!("Signing in with {name} is not offered by this service. Log in with your email address and password.")
            }
        }
    }
}

/// What the person is called from a provider's names: FranceConnect's given names are all
/// the birth names (« Angela Claire Louise »), only the first is the usual one.
pub fn display_name(given_name: &str, family_name: &str) -> String {
    let first = given_name.split_whitespace().next().unwrap_or("");
    let family = family_name.trim();
    let name = format!("{first} {family}");
    let name = name.trim();
    if name.is_empty() {
        "—".to_string()
    } else {
        name.chars().take(super::account::NAME_MAX as usize).collect()
    }
}

/// What becomes of a provider's answer, once it is verified: the account it opens, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// An identity already tied to this account.
    Known { user_id: i64 },
    /// A new citizen: an account is created (no password, address confirmed by the provider).
    Create,
    /// An agent's first ProConnect sign-in: the identity is tied to the staff account with
    /// this verified address.
    LinkAgent { user_id: i64 },
    /// A password account has this address: its owner confirms the link first.
    Confirm { user_id: i64 },
    Refused(Failure),
}

/// The account a verified identity leads to. `known` is the account already tied to this
/// identity; `same_address` the account with the provider's address, if any.
pub fn outcome(provider: Provider, known: Option<(i64, Role)>, same_address: Option<(i64, Role)>) -> Outcome {
    if let Some((user_id, role)) = known {
        return if provider.serves(role) {
            Outcome::Known { user_id }
        } else {
            Outcome::Refused(match provider {
                Provider::FranceConnect => Failure::AgentAccount,
                Provider::ProConnect => Failure::NotAgent,
            })
        };
    }
    match (provider, same_address) {
        (Provider::ProConnect, Some((user_id, role))) if role.is_staff() => Outcome::LinkAgent { user_id },
        (Provider::ProConnect, _) => Outcome::Refused(Failure::NotAgent),
        (Provider::FranceConnect, None) => Outcome::Create,
        (Provider::FranceConnect, Some((_, role))) if role.is_staff() => Outcome::Refused(Failure::AgentAccount),
        (Provider::FranceConnect, Some((user_id, _))) => Outcome::Confirm { user_id },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citizen_is_created_once_then_found() {
        assert_eq!(outcome(Provider::FranceConnect, None, None), Outcome::Create);
        assert_eq!(outcome(Provider::FranceConnect, Some((7, Role::Citizen)), Some((7, Role::Citizen))), Outcome::Known { user_id: 7 });
    }

    #[test]
    fn an_existing_password_account_is_never_linked_silently() {
        assert_eq!(outcome(Provider::FranceConnect, None, Some((3, Role::Citizen))), Outcome::Confirm { user_id: 3 });
    }

    #[test]
    fn agents_come_through_proconnect_only() {
        assert_eq!(outcome(Provider::ProConnect, None, Some((4, Role::Staff))), Outcome::LinkAgent { user_id: 4 });
        assert_eq!(outcome(Provider::ProConnect, None, Some((4, Role::Admin))), Outcome::LinkAgent { user_id: 4 });
        assert_eq!(outcome(Provider::ProConnect, None, Some((5, Role::Citizen))), Outcome::Refused(Failure::NotAgent));
        assert_eq!(outcome(Provider::ProConnect, None, None), Outcome::Refused(Failure::NotAgent));
        assert_eq!(outcome(Provider::FranceConnect, None, Some((4, Role::Staff))), Outcome::Refused(Failure::AgentAccount));
        // Rights withdrawn after the link: the identity no longer opens staff pages.
        assert_eq!(outcome(Provider::ProConnect, Some((4, Role::Citizen)), None), Outcome::Refused(Failure::NotAgent));
    }

    #[test]
    fn display_names_keep_the_first_given_name() {
        assert_eq!(display_name("Angela Claire Louise", "DUBOIS"), "Angela DUBOIS");
        assert_eq!(display_name("  ", " "), "—");
    }

    #[test]
    fn every_failure_says_what_to_do_in_both_languages() {
        for f in Failure::ALL {
            for l in [Locale::Fr, Locale::En] {
                assert!(f.message(Some(Provider::FranceConnect), l).len() > 30, "{f:?}");
            }
        }
        assert!(Failure::Cancelled.message(Some(Provider::ProConnect), Locale::Fr).contains("ProConnect"));
    }
}
