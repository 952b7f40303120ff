//! Deliberation figures: per candidature the mean, median, per-juror normalised score, spread and disagreement, per-criterion averages and missing reviews.
//!
//! A review's total is the mean of its criterion scores (1..=4). Jurors do not use the scale
//! alike, so besides the raw mean each candidature gets a normalised score: every review total
//! is turned into a z-score against its own reviewer's totals, which removes a juror's
//! harshness or leniency and keeps only how they ranked the candidatures they reviewed.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Spread of review totals (max − min, on the 1..4 scale) from which the jurors of a
/// candidature are considered to disagree: half the scale, e.g. one total at 4 and one at 2.5.
pub const DISAGREEMENT_SPREAD: f64 = 1.5;

/// Differences below this are rounding noise: totals are means of a few small integers.
const EPSILON: f64 = 1e-9;

/// One submitted review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewScores {
    pub reviewer: i64,
    pub candidature: i64,
    /// (criterion index, score 1..=4).
    pub scores: Vec<(u8, u8)>,
}

impl ReviewScores {
    /// Mean of the criterion scores; `None` for a review without any score.
    pub fn total(&self) -> Option<f64> {
        let values: Vec<f64> = self.scores.iter().map(|&(_, score)| f64::from(score)).collect();
        mean(&values)
    }
}

/// Figures of one candidature. Figures are `None` when it has no scored review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCandidature {
    pub candidature: i64,
    /// Scored reviews received.
    pub reviews: usize,
    /// Assigned reviews not received yet.
    pub missing: usize,
    /// Mean of review totals.
    pub mean: Option<f64>,
    /// Median of review totals.
    pub median: Option<f64>,
    /// Mean over its reviews of the reviewer's z-score of that review's total. Each reviewer's
    /// z-score uses that reviewer's mean and population standard deviation over all their
    /// reviews; a reviewer with one review or zero spread contributes 0.0.
    pub normalised: Option<f64>,
    /// Max − min of review totals.
    pub spread: Option<f64>,
    /// Whether the spread reaches [`DISAGREEMENT_SPREAD`].
    pub disagreement: bool,
    /// Average score per criterion index present in its reviews, by criterion index.
    pub per_criterion: Vec<(u8, f64)>,
}

code_enum! {
    /// Columns the deliberation table can be sorted by; the code is the column's name in the
    /// page's address (`?tri=moyenne`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SortKey {
        Normalised => "normalise",
        Mean => "moyenne",
        Median => "mediane",
        Spread => "ecart",
        Missing => "manquantes",
        Reviews => "evaluations",
    }
}

/// One row per candidature in `expected` (assigned review counts; repeated ids are added up)
/// or in `reviews`, sorted by normalised score then mean, both descending, then id; rows
/// without figures come last. Reviews without any score are ignored, as if not submitted.
pub fn rank(reviews: &[ReviewScores], expected: &[(i64, usize)]) -> Vec<RankedCandidature> {
    let scored = score(reviews);
    let expected = expected_counts(expected);
    let mut by_candidature: BTreeMap<i64, Vec<&Scored>> = expected.keys().map(|&id| (id, Vec::new())).collect();
    for review in &scored {
        by_candidature.entry(review.candidature).or_default().push(review);
    }
    let mut rows: Vec<RankedCandidature> =
        by_candidature.into_iter().map(|(id, reviews)| row(id, expected.get(&id).copied().unwrap_or(0), &reviews)).collect();
    rows.sort_by(default_order);
    rows
}

/// Sorts by one column; ties keep candidature id order, and missing figures come last in both directions.
pub fn sort(rows: &mut [RankedCandidature], key: SortKey, descending: bool) {
    rows.sort_by(|a, b| key.compare(a, b, descending).then(a.candidature.cmp(&b.candidature)));
}

/// Arithmetic mean; `None` for no value.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let count = values.len() as f64;
    Some(values.iter().sum::<f64>() / count)
}

/// Median (mean of the two middle values for an even count); `None` for no value.
/// Sorts `values` in place to avoid a copy.
pub fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let upper = *values.get(middle)?;
    if values.len() % 2 == 1 {
        return Some(upper);
    }
    let lower = *values.get(middle.checked_sub(1)?)?;
    Some((lower + upper) / 2.0)
}

impl SortKey {
    fn compare(self, a: &RankedCandidature, b: &RankedCandidature, descending: bool) -> Ordering {
        match self {
            SortKey::Normalised => compare_figures(a.normalised, b.normalised, descending),
            SortKey::Mean => compare_figures(a.mean, b.mean, descending),
            SortKey::Median => compare_figures(a.median, b.median, descending),
            SortKey::Spread => compare_figures(a.spread, b.spread, descending),
            SortKey::Missing => directed(a.missing.cmp(&b.missing), descending),
            SortKey::Reviews => directed(a.reviews.cmp(&b.reviews), descending),
        }
    }
}

fn default_order(a: &RankedCandidature, b: &RankedCandidature) -> Ordering {
    compare_figures(a.normalised, b.normalised, true)
        .then_with(|| compare_figures(a.mean, b.mean, true))
        .then(a.candidature.cmp(&b.candidature))
}

/// Orders figures with `None` last whatever the direction: a candidature without reviews
/// belongs neither at the top nor at the bottom of the scores.
fn compare_figures(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        // Adding 0.0 turns -0.0 into 0.0, which total_cmp would otherwise order apart.
        (Some(a), Some(b)) => directed((a + 0.0).total_cmp(&(b + 0.0)), descending),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn directed(ordering: Ordering, descending: bool) -> Ordering {
    if descending {
        ordering.reverse()
    } else {
        ordering
    }
}

/// A review with its total and the reviewer's z-score of that total.
struct Scored<'a> {
    candidature: i64,
    total: f64,
    z: f64,
    scores: &'a [(u8, u8)],
}

fn score(reviews: &[ReviewScores]) -> Vec<Scored<'_>> {
    let totals: Vec<(&ReviewScores, f64)> = reviews.iter().filter_map(|r| r.total().map(|total| (r, total))).collect();
    let scales = reviewer_scales(&totals);
    totals
        .into_iter()
        .map(|(review, total)| {
            let z = match scales.get(&review.reviewer) {
                Some(Some((mean, deviation))) => (total - mean) / deviation,
                _ => 0.0,
            };
            Scored { candidature: review.candidature, total, z, scores: &review.scores }
        })
        .collect()
}

/// Each reviewer's mean and population standard deviation, or `None` when their scale cannot
/// be estimated: a single review, or the same total everywhere.
fn reviewer_scales(totals: &[(&ReviewScores, f64)]) -> BTreeMap<i64, Option<(f64, f64)>> {
    let mut per_reviewer: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (review, total) in totals {
        per_reviewer.entry(review.reviewer).or_default().push(*total);
    }
    per_reviewer.into_iter().map(|(reviewer, totals)| (reviewer, scale(&totals))).collect()
}

fn scale(totals: &[f64]) -> Option<(f64, f64)> {
    if totals.len() < 2 {
        return None;
    }
    let centre = mean(totals)?;
    let squares: Vec<f64> = totals.iter().map(|total| (total - centre).powi(2)).collect();
    let deviation = mean(&squares)?.sqrt();
    // Equal totals may leave a tiny non-zero deviation from rounding, which would blow up z.
    (deviation > EPSILON).then_some((centre, deviation))
}

fn expected_counts(expected: &[(i64, usize)]) -> BTreeMap<i64, usize> {
    let mut counts = BTreeMap::new();
    for &(candidature, assigned) in expected {
        let count: &mut usize = counts.entry(candidature).or_insert(0);
        *count = count.saturating_add(assigned);
    }
    counts
}

fn row(candidature: i64, expected: usize, reviews: &[&Scored]) -> RankedCandidature {
    let mut totals: Vec<f64> = reviews.iter().map(|review| review.total).collect();
    let z_scores: Vec<f64> = reviews.iter().map(|review| review.z).collect();
    let spread = spread(&totals);
    RankedCandidature {
        candidature,
        reviews: reviews.len(),
        missing: expected.saturating_sub(reviews.len()),
        mean: mean(&totals),
        median: median(&mut totals),
        normalised: mean(&z_scores),
        spread,
        disagreement: spread.is_some_and(|spread| spread >= DISAGREEMENT_SPREAD - EPSILON),
        per_criterion: per_criterion(reviews),
    }
}

fn spread(totals: &[f64]) -> Option<f64> {
    let max = totals.iter().copied().max_by(f64::total_cmp)?;
    let min = totals.iter().copied().min_by(f64::total_cmp)?;
    Some(max - min)
}

fn per_criterion(reviews: &[&Scored]) -> Vec<(u8, f64)> {
    let criteria: BTreeSet<u8> = reviews.iter().flat_map(|review| review.scores.iter().map(|&(criterion, _)| criterion)).collect();
    criteria
        .into_iter()
        .filter_map(|criterion| {
            let scores: Vec<f64> = reviews
                .iter()
                .flat_map(|review| review.scores.iter().filter(move |&&(c, _)| c == criterion).map(|&(_, score)| f64::from(score)))
                .collect();
            mean(&scores).map(|average| (criterion, average))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(reviewer: i64, candidature: i64, scores: &[u8]) -> ReviewScores {
        let scores = scores.iter().enumerate().map(|(criterion, &score)| (criterion as u8, score)).collect();
        ReviewScores { reviewer, candidature, scores }
    }

    fn find(rows: &[RankedCandidature], candidature: i64) -> &RankedCandidature {
        rows.iter().find(|row| row.candidature == candidature).expect("row present")
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    fn ids(rows: &[RankedCandidature]) -> Vec<i64> {
        rows.iter().map(|row| row.candidature).collect()
    }

    #[test]
    fn mean_and_median() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[1.0, 2.0]), Some(1.5));
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        // A Vec, as callers usually hold, coerces to the slice.
        let mut values: Vec<f64> = [4.0, 1.0, 3.0, 2.0].to_vec();
        assert_eq!(median(&mut values), Some(2.5));
    }

    #[test]
    fn total_is_the_mean_of_criterion_scores() {
        assert_eq!(review(1, 10, &[4, 3, 2, 3, 3]).total(), Some(3.0));
        assert_eq!(review(1, 10, &[]).total(), None);
    }

    #[test]
    fn harsh_and_lenient_jurors_agreeing_on_order_get_equal_normalised_scores() {
        // Harsh juror 1: 1.5 then 2.0; lenient juror 2: 3.5 then 4.0, on different candidatures.
        let reviews = [review(1, 10, &[1, 2]), review(1, 11, &[2, 2]), review(2, 20, &[3, 4]), review(2, 21, &[4, 4])];
        let rows = rank(&reviews, &[]);
        assert!(close(find(&rows, 10).normalised, -1.0) && close(find(&rows, 20).normalised, -1.0));
        assert!(close(find(&rows, 11).normalised, 1.0) && close(find(&rows, 21).normalised, 1.0));
        assert!(close(find(&rows, 10).mean, 1.5) && close(find(&rows, 20).mean, 3.5));
    }

    #[test]
    fn harsh_and_lenient_jurors_on_the_same_candidatures() {
        let reviews = [review(1, 10, &[1, 1]), review(1, 11, &[2, 2]), review(2, 10, &[3, 3]), review(2, 11, &[4, 4])];
        let rows = rank(&reviews, &[(10, 2), (11, 2)]);
        assert_eq!(ids(&rows), vec![11, 10]);
        assert!(close(rows[0].normalised, 1.0) && close(rows[1].normalised, -1.0));
        assert!(close(rows[0].spread, 2.0) && rows[0].disagreement);
    }

    #[test]
    fn reviewer_without_scale_contributes_zero() {
        // Juror 1 has a single review; juror 2 gives the same total twice.
        let reviews = [review(1, 10, &[4, 4]), review(2, 11, &[3, 3]), review(2, 12, &[3, 3])];
        let rows = rank(&reviews, &[]);
        assert!(rows.iter().all(|row| row.normalised == Some(0.0)));
        // Equal normalised scores fall back to the mean.
        assert_eq!(ids(&rows), vec![10, 11, 12]);
    }

    #[test]
    fn missing_reviews() {
        let reviews = [review(1, 10, &[3]), review(2, 12, &[2]), review(3, 12, &[2]), review(4, 13, &[1])];
        let rows = rank(&reviews, &[(10, 3), (11, 2), (12, 1), (14, 1), (14, 1)]);
        assert_eq!((find(&rows, 10).reviews, find(&rows, 10).missing), (1, 2));
        assert_eq!((find(&rows, 12).reviews, find(&rows, 12).missing), (2, 0));
        assert_eq!((find(&rows, 13).reviews, find(&rows, 13).missing), (1, 0));
        assert_eq!(find(&rows, 14).missing, 2);
        let unreviewed = find(&rows, 11);
        assert_eq!((unreviewed.reviews, unreviewed.missing), (0, 2));
        assert_eq!((unreviewed.mean, unreviewed.median, unreviewed.normalised, unreviewed.spread), (None, None, None, None));
        assert!(!unreviewed.disagreement && unreviewed.per_criterion.is_empty());
        // Rows without figures come last.
        assert_eq!(ids(&rows)[3..], [11, 14]);
    }

    #[test]
    fn review_without_scores_is_ignored() {
        let rows = rank(&[review(1, 10, &[]), review(2, 10, &[4])], &[(10, 2)]);
        assert_eq!((rows[0].reviews, rows[0].missing, rows[0].mean), (1, 1, Some(4.0)));
    }

    #[test]
    fn disagreement_from_the_threshold() {
        let at = rank(&[review(1, 10, &[4, 4]), review(2, 10, &[2, 3])], &[]);
        assert!(close(at[0].spread, 1.5) && at[0].disagreement);
        let below = rank(&[review(1, 10, &[4, 4, 4, 4]), review(2, 10, &[3, 3, 3, 2])], &[]);
        assert!(close(below[0].spread, 1.25) && !below[0].disagreement);
        let single = rank(&[review(1, 10, &[4])], &[]);
        assert_eq!((single[0].spread, single[0].disagreement), (Some(0.0), false));
    }

    #[test]
    fn median_and_per_criterion_averages() {
        let reviews = [
            ReviewScores { reviewer: 1, candidature: 10, scores: vec![(0, 4), (2, 2)] },
            ReviewScores { reviewer: 2, candidature: 10, scores: vec![(0, 3), (1, 1)] },
            ReviewScores { reviewer: 3, candidature: 10, scores: vec![(0, 2), (1, 3), (2, 4)] },
        ];
        let rows = rank(&reviews, &[]);
        assert_eq!(rows[0].per_criterion, vec![(0, 3.0), (1, 2.0), (2, 3.0)]);
        assert!(close(rows[0].median, 3.0) && close(rows[0].mean, 8.0 / 3.0));
    }

    fn sample() -> Vec<RankedCandidature> {
        let reviews = [
            review(1, 10, &[4, 4]),
            review(2, 10, &[1, 2]),
            review(1, 11, &[3, 3]),
            review(2, 11, &[3, 3]),
            review(1, 12, &[2, 2]),
            review(3, 13, &[2, 3]),
        ];
        rank(&reviews, &[(10, 2), (11, 3), (12, 2), (13, 1), (14, 2)])
    }

    #[test]
    fn sort_by_each_key() {
        let mut rows = sample();
        let cases = [
            (SortKey::Mean, false, vec![12, 13, 10, 11, 14]),
            (SortKey::Mean, true, vec![11, 10, 13, 12, 14]),
            (SortKey::Median, true, vec![11, 10, 13, 12, 14]),
            (SortKey::Spread, true, vec![10, 11, 12, 13, 14]),
            (SortKey::Spread, false, vec![11, 12, 13, 10, 14]),
            (SortKey::Missing, true, vec![14, 11, 12, 10, 13]),
            (SortKey::Missing, false, vec![10, 13, 11, 12, 14]),
            (SortKey::Reviews, true, vec![10, 11, 12, 13, 14]),
            (SortKey::Reviews, false, vec![14, 12, 13, 10, 11]),
        ];
        for (key, descending, expected) in cases {
            sort(&mut rows, key, descending);
            assert_eq!(ids(&rows), expected, "{key:?} descending={descending}");
        }
    }

    #[test]
    fn sort_by_normalised_keeps_none_last() {
        let mut rows = sample();
        for descending in [true, false] {
            sort(&mut rows, SortKey::Normalised, descending);
            assert_eq!(rows.last().map(|row| row.candidature), Some(14));
            let figures: Vec<f64> = rows.iter().filter_map(|row| row.normalised).collect();
            let ordered = figures.windows(2).all(|w| if descending { w[0] >= w[1] } else { w[0] <= w[1] });
            assert!(ordered, "{figures:?}");
        }
    }

    #[test]
    fn default_order_is_normalised_then_mean_then_id() {
        let rows = sample();
        let keys: Vec<(Option<f64>, Option<f64>, i64)> = rows.iter().map(|row| (row.normalised, row.mean, row.candidature)).collect();
        let mut resorted = rows.clone();
        resorted.sort_by(default_order);
        assert_eq!(rows, resorted);
        assert_eq!(keys.last().map(|key| key.2), Some(14));
        for pair in keys.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.0.zip(b.0).is_none_or(|(x, y)| x >= y), "{keys:?}");
        }
    }

    #[test]
    fn empty_input() {
        assert!(rank(&[], &[]).is_empty());
        let mut rows: Vec<RankedCandidature> = Vec::new();
        sort(&mut rows, SortKey::Mean, true);
        assert!(rows.is_empty());
    }
}
