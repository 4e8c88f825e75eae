"""A small, realistic audit.json dict that the report tests render without running the pipeline.

Three sources about a fictional town's tram line; three facts whose findings cover every
status (one conflict, one change over time, one modality-only difference, one consistent
pair, one single-source fact). Offsets are computed from the texts, never typed by hand.
"""
from __future__ import annotations

import copy
import hashlib

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click me](javascript:alert(1))")

TEXTS = {
    "s1": (
        "Elmbridge tram line turns two\n"
        "\n"
        "The tram line first opened in March 2019 after years of delay. "
        "The network now has 12 stops along the river.\n"
        "Decisions are taken by all 14 members of the transit board, who meet monthly.\n"
    ),
    "s2": (
        "Council notes, June 2021\n"
        "\n"
        "According to the minutes, the 11 members of the transit board approved the budget. "
        "Planners expect 20 stops by 2025 if funding holds.\n"
        "{payload_line}"
    ),
    "s3": (
        "# Two years on: the tram line\n"
        "\n"
        "The line serves 15 stops today. "
        "The transit board's 14 members agreed to extend evening service.\n"
    ),
}

SOURCES = [
    {"id": "s1", "path": "s1.txt", "title": "Elmbridge tram line turns two", "outlet": "Elmbridge Courier",
     "published": "2021-06-03", "format": "txt"},
    {"id": "s2", "path": "s2.txt", "title": "Council notes, June 2021", "outlet": "Town Hall Bulletin",
     "published": "2021-06-10", "format": "txt"},
    {"id": "s3", "path": "s3.md", "title": "Two years on: the tram line", "outlet": "Riverside Weekly",
     "published": "2023-02-01", "format": "md"},
]

FACTS = [
    {"key": "board_members", "label": "Members of the transit board", "kind": "count", "unit": ["member"],
     "changes": "none", "tolerance": 0.0, "window_days": 30},
    {"key": "line_opened", "label": "Date the tram line opened", "kind": "date", "unit": [],
     "changes": "none", "tolerance": 0.0, "window_days": 0},
    {"key": "tram_stops", "label": "Stops on the tram line", "kind": "count", "unit": ["stop"],
     "changes": "increasing", "tolerance": 0.0, "window_days": 30},
]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around [start, end): from after the previous '. ' or newline to the next one."""
    begin = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
                text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find(".\n", end), text.find("\n", end)) if i >= 0]
    finish = min(stops) if stops else len(text)
    if text[finish:finish + 1] == ".":
        finish += 1
    return text[begin:finish]


def _observation(texts, source, fact, value_text, low, high, as_of, *, unit, modality="reported",
                 kind="count", qualifier="exact", flags="", last=False):
    text = texts[source]
    start = text.rindex(value_text) if last else text.index(value_text)
    end = start + len(value_text)
    return {
        "id": f"{fact}/{source}@{start}-{end}", "source": source, "fact": fact, "value_text": value_text,
        "quote": _sentence(text, start, end), "start": start, "end": end,
        "line": text.count("\n", 0, start) + 1, "low": low, "high": high, "unit": unit, "as_of": as_of,
        "modality": modality, "kind": kind, "qualifier": qualifier, "derived": "", "flags": flags,
        "tolerance": 0.0, "as_of_basis": "published", "precision": "month" if kind == "date" else None,
    }


def _finding(fact, status, severity, observations, rule, message):
    digest = hashlib.sha256("|".join(observations).encode()).hexdigest()[:6]
    return {"id": f"{status}:{fact}:{digest}", "fact": fact, "status": status, "severity": severity,
            "observations": observations, "rule": rule, "message": message,
            "explanation": message}


def audit_fixture(payload: bool = False) -> dict:
    """The audit.json dict; with `payload`, documents, quotes and a title carry HTML/script payloads."""
    payload_line = ""
    if payload:
        payload_line = ("Readers wrote " + " and ".join(PAYLOADS) + " to the board, "
                        "quoting 11 members <script>alert(2)</script>.\n")
    texts = {key: value.replace("{payload_line}", payload_line) for key, value in TEXTS.items()}
    sources = copy.deepcopy(SOURCES)
    if payload:
        sources[1]["title"] = "Council notes <script>alert(3)</script>"

    observations = [
        _observation(texts, "s1", "line_opened", "March 2019", "2019-03-01", "2019-03-31", "2021-06-03",
                     unit=None, kind="date"),
        _observation(texts, "s1", "tram_stops", "12 stops", 12.0, 12.0, "2021-06-03", unit="stop"),
        _observation(texts, "s1", "board_members", "all 14 members", 14.0, 14.0, "2021-06-03", unit="member",
                     flags="total"),
        _observation(texts, "s2", "board_members", "the 11 members", 11.0, 11.0, "2021-06-10", unit="member",
                     flags="total"),
        _observation(texts, "s2", "tram_stops", "20 stops", 20.0, 20.0, "2025-12-31", unit="stop",
                     modality="projected"),
        _observation(texts, "s3", "tram_stops", "15 stops", 15.0, 15.0, "2023-02-01", unit="stop"),
        _observation(texts, "s3", "board_members", "14 members", 14.0, 14.0, "2023-02-01", unit="member",
                     flags="total"),
    ]
    ids = {(o["fact"], o["source"]): o["id"] for o in observations}
    conflicting = [ids["board_members", "s1"], ids["board_members", "s2"]]
    if payload:
        # A value whose quote carries a script tag: the report must show it as text.
        quoted = _observation(texts, "s2", "board_members", "11 members", 11.0, 11.0, "2021-06-10",
                              unit="member", last=True)
        observations.append(quoted)
        conflicting.append(quoted["id"])
    findings = [
        _finding("board_members", "conflict", "critical", conflicting, "CK101 agreement.cross_source",
                 "s1 says 14 members of the transit board, s2 says 11 within 30 days."),
        _finding("board_members", "consistent", "info",
                 [ids["board_members", "s1"], ids["board_members", "s3"]], "CK101 agreement.cross_source",
                 "s1 and s3 agree on 14."),
        _finding("tram_stops", "change_over_time", "info",
                 [ids["tram_stops", "s1"], ids["tram_stops", "s3"]], "CK102 agreement.over_time",
                 "Stops rose from 12 (2021-06-03) to 15 (2023-02-01); the fact may increase."),
        _finding("tram_stops", "modality_only", "warning",
                 [ids["tram_stops", "s1"], ids["tram_stops", "s2"]], "CK103 agreement.modality",
                 "s2 projects 20 stops; s1 reports 12 now."),
        _finding("line_opened", "single_source", "info", [ids["line_opened", "s1"]], "CK104 coverage.single_source",
                 "Only s1 states when the line opened."),
    ]
    findings.sort(key=lambda f: f["id"])
    observations.sort(key=lambda o: o["id"])
    summary = {"sources": len(sources), "facts": len(FACTS), "observations": len(observations)}
    for status in ("conflict", "change_over_time", "modality_only", "consistent", "single_source"):
        summary[status] = sum(1 for f in findings if f["status"] == status)
    return {
        "schema_version": 1, "sources": sources, "observations": observations, "findings": findings,
        "facts": copy.deepcopy(FACTS), "texts": texts,
        "mentions": [{"source": s["id"], "count": 3} for s in sources],
        "rules": [{"expectation": "expect_fact_agreement", "code": "CK101", "name": "agreement.cross_source",
                   "severity": "critical", "success": False, "fact": "board_members",
                   "observations": [ids["board_members", "s1"], ids["board_members", "s2"]],
                   "message": "sources disagree", "kwargs": {}}],
        "summary": summary,
    }


class FixtureResult:
    """Stands in for checker.audit.AuditResult: the report only ever calls as_records()."""

    def __init__(self, records: dict) -> None:
        self.records = records

    def as_records(self) -> dict:
        return copy.deepcopy(self.records)


def test_report_fixture_spans_match_texts():
    for payload in (False, True):
        records = audit_fixture(payload)
        for observation in records["observations"]:
            text = records["texts"][observation["source"]]
            assert text[observation["start"]:observation["end"]] == observation["value_text"]
            assert observation["value_text"] in observation["quote"]
            assert observation["quote"] in text
