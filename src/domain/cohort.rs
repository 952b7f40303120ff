//! A cohort and its dated phases (one cohort every 3 months, up to 10 projects).

use super::i18n::Label;
use super::validate::{date, text_line, whole_number, FormErrors, Problem};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const DEFAULT_CAPACITY: i32 = 10;
pub const DEFAULT_JURY_SIZE: i32 = 15;
pub const DEFAULT_REVIEWS_PER_CANDIDATURE: i32 = 3;
pub const PROGRAMME_MONTHS: u32 = 3;
/// « jusqu'à 10 projets par cohorte ».
pub const MAX_CAPACITY: i32 = 10;
pub const MAX_JURY_SIZE: i32 = 50;
pub const NAME_MAX: u32 = 80;
/// « une cohorte tous les 3 mois ».
pub const MONTHS_BETWEEN_COHORTS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Before the call opens.
    Upcoming,
    CallOpen,
    CallClosed,
    JuryReview,
    Deliberation,
    Programme,
    /// From the public launch on.
    PublicLaunch,
}

impl Phase {
    /// The dated phases, in calendar order.
    pub const DATED: [Phase; 6] = [
        Phase::CallOpen,
        Phase::CallClosed,
        Phase::JuryReview,
        Phase::Deliberation,
        Phase::Programme,
        Phase::PublicLaunch,
    ];

    pub fn label(self) -> Label {
        match self {
            Phase::Upcoming => Label::new("À venir", "Upcoming"),
            Phase::CallOpen => Label::new("Appel à candidatures ouvert", "Call for applications open"),
            Phase::CallClosed => Label::new("Appel clos, examen de l'éligibilité", "Call closed, eligibility screening"),
            Phase::JuryReview => Label::new("Évaluation par le jury", "Jury review"),
            Phase::Deliberation => Label::new("Délibération et sélection", "Deliberation and selection"),
            Phase::Programme => Label::new("Programme d'accélération de 3 mois", "3-month acceleration programme"),
            Phase::PublicLaunch => Label::new("Lancement public des initiatives", "Public launch of the initiatives"),
        }
    }
}

/// The start date of each dated phase. A phase runs until the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub call_opens: NaiveDate,
    pub call_closes: NaiveDate,
    pub jury_starts: NaiveDate,
    pub deliberation_starts: NaiveDate,
    pub programme_starts: NaiveDate,
    pub launch_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarProblem {
    /// The phase at this index (in `Phase::DATED`) does not start after the previous one.
    OutOfOrder(Phase),
    /// The programme lasts less than 3 months before the public launch.
    ProgrammeTooShort,
}

impl Calendar {
    /// Start dates in the order of `Phase::DATED`.
    pub fn starts(&self) -> [(Phase, NaiveDate); 6] {
        [
            (Phase::CallOpen, self.call_opens),
            (Phase::CallClosed, self.call_closes),
            (Phase::JuryReview, self.jury_starts),
            (Phase::Deliberation, self.deliberation_starts),
            (Phase::Programme, self.programme_starts),
            (Phase::PublicLaunch, self.launch_on),
        ]
    }

    /// Dates must strictly increase, and the programme must last its 3 months.
    pub fn validate(&self) -> Result<(), CalendarProblem> {
        let starts = self.starts();
        for pair in starts.windows(2) {
            if pair[1].1 <= pair[0].1 {
                return Err(CalendarProblem::OutOfOrder(pair[1].0));
            }
        }
        if self.programme_end() > self.launch_on {
            return Err(CalendarProblem::ProgrammeTooShort);
        }
        Ok(())
    }

    /// The programme ends 3 months after it starts.
    pub fn programme_end(&self) -> NaiveDate {
        self.programme_starts
            .checked_add_months(Months::new(PROGRAMME_MONTHS))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The phase a given day falls in.
    pub fn phase_on(&self, day: NaiveDate) -> Phase {
        self.starts()
            .iter()
            .rev()
            .find(|(_, start)| day >= *start)
            .map(|(phase, _)| *phase)
            .unwrap_or(Phase::Upcoming)
    }

    /// A calendar following the seed's rhythm from the day the call opens:
    /// 2 months of call, then jury, deliberation, 3 months of programme, launch.
    pub fn suggested(call_opens: NaiveDate) -> Calendar {
        let add_days = |d: NaiveDate, n: u64| d.checked_add_days(chrono::Days::new(n)).unwrap_or(NaiveDate::MAX);
        let call_closes = add_days(call_opens, 56);
        let jury_starts = add_days(call_closes, 14);
        let deliberation_starts = add_days(jury_starts, 21);
        let programme_starts = add_days(deliberation_starts, 7);
        let launch_on = programme_starts
            .checked_add_months(Months::new(PROGRAMME_MONTHS))
            .unwrap_or(NaiveDate::MAX);
        Calendar { call_opens, call_closes, jury_starts, deliberation_starts, programme_starts, launch_on }
    }
}

/// A cohort as staff open it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCohort {
    pub name: String,
    pub calendar: Calendar,
    pub capacity: i32,
    pub jury_size: i32,
    pub reviews_per_candidature: i32,
}

/// The opening form's fields as typed (the names of the form and of the server function).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortForm {
    pub name: String,
    pub call_opens: String,
    pub call_closes: String,
    pub jury_starts: String,
    pub deliberation_starts: String,
    pub programme_starts: String,
    pub launch_on: String,
    pub capacity: String,
    pub jury_size: String,
    pub reviews_per_candidature: String,
}

/// The form field holding the start date of a dated phase.
pub fn date_field(phase: Phase) -> &'static str {
    match phase {
        Phase::Upcoming | Phase::CallOpen => "call_opens",
        Phase::CallClosed => "call_closes",
        Phase::JuryReview => "jury_starts",
        Phase::Deliberation => "deliberation_starts",
        Phase::Programme => "programme_starts",
        Phase::PublicLaunch => "launch_on",
    }
}

impl CohortForm {
    /// The form as staff first see it: the next number, the seed's rhythm, the defaults.
    pub fn suggested(name: String, call_opens: NaiveDate) -> CohortForm {
        let cal = Calendar::suggested(call_opens);
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        CohortForm {
            name,
            call_opens: day(cal.call_opens),
            call_closes: day(cal.call_closes),
            jury_starts: day(cal.jury_starts),
            deliberation_starts: day(cal.deliberation_starts),
            programme_starts: day(cal.programme_starts),
            launch_on: day(cal.launch_on),
            capacity: DEFAULT_CAPACITY.to_string(),
            jury_size: DEFAULT_JURY_SIZE.to_string(),
            reviews_per_candidature: DEFAULT_REVIEWS_PER_CANDIDATURE.to_string(),
        }
    }

    fn fields(&self) -> [(&'static str, &str); 10] {
        [
            ("name", &self.name),
            ("call_opens", &self.call_opens),
            ("call_closes", &self.call_closes),
            ("jury_starts", &self.jury_starts),
            ("deliberation_starts", &self.deliberation_starts),
            ("programme_starts", &self.programme_starts),
            ("launch_on", &self.launch_on),
            ("capacity", &self.capacity),
            ("jury_size", &self.jury_size),
            ("reviews_per_candidature", &self.reviews_per_candidature),
        ]
    }

    /// Every field checked at once; the errors keep what was typed. Dates must follow each
    /// other and leave the programme its 3 months; a cohort takes up to 10 projects; each
    /// candidature gets at most as many reviews as the jury has members.
    pub fn check(&self) -> Result<NewCohort, FormErrors> {
        let mut e = FormErrors::default();
        let name = e.check("name", text_line(&self.name, NAME_MAX));
        let dates = [
            e.check("call_opens", date(&self.call_opens)),
            e.check("call_closes", date(&self.call_closes)),
            e.check("jury_starts", date(&self.jury_starts)),
            e.check("deliberation_starts", date(&self.deliberation_starts)),
            e.check("programme_starts", date(&self.programme_starts)),
            e.check("launch_on", date(&self.launch_on)),
        ];
        let capacity = e.check("capacity", whole_number(&self.capacity, 1, MAX_CAPACITY));
        let jury_size = e.check("jury_size", whole_number(&self.jury_size, 1, MAX_JURY_SIZE));
        let reviews = e.check(
            "reviews_per_candidature",
            whole_number(&self.reviews_per_candidature, 1, jury_size.unwrap_or(MAX_JURY_SIZE)),
        );
        let calendar = match dates {
            [Some(a), Some(b), Some(c), Some(d), Some(p), Some(l)] => {
                let cal = Calendar {
                    call_opens: a,
                    call_closes: b,
                    jury_starts: c,
                    deliberation_starts: d,
                    programme_starts: p,
                    launch_on: l,
                };
                match cal.validate() {
                    Ok(()) => Some(cal),
                    Err(CalendarProblem::OutOfOrder(phase)) => {
                        e.add(date_field(phase), Problem::DateNotAfterPrevious);
                        None
                    }
                    Err(CalendarProblem::ProgrammeTooShort) => {
                        e.add("launch_on", Problem::ProgrammeTooShort);
                        None
                    }
                }
            }
            _ => None,
        };
        match (name, calendar, capacity, jury_size, reviews) {
            (Some(name), Some(calendar), Some(capacity), Some(jury_size), Some(reviews_per_candidature)) if e.is_empty() => {
                Ok(NewCohort { name, calendar, capacity, jury_size, reviews_per_candidature })
            }
            _ => Err(self.keep_all(e)),
        }
    }

    /// The value of a field by its form name (empty for an unknown name).
    pub fn value(&self, field: &str) -> &str {
        self.fields().into_iter().find(|(f, _)| *f == field).map(|(_, v)| v).unwrap_or("")
    }

    /// The errors with every typed value kept.
    pub fn keep_all(&self, errors: FormErrors) -> FormErrors {
        self.fields().into_iter().fold(errors, |e, (field, value)| e.keep(field, value))
    }
}

/// The day the next cohort's call opens: 3 months after the latest one's, and not in the past.
pub fn next_call_opens(latest: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    latest
        .and_then(|d| d.checked_add_months(Months::new(MONTHS_BETWEEN_COHORTS)))
        .filter(|d| *d > today)
        .unwrap_or(today)
}

/// A cohort is closed once its public launch has come: before that, the error says from when.
pub fn check_close(calendar: &Calendar, closed: bool, today: NaiveDate) -> Result<(), super::error::AppError> {
    use super::error::AppError;
    if closed {
        return Err(AppError::CohortClosed);
    }
    if calendar.phase_on(today) != Phase::PublicLaunch {
        return Err(AppError::NotBefore { day: calendar.launch_on });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn suggested_calendar_is_valid_and_phases_follow_the_dates() {
        let cal = Calendar::suggested(d(2026, 12, 1));
        assert_eq!(cal.validate(), Ok(()));
        assert_eq!(cal.phase_on(d(2026, 11, 30)), Phase::Upcoming);
        assert_eq!(cal.phase_on(d(2026, 12, 1)), Phase::CallOpen);
        assert_eq!(cal.phase_on(cal.call_closes), Phase::CallClosed);
        assert_eq!(cal.phase_on(cal.jury_starts), Phase::JuryReview);
        assert_eq!(cal.phase_on(cal.deliberation_starts), Phase::Deliberation);
        assert_eq!(cal.phase_on(cal.programme_starts), Phase::Programme);
        assert_eq!(cal.phase_on(cal.launch_on), Phase::PublicLaunch);
        assert_eq!(cal.programme_end(), cal.launch_on);
    }

    #[test]
    fn out_of_order_dates_and_short_programmes_are_refused() {
        let mut cal = Calendar::suggested(d(2026, 12, 1));
        cal.jury_starts = cal.call_closes;
        assert_eq!(cal.validate(), Err(CalendarProblem::OutOfOrder(Phase::JuryReview)));
        let mut cal = Calendar::suggested(d(2026, 12, 1));
        cal.launch_on = cal.programme_starts.checked_add_days(chrono::Days::new(30)).unwrap();
        assert_eq!(cal.validate(), Err(CalendarProblem::ProgrammeTooShort));
    }

    fn form() -> CohortForm {
        CohortForm::suggested("Cohorte 7".into(), d(2027, 3, 1))
    }

    #[test]
    fn the_suggested_form_is_valid_with_the_defaults() {
        let new = form().check().unwrap();
        assert_eq!((new.capacity, new.jury_size, new.reviews_per_candidature), (10, 15, 3));
        assert_eq!(new.calendar, Calendar::suggested(d(2027, 3, 1)));
        assert_eq!(new.name, "Cohorte 7");
    }

    #[test]
    fn each_bad_field_says_why_and_keeps_what_was_typed() {
        let mut f = form();
        f.name = "  ".into();
        f.capacity = "11".into();
        f.jury_size = "quinze".into();
        f.jury_starts = f.call_closes.clone();
        let e = f.check().unwrap_err();
        assert_eq!(e.for_field("name"), Some(&Problem::Required));
        assert_eq!(e.for_field("capacity"), Some(&Problem::NumberOutOfRange { min: 1, max: 10 }));
        assert_eq!(e.for_field("jury_size"), Some(&Problem::NumberOutOfRange { min: 1, max: 50 }));
        assert_eq!(e.for_field("jury_starts"), Some(&Problem::DateNotAfterPrevious));
        assert_eq!(e.kept_value("jury_size"), Some("quinze"));
        assert_eq!(e.kept_value("call_opens"), Some("2027-03-01"));

        let mut f = form();
        f.reviews_per_candidature = "6".into();
        f.jury_size = "5".into();
        assert_eq!(f.check().unwrap_err().for_field("reviews_per_candidature"), Some(&Problem::NumberOutOfRange { min: 1, max: 5 }));

        let mut f = form();
        f.launch_on = "2027-07-01".into();
        assert_eq!(f.check().unwrap_err().for_field("launch_on"), Some(&Problem::ProgrammeTooShort));

        let mut f = form();
        f.call_closes = "01/05/2027".into();
        assert_eq!(f.check().unwrap_err().for_field("call_closes"), Some(&Problem::InvalidDate));
    }

    #[test]
    fn the_next_call_opens_three_months_after_the_latest_and_never_in_the_past() {
        assert_eq!(next_call_opens(Some(d(2027, 1, 15)), d(2027, 1, 1)), d(2027, 4, 15));
        assert_eq!(next_call_opens(Some(d(2026, 1, 15)), d(2027, 1, 1)), d(2027, 1, 1));
        assert_eq!(next_call_opens(None, d(2027, 1, 1)), d(2027, 1, 1));
    }

    #[test]
    fn a_cohort_closes_once_launched_and_only_once() {
        use crate::domain::error::AppError;
        let cal = Calendar::suggested(d(2026, 1, 5));
        assert_eq!(check_close(&cal, false, cal.programme_starts), Err(AppError::NotBefore { day: cal.launch_on }));
        assert_eq!(check_close(&cal, false, cal.launch_on), Ok(()));
        assert_eq!(check_close(&cal, true, cal.launch_on), Err(AppError::CohortClosed));
    }
}
