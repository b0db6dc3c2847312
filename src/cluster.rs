//! Union-find over sorted edges: deterministic connected components.

/// Disjoint sets with path halving and union by smaller index (the root of a
/// set is always its smallest member, so ids never depend on edge order).
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    pub(crate) fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi as usize] = lo;
        }
    }

    /// Members grouped by set, sets ordered by smallest member, members ascending.
    pub(crate) fn groups(&mut self) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut slot = vec![u32::MAX; n];
        let mut out: Vec<Vec<u32>> = Vec::new();
        for x in 0..n as u32 {
            let r = self.find(x) as usize;
            if slot[r] == u32::MAX {
                slot[r] = out.len() as u32;
                out.push(Vec::new());
            }
            out[slot[r] as usize].push(x);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Naive connected components by repeated relabelling.
    fn naive(n: usize, edges: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let mut label: Vec<u32> = (0..n as u32).collect();
        loop {
            let mut changed = false;
            for &(a, b) in edges {
                let m = label[a as usize].min(label[b as usize]);
                for x in [a, b] {
                    if label[x as usize] != m {
                        label[x as usize] = m;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let mut out: Vec<Vec<u32>> = Vec::new();
        for l in 0..n as u32 {
            let g: Vec<u32> = (0..n as u32).filter(|&x| label[x as usize] == l).collect();
            if !g.is_empty() {
                out.push(g);
            }
        }
        out
    }

    proptest! {
        #[test]
        fn components_match_naive(n in 1usize..40, raw in proptest::collection::vec((0u32..40, 0u32..40), 0..60)) {
            let edges: Vec<(u32, u32)> = raw.into_iter().map(|(a, b)| (a % n as u32, b % n as u32)).collect();
            let mut uf = UnionFind::new(n);
            for &(a, b) in &edges { uf.union(a, b); }
            prop_assert_eq!(uf.groups(), naive(n, &edges));
        }
    }
}
