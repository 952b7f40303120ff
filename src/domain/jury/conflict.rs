//! Conflicts of interest between applying and judging. In one cohort a person either
//! applies (holder or co-applicant of any of its candidatures, a draft included) or sits on
//! its jury, never both. Three doors lead into a cohort and each asks the rule: accepting a
//! jury invitation, starting a candidature, being named co-applicant. Conflicts a juror
//! declares about particular projects (`jury_declare`) come on top of this rule.

/// What a person is in one cohort.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Involvement {
    /// Holder or co-applicant (named by address, confirmed or not) of a candidature there.
    pub applies: bool,
    /// Has a seat on its jury.
    pub sits: bool,
}

/// Taking a seat on the cohort's jury: not for someone who applies there.
pub fn may_take_seat(i: Involvement) -> bool {
    !i.applies
}

/// Starting a candidature in the cohort, or being named co-applicant of one: not for a
/// member of its jury.
pub fn may_apply(i: Involvement) -> bool {
    !i.sits
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_door_asks_the_other_side() {
        let none = Involvement::default();
        assert!(may_take_seat(none) && may_apply(none));
        assert!(!may_take_seat(Involvement { applies: true, sits: false }));
        assert!(may_apply(Involvement { applies: true, sits: false }), "a second candidature or team is no conflict");
        assert!(!may_apply(Involvement { applies: false, sits: true }));
        assert!(may_take_seat(Involvement { applies: false, sits: true }), "accepting twice is no conflict");
    }

    /// A small deterministic generator (xorshift), so that the property runs the same cases
    /// on every machine without a test dependency.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[derive(Debug, Clone, Copy)]
    enum Door {
        Seat { person: u64, cohort: u64 },
        Start { person: u64, cohort: u64 },
        NameCoApplicant { person: u64, candidature: usize },
    }

    /// A world of people, cohorts, candidatures (cohort, holder, co-applicants) and seats.
    #[derive(Default)]
    struct World {
        candidatures: Vec<(u64, u64, HashSet<u64>)>,
        seats: HashSet<(u64, u64)>,
    }

    impl World {
        fn involvement(&self, person: u64, cohort: u64) -> Involvement {
            Involvement {
                applies: self.candidatures.iter().any(|(c, holder, team)| *c == cohort && (*holder == person || team.contains(&person))),
                sits: self.seats.contains(&(cohort, person)),
            }
        }

        /// Goes through a door if the rule lets the person in; says whether it did.
        fn enter(&mut self, door: Door) -> bool {
            match door {
                Door::Seat { person, cohort } => {
                    let ok = may_take_seat(self.involvement(person, cohort));
                    if ok {
                        self.seats.insert((cohort, person));
                    }
                    ok
                }
                Door::Start { person, cohort } => {
                    let ok = may_apply(self.involvement(person, cohort));
                    if ok {
                        self.candidatures.push((cohort, person, HashSet::new()));
                    }
                    ok
                }
                Door::NameCoApplicant { person, candidature } => {
                    let Some(cohort) = self.candidatures.get(candidature).map(|c| c.0) else { return false };
                    let ok = may_apply(self.involvement(person, cohort));
                    if ok {
                        self.candidatures[candidature].2.insert(person);
                    }
                    ok
                }
            }
        }
    }

    /// Whatever order people go through the doors in, nobody ever both applies and sits in
    /// one cohort, and a refusal always comes from the other side of that cohort.
    #[test]
    fn nobody_applies_and_judges_in_one_cohort_whatever_the_order() {
        let (people, cohorts) = (6, 3);
        for seed in 1..=500u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut world = World::default();
            for _ in 0..40 {
                let person = rng.below(people);
                let door = match rng.below(3) {
                    0 => Door::Seat { person, cohort: rng.below(cohorts) },
                    1 => Door::Start { person, cohort: rng.below(cohorts) },
                    _ => Door::NameCoApplicant { person, candidature: rng.below(world.candidatures.len().max(1) as u64) as usize },
                };
                let cohort = match door {
                    Door::Seat { cohort, .. } | Door::Start { cohort, .. } => Some(cohort),
                    Door::NameCoApplicant { candidature, .. } => world.candidatures.get(candidature).map(|c| c.0),
                };
                let before = cohort.map(|c| world.involvement(person, c));
                let entered = world.enter(door);
                if let (false, Some(before)) = (entered, before) {
                    assert!(before.applies || before.sits, "seed {seed}: {door:?} refused without a conflict");
                }
                for p in 0..people {
                    for c in 0..cohorts {
                        let i = world.involvement(p, c);
                        assert!(!(i.applies && i.sits), "seed {seed}: person {p} applies and sits in cohort {c} after {door:?}");
                    }
                }
            }
        }
    }
}
