//! Counting events per key in fixed one-minute windows, in memory that stays bounded however
//! many keys (client addresses) turn up: the rate limits and the audit of refusals use it.
//!
//! Keys are spread over shards, each with its own lock. A shard keeps two generations of
//! windows: new keys go into the current one, and when it is full (or a window's time has
//! passed) the current generation becomes the previous one and the old previous one is dropped.
//! A key seen again is moved back into the current generation, so an address that keeps
//! sending keeps its count; one not seen for two rotations is forgotten. Every operation is a
//! constant number of hash-map steps, so the cost per request stays flat from a thousand
//! addresses to millions; under a flood of new addresses a rotation can forget a quiet
//! address's count early, which only ever lets that address through, never refuses it.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);

const SHARDS: usize = 64;

/// Keys one shard's generation holds before it rotates: at most
/// `2 × SHARDS × GENERATION` keys are kept (about 260,000).
const GENERATION: usize = 2_048;

struct Shard<K> {
    current: HashMap<K, (Instant, u32)>,
    previous: HashMap<K, (Instant, u32)>,
    rotated_at: Instant,
}

/// Events per key in the current one-minute window of that key.
pub struct WindowCounter<K> {
    shards: Box<[Mutex<Shard<K>>]>,
    hasher: RandomState,
}

impl<K: Hash + Eq + Clone> Default for WindowCounter<K> {
    fn default() -> Self {
        WindowCounter::new()
    }
}

impl<K: Hash + Eq + Clone> WindowCounter<K> {
    pub fn new() -> WindowCounter<K> {
        let now = Instant::now();
        let shards = (0..SHARDS)
            .map(|_| {
                Mutex::new(Shard {
                    current: HashMap::new(),
                    previous: HashMap::new(),
                    rotated_at: now,
                })
            })
            .collect();
        WindowCounter { shards, hasher: RandomState::new() }
    }

    /// Counts one event for `key` at `now`; returns how many the key's window holds, this one
    /// included, and when that window started.
    pub fn count(&self, key: &K, now: Instant) -> (u32, Instant) {
        let index = usize::try_from(self.hasher.hash_one(key)).unwrap_or(0) % SHARDS;
        let Ok(mut shard) = self.shards[index].lock() else {
            // A panic while holding the lock: count nothing rather than refuse everyone.
            return (1, now);
        };
        if shard.current.len() >= GENERATION || now.duration_since(shard.rotated_at) >= WINDOW {
            // The oldest generation is emptied and reused as the new current one: its memory
            // stays allocated, so rotating allocates nothing.
            let shard = &mut *shard;
            std::mem::swap(&mut shard.current, &mut shard.previous);
            shard.current.clear();
            shard.rotated_at = now;
        }
        let window = match shard.current.get_mut(key) {
            Some(window) => window,
            None => {
                let carried = shard.previous.remove(key).unwrap_or((now, 0));
                shard.current.entry(key.clone()).or_insert(carried)
            }
        };
        if now.duration_since(window.0) >= WINDOW {
            *window = (now, 0);
        }
        window.1 = window.1.saturating_add(1);
        (window.1, window.0)
    }

    /// Keys held now (for the benchmark and tests).
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .filter_map(|shard| shard.lock().ok().map(|s| s.current.len() + s.previous.len()))
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_counts_within_its_window_and_starts_again_after_it() {
        let counter = WindowCounter::new();
        let t0 = Instant::now();
        assert_eq!(counter.count(&"a", t0).0, 1);
        assert_eq!(counter.count(&"a", t0 + Duration::from_secs(30)).0, 2);
        assert_eq!(counter.count(&"b", t0).0, 1, "keys are apart");
        // The shard rotated (a window passed) but "a" was carried over and its window ended.
        assert_eq!(counter.count(&"a", t0 + WINDOW).0, 1);
    }

    #[test]
    fn memory_stays_bounded_and_a_busy_key_keeps_its_count() {
        let counter = WindowCounter::new();
        let t0 = Instant::now();
        for i in 0..1_000_000u32 {
            counter.count(&i, t0);
            if i % 1_000 == 0 {
                counter.count(&u32::MAX, t0);
            }
        }
        assert!(counter.len() <= 2 * SHARDS * GENERATION, "{}", counter.len());
        assert_eq!(counter.count(&u32::MAX, t0).0, 1_001, "a key seen often is never forgotten");
    }
}
