//! What a page confirms after a change posted without JavaScript: the server function that
//! made the change sends the browser back with `?ok=<code>`, and the page says it in a
//! sentence. The codes are defined here once, for both sides.

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Done {
        // « Mon compte », sign-in, password reset, accounts.
        PasswordChanged => "mot-de-passe",
        VerificationSent => "lien-envoye",
        AddressConfirmed => "adresse-confirmee",
        AddressToConfirm => "adresse-a-confirmer",
        ResetLinkSent => "demande-envoyee",
        PasswordReset => "mot-de-passe-reinitialise",
        RoleChanged => "role",
        SessionClosed => "session-fermee",
        SessionsClosed => "sessions-fermees",
        AccountDeleted => "compte-supprime",
        // Mails and messages.
        MailRetried => "relance",
        MessageSent => "envoye",
        CohortMessageSent => "message",
        // Cohorts and screening.
        CohortOpened => "ouverte",
        CohortClosed => "cloturee",
        RetentionSaved => "conservation",
        ScreeningDecided => "decision",
        // The jury.
        JuryInvited => "invitations",
        JurySettingsSaved => "reglages",
        JuryAssigned => "affectation",
        ShortlistUpdated => "preselection",
        ReviewMoved => "deplacement",
        ConflictAdded => "conflit",
        ConflictsDeclared => "conflits",
        ReviewSubmitted => "envoyee",
        ReviewSaved => "enregistree",
        ReviewReopened => "rouverte",
        JuryDecided => "decidee",
        // The programme.
        CharterSigned => "charte",
        SupportRequested => "demande",
        SupportUpdated => "accompagnement",
        EvidenceSaved => "preuves",
        CheckInPosted => "point",
        MilestonesUpdated => "jalon",
        LaunchRecorded => "lancement",
        PublicationSaved => "publication",
    }
}

impl Done {
    /// `path` saying this: `/compte?ok=mot-de-passe`.
    pub fn at(self, path: &str) -> String {
        format!("{path}?ok={}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_reads_back_from_the_address_it_goes_to() {
        let address = Done::JuryAssigned.at("/agent/cohortes/3/jury");
        assert_eq!(address, "/agent/cohortes/3/jury?ok=affectation");
        let code = address.split_once("?ok=").map(|(_, c)| c).unwrap_or_default();
        assert_eq!(Done::from_code(code), Some(Done::JuryAssigned));
    }
}
