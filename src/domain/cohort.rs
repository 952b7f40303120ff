//! A cohort and its dated phases (one cohort every 3 months, up to 10 projects).

use super::i18n::Label;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const DEFAULT_CAPACITY: i32 = 10;
pub const DEFAULT_JURY_SIZE: i32 = 15;
pub const DEFAULT_REVIEWS_PER_CANDIDATURE: i32 = 3;
pub const PROGRAMME_MONTHS: u32 = 3;

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
}
