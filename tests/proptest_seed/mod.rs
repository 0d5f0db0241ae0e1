//! The proptest runner the property tests share: a fixed seed, so CI checks the same cases on
//! every run and a failure reproduces. `COPYDESK_FUZZ_CASES=N` sets the budget and
//! `COPYDESK_FUZZ_RANDOM=1` draws fresh cases.

use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// `COPYDESK_FUZZ_CASES`, or `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("COPYDESK_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A runner for `config`: seeded unless `COPYDESK_FUZZ_RANDOM` is set.
pub fn runner(config: Config) -> TestRunner {
    if std::env::var_os("COPYDESK_FUZZ_RANDOM").is_some() {
        TestRunner::new(config)
    } else {
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    }
}
