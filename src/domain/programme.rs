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

code_enum! {
    /// Where a support request stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum SupportState {
        Requested => "requested",
        Assigned => "assigned",
        InProgress => "in_progress",
        Delivered => "delivered",
        Declined => "declined",
    }
}

impl SupportState {
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

/// The day a reminder is owed for, if one is: 14 days after the last check-in, or after the
/// programme started when there is none yet, once that day has come. One reminder per such
/// day: a new check-in moves it.
pub fn check_in_reminder(last_check_in: Option<NaiveDate>, started: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let due = last_check_in.unwrap_or(started).checked_add_days(chrono::Days::new(CHECK_IN_DAYS as u64))?;
    (today >= due).then_some(due)
}

/// A check-in is due when none was posted in the last 14 days.
pub fn check_in_due(days_since_check_in: Option<i64>) -> bool {
    days_since_check_in.is_none_or(|d| d >= CHECK_IN_DAYS)
}

/// One project on a cohort's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardRow {
    pub candidature_id: i64,
    pub project_name: String,
    pub reference: String,
    pub status: super::candidature::Status,
    pub progress: Progress,
    pub risks: Vec<Risk>,
    /// Evidence addresses given, verified, failed.
    pub evidence: (u32, u32, u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub dates: ProgrammeDates,
    pub closed: bool,
    pub rows: Vec<DashboardRow>,
    /// The whole cohort in figures (whatever the filter keeps of `rows`).
    pub summary: CohortSummary,
}

impl Dashboard {
    /// The dashboard of these rows, its summary computed from all of them.
    pub fn new(cohort_id: i64, cohort_name: String, dates: ProgrammeDates, closed: bool, rows: Vec<DashboardRow>) -> Dashboard {
        let mut d = Dashboard { cohort_id, cohort_name, dates, closed, rows, summary: CohortSummary::default() };
        d.summary = d.summarize();
        d
    }

    /// Sums over the cohort: (delivered, requested) supports, (done, total) milestones.
    pub fn totals(&self) -> ((u32, u32), (u32, u32)) {
        self.rows.iter().fold(((0, 0), (0, 0)), |((d, r), (md, mt)), row| {
            let p = &row.progress;
            ((d + p.supports_delivered, r + p.supports_requested), (md + p.milestones_done, mt + p.milestones_total))
        })
    }

    /// The cohort in one line, to compare cohorts.
    pub fn summarize(&self) -> CohortSummary {
        use super::candidature::Status;
        let count = |f: &dyn Fn(&DashboardRow) -> bool| u32::try_from(self.rows.iter().filter(|r| f(r)).count()).unwrap_or(u32::MAX);
        let ((delivered, requested), (done, total)) = self.totals();
        CohortSummary {
            cohort_id: self.cohort_id,
            cohort_name: self.cohort_name.clone(),
            programme_starts: self.dates.starts,
            closed: self.closed,
            projects: count(&|_| true),
            launched: count(&|r| r.status == Status::Launched),
            charter_signed: count(&|r| r.progress.charter_signed),
            at_risk: count(&|r| !r.risks.is_empty()),
            milestones: (done, total),
            supports: (delivered, requested),
            evidence_verified: self.rows.iter().map(|r| r.evidence.1).sum(),
            evidence_given: self.rows.iter().map(|r| r.evidence.0).sum(),
        }
    }
}

/// A cohort's programme in figures, side by side with the other cohorts'.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CohortSummary {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub programme_starts: NaiveDate,
    pub closed: bool,
    pub projects: u32,
    pub launched: u32,
    pub charter_signed: u32,
    pub at_risk: u32,
    /// (done, total)
    pub milestones: (u32, u32),
    /// (delivered, requested)
    pub supports: (u32, u32),
    pub evidence_verified: u32,
    pub evidence_given: u32,
}

/// A share in whole percent (`None` when there is nothing to count).
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole)) as u32)
}

code_enum! {
    /// The order of the dashboard's rows.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SortBy {
        #[default]
        Name,
        /// The longest silence first (never checked in before all).
        CheckIn,
        /// The smallest share of milestones reached first.
        Milestones,
        /// The smallest share of supports delivered first.
        Supports,
        /// The most risks first.
        Risks,
    }
}

impl SortBy {
    pub fn code(self) -> &'static str {
        match self {
            SortBy::Name => "nom",
            SortBy::CheckIn => "point",
            SortBy::Milestones => "jalons",
            SortBy::Supports => "accompagnements",
            SortBy::Risks => "risques",
        }
    }

    pub fn from_code(code: &str) -> SortBy {
        SortBy::ALL.into_iter().find(|s| s.code() == code).unwrap_or_default()
    }

    pub fn label(self) -> Label {
        match self {
            SortBy::Name => Label::new("Nom du projet", "Project name"),
            SortBy::CheckIn => Label::new("Dernier point d'étape (le plus ancien d'abord)", "Last check-in (oldest first)"),
            SortBy::Milestones => Label::new("Jalons atteints (les moins avancés d'abord)", "Milestones reached (least first)"),
            SortBy::Supports => Label::new("Accompagnements apportés (les moins servis d'abord)", "Supports delivered (least first)"),
            SortBy::Risks => Label::new("Risques (les plus nombreux d'abord)", "Risks (most first)"),
        }
    }
}

/// What the dashboard shows: every project or those at risk, one state or all, in an order.
/// Read from the page's query (`risque=1`, `etat=<code>`, `tri=<code>`), so a filtered view
/// is a link and works without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    pub at_risk_only: bool,
    pub status: Option<super::candidature::Status>,
    pub sort: SortBy,
}

/// The states a project of the dashboard can be in.
pub const DASHBOARD_STATES: [super::candidature::Status; 3] =
    [super::candidature::Status::Selected, super::candidature::Status::InProgramme, super::candidature::Status::Launched];

impl DashboardFilter {
    pub fn from_query(risk: &str, state: &str, sort: &str) -> DashboardFilter {
        DashboardFilter {
            at_risk_only: risk == "1",
            status: DASHBOARD_STATES.into_iter().find(|s| s.code() == state),
            sort: SortBy::from_code(sort),
        }
    }

    /// The rows kept, in order (ties by project name).
    pub fn apply(&self, rows: Vec<DashboardRow>) -> Vec<DashboardRow> {
        let mut kept: Vec<DashboardRow> = rows
            .into_iter()
            .filter(|r| !self.at_risk_only || !r.risks.is_empty())
            .filter(|r| self.status.is_none_or(|s| r.status == s))
            .collect();
        let share = |part: u32, whole: u32| if whole == 0 { 1.0 } else { f64::from(part) / f64::from(whole) };
        kept.sort_by(|a, b| {
            let (pa, pb) = (&a.progress, &b.progress);
            let key = match self.sort {
                SortBy::Name => std::cmp::Ordering::Equal,
                SortBy::CheckIn => pb.days_since_check_in.unwrap_or(i64::MAX).cmp(&pa.days_since_check_in.unwrap_or(i64::MAX)),
                SortBy::Milestones => share(pa.milestones_done, pa.milestones_total).total_cmp(&share(pb.milestones_done, pb.milestones_total)),
                SortBy::Supports => share(pa.supports_delivered, pa.supports_requested).total_cmp(&share(pb.supports_delivered, pb.supports_requested)),
                SortBy::Risks => b.risks.len().cmp(&a.risks.len()),
            };
            key.then_with(|| a.project_name.to_lowercase().cmp(&b.project_name.to_lowercase()))
        });
        kept
    }
}

/// The columns of the dashboard's CSV export.
pub const DASHBOARD_CSV_COLUMNS: [&str; 14] = [
    "reference",
    "projet",
    "etat",
    "charte_signee",
    "jalons_atteints",
    "jalons_total",
    "jalons_en_retard",
    "jours_depuis_dernier_point",
    "accompagnements_apportes",
    "accompagnements_demandes",
    "accompagnements_en_retard",
    "preuves_verifiees",
    "preuves_donnees",
    "risques",
];

/// One line of the CSV export (labels in French, the language of the published data).
pub fn dashboard_csv_record(r: &DashboardRow) -> [String; 14] {
    use super::i18n::Locale;
    let p = &r.progress;
    [
        r.reference.clone(),
        r.project_name.clone(),
        r.status.code().to_string(),
        if p.charter_signed { "oui" } else { "non" }.to_string(),
        p.milestones_done.to_string(),
        p.milestones_total.to_string(),
        p.milestones_late.to_string(),
        p.days_since_check_in.map(|d| d.to_string()).unwrap_or_default(),
        p.supports_delivered.to_string(),
        p.supports_requested.to_string(),
        p.supports_overdue.to_string(),
        r.evidence.1.to_string(),
        r.evidence.0.to_string(),
        r.risks.iter().map(|k| k.label().get(Locale::Fr)).collect::<Vec<_>>().join(" | "),
    ]
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

    fn row(name: &str, status: crate::domain::candidature::Status, p: Progress) -> DashboardRow {
        let risks = risks(&p, 30);
        DashboardRow { candidature_id: 0, project_name: name.into(), reference: String::new(), status, progress: p, risks, evidence: (0, 0, 0) }
    }

    #[test]
    fn the_dashboard_filters_and_sorts_from_its_query() {
        use crate::domain::candidature::Status;
        let calm = Progress { charter_signed: true, milestones_done: 2, milestones_total: 2, days_since_check_in: Some(3), supports_delivered: 1, supports_requested: 1, ..Default::default() };
        let silent = Progress { charter_signed: true, milestones_done: 0, milestones_total: 3, days_since_check_in: Some(20), supports_requested: 2, supports_overdue: 1, ..Default::default() };
        let unsigned = Progress::default();
        let rows = vec![row("Cantine", Status::InProgramme, silent), row("abeilles", Status::InProgramme, calm), row("Mairie", Status::Selected, unsigned)];
        let names = |f: &DashboardFilter| f.apply(rows.clone()).into_iter().map(|r| r.project_name).collect::<Vec<_>>();
        assert_eq!(names(&DashboardFilter::default()), ["abeilles", "Cantine", "Mairie"], "by name, case ignored");
        assert_eq!(names(&DashboardFilter::from_query("1", "", "")), ["Cantine", "Mairie"]);
        assert_eq!(names(&DashboardFilter::from_query("", "selected", "")), ["Mairie"]);
        assert_eq!(names(&DashboardFilter::from_query("", "", "point")), ["Mairie", "Cantine", "abeilles"], "never checked in first");
        assert_eq!(names(&DashboardFilter::from_query("", "", "jalons")), ["Cantine", "abeilles", "Mairie"]);
        assert_eq!(names(&DashboardFilter::from_query("", "", "risques")), ["Cantine", "Mairie", "abeilles"]);
        assert_eq!(DashboardFilter::from_query("x", "draft", "inconnu"), DashboardFilter::default(), "unknown values fall back");
    }

    #[test]
    fn a_summary_adds_up_the_rows_and_the_csv_has_a_cell_per_column() {
        use crate::domain::candidature::Status;
        let p = Progress { charter_signed: true, milestones_done: 1, milestones_total: 4, supports_delivered: 1, supports_requested: 3, ..Default::default() };
        let mut launched = row("Bus", Status::Launched, p.clone());
        launched.risks.clear();
        launched.evidence = (2, 1, 1);
        let d = Dashboard::new(
            1,
            "Cohorte 1".into(),
            ProgrammeDates::new(date("2026-01-01"), date("2026-04-01")),
            false,
            vec![launched.clone(), row("Eau", Status::InProgramme, Progress::default())],
        );
        let s = d.summary.clone();
        assert_eq!((s.projects, s.launched, s.charter_signed, s.at_risk), (2, 1, 1, 1));
        assert_eq!((s.milestones, s.supports, s.evidence_verified, s.evidence_given), ((1, 4), (1, 3), 1, 2));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
        assert_eq!(dashboard_csv_record(&launched).len(), DASHBOARD_CSV_COLUMNS.len());
        assert_eq!(dashboard_csv_record(&d.rows[1])[13], "charte non signée");
    }

    #[test]
    fn a_reminder_is_owed_14_days_after_the_last_check_in_or_the_start() {
        let start = date("2027-01-04");
        assert_eq!(check_in_reminder(None, start, date("2027-01-17")), None);
        assert_eq!(check_in_reminder(None, start, date("2027-01-18")), Some(date("2027-01-18")));
        assert_eq!(check_in_reminder(None, start, date("2027-02-20")), Some(date("2027-01-18")), "the same day: one reminder");
        assert_eq!(check_in_reminder(Some(date("2027-01-20")), start, date("2027-02-02")), None);
        assert_eq!(check_in_reminder(Some(date("2027-01-20")), start, date("2027-02-03")), Some(date("2027-02-03")));
    }
}
