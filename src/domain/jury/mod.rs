//! The jury's work: who scores which criterion, the scoring scale and its rubric, a review
//! and when it is complete, the jury's opinion, and the selection decision.
//! Assignment and ranking live in their own modules.

pub mod assignment;
pub mod charter;
pub mod conflict;
pub mod ranking;

use super::criteria::{Criterion, Track};
use super::error::AppError;
use super::i18n::Label;
use super::validate::{text_block, FormErrors, Problem};
use serde::{Deserialize, Serialize};

/// The lowest and highest score on every criterion.
pub const SCORE_MIN: u8 = 1;
pub const SCORE_MAX: u8 = 4;
/// The longest comment (per criterion, overall, or a decision reason), in characters.
pub const COMMENT_MAX: u32 = 2000;

/// Scoring is open during the jury phase and the deliberation.
pub fn scoring_open(phase: crate::domain::cohort::Phase) -> bool {
    use crate::domain::cohort::Phase;
    matches!(phase, Phase::JuryReview | Phase::Deliberation)
}

/// A candidature the jury can review: eligible, or already under review.
pub fn reviewable(status: crate::domain::candidature::Status) -> bool {
    use crate::domain::candidature::Status;
    matches!(status, Status::Eligible | Status::UnderReview)
}

/// Form names of the review and decision forms.
pub mod field {
    pub const OPINION: &str = "opinion";
    pub const OVERALL: &str = "overall";
    pub const OUTCOME: &str = "outcome";

    /// The score field of a criterion, e.g. `score[public_interest]`.
    pub fn score(c: super::Criterion) -> String {
        crate::domain::criteria::form_name("score", c)
    }

    /// The comment field of a criterion, e.g. `comment[public_interest]`.
    pub fn comment(c: super::Criterion) -> String {
        crate::domain::criteria::form_name("comment", c)
    }

    /// The decision reason of a criterion, e.g. `reason[public_interest]`.
    pub fn reason(c: super::Criterion) -> String {
        crate::domain::criteria::form_name("reason", c)
    }

    /// Who scores a criterion (jury settings), e.g. `scorers[public_interest]`.
    pub fn scorers(c: super::Criterion) -> String {
        crate::domain::criteria::form_name("scorers", c)
    }
}

code_enum! {
    /// Who scores a criterion in a cohort: the jury, the staff, or both.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Scorers {
        Jury => "jury",
        Staff => "staff",
        Both => "both",
    }
}

impl Scorers {
    pub fn label(self) -> Label {
        match self {
            Scorers::Jury => Label::new("Jury citoyen", "Citizen jury"),
            Scorers::Staff => Label::new("Équipe de l'administration", "Administration team"),
            Scorers::Both => Label::new("Jury et administration", "Jury and administration"),
        }
    }

    pub fn includes(self, track: Track) -> bool {
        matches!((self, track), (Scorers::Both, _) | (Scorers::Jury, Track::Jury) | (Scorers::Staff, Track::Staff))
    }

    /// The 2022 cohort's split: the jury judged public interest and impact, the
    /// administration's team the technical grounds.
    pub fn default_for(c: Criterion) -> Scorers {
        match c.default_track() {
            Track::Jury => Scorers::Jury,
            Track::Staff => Scorers::Staff,
        }
    }
}

/// A cohort's split of the 5 criteria between the two tracks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackSplit(pub Vec<(Criterion, Scorers)>);

impl Default for TrackSplit {
    fn default() -> Self {
        TrackSplit(Criterion::ALL.into_iter().map(|c| (c, Scorers::default_for(c))).collect())
    }
}

impl TrackSplit {
    pub fn scorers(&self, c: Criterion) -> Scorers {
        self.0.iter().find(|(k, _)| *k == c).map(|(_, s)| *s).unwrap_or_else(|| Scorers::default_for(c))
    }

    /// The criteria a reviewer of this track scores, in the seed's order.
    pub fn criteria_for(&self, track: Track) -> Vec<Criterion> {
        Criterion::ALL.into_iter().filter(|c| self.scorers(*c).includes(track)).collect()
    }
}

/// The name of a level of the scale.
pub fn level_label(score: u8) -> Label {
    match score {
        1 => Label::new("Insuffisant", "Insufficient"),
        2 => Label::new("Partiel", "Partial"),
        3 => Label::new("Satisfaisant", "Good"),
        _ => Label::new("Excellent", "Excellent"),
    }
}

/// What a level means for a criterion, shown next to each choice of the scale.
pub fn rubric(c: Criterion, score: u8) -> Label {
    use Criterion::*;
    match (c, score.clamp(SCORE_MIN, SCORE_MAX)) {
        (PublicInterest, 1) => Label::new("Le projet ne sert pas un objectif d'intérêt général identifiable.", "The project serves no identifiable public-interest goal."),
        (PublicInterest, 2) => Label::new("L'intérêt général est évoqué mais reste secondaire ou flou.", "Public interest is mentioned but stays secondary or vague."),
        (PublicInterest, 3) => Label::new("L'objectif d'intérêt général est clair et au cœur du projet.", "The public-interest goal is clear and central to the project."),
        (PublicInterest, _) => Label::new("Le projet répond à un enjeu de société important, clairement démontré.", "The project answers an important social issue, clearly shown."),
        (ImpactForAll, 1) => Label::new("Peu de personnes en bénéficieraient, sans perspective d'extension.", "Few people would benefit, with no prospect of growing."),
        (ImpactForAll, 2) => Label::new("Un impact réel mais limité à un public ou un territoire restreint.", "A real impact, limited to a narrow public or area."),
        (ImpactForAll, 3) => Label::new("Un impact large, accessible à la plupart des Français.", "A broad impact, open to most French people."),
        (ImpactForAll, _) => Label::new("Un impact pour tous les Français, y compris les plus éloignés du numérique.", "An impact for all French people, including those far from digital tools."),
        (ProjectQuality, 1) => Label::new("Le projet n'est ni solide ni réalisable en l'état.", "The project is neither sound nor feasible as it stands."),
        (ProjectQuality, 2) => Label::new("Le projet est plausible mais des points essentiels manquent.", "The project is plausible but essential points are missing."),
        (ProjectQuality, 3) => Label::new("Le projet est solide, réaliste et bien mené.", "The project is sound, realistic and well run."),
        (ProjectQuality, _) => Label::new("Le projet est mûr, éprouvé et porté par une équipe solide.", "The project is mature, proven and carried by a strong team."),
        (Openness, 1) => Label::new("Ni le code, ni les données, ni le financement ne seront publiés.", "Neither code, data nor funding will be published."),
        (Openness, 2) => Label::new("Une partie seulement sera publiée, sans calendrier.", "Only part will be published, with no timetable."),
        (Openness, 3) => Label::new("Code, données et financement publiés, avec une licence ouverte.", "Code, data and funding published, under an open licence."),
        (Openness, _) => Label::new("Une transparence complète et déjà pratiquée.", "Full transparency, already practised."),
        (SupportValue, 1) => Label::new("L'accompagnement de l'État n'apporterait rien de décisif.", "The State's support would bring nothing decisive."),
        (SupportValue, 2) => Label::new("L'accompagnement aiderait, sans être déterminant.", "The support would help without being decisive."),
        (SupportValue, 3) => Label::new("L'accompagnement lèverait des obstacles précis.", "The support would remove specific obstacles."),
        (SupportValue, _) => Label::new("Le projet ne peut réussir qu'avec l'accompagnement de l'administration.", "The project can only succeed with the administration's support."),
    }
}

code_enum! {
    /// The jury's opinion (« avis ») on a project.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Opinion {
        Favourable => "favourable",
        Reserved => "reserved",
        Unfavourable => "unfavourable",
    }
}

impl Opinion {
    pub fn label(self) -> Label {
        match self {
            Opinion::Favourable => Label::new("Avis favorable", "Favourable"),
            Opinion::Reserved => Label::new("Avis réservé", "Reserved"),
            Opinion::Unfavourable => Label::new("Avis défavorable", "Unfavourable"),
        }
    }
}

/// One criterion's score and comment in a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    pub score: Option<u8>,
    pub comment: String,
}

/// A review as the reviewer fills it in (saved as a draft until submitted).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewForm {
    pub scores: Vec<CriterionScore>,
    pub overall: String,
    pub opinion: Option<Opinion>,
}

impl ReviewForm {
    pub fn score_of(&self, c: Criterion) -> Option<u8> {
        self.scores.iter().find(|s| s.criterion == c).and_then(|s| s.score)
    }

    pub fn comment_of(&self, c: Criterion) -> &str {
        self.scores.iter().find(|s| s.criterion == c).map(|s| s.comment.as_str()).unwrap_or("")
    }

    /// Reads the posted fields of the criteria in `criteria`; an unknown score is kept as
    /// missing and reported by `check`.
    pub fn from_fields(criteria: &[Criterion], get: impl Fn(&str) -> Option<String>) -> (ReviewForm, FormErrors) {
        let mut errors = FormErrors::default();
        let mut scores = Vec::new();
        for c in criteria {
            let raw = get(&field::score(*c)).unwrap_or_default();
            let score = match raw.trim() {
                "" => None,
                s => match s.parse::<u8>() {
                    Ok(n) if (SCORE_MIN..=SCORE_MAX).contains(&n) => Some(n),
                    _ => {
                        errors.add(&field::score(*c), Problem::UnknownChoice);
                        None
                    }
                },
            };
            let comment = get(&field::comment(*c)).unwrap_or_default().trim().to_string();
            scores.push(CriterionScore { criterion: *c, score, comment });
        }
        let opinion = match get(field::OPINION).unwrap_or_default().trim() {
            "" => None,
            code => {
                let o = Opinion::from_code(code);
                if o.is_none() {
                    errors.add(field::OPINION, Problem::UnknownChoice);
                }
                o
            }
        };
        let overall = get(field::OVERALL).unwrap_or_default().trim().to_string();
        (ReviewForm { scores, overall, opinion }, errors)
    }

    /// Limits that hold for a draft: scores on the scale, comments not too long.
    pub fn check_draft(&self) -> FormErrors {
        let mut errors = FormErrors::default();
        for s in &self.scores {
            if let Some(n) = s.score {
                if !(SCORE_MIN..=SCORE_MAX).contains(&n) {
                    errors.add(&field::score(s.criterion), Problem::UnknownChoice);
                }
            }
            errors.check(&field::comment(s.criterion), text_block(&s.comment, COMMENT_MAX));
        }
        errors.check(field::OVERALL, text_block(&self.overall, COMMENT_MAX));
        errors
    }

    /// A review is submitted complete: every criterion of the track scored and, for the
    /// jury, its opinion given.
    pub fn check_submission(&self, criteria: &[Criterion], track: Track) -> FormErrors {
        let mut errors = self.check_draft();
        for c in criteria {
            if self.score_of(*c).is_none() && errors.for_field(&field::score(*c)).is_none() {
                errors.add(&field::score(*c), Problem::Required);
            }
        }
        if track == Track::Jury && self.opinion.is_none() && errors.for_field(field::OPINION).is_none() {
            errors.add(field::OPINION, Problem::Required);
        }
        errors
    }
}

/// Where a review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewState {
    /// Assigned, nothing saved yet.
    ToDo,
    Draft,
    /// Locked until staff reopen it.
    Submitted,
}

impl ReviewState {
    pub fn code(self) -> &'static str {
        match self {
            ReviewState::ToDo => "todo",
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "submitted",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewState> {
        [ReviewState::ToDo, ReviewState::Draft, ReviewState::Submitted].into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Label {
        match self {
            ReviewState::ToDo => Label::new("À évaluer", "To review"),
            ReviewState::Draft => Label::new("Brouillon", "Draft"),
            ReviewState::Submitted => Label::new("Évaluation envoyée", "Review submitted"),
        }
    }

    pub fn editable(self) -> bool {
        self != ReviewState::Submitted
    }
}

/// A reviewer sees the other reviewers' scores of a candidature only once their own review
/// is submitted (so that they are not influenced).
pub fn may_see_peer_scores(own: ReviewState) -> bool {
    own == ReviewState::Submitted
}

code_enum! {
    /// The selection decision on a candidature.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Outcome {
        Selected,
        Waitlisted,
        NotSelected,
    }
}

impl Outcome {
    pub fn code(self) -> &'static str {
        self.status().code()
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn status(self) -> super::candidature::Status {
        use super::candidature::Status;
        match self {
            Outcome::Selected => Status::Selected,
            Outcome::Waitlisted => Status::Waitlisted,
            Outcome::NotSelected => Status::NotSelected,
        }
    }

    pub fn label(self) -> Label {
        self.status().label()
    }
}

/// Checks a selection decision: a known outcome, a reason for every criterion, and room in
/// the cohort when selecting (`selected_elsewhere` counts the other selected candidatures).
pub fn check_decision(
    outcome: &str,
    reasons: &[(Criterion, String)],
    selected_elsewhere: usize,
    capacity: usize,
) -> Result<(Outcome, Vec<(Criterion, String)>), AppError> {
    let mut errors = FormErrors::default();
    let outcome = errors.check(field::OUTCOME, Outcome::from_code(outcome.trim()).ok_or(Problem::Required));
    let mut kept = Vec::new();
    for c in Criterion::ALL {
        let text = reasons.iter().find(|(k, _)| *k == c).map(|(_, r)| r.trim()).unwrap_or("");
        let name = field::reason(c);
        if text.is_empty() {
            errors.add(&name, Problem::Required);
        } else {
            errors.check(&name, text_block(text, COMMENT_MAX));
        }
        kept.push((c, text.to_string()));
    }
    let Some(outcome) = outcome.filter(|_| errors.is_empty()) else {
        for (c, text) in &kept {
            errors = errors.keep(&field::reason(*c), text);
        }
        return Err(AppError::Invalid(errors));
    };
    if outcome == Outcome::Selected && selected_elsewhere >= capacity {
        return Err(AppError::CapacityReached { capacity: capacity as u32 });
    }
    Ok((outcome, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_is_open_in_the_jury_phase_and_the_deliberation_only() {
        use crate::domain::cohort::Phase;
        let open: Vec<Phase> = [Phase::Upcoming, Phase::CallOpen, Phase::CallClosed, Phase::JuryReview, Phase::Deliberation, Phase::Programme, Phase::PublicLaunch]
            .into_iter()
            .filter(|p| scoring_open(*p))
            .collect();
        assert_eq!(open, vec![Phase::JuryReview, Phase::Deliberation]);
    }

    #[test]
    fn the_jury_reviews_eligible_candidatures_and_those_under_review() {
        use crate::domain::candidature::Status;
        let reviewed: Vec<Status> = Status::ALL.into_iter().filter(|s| reviewable(*s)).collect();
        assert_eq!(reviewed, vec![Status::Eligible, Status::UnderReview]);
    }

    fn fields<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_default_split_gives_the_jury_public_interest_and_impact() {
        let split = TrackSplit::default();
        assert_eq!(split.criteria_for(Track::Jury), vec![Criterion::PublicInterest, Criterion::ImpactForAll]);
        assert_eq!(split.criteria_for(Track::Staff).len(), 3);
        let both = TrackSplit(vec![(Criterion::Openness, Scorers::Both)]);
        assert!(both.criteria_for(Track::Jury).contains(&Criterion::Openness));
        assert!(both.criteria_for(Track::Staff).contains(&Criterion::Openness));
    }

    #[test]
    fn every_level_of_every_criterion_has_its_own_rubric() {
        let mut seen = std::collections::HashSet::new();
        for c in Criterion::ALL {
            for s in SCORE_MIN..=SCORE_MAX {
                assert!(seen.insert(rubric(c, s).fr), "{c:?} {s}");
            }
        }
        assert_eq!(seen.len(), 20);
    }

    #[test]
    fn posted_scores_are_read_and_bad_ones_reported() {
        let criteria = [Criterion::PublicInterest, Criterion::ImpactForAll];
        let (form, errors) = ReviewForm::from_fields(
            &criteria,
            fields(&[("score[public_interest]", "3"), ("score[impact_for_all]", "9"), ("comment[public_interest]", " utile "), ("opinion", "favourable")]),
        );
        assert_eq!(form.score_of(Criterion::PublicInterest), Some(3));
        assert_eq!(form.score_of(Criterion::ImpactForAll), None);
        assert_eq!(form.comment_of(Criterion::PublicInterest), "utile");
        assert_eq!(form.opinion, Some(Opinion::Favourable));
        assert_eq!(errors.for_field("score[impact_for_all]"), Some(&Problem::UnknownChoice));
    }

    #[test]
    fn a_submission_needs_every_score_of_the_track_and_the_jurys_opinion() {
        let criteria = [Criterion::PublicInterest, Criterion::ImpactForAll];
        let (form, _) = ReviewForm::from_fields(&criteria, fields(&[("score[public_interest]", "3")]));
        assert!(form.check_draft().is_empty(), "a partial draft is fine");
        let errors = form.check_submission(&criteria, Track::Jury);
        assert_eq!(errors.for_field("score[impact_for_all]"), Some(&Problem::Required));
        assert_eq!(errors.for_field("opinion"), Some(&Problem::Required));
        assert!(errors.for_field("score[public_interest]").is_none());
        let staff = [Criterion::PublicInterest];
        assert!(form.check_submission(&staff, Track::Staff).is_empty(), "staff give no opinion");
        let long = ReviewForm { overall: "a".repeat(2001), ..form };
        assert_eq!(long.check_draft().for_field("overall"), Some(&Problem::TooLong { max: 2000 }));
    }

    #[test]
    fn peers_scores_show_only_after_submitting() {
        assert!(!may_see_peer_scores(ReviewState::ToDo));
        assert!(!may_see_peer_scores(ReviewState::Draft));
        assert!(may_see_peer_scores(ReviewState::Submitted));
        assert!(!ReviewState::Submitted.editable());
    }

    #[test]
    fn a_decision_needs_an_outcome_and_a_reason_per_criterion_and_room_to_select() {
        let reasons: Vec<(Criterion, String)> = Criterion::ALL.into_iter().map(|c| (c, format!("motif {}", c.code()))).collect();
        let (o, kept) = check_decision("selected", &reasons, 9, 10).unwrap();
        assert_eq!(o, Outcome::Selected);
        assert_eq!(kept.len(), 5);
        assert_eq!(check_decision("selected", &reasons, 10, 10), Err(AppError::CapacityReached { capacity: 10 }));
        assert!(check_decision("waitlisted", &reasons, 10, 10).is_ok(), "waitlisting needs no room");
        let partial = &reasons[..4];
        let Err(AppError::Invalid(errors)) = check_decision("not_selected", partial, 0, 10) else { panic!("a reason is missing") };
        assert_eq!(errors.for_field("reason[support_value]"), Some(&Problem::Required));
        assert_eq!(errors.kept_value("reason[public_interest]"), Some("motif public_interest"));
        let Err(AppError::Invalid(errors)) = check_decision("", &reasons, 0, 10) else { panic!("no outcome") };
        assert_eq!(errors.for_field("outcome"), Some(&Problem::Required));
    }
}
