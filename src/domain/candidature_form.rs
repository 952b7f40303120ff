//! The candidature form: its 6 steps, its content (always storable, even half written) and
//! the rules a draft, a step and a submission must respect. The browser uses them for instant
//! feedback, the server as the authority. Both validate the `normalised()` form, so that row
//! indexes in error names (`co_applicants[1].email`) match the rows shown.

use super::account::{Email, EMAIL_MAX};
use super::candidature::{CarrierKind, ProjectStage, Theme};
use super::charter::Commitment;
use super::i18n::Label;
use super::support::SupportKind;
use super::validate::{text_block, text_line, FormErrors, Problem};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The 6 steps of the form, in the order they are filled; the code is the step's slug in
    /// addresses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Step {
        Project => "projet",
        Impact => "impact",
        Team => "equipe",
        Openness => "ouverture",
        Support => "accompagnement",
        Review => "recapitulatif",
    }
}

impl Step {
    /// 1 to 6, as shown (« Étape 2 sur 6 ») and stored (`current_step`).
    pub fn number(self) -> i32 {
        self as i32 + 1
    }

    pub fn from_number(number: i32) -> Option<Step> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        Step::ALL.get(index).copied()
    }

    /// The following step; none after the review.
    pub fn next(self) -> Option<Step> {
        Step::from_number(self.number() + 1)
    }

    /// The step before; none before the project.
    pub fn previous(self) -> Option<Step> {
        Step::from_number(self.number() - 1)
    }

    pub fn label(self) -> Label {
        match self {
            Step::Project => Label::new("Le projet", "The project"),
            Step::Impact => Label::new("Intérêt général et impact", "Public interest and impact"),
            Step::Team => Label::new("L'équipe", "The team"),
            Step::Openness => Label::new("Ouverture et transparence", "Openness and transparency"),
            Step::Support => Label::new("L'accompagnement souhaité", "The support you want"),
            Step::Review => Label::new("Récapitulatif et dépôt", "Summary and submission"),
        }
    }

    /// The step a field (named as in `field`) is filled in; the commitments belong to the
    /// review. Lets a refused submission send the applicant to the first step to fix.
    pub fn of_field(name: &str) -> Option<Step> {
        use field::*;
        if name.starts_with(COMMITMENT_PREFIX) {
            return Some(Step::Review);
        }
        match name.split('[').next().unwrap_or(name) {
            PROJECT_NAME | PITCH | DESCRIPTION | STAGE | WEBSITE | REPOSITORY | THEME => Some(Step::Project),
            PUBLIC_INTEREST | IMPACT => Some(Step::Impact),
            CARRIER_KIND | CARRIER_NAME | CO_APPLICANTS => Some(Step::Team),
            LICENCE | PUBLICATION_PLAN | FUNDING_STATEMENT => Some(Step::Openness),
            SUPPORTS => Some(Step::Support),
            _ => None,
        }
    }
}

/// The names fields carry in forms, in stored content and in `FormErrors`.
pub mod field {
    use crate::domain::charter::Commitment;

    pub const PROJECT_NAME: &str = "project_name";
    pub const PITCH: &str = "pitch";
    pub const DESCRIPTION: &str = "description";
    pub const STAGE: &str = "stage";
    pub const WEBSITE: &str = "website";
    pub const REPOSITORY: &str = "repository";
    pub const THEME: &str = "theme";
    pub const PUBLIC_INTEREST: &str = "public_interest";
    pub const IMPACT: &str = "impact";
    pub const CARRIER_KIND: &str = "carrier_kind";
    pub const CARRIER_NAME: &str = "carrier_name";
    /// The list as a whole (too many rows).
    pub const CO_APPLICANTS: &str = "co_applicants";
    pub const LICENCE: &str = "licence";
    pub const PUBLICATION_PLAN: &str = "publication_plan";
    pub const FUNDING_STATEMENT: &str = "funding_statement";
    /// The list as a whole (none chosen, too many rows).
    pub const SUPPORTS: &str = "supports";
    pub const COMMITMENT_PREFIX: &str = "commitment_";

    /// `co_applicants[0].name`
    pub fn co_applicant_name(index: usize) -> String {
        format!("{CO_APPLICANTS}[{index}].name")
    }

    /// `co_applicants[0].email`
    pub fn co_applicant_email(index: usize) -> String {
        format!("{CO_APPLICANTS}[{index}].email")
    }

    /// `co_applicants[0].role`
    pub fn co_applicant_role(index: usize) -> String {
        format!("{CO_APPLICANTS}[{index}].role")
    }

    /// `supports[2].kind`
    pub fn support_kind(index: usize) -> String {
        format!("{SUPPORTS}[{index}].kind")
    }

    /// `supports[2].need`
    pub fn support_need(index: usize) -> String {
        format!("{SUPPORTS}[{index}].need")
    }

    /// `commitment_open_publication`
    pub fn commitment(commitment: Commitment) -> String {
        format!("{COMMITMENT_PREFIX}{}", commitment.code())
    }
}

// Limits, in characters (not bytes).
pub const PROJECT_NAME_MAX: u32 = 120;
pub const PITCH_MAX: u32 = 200;
pub const DESCRIPTION_MAX: u32 = 4000;
pub const URL_MAX: u32 = 300;
pub const PUBLIC_INTEREST_MAX: u32 = 2000;
pub const IMPACT_MAX: u32 = 2000;
pub const CARRIER_NAME_MAX: u32 = 150;
pub const CO_APPLICANT_NAME_MAX: u32 = 100;
pub const CO_APPLICANT_ROLE_MAX: u32 = 100;
/// Checked by `Email::parse`; here for the form's `maxlength`.
pub const CO_APPLICANT_EMAIL_MAX: u32 = EMAIL_MAX;
pub const CO_APPLICANTS_MAX: u32 = 5;
pub const LICENCE_MAX: u32 = 100;
pub const PUBLICATION_PLAN_MAX: u32 = 2000;
pub const FUNDING_STATEMENT_MAX: u32 = 2000;
pub const SUPPORT_NEED_MAX: u32 = 500;
/// One row per kind of support at most.
pub const SUPPORTS_MAX: u32 = SupportKind::ALL.len() as u32;

/// The editable content of a candidature. Every value is plain text (a code for a choice,
/// `""` for "not chosen yet"), so any half-written draft can be stored and read back;
/// fields missing from stored content read as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidatureForm {
    // 1. The project
    pub project_name: String,
    /// The project in one sentence.
    pub pitch: String,
    pub description: String,
    /// A `ProjectStage` code.
    pub stage: String,
    pub website: String,
    /// Where the source code is published.
    pub repository: String,
    /// A `Theme` code.
    pub theme: String,
    // 2. Public interest and impact
    pub public_interest: String,
    pub impact: String,
    // 3. The team
    /// A `CarrierKind` code.
    pub carrier_kind: String,
    /// The organisation's name; may stay empty for an individual.
    pub carrier_name: String,
    pub co_applicants: Vec<CoApplicant>,
    // 4. Openness and transparency
    pub licence: String,
    pub publication_plan: String,
    pub funding_statement: String,
    // 5. The support wanted
    pub supports: Vec<SupportRequest>,
}

/// Someone who applies with the holder; the holder is not listed here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoApplicant {
    pub name: String,
    pub email: String,
    pub role: String,
}

impl CoApplicant {
    fn is_blank(&self) -> bool {
        blank(&self.name) && blank(&self.email) && blank(&self.role)
    }
}

/// One kind of support asked for, and what it would be used for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportRequest {
    /// A `SupportKind` code.
    pub kind: String,
    pub need: String,
}

impl SupportRequest {
    fn is_blank(&self) -> bool {
        blank(&self.kind) && blank(&self.need)
    }
}

/// Splits `co_applicants[2].email` into (`co_applicants`, 2, `email`); rows are capped at 8.
fn row_field(name: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = name.split_once('[')?;
    let (index, part) = rest.split_once("].")?;
    let index: usize = index.parse().ok()?;
    (index < 8).then_some((list, index, part))
}

impl CandidatureForm {
    pub fn stage(&self) -> Option<ProjectStage> {
        ProjectStage::from_code(self.stage.trim())
    }

    pub fn theme(&self) -> Option<Theme> {
        Theme::from_code(self.theme.trim())
    }

    pub fn carrier_kind(&self) -> Option<CarrierKind> {
        CarrierKind::from_code(self.carrier_kind.trim())
    }

    /// Every carrier but an individual names its organisation.
    pub fn carrier_name_required(&self) -> bool {
        self.carrier_kind() != Some(CarrierKind::Individual)
    }

    /// What a draft must respect to be saved: lengths, allowed characters, known codes,
    /// web addresses and emails, at most 5 co-applicants, each support once. Blanks are fine.
    pub fn check_limits(&self) -> FormErrors {
        let mut errors = FormErrors::default();
        for step in Step::ALL {
            self.check_fields(step, false, &mut errors);
        }
        errors
    }

    /// The limits of one step's fields, plus the fields that step requires.
    pub fn check_step(&self, step: Step) -> FormErrors {
        let mut errors = FormErrors::default();
        self.check_fields(step, true, &mut errors);
        errors
    }

    /// Every step complete, and each of the 4 commitments of the charter accepted.
    pub fn check_for_submission(&self, accepted: &[Commitment]) -> FormErrors {
        let mut errors = FormErrors::default();
        for step in Step::ALL {
            self.check_fields(step, true, &mut errors);
        }
        for commitment in Commitment::ALL {
            if !accepted.contains(&commitment) {
                errors.add(&field::commitment(commitment), Problem::CommitmentRequired);
            }
        }
        errors
    }

    /// At most one problem per field: a blank field is either fine or `Required`.
    fn check_fields(&self, step: Step, required: bool, e: &mut FormErrors) {
        use Shape::*;
        match step {
            Step::Project => {
                text(e, field::PROJECT_NAME, &self.project_name, PROJECT_NAME_MAX, Line, required);
                text(e, field::PITCH, &self.pitch, PITCH_MAX, Line, required);
                text(e, field::DESCRIPTION, &self.description, DESCRIPTION_MAX, Block, required);
                choice(e, field::STAGE, &self.stage, self.stage().is_some(), required);
                text(e, field::WEBSITE, &self.website, URL_MAX, Url, false);
                text(e, field::REPOSITORY, &self.repository, URL_MAX, Url, false);
                choice(e, field::THEME, &self.theme, self.theme().is_some(), required);
            }
            Step::Impact => {
                text(e, field::PUBLIC_INTEREST, &self.public_interest, PUBLIC_INTEREST_MAX, Block, required);
                text(e, field::IMPACT, &self.impact, IMPACT_MAX, Block, required);
            }
            Step::Team => {
                choice(e, field::CARRIER_KIND, &self.carrier_kind, self.carrier_kind().is_some(), required);
                let name_required = required && self.carrier_name_required();
                text(e, field::CARRIER_NAME, &self.carrier_name, CARRIER_NAME_MAX, Line, name_required);
                if self.co_applicants.len() > CO_APPLICANTS_MAX as usize {
                    e.add(field::CO_APPLICANTS, Problem::TooMany { max: CO_APPLICANTS_MAX });
                }
                for (i, c) in self.co_applicants.iter().enumerate() {
                    // A row left entirely blank is ignored (normalisation drops it).
                    let row_required = required && !c.is_blank();
                    text(e, &field::co_applicant_name(i), &c.name, CO_APPLICANT_NAME_MAX, Line, row_required);
                    email(e, &field::co_applicant_email(i), &c.email, row_required);
                    text(e, &field::co_applicant_role(i), &c.role, CO_APPLICANT_ROLE_MAX, Line, false);
                }
            }
            Step::Openness => {
                text(e, field::LICENCE, &self.licence, LICENCE_MAX, Line, required);
                text(e, field::PUBLICATION_PLAN, &self.publication_plan, PUBLICATION_PLAN_MAX, Block, required);
                text(e, field::FUNDING_STATEMENT, &self.funding_statement, FUNDING_STATEMENT_MAX, Block, required);
            }
            Step::Support => {
                if self.supports.len() > SUPPORTS_MAX as usize {
                    e.add(field::SUPPORTS, Problem::TooMany { max: SUPPORTS_MAX });
                } else if required && self.supports.iter().all(|s| blank(&s.kind)) {
                    e.add(field::SUPPORTS, Problem::Required);
                }
                let mut seen = Vec::new();
                for (i, s) in self.supports.iter().enumerate() {
                    let kind = s.kind.trim();
                    if kind.is_empty() {
                        // A need written for no support: say which support it is for.
                        if required && !blank(&s.need) {
                            e.add(&field::support_kind(i), Problem::Required);
                        }
                    } else {
                        match SupportKind::from_code(kind) {
                            None => e.add(&field::support_kind(i), Problem::UnknownChoice),
                            Some(k) if seen.contains(&k) => e.add(&field::support_kind(i), Problem::DuplicateChoice),
                            Some(k) => seen.push(k),
                        }
                    }
                    let need_required = required && !kind.is_empty();
                    text(e, &field::support_need(i), &s.need, SUPPORT_NEED_MAX, Block, need_required);
                }
            }
            // The review shows the other steps and takes the commitments (see
            // `check_for_submission`); it has no field of its own.
            Step::Review => {}
        }
    }

    /// Every value by its field name (rows as `co_applicants[0].email`), so that a refused
    /// save can give back exactly what was typed.
    pub fn as_fields(&self) -> Vec<(String, String)> {
        use field::*;
        let mut out: Vec<(String, String)> = [
            (PROJECT_NAME, &self.project_name),
            (PITCH, &self.pitch),
            (DESCRIPTION, &self.description),
            (STAGE, &self.stage),
            (WEBSITE, &self.website),
            (REPOSITORY, &self.repository),
            (THEME, &self.theme),
            (PUBLIC_INTEREST, &self.public_interest),
            (IMPACT, &self.impact),
            (CARRIER_KIND, &self.carrier_kind),
            (CARRIER_NAME, &self.carrier_name),
            (LICENCE, &self.licence),
            (PUBLICATION_PLAN, &self.publication_plan),
            (FUNDING_STATEMENT, &self.funding_statement),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
        for (i, c) in self.co_applicants.iter().enumerate() {
            out.push((co_applicant_name(i), c.name.clone()));
            out.push((co_applicant_email(i), c.email.clone()));
            out.push((co_applicant_role(i), c.role.clone()));
        }
        for (i, s) in self.supports.iter().enumerate() {
            out.push((support_kind(i), s.kind.clone()));
            out.push((support_need(i), s.need.clone()));
        }
        out
    }

    /// The inverse of `as_fields`: rebuilds a form from named values (unknown names ignored).
    pub fn from_fields(fields: &[(String, String)]) -> CandidatureForm {
        use field::*;
        let mut form = CandidatureForm::default();
        for (name, value) in fields {
            let value = value.clone();
            if let Some((list, index, part)) = row_field(name) {
                match list {
                    CO_APPLICANTS => {
                        if form.co_applicants.len() <= index {
                            form.co_applicants.resize(index + 1, CoApplicant::default());
                        }
                        let row = &mut form.co_applicants[index];
                        match part {
                            "name" => row.name = value,
                            "email" => row.email = value,
                            "role" => row.role = value,
                            _ => {}
                        }
                    }
                    SUPPORTS => {
                        if form.supports.len() <= index {
                            form.supports.resize(index + 1, SupportRequest::default());
                        }
                        let row = &mut form.supports[index];
                        match part {
                            "kind" => row.kind = value,
                            "need" => row.need = value,
                            _ => {}
                        }
                    }
                    _ => {}
                }
                continue;
            }
            let slot = match name.as_str() {
                PROJECT_NAME => &mut form.project_name,
                PITCH => &mut form.pitch,
                DESCRIPTION => &mut form.description,
                STAGE => &mut form.stage,
                WEBSITE => &mut form.website,
                REPOSITORY => &mut form.repository,
                THEME => &mut form.theme,
                PUBLIC_INTEREST => &mut form.public_interest,
                IMPACT => &mut form.impact,
                CARRIER_KIND => &mut form.carrier_kind,
                CARRIER_NAME => &mut form.carrier_name,
                LICENCE => &mut form.licence,
                PUBLICATION_PLAN => &mut form.publication_plan,
                FUNDING_STATEMENT => &mut form.funding_statement,
                _ => continue,
            };
            *slot = value;
        }
        form
    }

    /// Takes from `incoming` the fields of `step` and keeps the others: a step's form, and its
    /// autosave, carry only that step's fields.
    pub fn merge_step(mut self, step: Step, incoming: CandidatureForm) -> CandidatureForm {
        match step {
            Step::Project => {
                self.project_name = incoming.project_name;
                self.pitch = incoming.pitch;
                self.description = incoming.description;
                self.stage = incoming.stage;
                self.website = incoming.website;
                self.repository = incoming.repository;
                self.theme = incoming.theme;
            }
            Step::Impact => {
                self.public_interest = incoming.public_interest;
                self.impact = incoming.impact;
            }
            Step::Team => {
                self.carrier_kind = incoming.carrier_kind;
                self.carrier_name = incoming.carrier_name;
                self.co_applicants = incoming.co_applicants;
            }
            Step::Openness => {
                self.licence = incoming.licence;
                self.publication_plan = incoming.publication_plan;
                self.funding_statement = incoming.funding_statement;
            }
            Step::Support => self.supports = incoming.supports,
            Step::Review => {}
        }
        self
    }

    /// The form as it is stored: every text trimmed (inner spaces kept), Windows line breaks
    /// turned into `\n`, emails lower-cased, blank co-applicant and support rows dropped.
    pub fn normalised(self) -> Self {
        let line = |s: String| s.trim().to_string();
        let block = |s: String| s.trim().replace("\r\n", "\n");
        CandidatureForm {
            project_name: line(self.project_name),
            pitch: line(self.pitch),
            description: block(self.description),
            stage: line(self.stage),
            website: line(self.website),
            repository: line(self.repository),
            theme: line(self.theme),
            public_interest: block(self.public_interest),
            impact: block(self.impact),
            carrier_kind: line(self.carrier_kind),
            carrier_name: line(self.carrier_name),
            co_applicants: self
                .co_applicants
                .into_iter()
                .filter(|c| !c.is_blank())
                .map(|c| CoApplicant { name: line(c.name), email: c.email.trim().to_lowercase(), role: line(c.role) })
                .collect(),
            licence: line(self.licence),
            publication_plan: block(self.publication_plan),
            funding_statement: block(self.funding_statement),
            supports: self
                .supports
                .into_iter()
                .filter(|s| !s.is_blank())
                .map(|s| SupportRequest { kind: line(s.kind), need: block(s.need) })
                .collect(),
        }
    }

    /// Estimated minutes of writing left (the call promises « moins de 30 minutes »): each
    /// required field still blank costs the minutes listed below, 26 for an empty form, 0
    /// once every step is complete. Optional fields and values to correct cost nothing, so
    /// filling a field never raises the estimate.
    pub fn minutes_left(&self) -> u32 {
        let texts: [(&str, u32); 11] = [
            (&self.project_name, 1),
            (&self.pitch, 2),
            (&self.description, 4),
            (&self.stage, 1),
            (&self.theme, 1),
            (&self.public_interest, 3),
            (&self.impact, 3),
            (&self.carrier_kind, 1),
            (&self.licence, 1),
            (&self.publication_plan, 3),
            (&self.funding_statement, 3),
        ];
        let mut minutes: u32 = texts.iter().filter(|(value, _)| blank(value)).map(|(_, m)| m).sum();
        if self.carrier_name_required() && blank(&self.carrier_name) {
            minutes += 1;
        }
        // Supports: 2 minutes until one is chosen with its need written.
        if !self.supports.iter().any(|s| !blank(&s.kind) && !blank(&s.need)) {
            minutes += 2;
        }
        minutes
    }

    /// The steps with nothing left to fix; the review counts once all the others do.
    pub fn completed_steps(&self) -> Vec<Step> {
        let mut done: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| *s != Step::Review && self.check_step(*s).is_empty())
            .collect();
        if done.len() == Step::ALL.len() - 1 {
            done.push(Step::Review);
        }
        done
    }
}

fn blank(value: &str) -> bool {
    value.trim().is_empty()
}

#[derive(Clone, Copy)]
enum Shape {
    Line,
    Block,
    Url,
}

/// Checks one text field; blank is fine unless `required`.
fn text(e: &mut FormErrors, field: &str, raw: &str, max: u32, shape: Shape, required: bool) {
    let value = raw.trim();
    if value.is_empty() {
        if required {
            e.add(field, Problem::Required);
        }
        return;
    }
    let result = match shape {
        Shape::Line => text_line(value, max).map(drop),
        Shape::Block => text_block(value, max),
        Shape::Url => web_address(value, max),
    };
    e.check(field, result);
}

/// Checks a code chosen from a list; blank is fine unless `required`.
fn choice(e: &mut FormErrors, field: &str, raw: &str, known: bool, required: bool) {
    if blank(raw) {
        if required {
            e.add(field, Problem::Required);
        }
    } else if !known {
        e.add(field, Problem::UnknownChoice);
    }
}

/// Checks an email address; blank is fine unless `required`.
fn email(e: &mut FormErrors, field: &str, raw: &str, required: bool) {
    if blank(raw) {
        if required {
            e.add(field, Problem::Required);
        }
    } else {
        e.check(field, Email::parse(raw));
    }
}

/// An `http://` or `https://` address with a dotted host name and an optional port; no spaces
/// and no credentials (`https://moi@…`, a phishing trick). Nothing else is ever made a link.
pub(crate) fn web_address(value: &str, max: u32) -> Result<(), Problem> {
    if value.chars().count() > max as usize {
        return Err(Problem::TooLong { max });
    }
    if value.chars().any(|c| c.is_control() || c == char::REPLACEMENT_CHARACTER) {
        return Err(Problem::ControlCharacters);
    }
    let lower = value.to_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or(Problem::InvalidUrl)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return Err(Problem::InvalidUrl),
        None => authority,
    };
    let label_ok = |l: &str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if host.split('.').count() < 2 || !host.split('.').all(label_ok) || value.chars().any(char::is_whitespace) {
        return Err(Problem::InvalidUrl);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> CandidatureForm {
        CandidatureForm {
            project_name: "Vite ma dose".into(),
            pitch: "Trouver un créneau de vaccination près de chez soi, en un clic.".into(),
            description: "Un site qui rassemble les créneaux libres.\r\nOuvert à tous, sans compte.".into(),
            stage: "running".into(),
            website: "https://vitemadose.covidtracker.fr".into(),
            repository: "https://github.com/CovidTrackerFr/vitemadose".into(),
            theme: "health".into(),
            public_interest: "Accélérer la vaccination de tous, partout.".into(),
            impact: "Des millions de rendez-vous trouvés.".into(),
            carrier_kind: "association".into(),
            carrier_name: "CovidTracker".into(),
            co_applicants: vec![CoApplicant {
                name: "Marie Curie".into(),
                email: "marie.curie@exemple.fr".into(),
                role: "Développeuse".into(),
            }],
            licence: "MIT".into(),
            publication_plan: "Code et données publiés chaque semaine.".into(),
            funding_statement: "Bénévolat, aucun financement.".into(),
            supports: vec![
                SupportRequest { kind: "data_and_tools".into(), need: "Les données des centres.".into() },
                SupportRequest { kind: "promotion".into(), need: "Faire connaître le site.".into() },
            ],
        }
    }

    type Edit = fn(&mut CandidatureForm);
    type Set = fn(&mut CandidatureForm, String);

    fn fields(e: &FormErrors) -> Vec<&str> {
        e.errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn six_steps_in_order_with_numbers_codes_and_titles() {
        for (i, s) in Step::ALL.into_iter().enumerate() {
            assert_eq!(s.number(), i as i32 + 1);
            assert_eq!(Step::from_number(s.number()), Some(s));
            assert_eq!(Step::from_code(s.code()), Some(s));
        }
        assert_eq!(Step::Project.previous(), None);
        assert_eq!(Step::Project.next(), Some(Step::Impact));
        assert_eq!(Step::Review.previous(), Some(Step::Support));
        assert_eq!(Step::Review.next(), None);
        for n in [0, 7, -1, i32::MIN, i32::MAX] {
            assert_eq!(Step::from_number(n), None);
        }
        assert_eq!(Step::from_code("equipe"), Some(Step::Team));
        assert_eq!(Step::Team.label().fr, "L'équipe");
        assert_eq!(Step::Support.label().fr, "L'accompagnement souhaité");
        assert_eq!(Step::Review.label().en, "Summary and submission");
    }

    #[test]
    fn list_field_names_and_their_steps() {
        assert_eq!(field::co_applicant_email(0), "co_applicants[0].email");
        assert_eq!(field::support_need(2), "supports[2].need");
        assert_eq!(field::commitment(Commitment::OpenPublication), "commitment_open_publication");
        assert_eq!(Step::of_field(&field::co_applicant_role(3)), Some(Step::Team));
        assert_eq!(Step::of_field(&field::support_kind(1)), Some(Step::Support));
        assert_eq!(Step::of_field("commitment_funding_transparency"), Some(Step::Review));
        assert_eq!(Step::of_field(field::LICENCE), Some(Step::Openness));
        assert_eq!(Step::of_field("password"), None);
    }

    #[test]
    fn a_partial_draft_reads_back_with_blanks() {
        use serde::de::value::{Error, MapDeserializer};
        let stored = vec![("project_name", "Vite ma dose"), ("theme", "health")];
        let form = CandidatureForm::deserialize(MapDeserializer::<_, Error>::new(stored.into_iter())).unwrap();
        assert_eq!(form.project_name, "Vite ma dose");
        assert_eq!(form.theme(), Some(Theme::Health));
        assert_eq!(form.stage, "");
        assert!(form.supports.is_empty());
    }

    #[test]
    fn the_full_example_can_be_submitted() {
        let f = full();
        assert!(f.check_limits().is_empty());
        assert_eq!(f.check_for_submission(&Commitment::ALL), FormErrors::default());
        assert_eq!(f.completed_steps(), Step::ALL);
        assert_eq!(f.minutes_left(), 0);
        assert_eq!(f.stage(), Some(ProjectStage::Running));
        assert_eq!(f.carrier_kind(), Some(CarrierKind::Association));
    }

    #[test]
    fn removing_each_required_field_makes_exactly_that_field_fail() {
        let cases: [(&str, Edit); 17] = [
            (field::PROJECT_NAME, |f| f.project_name.clear()),
            (field::PITCH, |f| f.pitch = "  ".into()),
            (field::DESCRIPTION, |f| f.description.clear()),
            (field::STAGE, |f| f.stage.clear()),
            (field::THEME, |f| f.theme.clear()),
            (field::PUBLIC_INTEREST, |f| f.public_interest.clear()),
            (field::IMPACT, |f| f.impact.clear()),
            (field::CARRIER_KIND, |f| f.carrier_kind.clear()),
            (field::CARRIER_NAME, |f| f.carrier_name.clear()),
            ("co_applicants[0].name", |f| f.co_applicants[0].name.clear()),
            ("co_applicants[0].email", |f| f.co_applicants[0].email.clear()),
            (field::LICENCE, |f| f.licence.clear()),
            (field::PUBLICATION_PLAN, |f| f.publication_plan.clear()),
            (field::FUNDING_STATEMENT, |f| f.funding_statement.clear()),
            (field::SUPPORTS, |f| f.supports.clear()),
            ("supports[1].need", |f| f.supports[1].need.clear()),
            ("supports[0].kind", |f| f.supports[0].kind.clear()),
        ];
        for (name, remove) in cases {
            let mut f = full();
            remove(&mut f);
            let e = f.check_for_submission(&Commitment::ALL);
            assert_eq!(fields(&e), [name]);
            assert_eq!(e.for_field(name), Some(&Problem::Required), "{name}");
            assert!(f.check_limits().is_empty(), "a draft without {name} can be saved");
            let step = Step::of_field(name).unwrap();
            assert_eq!(fields(&f.check_step(step)), [name]);
            assert!(!f.completed_steps().contains(&step) && !f.completed_steps().contains(&Step::Review), "{name}");
        }
        for missing in Commitment::ALL {
            let accepted: Vec<Commitment> = Commitment::ALL.into_iter().filter(|c| *c != missing).collect();
            let e = full().check_for_submission(&accepted);
            let name = field::commitment(missing);
            assert_eq!(fields(&e), [name.as_str()]);
            assert_eq!(e.for_field(&name), Some(&Problem::CommitmentRequired));
        }
    }

    #[test]
    fn an_empty_form_is_a_valid_draft_and_its_steps_list_what_is_required() {
        let f = CandidatureForm::default();
        assert!(f.check_limits().is_empty());
        assert_eq!(fields(&f.check_step(Step::Project)), ["project_name", "pitch", "description", "stage", "theme"]);
        assert_eq!(fields(&f.check_step(Step::Impact)), ["public_interest", "impact"]);
        assert_eq!(fields(&f.check_step(Step::Team)), ["carrier_kind", "carrier_name"]);
        assert_eq!(fields(&f.check_step(Step::Openness)), ["licence", "publication_plan", "funding_statement"]);
        assert_eq!(fields(&f.check_step(Step::Support)), ["supports"]);
        assert!(f.check_step(Step::Review).is_empty());
        assert_eq!(f.check_for_submission(&[]).errors.len(), 13 + 4);
        assert!(f.completed_steps().is_empty());
    }

    #[test]
    fn every_limit_counts_characters_not_bytes() {
        let cases: [(&str, u32, Set); 13] = [
            (field::PROJECT_NAME, 120, |f, v| f.project_name = v),
            (field::PITCH, 200, |f, v| f.pitch = v),
            (field::DESCRIPTION, 4000, |f, v| f.description = v),
            (field::PUBLIC_INTEREST, 2000, |f, v| f.public_interest = v),
            (field::IMPACT, 2000, |f, v| f.impact = v),
            (field::CARRIER_NAME, 150, |f, v| f.carrier_name = v),
            ("co_applicants[0].name", 100, |f, v| f.co_applicants = vec![CoApplicant { name: v, ..Default::default() }]),
            ("co_applicants[0].role", 100, |f, v| f.co_applicants = vec![CoApplicant { role: v, ..Default::default() }]),
            (field::LICENCE, 100, |f, v| f.licence = v),
            (field::PUBLICATION_PLAN, 2000, |f, v| f.publication_plan = v),
            (field::FUNDING_STATEMENT, 2000, |f, v| f.funding_statement = v),
            ("supports[0].need", 500, |f, v| f.supports = vec![SupportRequest { need: v, ..Default::default() }]),
            (field::WEBSITE, 300, |f, v| f.website = format!("https://exemple.fr/{}", v.chars().skip(19).collect::<String>())),
        ];
        for (name, max, set) in cases {
            let mut f = CandidatureForm::default();
            set(&mut f, "é".repeat(max as usize));
            assert!(f.check_limits().is_empty(), "{name} at {max}");
            set(&mut f, "é".repeat(max as usize + 1));
            assert_eq!(fields(&f.check_limits()), [name]);
            assert_eq!(f.check_limits().for_field(name), Some(&Problem::TooLong { max }), "{name}");
        }
    }

    #[test]
    fn lines_refuse_line_breaks_and_texts_allow_them() {
        let mut f = CandidatureForm {
            description: format!("{}\r\n{}\tfin", "a".repeat(2000), "b".repeat(1995)),
            public_interest: "Ligne 1\nLigne 2".into(),
            ..Default::default()
        };
        assert_eq!(f.description.chars().filter(|c| *c != '\r').count(), 4000);
        assert!(f.check_limits().is_empty());
        f.project_name = "Vite\nma dose".into();
        f.impact = "a\u{FFFD}b".into();
        f.funding_statement = "a\u{0}b".into();
        let e = f.check_limits();
        assert_eq!(fields(&e), ["project_name", "impact", "funding_statement"]);
        assert!(e.errors.iter().all(|e| e.problem == Problem::ControlCharacters));
    }

    #[test]
    fn choices_must_be_known_codes_when_given() {
        let f = CandidatureForm {
            stage: "Idée".into(),
            theme: "sante".into(),
            carrier_kind: "particulier".into(),
            supports: vec![SupportRequest { kind: "argent".into(), need: String::new() }],
            ..Default::default()
        };
        let e = f.check_limits();
        assert_eq!(fields(&e), ["stage", "theme", "carrier_kind", "supports[0].kind"]);
        assert!(e.errors.iter().all(|e| e.problem == Problem::UnknownChoice));
        let f = CandidatureForm { stage: " idea ".into(), theme: "other".into(), ..Default::default() };
        assert!(f.check_limits().is_empty());
    }

    #[test]
    fn web_addresses_must_be_http_with_a_host() {
        for ok in [
            "https://exemple.fr",
            "http://exemple.fr/a?b=1#c",
            "HTTPS://Exemple.FR/Projet",
            "https://sous.domaine.exemple.fr:8443/x",
            "https://données.gouv.fr",
        ] {
            let f = CandidatureForm { website: ok.into(), repository: ok.into(), ..Default::default() };
            assert!(f.check_limits().is_empty(), "{ok}");
        }
        for bad in [
            "exemple.fr",
            "javascript:alert(1)",
            "ftp://exemple.fr",
            "https://",
            "https:///chemin",
            "https://localhost",
            "https://exe mple.fr",
            "https://exemple.fr/a b",
            "https://moi@exemple.fr",
            "https://exemple..fr",
            "https://exemple.fr:",
            "https://exemple.fr:80a",
            "https://-exemple.fr",
        ] {
            let f = CandidatureForm { repository: bad.into(), ..Default::default() };
            assert_eq!(f.check_limits().for_field(field::REPOSITORY), Some(&Problem::InvalidUrl), "{bad}");
        }
    }

    #[test]
    fn draft_co_applicants_need_valid_emails_and_are_at_most_five() {
        let row = |email: &str| CoApplicant { email: email.into(), ..Default::default() };
        let f = CandidatureForm { co_applicants: vec![row("a@exemple.fr"), row("pas-une-adresse")], ..Default::default() };
        assert_eq!(fields(&f.check_limits()), ["co_applicants[1].email"]);
        assert_eq!(f.check_limits().for_field("co_applicants[1].email"), Some(&Problem::InvalidEmail));
        let long = format!("{}@exemple.fr", "a".repeat(250));
        let f = CandidatureForm { co_applicants: vec![row(&long)], ..Default::default() };
        assert_eq!(f.check_limits().for_field("co_applicants[0].email"), Some(&Problem::TooLong { max: CO_APPLICANT_EMAIL_MAX }));
        let f = CandidatureForm { co_applicants: vec![row("a@exemple.fr"); 5], ..Default::default() };
        assert!(f.check_limits().is_empty());
        let f = CandidatureForm { co_applicants: vec![row("a@exemple.fr"); 6], ..Default::default() };
        assert_eq!(f.check_limits().for_field(field::CO_APPLICANTS), Some(&Problem::TooMany { max: 5 }));
    }

    #[test]
    fn each_support_is_asked_at_most_once() {
        let ask = |kind: &str| SupportRequest { kind: kind.into(), need: String::new() };
        let f = CandidatureForm { supports: vec![ask("coaching"), ask("funding"), ask(" coaching")], ..Default::default() };
        assert_eq!(fields(&f.check_limits()), ["supports[2].kind"]);
        assert_eq!(f.check_limits().for_field("supports[2].kind"), Some(&Problem::DuplicateChoice));
        let f = CandidatureForm { supports: vec![ask(""); 9], ..Default::default() };
        assert_eq!(f.check_limits().for_field(field::SUPPORTS), Some(&Problem::TooMany { max: 8 }));
    }

    #[test]
    fn team_rules_for_individuals_and_co_applicant_rows() {
        let f = CandidatureForm { carrier_kind: "individual".into(), ..Default::default() };
        assert!(f.check_step(Step::Team).is_empty());
        let f = CandidatureForm { carrier_kind: "company".into(), ..Default::default() };
        assert_eq!(fields(&f.check_step(Step::Team)), ["carrier_name"]);
        let f = CandidatureForm {
            carrier_kind: "individual".into(),
            co_applicants: vec![
                CoApplicant::default(),
                CoApplicant { role: "Designer".into(), ..Default::default() },
                CoApplicant { name: "Ada".into(), email: "ada@exemple.fr".into(), role: String::new() },
            ],
            ..Default::default()
        };
        assert_eq!(fields(&f.check_step(Step::Team)), ["co_applicants[1].name", "co_applicants[1].email"]);
    }

    #[test]
    fn support_step_needs_one_choice_and_a_need_for_each() {
        let f = CandidatureForm {
            supports: vec![
                SupportRequest { kind: "coaching".into(), need: String::new() },
                SupportRequest { kind: String::new(), need: "Un local.".into() },
            ],
            ..Default::default()
        };
        assert!(f.check_limits().is_empty());
        assert_eq!(fields(&f.check_step(Step::Support)), ["supports[0].need", "supports[1].kind"]);
        let f = CandidatureForm { supports: vec![SupportRequest::default()], ..Default::default() };
        assert_eq!(fields(&f.check_step(Step::Support)), ["supports"]);
    }

    #[test]
    fn review_is_complete_only_when_every_other_step_is() {
        let mut f = full();
        f.pitch.clear();
        assert_eq!(f.completed_steps(), [Step::Impact, Step::Team, Step::Openness, Step::Support]);
        assert!(f.check_step(Step::Review).is_empty());
    }

    #[test]
    fn normalisation_trims_lowercases_emails_and_drops_blank_rows() {
        let raw = CandidatureForm {
            project_name: "  Vite  ma dose \n".into(),
            description: " Ligne 1\r\nLigne 2 ".into(),
            stage: " idea ".into(),
            website: " https://exemple.fr ".into(),
            co_applicants: vec![
                CoApplicant::default(),
                CoApplicant { name: " Marie ".into(), email: " Marie.Curie@Exemple.FR ".into(), role: String::new() },
                CoApplicant { name: "  ".into(), email: " ".into(), role: "\t".into() },
            ],
            supports: vec![
                SupportRequest { kind: " ".into(), need: String::new() },
                SupportRequest { kind: "coaching ".into(), need: " Un mentor. ".into() },
            ],
            ..Default::default()
        };
        let n = raw.clone().normalised();
        assert_eq!(n.project_name, "Vite  ma dose");
        assert_eq!(n.description, "Ligne 1\nLigne 2");
        assert_eq!(n.stage, "idea");
        assert_eq!(n.website, "https://exemple.fr");
        assert_eq!(
            n.co_applicants,
            [CoApplicant { name: "Marie".into(), email: "marie.curie@exemple.fr".into(), role: String::new() }]
        );
        assert_eq!(n.supports, [SupportRequest { kind: "coaching".into(), need: "Un mentor.".into() }]);
        assert_eq!(n.clone().normalised(), n);
        assert!(n.check_limits().is_empty() && raw.check_limits().is_empty());
        assert_eq!(full().normalised().check_for_submission(&Commitment::ALL), FormErrors::default());
    }

    #[test]
    fn minutes_left_fall_as_the_form_fills_and_start_under_thirty() {
        fn support(f: &mut CandidatureForm, i: usize) -> &mut SupportRequest {
            while f.supports.len() <= i {
                f.supports.push(SupportRequest::default());
            }
            &mut f.supports[i]
        }
        let fills: [Edit; 19] = [
            |f| f.project_name = full().project_name,
            |f| f.pitch = full().pitch,
            |f| f.description = full().description,
            |f| f.stage = full().stage,
            |f| f.website = full().website,
            |f| f.repository = full().repository,
            |f| f.theme = full().theme,
            |f| f.public_interest = full().public_interest,
            |f| f.impact = full().impact,
            |f| f.carrier_kind = full().carrier_kind,
            |f| f.carrier_name = full().carrier_name,
            |f| f.co_applicants = full().co_applicants,
            |f| f.licence = full().licence,
            |f| f.publication_plan = full().publication_plan,
            |f| f.funding_statement = full().funding_statement,
            |f| support(f, 0).kind = full().supports[0].kind.clone(),
            |f| support(f, 0).need = full().supports[0].need.clone(),
            |f| support(f, 1).kind = full().supports[1].kind.clone(),
            |f| support(f, 1).need = full().supports[1].need.clone(),
        ];
        let empty = CandidatureForm::default();
        assert_eq!(empty.minutes_left(), 26);
        assert!(empty.minutes_left() < 30);
        for order in [fills.to_vec(), fills.iter().rev().copied().collect()] {
            let mut f = CandidatureForm::default();
            for fill in order {
                let before = f.minutes_left();
                fill(&mut f);
                assert!(f.minutes_left() <= before, "{f:?}");
            }
            assert_eq!(f, full());
            assert_eq!(f.minutes_left(), 0);
        }
        let individual = CandidatureForm { carrier_kind: "individual".into(), ..Default::default() };
        assert_eq!(individual.minutes_left(), 26 - 2);
    }

    #[test]
    fn merging_a_step_takes_only_that_steps_fields() {
        let stored = full();
        let incoming = CandidatureForm { impact: "Nouveau".into(), project_name: "Ignoré".into(), ..Default::default() };
        let merged = stored.clone().merge_step(Step::Impact, incoming.clone());
        assert_eq!(merged.impact, "Nouveau");
        assert_eq!(merged.public_interest, "", "the step's fields are replaced together");
        assert_eq!(merged.project_name, stored.project_name, "other steps are kept");
        assert_eq!(stored.clone().merge_step(Step::Review, incoming), stored);
        for step in Step::ALL {
            assert_eq!(stored.clone().merge_step(step, stored.clone()), stored, "{step:?}");
        }
    }

    #[test]
    fn fields_round_trip_by_name() {
        let form = full();
        assert_eq!(CandidatureForm::from_fields(&form.as_fields()), form);
        let odd = vec![("co_applicants[99].name".to_string(), "x".to_string()), ("nope".to_string(), "y".to_string())];
        assert_eq!(CandidatureForm::from_fields(&odd), CandidatureForm::default());
    }
}
