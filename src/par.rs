//! The one place that decides between rayon and a sequential loop.
//!
//! With the `rayon` feature (default) work runs on the caller's ambient
//! rayon pool (never the global one explicitly; `pool.install(..)` or
//! `RAYON_NUM_THREADS` choose it). Indexed `collect` keeps input order, so
//! results are identical with any thread count and without the feature.

/// Maps `f` over `items` with one `init()` scratch value per worker.
pub(crate) fn map_init<T, S, R, I, F>(items: &[T], init: I, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, &T) -> R + Sync + Send,
{
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        items.par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        let mut s = init();
        items.iter().map(|t| f(&mut s, t)).collect()
    }
}

/// Maps `f` over `items`.
pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    map_init(items, || (), |_, t| f(t))
}

/// Calls `f` on every item, in parallel with the `rayon` feature.
pub(crate) fn for_each_mut<T, F>(items: &mut [T], f: F)
where
    T: Send,
    F: Fn(&mut T) + Sync + Send,
{
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        items.par_iter_mut().for_each(f);
    }
    #[cfg(not(feature = "rayon"))]
    {
        items.iter_mut().for_each(f);
    }
}

/// Runs `a` and `b`, in parallel with the `rayon` feature.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "rayon")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "rayon"))]
    {
        (a(), b())
    }
}

/// Sorts `v` (unstable), in parallel with the `rayon` feature; the result
/// is the same either way.
pub(crate) fn sort_unstable<T: Ord + Send>(v: &mut [T]) {
    #[cfg(feature = "rayon")]
    {
        use rayon::slice::ParallelSliceMut;
        v.par_sort_unstable();
    }
    #[cfg(not(feature = "rayon"))]
    {
        v.sort_unstable();
    }
}

/// Sorts `v` by `key` (unstable), in parallel with the `rayon` feature.
pub(crate) fn sort_unstable_by_key<T, K, F>(v: &mut [T], key: F)
where
    T: Send,
    K: Ord,
    F: Fn(&T) -> K + Sync,
{
    #[cfg(feature = "rayon")]
    {
        use rayon::slice::ParallelSliceMut;
        v.par_sort_unstable_by_key(key);
    }
    #[cfg(not(feature = "rayon"))]
    {
        v.sort_unstable_by_key(key);
    }
}
