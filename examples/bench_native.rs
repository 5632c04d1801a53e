//! Native evaluations per second on a mixed set of scenarios (run by `cargo xtask bench`).
//! Reported, never asserted: a timing in a test would be flaky on a shared 2-core machine.
use facility_calc::{Input, Raw, RawInput, builtin, evaluate_raw, figures, validate};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn scenario(
    j: &str,
    s: &str,
    c: &str,
    p: &str,
    hh: f64,
    pop: Option<f64>,
    planned: Option<(f64, f64, f64)>,
) -> RawInput {
    RawInput {
        jurisdiction: j.into(),
        settlement: s.into(),
        construction: c.into(),
        programme: p.into(),
        households: Raw::Number(hh),
        population: pop.map_or(Raw::Absent, Raw::Number),
        occupied_households: Raw::Number((hh / 2.0).floor()),
        planned: if planned.is_some() {
            Raw::Object
        } else {
            Raw::Absent
        },
        planned_total_m2: planned.map_or(Raw::Absent, |p| Raw::Number(p.0)),
        planned_office_m2: planned.map_or(Raw::Absent, |p| Raw::Number(p.1)),
        planned_activity_m2: planned.map_or(Raw::Absent, |p| Raw::Number(p.2)),
        ..RawInput::default()
    }
}

fn main() {
    let scenarios = [
        scenario("xam", "city", "existing", "standard", 1250.0, None, None),
        scenario(
            "xam",
            "city",
            "existing",
            "standard",
            1250.0,
            None,
            Some((420.0, 60.0, 200.0)),
        ),
        scenario(
            "xam",
            "pastoral_village",
            "new",
            "standard",
            300.0,
            Some(800.0),
            None,
        ),
        scenario(
            "dongsheng",
            "pastoral_village",
            "existing",
            "standard",
            90.0,
            None,
            None,
        ),
        scenario(
            "dongsheng",
            "city",
            "new",
            "beijiang_demo",
            2000.0,
            Some(5200.0),
            Some((800.0, 100.0, 480.0)),
        ),
        scenario(
            "dongsheng",
            "farming_village",
            "existing",
            "capacity_upgrade",
            800.0,
            None,
            Some((230.0, 40.0, 120.0)),
        ),
        scenario(
            "aolezhaoqi",
            "town",
            "renovated",
            "standard",
            900.0,
            None,
            None,
        ),
        scenario(
            "aolezhaoqi",
            "city",
            "existing",
            "standard",
            4000.0,
            Some(10480.0),
            Some((1300.0, 200.0, 700.0)),
        ),
        scenario(
            "renshou",
            "city",
            "existing",
            "standard",
            5000.0,
            Some(13100.0),
            None,
        ),
        scenario(
            "nmg",
            "central_village",
            "new",
            "standard",
            450.0,
            None,
            Some((150.0, 50.0, 80.0)),
        ),
    ];
    let typed = RawInput {
        households: Raw::text("１,２５０户"),
        planned: Raw::Object,
        planned_total_m2: Raw::text("420 m²"),
        ..scenarios[0].clone()
    };
    let all: Vec<RawInput> = scenarios.into_iter().chain([typed]).collect();

    let set = builtin();
    let full = rate(&all, |input| {
        black_box(evaluate_raw(&set, black_box(input)).ok());
    });
    let inputs: Vec<Input> = all.iter().filter_map(|r| validate(&set, r).ok()).collect();
    let figures_only = rate(&inputs, |input| {
        black_box(figures(&set, black_box(input)));
    });
    let numbers = rate(&all, |input| {
        black_box(
            validate(&set, black_box(input))
                .map(|i| figures(&set, &i))
                .ok(),
        );
    });
    println!("native with explanation text (evaluate_raw): {full:.0} evaluations/s");
    println!("native figures of already validated inputs: {figures_only:.0} evaluations/s");
    // Last: the line `cargo xtask bench` shows.
    println!(
        "native numbers-only (validate + figures, no strings): {numbers:.0} evaluations/s; with explanation text {full:.0}/s ({} mixed scenarios)",
        all.len()
    );
}

/// Calls `run` on every item over and over for two seconds: calls per second.
fn rate<T>(items: &[T], mut run: impl FnMut(&T)) -> f64 {
    let budget = Duration::from_secs(2);
    let start = Instant::now();
    let mut calls: u64 = 0;
    while start.elapsed() < budget {
        for item in items {
            run(item);
        }
        calls += items.len() as u64;
    }
    calls as f64 / start.elapsed().as_secs_f64()
}
