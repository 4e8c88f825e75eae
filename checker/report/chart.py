"""Timeline chart geometry for one fact: x = as-of date, y = value, one mark per observation.

Returns plain dicts of pixel coordinates; the template draws them as inline SVG. An exact
value is a point, an interval a vertical bar, an open bound a dashed bar running to the
plot edge with an arrowhead. Projected and planned statements are hollow and dashed, so a
forecast next to a count never reads like a contradiction; colour is the finding status.
"""
from __future__ import annotations

import math
from datetime import date

from checker.report.gaps import as_axis_value
from checker.report.model import compact_interval
from checker.values import compact_number, is_date_value

WIDTH, HEIGHT = 1000, 240
LEFT, RIGHT, TOP, BOTTOM = 86, 24, 22, 38
JITTER = 9  # px between marks that share an as-of date
FORWARD_LOOKING = ("projected", "planned", "denied")


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def number_ticks(low: float, high: float) -> list[tuple[float, str]]:
    step = _nice_step(high - low)
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


def _mark(observation, x, y, plot, status, kind, anchor):
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
                arrows.append(f"{x - 5},{edge - 7 * direction} {x + 5},{edge - 7 * direction} {x},{edge}")
            else:
                lines.append({"x1": x - 6, "y1": y(bound), "x2": x + 6, "y2": y(bound), "dashed": False,
                              "open": False})
    value = compact_interval(observation.get("low"), observation.get("high"), kind)
    title = (f"{observation['source']} · as of {observation.get('as_of')} · {modality} · {value} "
             f"(“{observation['value_text']}”) · {status.replace('_', ' ')}")
    return {"href": f"#{anchor}", "title": title, "status": status, "modality": modality,
            "hollow": dashed, "lines": lines, "circles": circles, "arrows": arrows}


def timeline(section: dict, statuses: dict[str, str], anchors: dict[str, str], index: int) -> dict | None:
    """The chart view-model for one fact section, or None when nothing has both a date and a value."""
    kind = section["kind"]
    dated = [o for o in section["observations"] if o.get("as_of") and as_axis_value(o["as_of"]) is not None]
    bounds = [as_axis_value(b) for o in dated for b in (o.get("low"), o.get("high")) if b is not None]
    if not dated or not bounds:
        return None
    dates_as_values = any(is_date_value(o.get("low") or o.get("high")) for o in dated)
    x_low, x_high = _padded([as_axis_value(o["as_of"]) for o in dated], 180)
    y_low, y_high = _padded(bounds, 30 if dates_as_values else max(1.0, abs(bounds[0]) * 0.1))
    plot = {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}
    x = _scale(x_low, x_high, plot["left"], plot["right"])
    y = _scale(y_low, y_high, plot["bottom"], plot["top"])

    # Marks closer than JITTER px (same or nearby as-of dates) are spread sideways so none hides another.
    placed = sorted(((x(as_axis_value(o["as_of"])), o["source"], o["start"], o["id"], o) for o in dated))
    clusters: list[list[tuple]] = []
    for item in placed:
        if clusters and item[0] - clusters[-1][-1][0] < JITTER:
            clusters[-1].append(item)
        else:
            clusters.append([item])
    marks = []
    for cluster in clusters:
        centre = sum(item[0] for item in cluster) / len(cluster)
        for position, (_, _, _, _, observation) in enumerate(cluster):
            offset = (position - (len(cluster) - 1) / 2) * JITTER
            status = statuses.get(observation["id"], "none")
            marks.append(_mark(observation, round(centre + offset, 1), y, plot, status, kind,
                               anchors[observation["id"]]))
    y_ticks = (date_ticks if dates_as_values else number_ticks)(y_low, y_high)
    unit = section["fact"].get("unit") or ""
    unit = unit[0] if isinstance(unit, list) and unit else (unit if isinstance(unit, str) else "")
    undated = len(section["observations"]) - len(dated)
    values = "; ".join(f"{o['source']} {compact_interval(o.get('low'), o.get('high'), kind)} as of {o['as_of']}"
                       for o in dated)
    return {
        "id": f"chart-{index}",
        "width": WIDTH, "height": HEIGHT, "plot": plot,
        "title": f"Timeline of {section['label']}: value by as-of date",
        "desc": values + (f"; {undated} statement(s) without an as-of date not drawn" if undated else ""),
        "x_ticks": [{"x": x(v), "label": label} for v, label in date_ticks(x_low, x_high)],
        "y_ticks": [{"y": y(v), "label": label} for v, label in y_ticks],
        "x_label": "as of",
        "y_label": "date" if dates_as_values else ("percent" if kind == "percent" else (unit or kind or "value")),
        "marks": marks,
        "undated": undated,
    }
