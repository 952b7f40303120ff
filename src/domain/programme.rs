//! The 3-month acceleration programme of a selected project: the charter signed by its
//! holder, the supports it asks the State for and their handling by staff, its fortnightly
//! check-ins and milestones, and the rules staff follow a cohort by (overdue, at risk).

use super::i18n::Label;
use super::validate::{text_block, text_line, FormErrors, Problem};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A check-in is expected every two weeks.
pub const CHECK_IN_DAYS: i64 = 14;
/// Limits of the texts of a check-in, a support request's need and staff notes.
pub const TEXT_MAX: u32 = 2_000;
pub const MILESTONE_TITLE_MAX: u32 = 150;
pub const OWNER_MAX: u32 = 150;

/// Where a support request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SupportState {
    Requested,
    Assigned,
    InProgress,
    Delivered,
    Declined,
}

impl SupportState {
    pub const ALL: [SupportState; 5] =
        [SupportState::Requested, SupportState::Assigned, SupportState::InProgress, SupportState::Delivered, SupportState::Declined];

    pub fn code(self) -> &'static str {
        match self {
            SupportState::Requested => "requested",
            SupportState::Assigned => "assigned",
            SupportState::InProgress => "in_progress",
            SupportState::Delivered => "delivered",
            SupportState::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<SupportState> {
        SupportState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Label {
        match self {
            SupportState::Requested => Label::new("Demandé", "Requested"),
            SupportState::Assigned => Label::new("Attribué", "Assigned"),
            SupportState::InProgress => Label::new("En cours", "In progress"),
            SupportState::Delivered => Label::new("Apporté", "Delivered"),
            SupportState::Declined => Label::new("Décliné", "Declined"),
        }
    }

    /// requested → assigned → in progress → delivered; declined (with a reason) from any
    /// state not yet final.
    pub fn can_move_to(self, next: SupportState) -> bool {
        use SupportState::*;
        matches!(
            (self, next),
            (Requested, Assigned) | (Assigned, InProgress) | (InProgress, Delivered) | (Requested | Assigned | InProgress, Declined)
        )
    }

    pub fn is_final(self) -> bool {
        matches!(self, SupportState::Delivered | SupportState::Declined)
    }
}

/// What staff record on a support request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportUpdate {
    pub state: SupportState,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub notes: String,
    pub decline_reason: String,
}

/// Checks a staff update of a support request in state `current`: a move the workflow
/// allows (or staying put to edit the owner, date and notes), an owner once assigned, a
/// reason to decline. Field names: `state`, `owner`, `due_on`, `notes`, `reason`.
pub fn check_support_update(
    current: SupportState,
    state: &str,
    owner: &str,
    due_on: &str,
    notes: &str,
    reason: &str,
) -> Result<SupportUpdate, FormErrors> {
    let mut errors = FormErrors::default();
    let next = SupportState::from_code(state);
    match next {
        None => errors.add("state", Problem::UnknownChoice),
        Some(n) if n != current && !current.can_move_to(n) => errors.add("state", Problem::TransitionRefused),
        _ => {}
    }
    let owner = owner.trim();
    if owner.chars().count() > OWNER_MAX as usize {
        errors.add("owner", Problem::TooLong { max: OWNER_MAX });
    } else if owner.is_empty() && next.is_some_and(|n| !matches!(n, SupportState::Requested | SupportState::Declined)) {
        errors.add("owner", Problem::Required);
    } else if !owner.is_empty() {
        if let Err(p) = text_line(owner, OWNER_MAX) {
            errors.add("owner", p);
        }
    }
    let due = match due_on.trim() {
        "" => None,
        d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                errors.add("due_on", Problem::InvalidDate);
                None
            }
        },
    };
    if let Err(p) = text_block(notes, TEXT_MAX) {
        errors.add("notes", p);
    }
    if next == Some(SupportState::Declined) && reason.trim().is_empty() {
        errors.add("reason", Problem::Required);
    } else if let Err(p) = text_block(reason, TEXT_MAX) {
        errors.add("reason", p);
    }
    match next {
        Some(state) if errors.is_empty() => Ok(SupportUpdate {
            state,
            owner: owner.to_string(),
            due_on: due,
            notes: notes.trim().to_string(),
            decline_reason: if state == SupportState::Declined { reason.trim().to_string() } else { String::new() },
        }),
        _ => Err(errors
            .keep("owner", owner)
            .keep("due_on", due_on)
            .keep("notes", notes)
            .keep("reason", reason)),
    }
}

/// A support not delivered nor declined whose due date has passed.
pub fn is_overdue(state: SupportState, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    !state.is_final() && due_on.is_some_and(|d| d < today)
}

/// The dates of a cohort's programme: it starts on `programme_starts`, lasts 3 months, and
/// the initiatives are launched publicly on `launch_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDates {
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    pub launch: NaiveDate,
}

impl ProgrammeDates {
    pub fn new(programme_starts: NaiveDate, launch_on: NaiveDate) -> ProgrammeDates {
        let ends = programme_starts.checked_add_months(Months::new(3)).unwrap_or(programme_starts);
        ProgrammeDates { starts: programme_starts, ends, launch: launch_on }
    }
}

/// A check-in: what progressed (required), what blocks, what is needed.
pub fn check_check_in(progress: &str, blockers: &str, needs: &str) -> Result<(), FormErrors> {
    let mut errors = FormErrors::default();
    if progress.trim().is_empty() {
        errors.add("progress", Problem::Required);
    } else if let Err(p) = text_block(progress, TEXT_MAX) {
        errors.add("progress", p);
    }
    for (name, value) in [("blockers", blockers), ("needs", needs)] {
        if let Err(p) = text_block(value, TEXT_MAX) {
            errors.add(name, p);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.keep("progress", progress).keep("blockers", blockers).keep("needs", needs))
    }
}

/// A milestone: a title and a due date (`YYYY-MM-DD`, as a date field sends it).
pub fn check_milestone(title: &str, due_on: &str) -> Result<(String, NaiveDate), FormErrors> {
    let mut errors = FormErrors::default();
    let title_ok = errors.check("title", text_line(title, MILESTONE_TITLE_MAX));
    let due = match NaiveDate::parse_from_str(due_on.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) if due_on.trim().is_empty() => {
            errors.add("due_on", Problem::Required);
            None
        }
        Err(_) => {
            errors.add("due_on", Problem::InvalidDate);
            None
        }
    };
    match (title_ok, due) {
        (Some(t), Some(d)) => Ok((t, d)),
        _ => Err(errors.keep("title", title).keep("due_on", due_on)),
    }
}

/// A project's progress as staff follow it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub charter_signed: bool,
    pub milestones_done: u32,
    pub milestones_total: u32,
    pub milestones_late: u32,
    /// Days since the last check-in (`None`: none yet).
    pub days_since_check_in: Option<i64>,
    pub supports_delivered: u32,
    /// Requests not declined.
    pub supports_requested: u32,
    pub supports_overdue: u32,
}

/// Why a project is flagged at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Risk {
    CharterUnsigned,
    NoRecentCheckIn,
    SupportsOverdue,
    MilestonesLate,
}

impl Risk {
    pub fn label(self) -> Label {
        match self {
            Risk::CharterUnsigned => Label::new("charte non signée", "charter not signed"),
            Risk::NoRecentCheckIn => Label::new("pas de point d'étape depuis 14 jours", "no check-in for 14 days"),
            Risk::SupportsOverdue => Label::new("accompagnement en retard", "support overdue"),
            Risk::MilestonesLate => Label::new("jalon en retard", "milestone late"),
        }
    }
}

/// The reasons a project in its programme is at risk (none: on track). `days_in_programme`
/// spares a project that has just started the check-in rule.
pub fn risks(p: &Progress, days_in_programme: i64) -> Vec<Risk> {
    let mut out = Vec::new();
    if !p.charter_signed {
        out.push(Risk::CharterUnsigned);
    }
    let silent = match p.days_since_check_in {
        Some(days) => days > CHECK_IN_DAYS,
        None => days_in_programme > CHECK_IN_DAYS,
    };
    if p.charter_signed && silent {
        out.push(Risk::NoRecentCheckIn);
    }
    if p.supports_overdue > 0 {
        out.push(Risk::SupportsOverdue);
    }
    if p.milestones_late > 0 {
        out.push(Risk::MilestonesLate);
    }
    out
}

/// A check-in is due when none was posted in the last 14 days.
pub fn check_in_due(days_since_check_in: Option<i64>) -> bool {
    days_since_check_in.is_none_or(|d| d >= CHECK_IN_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn supports_move_forward_one_step_or_are_declined() {
        use SupportState::*;
        assert!(Requested.can_move_to(Assigned));
        assert!(Assigned.can_move_to(InProgress));
        assert!(InProgress.can_move_to(Delivered));
        assert!(!Requested.can_move_to(Delivered), "no skipping");
        assert!(!Delivered.can_move_to(Declined) && !Declined.can_move_to(Requested), "final states stay");
        for s in [Requested, Assigned, InProgress] {
            assert!(s.can_move_to(Declined));
        }
        for s in SupportState::ALL {
            assert_eq!(SupportState::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn a_support_update_needs_an_owner_once_assigned_and_a_reason_to_decline() {
        use SupportState::*;
        let e = check_support_update(Requested, "assigned", " ", "", "", "").unwrap_err();
        assert_eq!(e.for_field("owner"), Some(&Problem::Required));
        let ok = check_support_update(Requested, "assigned", " DINUM — Léa ", "2026-12-01", "Premier contact pris.", "").unwrap();
        assert_eq!((ok.state, ok.owner.as_str(), ok.due_on), (Assigned, "DINUM — Léa", Some(date("2026-12-01"))));
        let e = check_support_update(Requested, "declined", "", "", "", "").unwrap_err();
        assert_eq!(e.for_field("reason"), Some(&Problem::Required));
        let e = check_support_update(Requested, "delivered", "X", "", "", "").unwrap_err();
        assert_eq!(e.for_field("state"), Some(&Problem::TransitionRefused));
        let e = check_support_update(Assigned, "assigned", "X", "01/12/2026", "", "").unwrap_err();
        assert_eq!(e.for_field("due_on"), Some(&Problem::InvalidDate));
        assert_eq!(e.kept_value("due_on"), Some("01/12/2026"));
        // Staying put edits the notes.
        assert!(check_support_update(Assigned, "assigned", "X", "", "Relancé.", "").is_ok());
        assert_eq!(check_support_update(Assigned, "nope", "X", "", "", "").unwrap_err().for_field("state"), Some(&Problem::UnknownChoice));
    }

    #[test]
    fn overdue_means_past_due_and_not_finished() {
        let today = date("2026-11-29");
        assert!(is_overdue(SupportState::Assigned, Some(date("2026-11-28")), today));
        assert!(!is_overdue(SupportState::Assigned, Some(today), today));
        assert!(!is_overdue(SupportState::Delivered, Some(date("2026-01-01")), today));
        assert!(!is_overdue(SupportState::Requested, None, today));
    }

    #[test]
    fn the_programme_lasts_three_months() {
        let d = ProgrammeDates::new(date("2026-11-30"), date("2027-03-01"));
        assert_eq!(d.ends, date("2027-02-28"));
    }

    #[test]
    fn check_ins_and_milestones_are_checked() {
        assert_eq!(check_check_in(" ", "", "").unwrap_err().for_field("progress"), Some(&Problem::Required));
        assert!(check_check_in("Prototype testé avec 3 mairies.", "", "Un contact à la DGCL").is_ok());
        let e = check_milestone("", "2026-13-01").unwrap_err();
        assert_eq!((e.for_field("title"), e.for_field("due_on")), (Some(&Problem::Required), Some(&Problem::InvalidDate)));
        assert_eq!(check_milestone(" Bêta ouverte ", "2027-01-15").unwrap(), ("Bêta ouverte".to_string(), date("2027-01-15")));
    }

    #[test]
    fn risks_name_each_reason() {
        let on_track = Progress { charter_signed: true, days_since_check_in: Some(3), supports_requested: 2, ..Default::default() };
        assert!(risks(&on_track, 40).is_empty());
        assert_eq!(risks(&Progress::default(), 2), vec![Risk::CharterUnsigned]);
        let signed_silent = Progress { charter_signed: true, ..Default::default() };
        assert!(risks(&signed_silent, 10).is_empty(), "a fresh start is not a risk");
        assert_eq!(risks(&signed_silent, 20), vec![Risk::NoRecentCheckIn]);
        let late = Progress { charter_signed: true, days_since_check_in: Some(20), supports_overdue: 1, milestones_late: 2, ..Default::default() };
        assert_eq!(risks(&late, 60), vec![Risk::NoRecentCheckIn, Risk::SupportsOverdue, Risk::MilestonesLate]);
        assert!(check_in_due(None) && check_in_due(Some(14)) && !check_in_due(Some(13)));
    }
}
