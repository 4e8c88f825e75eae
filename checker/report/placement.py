"""Where a chart's marks go along the date axis so that none touches another.

A mark is wanted at its statement's as-of date; its footprint is the boxes it covers (half width,
top, bottom) around its x. Marks of one value are spread as a row, as little as keeps them apart
and in date order (least squares, by pool adjacent violators); then a mark that would touch one at
another height is nudged to the nearest free x. A chart too crowded for that gets None, and the
chart merges alike statements into fewer marks.
"""
from __future__ import annotations

from checker.report.gaps import as_axis_value

# A mark's footprint, in px either side of its x: a point (r 5) with its stroke (3.5 for a heavier one), a bar
# (stroke up to 5.5), an open bar's arrowhead. Marks keep CLEAR px between footprints.
POINT_HALF, BAR_HALF, ARROW_HALF, CLEAR = 6.75, 2.75, 5.0, 1.5
BUCKET = 2 * POINT_HALF + CLEAR  # no two marks further apart than this can touch
MAX_NUDGE = 90     # px a mark may be moved aside from its row's place to clear a mark at another height


def footprint(observation, y, plot) -> tuple[tuple[float, float, float], ...]:
    """What a statement's mark covers, as boxes (half width, top, bottom) around its x."""
    low, high = as_axis_value(observation.get("low")), as_axis_value(observation.get("high"))
    if low is not None and high is not None and low == high:
        return ((POINT_HALF, y(low) - POINT_HALF, y(low) + POINT_HALF),)
    bottom = y(low) if low is not None else plot["bottom"]
    top = y(high) if high is not None else plot["top"]
    boxes = [(BAR_HALF, min(top, bottom) - BAR_HALF, max(top, bottom) + BAR_HALF)]
    if low is None:
        boxes.append((ARROW_HALF, plot["bottom"] - 7, plot["bottom"]))
    if high is None:
        boxes.append((ARROW_HALF, plot["top"], plot["top"] + 7))
    return tuple(boxes)


def half_width(shape) -> float:
    return max(half for half, _, _ in shape)


def _spread(wanted: list[float], gap: float, left: float, right: float) -> list[float]:
    """Positions for marks wanted at these x (ascending), at least `gap` apart, within [left, right], as close
    to where they are wanted as can be (least squares): a crowd spreads evenly around its centre.

    With p[i] = q[i] + i * gap, "p at least gap apart" is "q never decreasing", so q is the isotonic
    regression of wanted[i] - i * gap (pool adjacent violators); a row too crowded for `gap` gets less.
    """
    count = len(wanted)
    gap = min(gap, (right - left) / (count - 1)) if count > 1 else gap
    high = right - (count - 1) * gap
    blocks: list[list[float]] = []  # [sum, count] of pooled values
    for index, x in enumerate(wanted):
        blocks.append([min(max(x - index * gap, left), high), 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, size = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += size
    positions: list[float] = []
    for total, size in blocks:
        positions += [total / size] * int(size)
    return [q + index * gap for index, q in enumerate(positions)]


def _touch(x, shape, other_x, other) -> bool:
    return any(abs(x - other_x) < half + other_half + CLEAR and top < other_bottom and other_top < bottom
               for half, top, bottom in shape for other_half, other_top, other_bottom in other)


def placed(wanted: list[tuple[float, tuple]], plot) -> list[float] | None:
    """An x for each mark (wanted x, footprint) such that no two marks touch, each as near where it is wanted
    as can be.

    Marks of one value (the same footprint) are spread as a row first (`_spread`: a crowd evenly around its
    centre, in date order). Then, in order along the axis, a mark that would touch one already placed at
    another height takes the nearest free x within MAX_NUDGE either way; None when one has none.
    """
    xs = [0.0] * len(wanted)
    rows: dict[tuple, list[int]] = {}
    for index, (_, shape) in enumerate(wanted):
        rows.setdefault(shape, []).append(index)
    for shape, members in rows.items():
        half = half_width(shape)
        members.sort(key=lambda i: (wanted[i][0], i))
        spread = _spread([wanted[i][0] for i in members], 2 * half + CLEAR, plot["left"] + half + 1,
                         plot["right"] - half - 1)
        for index, x in zip(members, spread):
            xs[index] = x
    taken: dict[int, list[tuple[float, tuple]]] = {}

    def free(x: float, shape) -> bool:
        bucket = int(x // BUCKET)
        return not any(_touch(x, shape, other_x, other) for near in (bucket - 1, bucket, bucket + 1)
                       for other_x, other in taken.get(near, ()))

    for index in sorted(range(len(wanted)), key=lambda i: (xs[i], i)):
        shape = wanted[index][1]
        half, x = half_width(shape), xs[index]
        if not free(x, shape):
            left, right = plot["left"] + half + 1, plot["right"] - half - 1
            candidates = (x + sign * shift for shift in range(1, MAX_NUDGE + 1) for sign in (1, -1))
            x = next((c for c in candidates if left <= c <= right and free(c, shape)), None)
            if x is None:
                return None  # too crowded: the caller draws fewer, merged marks
        taken.setdefault(int(x // BUCKET), []).append((x, shape))
        xs[index] = round(x, 1)
    return xs
