//! The rate limiter's cost as client addresses grow (not part of `cargo test`):
//! `make bench-limiter`, or
//!
//! ```text
//! cargo bench -p server --bench limiter -- [--checks 2000000]
//! ```
//!
//! For 1,000, 10,000, 100,000 and 1,000,000 distinct client addresses, counts `--checks`
//! requests spread over them (each address in turn, as a flood of many clients behind a
//! trusted proxy would arrive) on one limiter, from two threads, and reports the time per
//! check and the addresses the limiter keeps in memory. For scale, "floor" is the same pattern
//! counted in one plain, unbounded `HashMap` on one thread: what memory alone costs once the
//! addresses no longer fit the processor's caches. Budget (issue "Hardening"): the cost stays
//! flat from a thousand to a million addresses (bounded by that floor), and memory stays
//! bounded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Instant;

use server::config::RateLimitSettings;
use server::http::guard::RateLimiter;

fn main() {
    let mut checks: u64 = 2_000_000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--checks" {
            checks = args.next().and_then(|v| v.parse().ok()).expect("--checks N");
        }
    }
    let settings = RateLimitSettings {
        sign_in_per_minute: 20,
        global_per_minute: 600,
        one_time_code_per_minute: 5,
    };
    println!("addresses  ns/check  floor ns  kept in memory");
    for addresses in [1_000u32, 10_000, 100_000, 1_000_000] {
        let limiter = Arc::new(RateLimiter::new(settings));
        // Every address seen once first, so the measured checks run on a full limiter.
        let warm = Instant::now();
        for i in 0..addresses {
            limiter.check_global(address(i), warm);
        }
        let threads = 2u64;
        let started = Instant::now();
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let limiter = limiter.clone();
                std::thread::spawn(move || {
                    let now = Instant::now();
                    let mut allowed = 0u64;
                    for n in 0..checks / threads {
                        let i = u32::try_from((n * threads + t) % u64::from(addresses)).unwrap();
                        allowed += u64::from(limiter.check_global(address(i), now));
                    }
                    allowed
                })
            })
            .collect();
        let allowed: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
        let elapsed = started.elapsed();
        let per_check = elapsed.as_nanos() as f64 * threads as f64 / checks as f64;
        let floor = plain_map(addresses, checks);
        println!(
            "{addresses:>9}  {per_check:>8.0}  {floor:>8.0}  {:>14}   ({allowed} of {checks} allowed)",
            limiter.len()
        );
    }
}

/// ns per count of the same pattern in one unbounded `HashMap` (no windows, no locks).
fn plain_map(addresses: u32, checks: u64) -> f64 {
    let mut map = std::collections::HashMap::new();
    for i in 0..addresses {
        map.insert(address(i), 0u32);
    }
    let started = Instant::now();
    for n in 0..checks {
        let i = u32::try_from(n % u64::from(addresses)).unwrap();
        *map.entry(address(i)).or_insert(0) += 1;
    }
    let per = started.elapsed().as_nanos() as f64 / checks as f64;
    std::hint::black_box(map.len());
    per
}

/// The `i`-th client address (10.0.0.0/8 and on).
fn address(i: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x0A00_0000u32.wrapping_add(i)))
}
