"""Conflicts as the gate sees them: audit.json findings joined with their observations,
identified by content so that a conflict keeps its identity across edits and revisions.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def content_key(fact: str, observations: list[dict]) -> tuple:
    """fact + sorted (source, value_text): no offsets, no line numbers, no finding ids."""
    return (fact, tuple(sorted((str(o["source"]), str(o["value_text"])) for o in observations)))


def key_digest(key: tuple) -> str:
    fact, pairs = key
    text = "\n".join([fact, *(f"{source}\t{value}" for source, value in pairs)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def conflicts_of(records: dict, corpus_root: Path | None = None) -> list[dict]:
    """Every finding with status conflict, its observations spelled out with file, line and column."""
    observations = {o["id"]: o for o in records.get("observations", [])}
    sources = {s["id"]: s for s in records.get("sources", [])}
    texts = records.get("texts") or {}
    conflicts = []
    for finding in records.get("findings", []):
        if finding.get("status") != "conflict":
            continue
        stated = [_located(observations[i], sources, texts, corpus_root)
                  for i in finding.get("observations", []) if i in observations]
        stated.sort(key=lambda o: (o["path"], o["start"], o["id"]))
        key = content_key(finding["fact"], stated)
        conflicts.append({"finding": finding["id"], "fact": finding["fact"],
                          "origin": finding.get("origin") or "declared",
                          "severity": finding.get("severity") or "critical",
                          "rule": finding.get("rule") or "", "message": finding.get("message") or "",
                          "observations": stated, "key": key, "digest": key_digest(key)})
    conflicts.sort(key=lambda c: (c["fact"], c["key"]))
    return conflicts


def _located(observation: dict, sources: dict, texts: dict, corpus_root: Path | None) -> dict:
    source = sources.get(observation["source"], {})
    relative = source.get("path") or str(observation["source"])
    start, end = int(observation["start"]), int(observation["end"])
    text = texts.get(observation["source"])
    line, column = _line_column(text, start) if text is not None else (observation.get("line") or 1, None)
    return {"id": observation["id"], "source": observation["source"], "value_text": observation["value_text"],
            "quote": " ".join(str(observation.get("quote") or observation["value_text"]).split()),
            "start": start, "end": end, "line": int(observation.get("line") or line),
            "column": column or 1, "end_column": (column or 1) + (end - start),
            "path": relative, "display_path": _display_path(corpus_root, relative)}


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _display_path(corpus_root: Path | None, relative: str) -> str:
    """The file as a person (or GitHub) in the current folder names it: relative to the cwd, POSIX."""
    if corpus_root is None:
        return relative
    absolute = (corpus_root / relative).resolve()
    try:
        shown = os.path.relpath(absolute, Path.cwd())
    except ValueError:  # another drive on Windows
        shown = str(absolute)
    return Path(shown).as_posix()
