"""The audit as plain records: the audit.json contract, read by every formatter.

Only JSON types, no NaN, stable order, so the same input gives byte-identical output.
"""
from __future__ import annotations

import math

OBSERVATION_FIELDS = ("source", "fact", "value_text", "phrase", "quote", "start", "end", "line", "low", "high", "unit",
                      "as_of", "as_of_basis", "modality", "kind", "qualifier", "tolerance", "precision", "derived",
                      "flags")
MENTION_FIELDS = ("kind", "value_text", "start", "end", "low", "high", "unit", "qualifier", "modality", "flags")
SOURCE_FIELDS = ("path", "title", "outlet", "published", "format", "sha256")


def plain(value):
    """A JSON-safe value: numpy scalars to Python, NaN to None, whole floats to int."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def audit_records(result) -> dict:
    documents = result.documents.sort_values("source")
    sources = [{"id": row["source"], **{k: plain(row[k]) for k in SOURCE_FIELDS}}
               for row in documents.to_dict("records")]
    observations = [{"id": row["observation"], **{k: plain(row[k]) for k in OBSERVATION_FIELDS}}
                    for row in result.observations.to_dict("records")]
    findings = [{"id": row["finding"], "fact": row["fact"], "status": row["status"], "severity": row["severity"],
                 "observations": list(row["observations"]), "rule": row["rule"], "message": row["message"],
                 "explanation": row.get("explanation") or ""}
                for row in result.findings.to_dict("records")]
    counts = result.mentions.groupby("source").size().to_dict() if len(result.mentions) else {}
    by_source: dict[str, list[dict]] = {}
    for row in result.mentions.sort_values(["source", "start", "end"]).to_dict("records"):
        by_source.setdefault(row["source"], []).append({k: plain(row[k]) for k in MENTION_FIELDS})
    summary = {"sources": len(sources), "facts": len({o["fact"] for o in observations}),
               "observations": len(observations), "mentions": int(len(result.mentions))}
    for status in ("conflict", "change_over_time", "modality_only", "consistent", "single_source"):
        summary[status] = sum(1 for f in findings if f["status"] == status)
    return {
        "schema_version": 1,
        "corpus": result.corpus,
        "summary": summary,
        "sources": sources,
        "facts": result.catalog.as_records() if hasattr(result.catalog, "as_records") else [],
        "observations": observations,
        "findings": findings,
        "rules": [{k: plain(v) if k != "kwargs" else _plain_tree(v) for k, v in r.items()}
                  for r in result.rule_results],
        # Every value the grammar found, per source, whether or not a fact claimed it: without a
        # catalog this is the whole audit.
        "mentions": [{"source": s, "count": int(counts.get(s, 0)), "items": by_source.get(s, [])}
                     for s in documents["source"]],
        "texts": {row["source"]: row["text"] for row in documents.to_dict("records")},
    }


def _plain_tree(value):
    if isinstance(value, dict):
        return {str(k): _plain_tree(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_plain_tree(v) for v in value]
    return plain(value)
