"""Timeline chart geometry for one fact: x = as-of date, y = value, one mark per observation.

Returns plain dicts of pixel coordinates; the template draws them as inline SVG. An exact
value is a point, an interval a vertical bar, an open bound a dashed bar running to the
plot edge with an arrowhead. Projected and planned statements are hollow and dashed, so a
forecast next to a count never reads like a contradiction; colour is the finding status
(a statement in no finding has its own). Marks never overlap (checker.report.placement), and
alike statements at nearly one date are one heavier mark. Every label stays inside the chart:
the left margin is as wide as the longest value label, and count axes tick whole numbers.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Callable

from checker.report.gaps import as_axis_value
from checker.report.model import compact_interval
from checker.report.placement import ARROW_HALF, CLEAR, footprint, half_width, placed
from checker.values import _plural as plural
from checker.values import compact_number, is_date_value

WIDTH, HEIGHT = 1000, 240
RIGHT, TOP, BOTTOM = 24, 22, 38
CHAR_WIDTH = 6.6   # px per character of an 11px tick label, generously (digits and lower case)
MERGE_REACHES = (1, 2, 4, 8, 16)  # how far apart (in marks' widths) alike statements become one mark, in turn
FORWARD_LOOKING = ("projected", "planned", "denied")
WHOLE_KINDS = ("count",)  # values that are whole numbers: whole-number ticks
MAX_NAMED = 12     # sources a merged mark's tooltip names


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def number_ticks(low: float, high: float, whole: bool = False) -> list[tuple[float, str]]:
    """A handful of round ticks between low and high; whole numbers only for counts."""
    step = _nice_step(high - low)
    if whole:
        step = max(1, math.ceil(step))
    first = math.ceil(low / step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append((value, compact_number(round(value, 10))))
        value += step
    return ticks


def date_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Year, month or day ticks (as ordinals), whichever gives a handful of labels."""
    first, last = date.fromordinal(int(math.ceil(low))), date.fromordinal(int(high))
    span_days = high - low
    if span_days > 3 * 365:
        step = max(1, math.ceil((last.year - first.year + 1) / 7))
        years = range(first.year + (first != date(first.year, 1, 1)), last.year + 1, step)
        return [(date(year, 1, 1).toordinal(), str(year)) for year in years]
    if span_days > 80:
        months = []
        year, month = first.year, first.month + (first.day != 1)
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            if date(year, month, 1) > last:
                break
            months.append(date(year, month, 1))
            month += 1
        step = max(1, math.ceil(len(months) / 7))
        return [(d.toordinal(), f"{d:%Y-%m}") for d in months[::step]]
    step = max(1, math.ceil((span_days + 1) / 6))
    return [(ordinal, date.fromordinal(ordinal).isoformat())
            for ordinal in range(first.toordinal(), last.toordinal() + 1, step)]


def _padded(values: list[float], pad_when_flat: float) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        return low - pad_when_flat, high + pad_when_flat
    margin = (high - low) * 0.12
    return low - margin, high + margin


def _scale(low: float, high: float, out_low: float, out_high: float):
    return lambda value: round(out_low + (value - low) * (out_high - out_low) / (high - low), 1)


def _wanted(ordered: list[dict], x, y, plot, statuses: dict) -> dict[tuple, tuple[float, list[float], list[dict]]]:
    """Statements alike (the same footprint, modality and status), each key -> (the half width of their footprint,
    the x each is wanted at, the statements), in order: what _alike reads at every reach it tries, worked out once
    (a fact of 8,000 statements may try them all)."""
    # Thousands of statements share a few dates and values: each x and footprint is worked out once.
    places: dict = {}    # as-of date -> x
    extents: dict = {}   # (low, high) -> footprint
    rows: dict = {}
    for observation in ordered:
        as_of, bounds = observation["as_of"], (observation.get("low"), observation.get("high"))
        if as_of not in places:
            places[as_of] = x(as_axis_value(as_of))
        if bounds not in extents:
            extents[bounds] = footprint(observation, y, plot)
        extent = extents[bounds]
        key = (extent, observation.get("modality") or "reported", statuses.get(observation["id"], "none"))
        row = rows.get(key)
        if row is None:
            row = rows[key] = (half_width(extent), [], [])
        row[1].append(places[as_of])
        row[2].append(observation)
    return rows


def _alike(rows: dict, reach: float = 1) -> list[tuple[float, tuple, list]]:
    """Statements drawn as one mark: the same value, modality and status, said at as-of dates less than
    `reach` marks' widths apart (at 1, they would lie on top of one another) from the first of them, from
    _wanted's rows. Each is (wanted x, footprint, statements)."""
    groups = []
    for key, (half, positions, statements) in rows.items():
        gap = reach * (2 * half + CLEAR)
        start, xs, members = 0.0, None, None
        for position, observation in zip(positions, statements):
            if xs is not None and position - start < gap:
                xs.append(position)
                members.append(observation)
                continue
            if xs is not None:
                groups.append((round(sum(xs) / len(xs), 1), key[0], members))
            start, xs, members = position, [position], [observation]
        if xs is not None:
            groups.append((round(sum(xs) / len(xs), 1), key[0], members))
    return sorted(groups, key=lambda group: (group[0], group[2][0]["id"]))


def _mark(members: list[dict], x, y, plot, status, kind, href):
    """The SVG pieces of one mark: a statement, or several alike statements (a heavier mark; its tooltip
    names them all)."""
    observation = members[0]
    low, high = as_axis_value(observation.get("low")), as_axis_value(observation.get("high"))
    modality = observation.get("modality") or "reported"
    dashed = modality in FORWARD_LOOKING
    lines, circles, arrows = [], [], []
    if low is not None and high is not None and low == high:
        circles.append({"cx": x, "cy": y(low), "r": 5})
    else:
        bottom = y(low) if low is not None else plot["bottom"]
        top = y(high) if high is not None else plot["top"]
        lines.append({"x1": x, "y1": bottom, "x2": x, "y2": top, "dashed": dashed, "open": False})
        for bound, edge, direction in ((low, plot["bottom"], 1), (high, plot["top"], -1)):
            if bound is None:
                # Open bound: the bar fades into a dashed run to the edge and ends in an arrowhead.
                lines[-1]["open"] = True
                arrows.append(f"{x - ARROW_HALF},{edge - 7 * direction} {x + ARROW_HALF},{edge - 7 * direction} "
                              f"{x},{edge}")
    value = compact_interval(observation.get("low"), observation.get("high"), kind)
    if len(members) == 1:
        title = (f"{observation['source']} · as of {observation.get('as_of')} · {modality} · {value} "
                 f"(“{observation['value_text']}”) · {status.replace('_', ' ')}")
    else:
        dates = sorted({o.get("as_of") or "" for o in members})
        when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
        named = ", ".join(dict.fromkeys(o["source"] for o in members[:MAX_NAMED]))
        more = f" and {len(members) - MAX_NAMED} more" if len(members) > MAX_NAMED else ""
        title = (f"{len(members)} statements · as of {when} · {modality} · {value} · {status.replace('_', ' ')}: "
                 f"{named}{more}")
    return {"href": href, "title": title, "status": status, "modality": modality, "count": len(members),
            "hollow": dashed, "lines": lines, "circles": circles, "arrows": arrows}


def timeline(section: dict, statuses: dict[str, str], anchors: dict[str, str], index: int,
             page_of: Callable[[dict], str] | None = None) -> dict | None:
    """The chart view-model for one fact section, or None when nothing has both a date and a value. Each mark
    links its first statement's row (`anchors`: id -> its row's anchor), on its page where the fact's statements
    are on pages of their own (`page_of`: statement -> page), else on this one."""
    kind = section["kind"]
    # each as-of date's place on the axis worked out once: a fact's thousands of statements share a few hundred
    axis = {as_of: as_axis_value(as_of) for as_of in {o.get("as_of") for o in section["observations"]} if as_of}
    dated = [o for o in section["observations"] if o.get("as_of") and axis[o["as_of"]] is not None]
    bounds = [as_axis_value(b) for o in dated for b in (o.get("low"), o.get("high")) if b is not None]
    if not dated or not bounds:
        return None
    dates_as_values = any(is_date_value(o.get("low") or o.get("high")) for o in dated)
    x_low, x_high = _padded([axis[o["as_of"]] for o in dated], 180)
    y_low, y_high = _padded(bounds, 30 if dates_as_values else max(1.0, abs(bounds[0]) * 0.1))
    y_ticks = date_ticks(y_low, y_high) if dates_as_values else number_ticks(y_low, y_high, kind in WHOLE_KINDS)
    # As wide as the longest value label needs, so none is cut off at the chart's left edge.
    left = max(56, math.ceil(16 + CHAR_WIDTH * max((len(label) for _, label in y_ticks), default=0)))
    plot = {"left": left, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}
    x = _scale(x_low, x_high, plot["left"], plot["right"])
    y = _scale(y_low, y_high, plot["bottom"], plot["top"])

    ordered = sorted(dated, key=lambda o: (axis[o["as_of"]], o["source"], o["start"], o["id"]))
    wanted = _wanted(ordered, x, y, plot, statuses)
    # A chart too crowded for every mark to stand free draws alike statements further apart as one mark.
    for reach in MERGE_REACHES:
        groups = _alike(wanted, reach)
        xs = placed([(at, extent) for at, extent, _ in groups], plot)
        if xs is not None:
            break
    else:
        xs = [at for at, _, _ in groups]
    marks = [_mark(members, position, y, plot, statuses.get(members[0]["id"], "none"), kind,
                   (page_of(members[0]) if page_of is not None else "") + "#" + anchors[members[0]["id"]])
             for position, (_, _, members) in zip(xs, groups)]
    undated = len(section["observations"]) - len(dated)
    shown: dict = {}   # the bounds (with their types: 1 and 1.0 may show apart) -> the value as shown

    def value(observation: dict) -> str:
        low, high = observation.get("low"), observation.get("high")
        key = (type(low), low, type(high), high)
        if key not in shown:
            shown[key] = compact_interval(low, high, kind)
        return shown[key]

    values = "; ".join(f"{o['source']} {value(o)} as of {o['as_of']}" for o in dated)
    return {
        "id": f"chart-{index}",
        "width": WIDTH, "height": HEIGHT, "plot": plot,
        "title": f"Timeline of {section['label']}: value by as-of date",
        "desc": values + (f"; {undated} statement(s) without an as-of date not drawn" if undated else ""),
        "x_ticks": [_x_tick(x(v), label) for v, label in date_ticks(x_low, x_high)],
        "y_ticks": [{"y": y(v), "label": label} for v, label in y_ticks],
        "x_label": "as of",
        "y_label": "date" if dates_as_values else axis_label(kind, display_unit(section)),
        "marks": marks,
        "undated": undated,
        "unfound": any(mark["status"] == "none" for mark in marks),
        "merged": any(mark["count"] > 1 for mark in marks),
    }


def _x_tick(x: float, label: str) -> dict:
    """A date tick, its label anchored so that it stays inside the chart near either edge."""
    half = CHAR_WIDTH * len(label) / 2
    anchor = "end" if x + half > WIDTH - 2 else ("start" if x - half < 2 else "middle")
    return {"x": x, "label": label, "anchor": anchor}


def display_unit(section: dict) -> str:
    """The unit a fact's values are shown in: its catalog's first unit, else what its first statement counts."""
    units = section["fact"].get("units") or []
    if units:
        return str(units[0])
    unit = section["fact"].get("unit")
    if isinstance(unit, list):
        return str(unit[0]) if unit else ""
    if unit:
        return str(unit).split(",")[0].strip()
    return next((str(o["unit"]) for o in section["observations"] if o.get("unit")), "")


def axis_label(kind: str, unit: str) -> str:
    """What the value axis counts: 'hearings', 'EUR', 'km', 'percent'."""
    if kind == "percent":
        return "percent"
    if not unit:
        return kind or "value"
    if kind == "money":
        return unit.upper()
    return plural(unit) if kind in ("count", "duration") else unit
