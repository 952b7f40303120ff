//! Automatic assignment of eligible candidatures to jurors: every candidature gets k reviews, nobody reviews a candidature they are in conflict with, and jurors' loads differ by at most one.
//!
//! With T = k × candidatures reviews shared among J jurors, loads that differ by at most one are
//! exactly loads between floor(T/J) and ceil(T/J) summing to T. The problem is therefore solved
//! exactly as a flow with lower bounds: source → juror edges carry between floor and ceil
//! reviews, juror → candidature edges carry one review unless the pair is in conflict, and
//! candidature → sink edges carry exactly k. A feasible flow is a valid assignment, and when no
//! feasible flow exists no valid assignment exists either.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What the assignment is computed from. Ids are database ids; duplicates are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignmentInput<'a> {
    pub jurors: &'a [i64],
    pub candidatures: &'a [i64],
    /// How many distinct jurors review each candidature (k).
    pub reviews_per_candidature: usize,
    /// (juror, candidature) pairs that must never be assigned.
    pub conflicts: &'a [(i64, i64)],
    /// (juror, candidature) pairs already assigned (e.g. reviews already started) that must be kept.
    pub fixed: &'a [(i64, i64)],
}

/// A valid assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// (juror, candidature) pairs, sorted and distinct, fixed pairs included.
    pub pairs: Vec<(i64, i64)>,
}

/// Why no assignment was produced. Every problem found is reported, not just the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssignmentProblem {
    NoJurors,
    NoCandidatures,
    ZeroReviews,
    /// The candidature has fewer jurors free of conflict than the reviews it needs.
    TooFewJurors {
        candidature: i64,
        available: usize,
        needed: usize,
    },
    /// A pair that must be kept is also declared a conflict.
    FixedInConflict {
        juror: i64,
        candidature: i64,
    },
    /// A pair that must be kept names a juror or a candidature absent from the input.
    FixedUnknown {
        juror: i64,
        candidature: i64,
    },
    /// More pairs must be kept on the candidature than the reviews it needs.
    TooManyFixed {
        candidature: i64,
        fixed: usize,
        needed: usize,
    },
    /// No assignment with loads differing by at most one exists, given conflicts and fixed pairs.
    Unbalanced,
}

/// Why staff cannot move a review from one juror to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveProblem {
    /// The juror the review is taken from does not review the candidature.
    NotAssigned,
    /// The juror the review is given to is in conflict with the candidature.
    InConflict,
    /// The juror the review is given to already reviews the candidature.
    AlreadyReviews,
}

/// Assigns every candidature to k distinct jurors free of conflict, keeping the fixed pairs,
/// with loads differing by at most one over all jurors (a juror may get no review when there
/// are more jurors than reviews). The same input, in any order, gives the same output.
pub fn assign(input: &AssignmentInput) -> Result<Assignment, Vec<AssignmentProblem>> {
    let prepared = Prepared::new(input);
    let problems = prepared.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    match balanced_pairs(&prepared) {
        Some(pairs) => Ok(Assignment { pairs }),
        None => Err(vec![AssignmentProblem::Unbalanced]),
    }
}

/// Reviews per juror, sorted by juror id. Only jurors with at least one pair appear;
/// duplicate pairs count once.
pub fn loads(pairs: &[(i64, i64)]) -> Vec<(i64, usize)> {
    let distinct: BTreeSet<(i64, i64)> = pairs.iter().copied().collect();
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for (juror, _) in distinct {
        *counts.entry(juror).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

/// Checks that staff may move the review of `candidature` from juror `from` to juror `to`.
/// Balance is deliberately not checked: a manual move is staff's decision.
pub fn check_move(pairs: &[(i64, i64)], conflicts: &[(i64, i64)], candidature: i64, from: i64, to: i64) -> Result<(), MoveProblem> {
    if !pairs.contains(&(from, candidature)) {
        return Err(MoveProblem::NotAssigned);
    }
    if conflicts.contains(&(to, candidature)) {
        return Err(MoveProblem::InConflict);
    }
    if pairs.contains(&(to, candidature)) {
        return Err(MoveProblem::AlreadyReviews);
    }
    Ok(())
}

/// The input with ids sorted and de-duplicated, so the result does not depend on input order.
struct Prepared {
    jurors: Vec<i64>,
    candidatures: Vec<i64>,
    k: usize,
    conflicts: BTreeSet<(i64, i64)>,
    fixed: BTreeSet<(i64, i64)>,
}

impl Prepared {
    fn new(input: &AssignmentInput) -> Prepared {
        Prepared {
            jurors: sorted_distinct(input.jurors),
            candidatures: sorted_distinct(input.candidatures),
            k: input.reviews_per_candidature,
            conflicts: input.conflicts.iter().copied().collect(),
            fixed: input.fixed.iter().copied().collect(),
        }
    }

    fn knows(&self, juror: i64, candidature: i64) -> bool {
        self.jurors.binary_search(&juror).is_ok() && self.candidatures.binary_search(&candidature).is_ok()
    }

    fn problems(&self) -> Vec<AssignmentProblem> {
        let mut problems = Vec::new();
        if self.jurors.is_empty() {
            problems.push(AssignmentProblem::NoJurors);
        }
        if self.candidatures.is_empty() {
            problems.push(AssignmentProblem::NoCandidatures);
        }
        if self.k == 0 {
            problems.push(AssignmentProblem::ZeroReviews);
        }
        // The finer checks below would only repeat these ones in other words.
        if problems.is_empty() {
            problems.extend(self.fixed_problems());
            problems.extend(self.capacity_problems());
        }
        problems
    }

    fn fixed_problems(&self) -> Vec<AssignmentProblem> {
        let problem = |&(juror, candidature): &(i64, i64)| {
            if !self.knows(juror, candidature) {
                Some(AssignmentProblem::FixedUnknown { juror, candidature })
            } else if self.conflicts.contains(&(juror, candidature)) {
                Some(AssignmentProblem::FixedInConflict { juror, candidature })
            } else {
                None
            }
        };
        self.fixed.iter().filter_map(problem).collect()
    }

    /// Candidatures that cannot get k reviews whatever the balance: too many conflicts or
    /// too many fixed pairs.
    fn capacity_problems(&self) -> Vec<AssignmentProblem> {
        let conflicted = self.count_per_candidature(&self.conflicts);
        let fixed = self.count_per_candidature(&self.fixed);
        let mut problems = Vec::new();
        for &candidature in &self.candidatures {
            let available = self.jurors.len().saturating_sub(count(&conflicted, candidature));
            if available < self.k {
                problems.push(AssignmentProblem::TooFewJurors { candidature, available, needed: self.k });
            }
            let fixed = count(&fixed, candidature);
            if fixed > self.k {
                problems.push(AssignmentProblem::TooManyFixed { candidature, fixed, needed: self.k });
            }
        }
        problems
    }

    /// Per candidature, the number of pairs naming a known juror and candidature.
    fn count_per_candidature(&self, pairs: &BTreeSet<(i64, i64)>) -> BTreeMap<i64, usize> {
        let mut counts = BTreeMap::new();
        for &(_, candidature) in pairs.iter().filter(|&&(j, c)| self.knows(j, c)) {
            *counts.entry(candidature).or_insert(0) += 1;
        }
        counts
    }

    fn fixed_load_per_juror(&self) -> BTreeMap<i64, usize> {
        let mut counts = BTreeMap::new();
        for &(juror, _) in &self.fixed {
            *counts.entry(juror).or_insert(0) += 1;
        }
        counts
    }
}

fn sorted_distinct(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn count(counts: &BTreeMap<i64, usize>, id: i64) -> usize {
    counts.get(&id).copied().unwrap_or(0)
}

/// Fixed nodes of the flow network; jurors follow, then candidatures.
const SOURCE: usize = 0;
const SINK: usize = 1;
const FIRST_JUROR: usize = 2;

/// Solves the bounded flow on validated input; `None` when balance is impossible.
/// Fixed pairs are taken out beforehand: they lower their juror's bounds and their
/// candidature's need instead of being edges.
fn balanced_pairs(p: &Prepared) -> Option<Vec<(i64, i64)>> {
    let total = p.k.checked_mul(p.candidatures.len())?;
    let floor = total.checked_div(p.jurors.len())?;
    let ceil = floor + usize::from(total.checked_rem(p.jurors.len())? != 0);
    let first_candidature = FIRST_JUROR + p.jurors.len();
    let mut network = BoundedNetwork::new(first_candidature + p.candidatures.len());

    let fixed_loads = p.fixed_load_per_juror();
    for (index, &juror) in p.jurors.iter().enumerate() {
        let fixed = count(&fixed_loads, juror);
        network.add(SOURCE, FIRST_JUROR + index, floor.saturating_sub(fixed), ceil.checked_sub(fixed)?)?;
    }
    let offered = offer_candidatures(p, &mut network, first_candidature)?;
    let fixed_counts = p.count_per_candidature(&p.fixed);
    for (index, &candidature) in p.candidatures.iter().enumerate() {
        let need = p.k.checked_sub(count(&fixed_counts, candidature))?;
        network.add(first_candidature + index, SINK, need, need)?;
    }
    // Closing the loop turns the bounded flow into a circulation.
    network.add(SINK, SOURCE, 0, total)?;

    let solved = network.solve()?;
    let chosen = offered.into_iter().filter(|&(edge, _)| solved.flow_on(edge) > 0).map(|(_, pair)| pair);
    let mut pairs: Vec<(i64, i64)> = p.fixed.iter().copied().chain(chosen).collect();
    pairs.sort_unstable();
    Some(pairs)
}

/// Adds a unit edge for each pair free of conflict and not fixed; returns the edges with their pairs.
/// Each juror lists candidatures from a different starting point, so that the flow, which
/// tries edges in order, spreads jurors over the list instead of piling them on its head.
fn offer_candidatures(p: &Prepared, network: &mut BoundedNetwork, first_candidature: usize) -> Option<Vec<(usize, (i64, i64))>> {
    let candidatures = p.candidatures.len();
    let mut offered = Vec::new();
    for (juror_index, &juror) in p.jurors.iter().enumerate() {
        let start = (juror_index * candidatures).checked_div(p.jurors.len())?;
        for step in 0..candidatures {
            let index = (start + step) % candidatures;
            let candidature = *p.candidatures.get(index)?;
            let pair = (juror, candidature);
            if p.conflicts.contains(&pair) || p.fixed.contains(&pair) {
                continue;
            }
            let edge = network.add(FIRST_JUROR + juror_index, first_candidature + index, 0, 1)?;
            offered.push((edge, pair));
        }
    }
    Some(offered)
}

/// A flow network whose edges may carry a lower bound, solved by the classic reduction:
/// each lower bound is forced through a super source and a super sink, and a flow meeting
/// every bound exists exactly when the max flow between them saturates what was forced.
struct BoundedNetwork {
    network: Network,
    forced_in: Vec<usize>,
    forced_out: Vec<usize>,
}

impl BoundedNetwork {
    fn new(nodes: usize) -> BoundedNetwork {
        BoundedNetwork { network: Network::new(nodes + 2), forced_in: vec![0; nodes], forced_out: vec![0; nodes] }
    }

    /// Adds an edge carrying between `lower` and `upper`; `None` when `upper < lower`.
    fn add(&mut self, from: usize, to: usize, lower: usize, upper: usize) -> Option<usize> {
        let spare = upper.checked_sub(lower)?;
        *self.forced_out.get_mut(from)? += lower;
        *self.forced_in.get_mut(to)? += lower;
        Some(self.network.add_edge(from, to, spare))
    }

    /// The network carrying a flow that meets every bound, if one exists.
    fn solve(mut self) -> Option<Network> {
        let super_source = self.forced_in.len();
        let super_sink = super_source + 1;
        let mut required = 0;
        for (node, (&forced_in, &forced_out)) in self.forced_in.iter().zip(&self.forced_out).enumerate() {
            if forced_in > forced_out {
                self.network.add_edge(super_source, node, forced_in - forced_out);
                required += forced_in - forced_out;
            } else if forced_out > forced_in {
                self.network.add_edge(node, super_sink, forced_out - forced_in);
            }
        }
        (self.network.max_flow(super_source, super_sink) == required).then_some(self.network)
    }
}

/// Residual graph for Dinic's max flow. Edge `e` and its reverse `e ^ 1` are stored side by
/// side, so the flow on an edge is the residual capacity of its reverse.
struct Network {
    adjacency: Vec<Vec<usize>>,
    head: Vec<usize>,
    capacity: Vec<usize>,
}

impl Network {
    fn new(nodes: usize) -> Network {
        Network { adjacency: vec![Vec::new(); nodes], head: Vec::new(), capacity: Vec::new() }
    }

    /// Callers only pass nodes below the size given to `new`.
    fn add_edge(&mut self, from: usize, to: usize, capacity: usize) -> usize {
        let edge = self.head.len();
        self.head.extend([to, from]);
        self.capacity.extend([capacity, 0]);
        self.adjacency[from].push(edge);
        self.adjacency[to].push(edge ^ 1);
        edge
    }

    fn flow_on(&self, edge: usize) -> usize {
        self.capacity.get(edge ^ 1).copied().unwrap_or(0)
    }

    fn max_flow(&mut self, source: usize, sink: usize) -> usize {
        let mut flow = 0;
        while let Some(levels) = self.levels(source, sink) {
            let mut next_arc = vec![0; self.adjacency.len()];
            while let Some(pushed) = self.augment(source, sink, &levels, &mut next_arc) {
                flow += pushed;
            }
        }
        flow
    }

    /// Breadth-first distances from the source over edges with room left; `None` once the sink is unreachable.
    fn levels(&self, source: usize, sink: usize) -> Option<Vec<Option<usize>>> {
        let mut levels = vec![None; self.adjacency.len()];
        levels[source] = Some(0);
        let mut queue = VecDeque::from([source]);
        while let Some(node) = queue.pop_front() {
            let next_level = levels[node].map(|level| level + 1);
            for &edge in &self.adjacency[node] {
                let next = self.head[edge];
                if self.capacity[edge] > 0 && levels[next].is_none() {
                    levels[next] = next_level;
                    queue.push_back(next);
                }
            }
        }
        levels[sink].map(|_| levels)
    }

    /// Pushes flow along one path of the level graph; `None` when the blocking flow is reached.
    /// Iterative (no recursion) so large juries cannot overflow the stack; `next_arc` skips
    /// edges already found useless in this phase.
    fn augment(&mut self, source: usize, sink: usize, levels: &[Option<usize>], next_arc: &mut [usize]) -> Option<usize> {
        let mut path: Vec<usize> = Vec::new();
        let mut node = source;
        while node != sink {
            match self.admissible_arc(node, levels, next_arc) {
                Some(edge) => {
                    path.push(edge);
                    node = self.head[edge];
                }
                None => {
                    // Dead end: step back and never try this edge again in this phase.
                    let edge = path.pop()?;
                    node = self.head[edge ^ 1];
                    next_arc[node] += 1;
                }
            }
        }
        let pushed = path.iter().map(|&edge| self.capacity[edge]).min()?;
        for &edge in &path {
            self.capacity[edge] -= pushed;
            self.capacity[edge ^ 1] += pushed;
        }
        Some(pushed)
    }

    fn admissible_arc(&self, node: usize, levels: &[Option<usize>], next_arc: &mut [usize]) -> Option<usize> {
        let wanted = levels[node].map(|level| level + 1);
        while let Some(&edge) = self.adjacency[node].get(next_arc[node]) {
            if self.capacity[edge] > 0 && levels[self.head[edge]] == wanted {
                return Some(edge);
            }
            next_arc[node] += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        jurors: &'a [i64],
        candidatures: &'a [i64],
        k: usize,
        conflicts: &'a [(i64, i64)],
        fixed: &'a [(i64, i64)],
    ) -> AssignmentInput<'a> {
        AssignmentInput { jurors, candidatures, reviews_per_candidature: k, conflicts, fixed }
    }

    fn ids(from: i64, to: i64) -> Vec<i64> {
        (from..=to).collect()
    }

    /// Checks every rule on a successful assignment.
    fn check_valid(input: &AssignmentInput, assignment: &Assignment) {
        let jurors = sorted_distinct(input.jurors);
        let candidatures = sorted_distinct(input.candidatures);
        let pairs = &assignment.pairs;
        assert!(pairs.windows(2).all(|w| w[0] < w[1]), "pairs sorted and distinct: {pairs:?}");
        for pair in pairs {
            assert!(jurors.contains(&pair.0) && candidatures.contains(&pair.1), "unknown pair {pair:?}");
            assert!(!input.conflicts.contains(pair), "conflict assigned {pair:?}");
        }
        for &candidature in &candidatures {
            let reviews = pairs.iter().filter(|p| p.1 == candidature).count();
            assert_eq!(reviews, input.reviews_per_candidature, "reviews of {candidature}");
        }
        let loads: Vec<usize> = jurors.iter().map(|&j| pairs.iter().filter(|p| p.0 == j).count()).collect();
        let (min, max) = (loads.iter().min().copied().unwrap_or(0), loads.iter().max().copied().unwrap_or(0));
        assert!(max - min <= 1, "loads {loads:?}");
        for pair in input.fixed {
            assert!(pairs.contains(pair), "fixed pair {pair:?} dropped");
        }
    }

    fn load_values(assignment: &Assignment) -> Vec<usize> {
        let mut values: Vec<usize> = loads(&assignment.pairs).into_iter().map(|(_, load)| load).collect();
        values.sort_unstable();
        values
    }

    #[test]
    fn fifteen_jurors_thirty_candidatures_three_reviews() {
        let (jurors, candidatures) = (ids(1, 15), ids(101, 130));
        let input = input(&jurors, &candidatures, 3, &[], &[]);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
        assert_eq!(assignment.pairs.len(), 90);
        assert_eq!(load_values(&assignment), vec![6; 15]);
    }

    #[test]
    fn uneven_total_gives_loads_differing_by_one() {
        let (jurors, candidatures) = (ids(1, 4), ids(10, 14));
        let input = input(&jurors, &candidatures, 3, &[], &[]);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
        assert_eq!(load_values(&assignment), vec![3, 4, 4, 4]);
    }

    #[test]
    fn more_jurors_than_reviews_leaves_some_idle() {
        let (jurors, candidatures) = (ids(1, 5), vec![10]);
        let input = input(&jurors, &candidatures, 2, &[], &[]);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
        assert_eq!(assignment.pairs.len(), 2);
    }

    #[test]
    fn conflicts_are_respected() {
        let (jurors, candidatures) = (ids(1, 4), ids(10, 17));
        let conflicts = [(1, 10), (2, 10), (1, 11), (3, 12), (4, 13), (2, 17)];
        let input = input(&jurors, &candidatures, 2, &conflicts, &[]);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
        assert!(assignment.pairs.iter().all(|pair| !conflicts.contains(pair)));
    }

    #[test]
    fn too_few_jurors_reported_for_each_candidature() {
        let (jurors, candidatures) = (ids(1, 5), vec![10, 11, 12]);
        let conflicts = [(1, 10), (2, 10), (3, 10), (1, 12), (2, 12), (3, 12), (4, 12)];
        let problems = assign(&input(&jurors, &candidatures, 3, &conflicts, &[])).expect_err("infeasible");
        assert_eq!(
            problems,
            vec![
                AssignmentProblem::TooFewJurors { candidature: 10, available: 2, needed: 3 },
                AssignmentProblem::TooFewJurors { candidature: 12, available: 1, needed: 3 },
            ]
        );
    }

    #[test]
    fn balance_impossible_is_unbalanced() {
        // Juror 1 alone can review 10, 11 and 12, so its load is 3 against juror 2's 1.
        let conflicts = [(2, 10), (2, 11), (2, 12)];
        let problems = assign(&input(&[1, 2], &[10, 11, 12, 13], 1, &conflicts, &[])).expect_err("infeasible");
        assert_eq!(problems, vec![AssignmentProblem::Unbalanced]);
    }

    #[test]
    fn spare_juror_in_conflict_is_still_balanced() {
        let conflicts = [(3, 10), (3, 11)];
        let input = input(&[1, 2, 3], &[10, 11], 1, &conflicts, &[]);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
        assert!(assignment.pairs.iter().all(|pair| pair.0 != 3));
    }

    #[test]
    fn fixed_pairs_are_kept() {
        let (jurors, candidatures) = (ids(1, 6), ids(10, 21));
        let fixed = [(1, 10), (1, 11), (6, 21), (3, 15)];
        let input = input(&jurors, &candidatures, 2, &[(2, 12)], &fixed);
        let assignment = assign(&input).expect("feasible");
        check_valid(&input, &assignment);
    }

    #[test]
    fn fixed_pairs_overloading_a_juror_are_unbalanced() {
        let problems = assign(&input(&[1, 2], &[10, 11], 1, &[], &[(1, 10), (1, 11)])).expect_err("infeasible");
        assert_eq!(problems, vec![AssignmentProblem::Unbalanced]);
    }

    #[test]
    fn bad_fixed_pairs_are_all_reported() {
        let fixed = [(1, 10), (2, 10), (3, 10), (9, 10), (1, 99)];
        let problems = assign(&input(&[1, 2, 3, 4], &[10, 11], 2, &[(1, 10)], &fixed)).expect_err("infeasible");
        assert_eq!(
            problems,
            vec![
                AssignmentProblem::FixedInConflict { juror: 1, candidature: 10 },
                AssignmentProblem::FixedUnknown { juror: 1, candidature: 99 },
                AssignmentProblem::FixedUnknown { juror: 9, candidature: 10 },
                AssignmentProblem::TooManyFixed { candidature: 10, fixed: 3, needed: 2 },
            ]
        );
    }

    #[test]
    fn empty_input_reports_every_basic_problem() {
        let problems = assign(&input(&[], &[], 0, &[], &[])).expect_err("infeasible");
        assert_eq!(problems, vec![AssignmentProblem::NoJurors, AssignmentProblem::NoCandidatures, AssignmentProblem::ZeroReviews]);
    }

    #[test]
    fn duplicates_are_ignored_and_order_does_not_matter() {
        let conflicts = [(2, 11), (2, 11), (4, 13)];
        let first = assign(&input(&[1, 2, 3, 4, 2, 1], &[10, 11, 12, 13, 10], 2, &conflicts, &[(3, 12), (3, 12)]));
        let second = assign(&input(&[4, 3, 2, 1], &[13, 12, 11, 10], 2, &conflicts, &[(3, 12)]));
        let assignment = first.expect("feasible");
        assert_eq!(Ok(assignment.clone()), second);
        check_valid(&input(&[1, 2, 3, 4], &[10, 11, 12, 13], 2, &conflicts, &[(3, 12)]), &assignment);
    }

    #[test]
    fn reviews_are_spread_over_candidatures() {
        // Without spreading, the first jurors would all share the first candidatures.
        let (jurors, candidatures) = (ids(1, 10), ids(100, 139));
        let assignment = assign(&input(&jurors, &candidatures, 2, &[], &[])).expect("feasible");
        let of = |juror: i64| -> BTreeSet<i64> { assignment.pairs.iter().filter(|p| p.0 == juror).map(|p| p.1).collect() };
        let distinct_sets: BTreeSet<Vec<i64>> = jurors.iter().map(|&j| of(j).into_iter().collect()).collect();
        assert_eq!(distinct_sets.len(), jurors.len());
    }

    #[test]
    fn loads_count_distinct_pairs_per_juror() {
        assert_eq!(loads(&[(2, 10), (1, 10), (2, 11), (2, 10)]), vec![(1, 1), (2, 2)]);
        assert_eq!(loads(&[]), vec![]);
    }

    #[test]
    fn check_move_cases() {
        let pairs = [(1, 10), (2, 10), (3, 11)];
        let conflicts = [(4, 10)];
        assert_eq!(check_move(&pairs, &conflicts, 10, 1, 3), Ok(()));
        assert_eq!(check_move(&pairs, &conflicts, 10, 3, 5), Err(MoveProblem::NotAssigned));
        assert_eq!(check_move(&pairs, &conflicts, 10, 1, 4), Err(MoveProblem::InConflict));
        assert_eq!(check_move(&pairs, &conflicts, 10, 1, 2), Err(MoveProblem::AlreadyReviews));
        assert_eq!(check_move(&pairs, &conflicts, 10, 1, 1), Err(MoveProblem::AlreadyReviews));
    }

    /// Small deterministic PRNG, so the property test needs no external crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn between(&mut self, low: u64, high: u64) -> u64 {
            low + self.next() % (high - low + 1)
        }

        fn percent(&mut self, chance: u64) -> bool {
            self.next() % 100 < chance
        }

        fn shuffle<T>(&mut self, items: &mut [T]) {
            for i in (1..items.len()).rev() {
                let j = self.between(0, i as u64) as usize;
                items.swap(i, j);
            }
        }
    }

    #[derive(Debug)]
    struct Instance {
        jurors: Vec<i64>,
        candidatures: Vec<i64>,
        k: usize,
        conflicts: Vec<(i64, i64)>,
        fixed: Vec<(i64, i64)>,
    }

    impl Instance {
        /// Half the instances are tiny enough for the brute force check.
        fn random(rng: &mut XorShift) -> Instance {
            let tiny = rng.percent(50);
            let juror_count = if tiny { rng.between(1, 4) } else { rng.between(1, 16) };
            let candidature_count = if tiny { rng.between(1, 12 / juror_count) } else { rng.between(0, 40) };
            let mut jurors: Vec<i64> = (0..juror_count as i64).map(|i| 3 * i + 1).collect();
            let mut candidatures: Vec<i64> = (0..candidature_count as i64).map(|i| 100 + 7 * i).collect();
            rng.shuffle(&mut jurors);
            rng.shuffle(&mut candidatures);
            let density = rng.between(0, 40);
            let mut conflicts = Vec::new();
            for &juror in &jurors {
                for &candidature in &candidatures {
                    if rng.percent(density) {
                        conflicts.push((juror, candidature));
                    }
                }
            }
            let fixed = if rng.percent(30) { Self::random_fixed(rng, &jurors, &candidatures, &conflicts) } else { Vec::new() };
            let mut instance = Instance { jurors, candidatures, k: rng.between(1, 4) as usize, conflicts, fixed };
            if rng.percent(20) {
                instance.add_noise();
            }
            instance
        }

        fn random_fixed(rng: &mut XorShift, jurors: &[i64], candidatures: &[i64], conflicts: &[(i64, i64)]) -> Vec<(i64, i64)> {
            if candidatures.is_empty() {
                return Vec::new();
            }
            let draws = rng.between(1, 3);
            let mut pick = |items: &[i64]| items[rng.between(0, items.len() as u64 - 1) as usize];
            (0..draws).map(|_| (pick(jurors), pick(candidatures))).filter(|pair| !conflicts.contains(pair)).collect()
        }

        /// Duplicates and unknown ids, which must change nothing.
        fn add_noise(&mut self) {
            self.jurors.push(self.jurors[0]);
            if let Some(&candidature) = self.candidatures.first() {
                self.candidatures.push(candidature);
                self.conflicts.push((-1, candidature));
            }
            if let Some(&conflict) = self.conflicts.first() {
                self.conflicts.push(conflict);
            }
            if let Some(&fixed) = self.fixed.first() {
                self.fixed.push(fixed);
            }
        }

        fn input(&self) -> AssignmentInput<'_> {
            input(&self.jurors, &self.candidatures, self.k, &self.conflicts, &self.fixed)
        }
    }

    /// Whether any valid assignment exists, by trying every subset of allowed pairs.
    fn brute_force_exists(input: &AssignmentInput) -> bool {
        let jurors = sorted_distinct(input.jurors);
        let candidatures = sorted_distinct(input.candidatures);
        let mut allowed = Vec::new();
        for (j, juror) in jurors.iter().enumerate() {
            for (c, candidature) in candidatures.iter().enumerate() {
                if !input.conflicts.contains(&(*juror, *candidature)) {
                    allowed.push((j, c, (*juror, *candidature)));
                }
            }
        }
        (0u32..1 << allowed.len()).any(|mask| {
            let chosen: Vec<_> = allowed.iter().enumerate().filter(|(bit, _)| mask >> bit & 1 == 1).map(|(_, a)| *a).collect();
            let mut per_juror = vec![0; jurors.len()];
            let mut per_candidature = vec![0; candidatures.len()];
            for &(j, c, _) in &chosen {
                per_juror[j] += 1;
                per_candidature[c] += 1;
            }
            let balanced = per_juror.iter().max().unwrap_or(&0) - per_juror.iter().min().unwrap_or(&0) <= 1;
            let complete = per_candidature.iter().all(|&n| n == input.reviews_per_candidature);
            let keeps_fixed = input.fixed.iter().all(|pair| chosen.iter().any(|a| a.2 == *pair));
            balanced && complete && keeps_fixed
        })
    }

    /// Checks reported problems against an independent recount.
    fn check_problems(input: &AssignmentInput, problems: &[AssignmentProblem]) {
        assert!(!problems.is_empty());
        let jurors = sorted_distinct(input.jurors);
        let candidatures = sorted_distinct(input.candidatures);
        assert_eq!(problems.contains(&AssignmentProblem::NoCandidatures), candidatures.is_empty());
        if problems.contains(&AssignmentProblem::Unbalanced) {
            assert_eq!(problems, [AssignmentProblem::Unbalanced]);
        }
        if candidatures.is_empty() {
            return;
        }
        let k = input.reviews_per_candidature;
        let expected: Vec<AssignmentProblem> = candidatures
            .iter()
            .filter_map(|&candidature| {
                let available = jurors.iter().filter(|&&j| !input.conflicts.contains(&(j, candidature))).count();
                (available < k).then_some(AssignmentProblem::TooFewJurors { candidature, available, needed: k })
            })
            .collect();
        let reported: Vec<AssignmentProblem> =
            problems.iter().copied().filter(|p| matches!(p, AssignmentProblem::TooFewJurors { .. })).collect();
        assert_eq!(reported, expected);
    }

    #[test]
    fn random_instances_are_valid_or_truly_infeasible() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let (mut valid, mut unbalanced, mut brute_forced) = (0, 0, 0);
        for _ in 0..2000 {
            let instance = Instance::random(&mut rng);
            let input = instance.input();
            let result = assign(&input);
            match &result {
                Ok(assignment) => {
                    check_valid(&input, assignment);
                    valid += 1;
                }
                Err(problems) => {
                    check_problems(&input, problems);
                    unbalanced += usize::from(problems == &[AssignmentProblem::Unbalanced]);
                }
            }
            let size = sorted_distinct(input.jurors).len() * sorted_distinct(input.candidatures).len();
            if size > 0 && size <= 12 {
                assert_eq!(result.is_ok(), brute_force_exists(&input), "{instance:?} gave {result:?}");
                brute_forced += 1;
            }
        }
        // The generator must exercise every outcome.
        assert!(
            valid > 300 && unbalanced > 10 && brute_forced > 500,
            "{valid} valid, {unbalanced} unbalanced, {brute_forced} brute forced"
        );
    }
}
