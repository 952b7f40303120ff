//! Benchmark of the deliberation table: `rank` then `sort` over generated reviews, for
//! 10,000 candidatures scored by 15 jurors on the 5 criteria. Two shapes, side by side: every
//! juror reviews every candidature (150,000 reviews), and the real assignment's 3 reviews per
//! candidature (30,000 reviews). Prints the median of 7 runs of each.
//! Run with `cargo run --release --example ranking_bench --features ssr` (or `make bench`).

use accelerateur::domain::jury::ranking::{rank, sort, ReviewScores, SortKey};
use std::time::{Duration, Instant};

const CANDIDATURES: i64 = 10_000;
const JURORS: i64 = 15;
const CRITERIA: u8 = 5;
const RUNS: usize = 7;

/// A small deterministic generator: the same data on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn score(&mut self) -> u8 {
        (self.next() % 4) as u8 + 1
    }
}

fn reviews(per_candidature: i64) -> (Vec<ReviewScores>, Vec<(i64, usize)>) {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for c in 0..CANDIDATURES {
        for k in 0..per_candidature {
            let reviewer = (c + k * 5) % JURORS;
            let scores = (0..CRITERIA).map(|criterion| (criterion, rng.score())).collect();
            out.push(ReviewScores { reviewer, candidature: c, scores });
        }
    }
    let expected = (0..CANDIDATURES).map(|c| (c, per_candidature as usize)).collect();
    (out, expected)
}

fn median_time(reviews: &[ReviewScores], expected: &[(i64, usize)]) -> (Duration, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut table = rank(reviews, expected);
        sort(&mut table, SortKey::Mean, true);
        times.push(start.elapsed());
        rows = table.len();
    }
    times.sort();
    (times[RUNS / 2], rows)
}

fn main() {
    println!("Deliberation table ({CANDIDATURES} candidatures, {JURORS} jurors, {CRITERIA} criteria), median of {RUNS} runs:");
    let mut results = Vec::new();
    for (label, per) in [("every juror reviews every candidature", JURORS), ("3 reviews per candidature", 3)] {
        let (data, expected) = reviews(per);
        let (time, rows) = median_time(&data, &expected);
        println!("  {label:<40} {:>7} reviews  {rows} rows  {:>8.1} ms", data.len(), time.as_secs_f64() * 1000.0);
        results.push(time);
    }
    println!("  target < 100 ms: {}", if results.iter().all(|t| t.as_millis() < 100) { "met" } else { "MISSED" });
}
