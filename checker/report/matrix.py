"""The report's "Who says what" matrix: facts down, sources across in the order they spoke.

A cell lists each value its source states for the fact, with the fact's unit, once per value,
modality and status, each linked to its statement: a report and a projection in one article are
two values, each in its own colour, the projection marked as such. The cell's background is the
most pressing status among them.
"""
from __future__ import annotations

import re

from checker.report.chart import FORWARD_LOOKING, display_unit
from checker.report.model import STATUS_LABELS, compact_interval, observation_order, status_rank
from checker.values import _plural as plural

CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_FIRST_DIGIT = re.compile(r"(?<![\d.,])(?=\d)")


_ID_BREAK = re.compile(r"(?<=[-_.])(?=[A-Za-z]|\d{4}(?:\D|$))")


def id_pieces(source_id: str) -> list[str]:
    """A source id cut where a column header may wrap it: after a separator, before a word or a year, so
    'lowland-ledger-2023-03' wraps as 'lowland-' 'ledger-' '2023-03', never inside a word or a date."""
    return [piece for piece in _ID_BREAK.split(source_id) if piece]


def with_unit(value: str, low, high, kind: str, unit: str) -> str:
    """'85 million' -> '€85 million', '≥ 1,000' -> '≥ 1,000 workers', '1' -> '1 lane'; dates and percents as
    they are."""
    if not unit or kind in ("date", "percent", "") or value == "any":
        return value
    if kind == "money":
        code = unit.upper()
        sign = CURRENCY_SIGNS.get(code)
        return _FIRST_DIGIT.sub(sign, value) if sign else f"{value} {code}"
    if kind == "quantity":
        return f"{value} {unit}"
    one = low is not None and high is not None and low == high == 1
    return f"{value} {unit if one else plural(unit)}"


def _values(mine: list[dict], kind: str, unit: str, statuses: dict, row_ids: dict) -> list[dict]:
    """One entry per value, modality and status a source states, in report order."""
    shown: dict[tuple, dict] = {}
    for observation in sorted(mine, key=observation_order):
        low, high = observation.get("low"), observation.get("high")
        text = with_unit(compact_interval(low, high, kind), low, high, kind, unit)
        modality = observation.get("modality") or "reported"
        status = statuses.get(observation["id"], "none")
        key = (text, modality, status)
        if key not in shown:
            shown[key] = {"pieces": text.split(" – "), "modality": modality, "status": status,
                          "forward": modality in FORWARD_LOOKING, "href": f"#{row_ids[observation['id']]}",
                          "title": f"{modality} · {STATUS_LABELS.get(status, status)}"}
    return list(shown.values())


def matrix(facts: list[dict], sections: list[dict], documents: list[dict], statuses: dict,
           row_ids: dict, groups: list[dict]) -> dict:
    """The matrix's view model: the sources (columns, in the documents' order) and one row per fact. A titled
    group (the discovered facts beside a catalog's) opens with its title."""
    titles = {group["facts"][0]["key"]: group["title"] for group in groups if group["title"] and group["facts"]}
    rows = []
    for fact, section in zip(facts, sections):
        # Grouped once per fact: a lookup per cell, where a scan per cell was facts x sources x observations.
        by_source: dict[str, list[dict]] = {}
        for observation in section["observations"]:
            by_source.setdefault(observation["source"], []).append(observation)
        unit = display_unit(section)
        cells = []
        for document in documents:
            mine = by_source.get(document["id"], [])
            values = _values(mine, section["kind"], unit, statuses, row_ids) if mine else []
            status = min((value["status"] for value in values), key=status_rank) if values else ""
            cells.append({"values": values, "status": status})
        rows.append({"fact": fact, "cells": cells, "group_title": titles.get(fact["key"], "")})
    return {"sources": [{**document, "pieces": id_pieces(document["id"])} for document in documents], "rows": rows,
            "statuses": sorted({cell["status"] for row in rows for cell in row["cells"] if cell["status"]},
                               key=status_rank)}
