"""What a reader sees, decided in Python: chart axes and marks, the matrix's order and values, Markdown
sources shown as plain text. The browser test checks the same on rendered pages."""
from __future__ import annotations

import itertools
import re

import pytest

from checker.report.appendix import source_segments
from checker.report.chart import CHAR_WIDTH, number_ticks, timeline
from checker.report.html import view_model
from checker.report.markdown_text import markup, plain, plain_parts
from checker.report.matrix import id_pieces, with_unit

try:  # tests/ as a package (tests/__init__.py) or as a plain folder on sys.path
    from tests.test_report_fixture import audit_fixture
except ImportError:
    from test_report_fixture import audit_fixture


def _observation(index, source, low, high=None, as_of="2023-05-10", modality="reported", fact="n"):
    high = low if high is None else high
    return {"id": f"{fact}/{source}@{index}-{index + 2}", "source": source, "fact": fact, "value_text": str(low),
            "start": index, "end": index + 2, "low": low, "high": high, "as_of": as_of, "modality": modality,
            "quote": str(low), "line": 1, "unit": "member", "kind": "count"}


def _section(observations, kind="count", units=("member",)):
    return {"key": "n", "label": "Members", "kind": kind, "fact": {"units": list(units)},
            "observations": observations}


def _boxes(mark):
    boxes = [(c["cx"] - c["r"] - 1.75, c["cy"] - c["r"] - 1.75, c["cx"] + c["r"] + 1.75, c["cy"] + c["r"] + 1.75)
             for c in mark["circles"]]
    boxes += [(min(l["x1"], l["x2"]) - 2.75, min(l["y1"], l["y2"]) - 2.75, max(l["x1"], l["x2"]) + 2.75,
               max(l["y1"], l["y2"]) + 2.75) for l in mark["lines"]]
    for arrow in mark["arrows"]:
        points = [tuple(map(float, point.split(","))) for point in arrow.split()]
        boxes.append((min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
                      max(p[1] for p in points)))
    return boxes


def overlapping_marks(chart) -> list[tuple[str, str]]:
    """Pairs of marks whose drawn pieces touch."""
    def touch(a, b):
        return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0

    boxes = [_boxes(mark) for mark in chart["marks"]]
    return [(chart["marks"][i]["title"], chart["marks"][j]["title"])
            for i, j in itertools.combinations(range(len(boxes)), 2)
            if any(touch(a, b) for a in boxes[i] for b in boxes[j])]


def test_report_count_axis_has_whole_number_ticks():
    assert [label for _, label in number_ticks(13.76, 16.24, whole=True)] == ["14", "15", "16"]
    observations = [_observation(0, "a", 14, as_of="2021-05-12"), _observation(3, "b", 16, as_of="2024-03-01")]
    chart = timeline(_section(observations), {}, {o["id"]: "x" for o in observations}, 0)
    assert all(re.fullmatch(r"\d+", tick["label"]) for tick in chart["y_ticks"])
    assert chart["y_label"] == "members"


@pytest.mark.parametrize("low, high", [(1.5e9, 2.5e9), (0.001, 0.004), (123456789, 123456799)])
def test_report_chart_margin_holds_the_longest_value_label(low, high):
    """The left margin is as wide as the longest tick label needs, so no label is cut off at the edge."""
    observations = [_observation(0, "a", low, as_of="2021-05-12"), _observation(3, "b", high, as_of="2022-05-12")]
    chart = timeline(_section(observations, kind="money", units=("eur",)), {},
                     {o["id"]: "x" for o in observations}, 0)
    longest = max(len(tick["label"]) for tick in chart["y_ticks"])
    assert chart["plot"]["left"] - 8 >= longest * CHAR_WIDTH
    assert chart["y_label"] == "EUR"


def test_report_marks_at_close_dates_stand_apart():
    """One late statement stretches the axis; the early ones, days apart, still do not overlap."""
    observations = [_observation(i, f"s{i}", 1200 if i % 2 else 1000, as_of=f"2023-03-{10 + i:02d}")
                    for i in range(8)]
    observations.append(_observation(40, "late", 1100, as_of="2026-01-01"))
    chart = timeline(_section(observations), {}, {o["id"]: "x" for o in observations}, 0)
    assert overlapping_marks(chart) == []
    xs = [mark["circles"][0]["cx"] for mark in chart["marks"]]
    assert xs == sorted(xs)  # still in date order
    assert chart["plot"]["left"] <= min(xs) and max(xs) <= chart["plot"]["right"]


def test_report_alike_statements_at_one_date_are_one_heavier_mark():
    observations = [_observation(i * 3, f"s{i}", 14) for i in range(5)]
    chart = timeline(_section(observations), {}, {o["id"]: "x" for o in observations}, 0)
    assert len(chart["marks"]) == 1 and chart["marks"][0]["count"] == 5 and chart["merged"]
    assert chart["marks"][0]["title"].startswith("5 statements")


def test_report_statement_in_no_finding_has_its_own_colour():
    observations = [_observation(0, "a", 14), _observation(3, "b", 16, as_of="2024-01-01")]
    chart = timeline(_section(observations), {observations[0]["id"]: "single_source"},
                     {o["id"]: "x" for o in observations}, 0)
    assert [mark["status"] for mark in chart["marks"]] == ["single_source", "none"] and chart["unfound"]


def test_report_demo_charts_have_no_overlapping_marks(demo_view):
    for fact in demo_view["facts"]:
        if fact["chart"]:
            assert overlapping_marks(fact["chart"]) == [], fact["key"]


@pytest.fixture(scope="module")
def demo_view():
    from checker.audit import run_audit

    return view_model(run_audit(None).as_records())


def test_report_matrix_sources_in_date_order_and_values_with_units(demo_view):
    sources = demo_view["matrix"]["sources"]
    assert [s["published"] or "9999" for s in sources] == sorted(s["published"] or "9999" for s in sources)
    cells = {row["fact"]["key"]: row["cells"] for row in demo_view["matrix"]["rows"]}
    shown = {value["pieces"][0] for cell in cells["public_hearings"] for value in cell["values"]}
    assert shown == {"9 hearings", "12 hearings"}
    cost = [cell for cell in cells["bridge_cost"] if len(cell["values"]) > 1]
    assert cost, "a source with a report and a projection of the cost"
    assert {value["modality"] for value in cost[0]["values"]} == {"reported", "projected"}
    assert {value["pieces"][0] for value in cost[0]["values"]} == {"€85 million", "€120 million"}


@pytest.mark.parametrize("value, low, high, kind, unit, expected", [
    ("85 million", 85e6, 85e6, "money", "EUR", "€85 million"),
    ("≥ 1,000", 1000, None, "count", "worker", "≥ 1,000 workers"),
    ("1", 1, 1, "count", "lane", "1 lane"),
    ("12", 12, 12, "quantity", "km", "12 km"),
    ("5 million", 5e6, 5e6, "money", "CHF", "5 million CHF"),
    ("68.3%", 68.3, 68.3, "percent", "", "68.3%"),
    ("2019-09", "2019-09-01", "2019-09-30", "date", "", "2019-09"),
])
def test_report_matrix_value_with_unit(value, low, high, kind, unit, expected):
    assert with_unit(value, low, high, kind, unit) == expected


@pytest.mark.parametrize("source_id, pieces", [
    ("lowland-ledger-2023-03", ["lowland-", "ledger-", "2023-03"]),
    ("opslens-2021-12-17", ["opslens-", "2021-12-17"]),
    ("marlow-0001", ["marlow-", "0001"]),
    ("s1", ["s1"]),
])
def test_report_matrix_ids_wrap_between_words_only(source_id, pieces):
    assert id_pieces(source_id) == pieces


@pytest.mark.parametrize("text, shown", [
    ("# Title\n\nBody *one* and **two**.\n", "Title\n\nBody one and two.\n"),
    ("Setext\n======\n\ntext\n", "Setext\n\n\ntext\n"),
    ("- a\n* b\n> quoted\n", "• a\n• b\nquoted\n"),
    ("see [the site](javascript:alert(1)) and ![x](y.png)", "see the site (javascript:alert(1)) and x (y.png)"),
    ("snake_case_name and 5*3*2 and a_b", "snake_case_name and 5*3*2 and a_b"),
    ("`code` and \\*star\\*", "code and *star*"),
    ("<script>alert(1)</script> stays", "<script>alert(1)</script> stays"),
])
def test_report_markdown_source_as_plain_text(text, shown):
    assert plain(text) == shown


def test_report_markdown_source_segments_keep_marks_and_headings():
    text = "# 14 towns\n\nThe **14** member towns and *twelve* more.\n"
    start = text.index("14", 5)
    observations = [{"id": "m", "start": start, "end": start + 2, "value_text": "14", "fact": "n"},
                    {"id": "h", "start": 2, "end": 4, "value_text": "14", "fact": "n"}]
    segments, anchors = source_segments(0, text, observations, {}, markdown=True)
    assert "".join(s["text"] for s in segments) == "14 towns\n\nThe 14 member towns and twelve more.\n"
    assert [s["text"] for s in segments if s["mark"]] == ["14", "14"]
    assert [s["heading"] for s in segments if s["mark"]] == [True, False]
    assert set(anchors) == {"m", "h"}
    spans, _ = markup(text)
    assert all(not (span.start < start + 2 and start < span.end) for span in spans)


def test_report_markdown_quote_parts_drop_markup_around_the_value():
    assert plain_parts(("The **", "14", " towns** and [x](y)")) == ("The ", "14", " towns and x (y)")


def test_report_view_model_of_the_fixture_marks_markdown_headings():
    view = view_model(audit_fixture())
    markdown_source = next(d for d in view["documents"] if d["format"] == "md")
    assert markdown_source["segments"][0] == {"text": "Two years on: the tram line", "mark": False, "heading": True}
    assert "# " not in "".join(s["text"] for s in markdown_source["segments"])

