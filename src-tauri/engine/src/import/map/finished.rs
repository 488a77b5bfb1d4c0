//! The orders (or a statement's correctable references) already finished in a streamed file,
//! in 8 bytes each: a 64-bit fingerprint of the id. Exports list an order's lines together
//! and a statement each reference once; the importer keeps only the current order's state
//! (writes a statement row as read) and asks this set whether a "new" id was in fact seen
//! before. A false "seen" (two ids with one fingerprint, odds ~n²/2⁶⁵) only costs a re-read
//! of the file with everything held, never a wrong figure.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Fingerprints waiting in the hash set before they are merged into the sorted run: the
/// set stays small (≤ 1 MB) and merges stay rare.
const RECENT: usize = 1 << 16;

#[derive(Default)]
pub struct Finished {
    /// Merged fingerprints, ascending.
    sorted: Vec<u64>,
    recent: HashSet<u64>,
}

fn fingerprint(id: &str) -> u64 {
    // SipHash with fixed keys: the same id gives the same fingerprint within the process.
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl Finished {
    pub fn insert(&mut self, id: &str) {
        self.recent.insert(fingerprint(id));
        if self.recent.len() >= RECENT {
            self.merge();
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        let f = fingerprint(id);
        self.recent.contains(&f) || self.sorted.binary_search(&f).is_ok()
    }

    /// Merge the recent fingerprints into the sorted run, in place from the back (no second
    /// copy of the run).
    fn merge(&mut self) {
        let mut recent: Vec<u64> = self.recent.drain().collect();
        recent.sort_unstable();
        let old = self.sorted.len();
        self.sorted.reserve_exact(recent.len());
        self.sorted.resize(old + recent.len(), 0);
        let (mut i, mut j, mut k) = (old, recent.len(), self.sorted.len());
        while j > 0 {
            k -= 1;
            if i > 0 && self.sorted[i - 1] > recent[j - 1] {
                i -= 1;
                self.sorted[k] = self.sorted[i];
            } else {
                j -= 1;
                self.sorted[k] = recent[j];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_across_merges() {
        let mut f = Finished::default();
        let n = RECENT * 2 + 10;
        // Interleaved halves, so that merges mix old and new fingerprints.
        for i in (0..n).step_by(2).chain((1..n).step_by(2)) {
            f.insert(&format!("order-{i}"));
        }
        assert!(f.sorted.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(f.sorted.len() + f.recent.len(), n);
        for i in 0..n {
            assert!(f.contains(&format!("order-{i}")), "order-{i}");
        }
        assert!(!f.contains(&format!("order-{n}")));
        assert!(!f.contains("another"));
    }
}
