"""The pipeline: documents -> mentions -> observations -> reconciled -> rule results -> findings.

`run_audit` returns an `AuditResult`: the DataFrames of every stage plus the records that
all formatters (JSON, Markdown, HTML, gate outputs) read. It prints nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

SCHEMA_VERSION = 1


@dataclass
class AuditResult:
    documents: "object"      # pandas DataFrame, checker.columns.DOCUMENTS
    mentions: "object"       # checker.columns.MENTIONS
    observations: "object"   # checker.columns.OBSERVATIONS
    findings: "object"       # checker.columns.FINDINGS
    catalog: "object"        # checker.catalog.Catalog
    rule_results: list = field(default_factory=list)  # plain dicts, one per expectation run
    corpus: str = ""

    def as_records(self) -> dict:
        """The audit.json contract: plain, deterministic, sorted types only."""
        from checker.records import audit_records

        return audit_records(self)


def run_audit(corpus: str | Path | None = None, facts: str | Path | None = "facts",
              expectations: str | Path | None = "expectations", *, cache_dir: str | Path | None = None,
              progress: Callable[[int], None] | None = None) -> AuditResult:
    """Audit a corpus (None: the embedded demo corpus) against the catalogs in `facts`."""
    from checker import binding, catalog as catalog_mod, corpus as corpus_mod, findings, mentions, reconcile, rules

    documents = corpus_mod.load_corpus(corpus)
    catalog = catalog_mod.load_catalog(facts)
    found = mentions.find_mentions(documents, cache_dir=cache_dir, progress=progress)
    observations = binding.bind(found, documents, catalog, cache_dir=cache_dir)
    observations = reconcile.reconcile(observations)
    rule_results = rules.validate(observations, expectations, catalog)
    result_findings = findings.build_findings(observations, rule_results, catalog)
    return AuditResult(documents=documents, mentions=found, observations=observations,
                       findings=result_findings, catalog=catalog, rule_results=rule_results,
                       corpus=str(corpus) if corpus is not None else "demo")
