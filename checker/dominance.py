"""Counting points below and to the left of query points (2-D dominance), in whole-array NumPy passes.

`count_below(px, py, qx, qy)` answers, for every query i, how many points j have px[j] < qx[i] and
py[j] < qy[i]; `count_below_other(..., psrc, qsrc)` counts only points of another source. They are the
one primitive behind checker.involvement: "how many statements are earlier than this one by more than
the window and below its value" is such a count.

Method (offline, all queries at once): points sorted by x; query i asks about the first k_i of them
(those with x below its own). That prefix is cut into aligned blocks of power-of-two sizes (the set bits
of k_i), and within each block size the points' y values are kept sorted block by block, so each block's
share is one binary search. About log2(n) levels, each a sort and a search over n values:
O((n + q) log^2 n) time, O(n + q) memory; never a cell per pair.
"""
from __future__ import annotations

import numpy as np


def _ranks(*arrays):
    """The arrays' values replaced by their rank among all of them (equal values, equal ranks), so strict
    comparisons between any two of them hold as they do for the values."""
    values = np.unique(np.concatenate(arrays))
    return [np.searchsorted(values, array, side="left").astype(np.int64) for array in arrays]


def count_below(px, py, qx, qy):
    """For each query i: the number of points j with px[j] < qx[i] and py[j] < qy[i] (no NaN anywhere)."""
    px, py, qx, qy = (np.asarray(a, dtype=float) for a in (px, py, qx, qy))
    counts = np.zeros(len(qx), dtype=np.int64)
    if not len(px) or not len(qx):
        return counts
    px, qx = _ranks(px, qx)
    py, qy = _ranks(py, qy)
    order = np.argsort(px, kind="stable")
    ys = py[order]
    prefix = np.searchsorted(px[order], qx, side="left")   # how many points lie left of each query
    return _prefix_counts(ys, prefix, qy)


def _prefix_counts(ys, prefix, qy):
    """For each query i: how many of ys[:prefix[i]] are below qy[i] (ys and qy are ranks)."""
    n = len(ys)
    counts = np.zeros(len(prefix), dtype=np.int64)
    span = int(max(ys.max(initial=0), qy.max(initial=0))) + 1
    size = 1
    while size <= n:
        level = size.bit_length() - 1
        has = (prefix >> level) & 1 == 1            # this block size is part of the query's prefix
        if has.any():
            blocks = np.arange(n, dtype=np.int64) // size
            keyed = np.sort(blocks * span + ys, kind="stable")   # y sorted within each aligned block
            # The block of this size inside the prefix starts where the larger blocks of the prefix end.
            block = (prefix[has] >> (level + 1) << 1)
            found = np.searchsorted(keyed, block * span + qy[has], side="left")
            counts[has] += found - block * size
        size <<= 1
    return counts


def count_below_other(px, py, psrc, qx, qy, qsrc):
    """As count_below, counting only points whose source (an integer) differs from the query's."""
    px, py, qx, qy = (np.asarray(a, dtype=float) for a in (px, py, qx, qy))
    psrc, qsrc = np.asarray(psrc, dtype=np.int64), np.asarray(qsrc, dtype=np.int64)
    every = count_below(px, py, qx, qy)
    if not len(px) or not len(qx):
        return every
    # Points of one source are consecutive when sorted by (source, x); a query's own source's points left
    # of it are the positions [lo, hi) there, and what lies below it in y is two prefix counts apart.
    rx, rqx = _ranks(px, qx)
    ry, rqy = _ranks(py, qy)
    span = int(max(rx.max(), rqx.max())) + 1
    keys = psrc * span + rx
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    lo = np.searchsorted(keys, qsrc * span, side="left")
    hi = np.searchsorted(keys, qsrc * span + rqx, side="left")
    ys = ry[order]
    same = _prefix_counts(ys, hi, rqy) - _prefix_counts(ys, lo, rqy)
    return every - same
