"""The Spark engine on a real local[2] Spark: its audits are the pandas engine's, byte for byte.

These run in .venv-spark (`python3 dev.py spark-test`, which .ci/run calls): pyspark stays out of the
default venv because Great Expectations imports it at every start-up when it is there. One Spark session
serves the whole module (its start-up is most of the cost).
"""
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyspark", reason="pyspark is not installed here: `python3 dev.py spark-test` runs these")

from checker.audit import run_audit  # noqa: E402
from checker.cli import cli  # noqa: E402
from checker.errors import CheckerError  # noqa: E402
from checker.report import write_reports  # noqa: E402
from conftest import PROJECT  # noqa: E402
from tests import benchmark_modules  # noqa: E402

MASTER = "local[2]"


def _seeds() -> Path | None:
    """The seeds corpus, found as .ci/run finds it."""
    for candidate in (os.environ.get("CHECKER_SEEDS"), PROJECT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate and (Path(candidate) / "manifest.json").is_file():
            return Path(candidate)
    return None


def _generated(folder: Path, documents: int, seed: int) -> tuple[Path, Path]:
    """benchmarks/cache_speed.py's generated local news (with its small catalog)."""
    module = benchmark_modules.cache_speed()
    module.make_corpus(folder / "corpus", documents, seed)
    facts = folder / "facts.yaml"
    facts.write_text(module.CATALOG, encoding="utf-8")
    return folder / "corpus", facts


def _reports(result, out: Path) -> dict[str, bytes]:
    write_reports(result.as_records(), out)
    return {name: (out / name).read_bytes() for name in ("audit.json", "audit.md")}


def _same_audit(tmp_path, corpus, facts=None, expectations=None, **options):
    kwargs = {} if facts is None else {"facts": facts, "expectations": expectations}
    here = run_audit(corpus, **kwargs, **options)
    there = run_audit(corpus, **kwargs, engine="spark", spark_master=MASTER, **options)
    assert _reports(there, tmp_path / "spark") == _reports(here, tmp_path / "pandas")
    return here


def test_the_demo_audits_the_same_on_spark(tmp_path):
    result = _same_audit(tmp_path, None)
    assert any(f["status"] == "conflict" for f in result.as_records()["findings"])


def test_the_seeds_audit_the_same_on_spark_with_their_catalog_and_without_one(tmp_path):
    seeds = _seeds()
    if seeds is None:
        pytest.skip("no seeds corpus here (set CHECKER_SEEDS)")
    with_catalog = _same_audit(tmp_path / "catalog", seeds, PROJECT / "facts", PROJECT / "expectations")
    assert any(f["status"] == "conflict" for f in with_catalog.as_records()["findings"])
    discovered = _same_audit(tmp_path / "discovery", seeds, None, None)   # discovery alone
    assert any(fact.origin == "discovered" for fact in discovered.catalog.facts)


def test_a_generated_corpus_audits_the_same_on_spark(tmp_path):
    corpus, facts = _generated(tmp_path, 240, seed=11)
    result = _same_audit(tmp_path, corpus, facts, None)
    assert len(result.observations) > 100
    _same_audit(tmp_path / "bound-only", corpus, facts, None, discover=False)


def test_a_document_table_audits_the_same_on_spark(tmp_path):
    import pandas as pd

    corpus, facts = _generated(tmp_path, 60, seed=5)
    documents = run_audit(corpus, facts, None, discover=False).documents
    rows = pd.DataFrame({"id": documents["source"], "text": documents["text"], "outlet": documents["outlet"],
                         "published": documents["published"]}).iloc[::-1]   # rows in no particular order
    rows.to_parquet(tmp_path / "docs.parquet")
    with (tmp_path / "docs.jsonl").open("w", encoding="utf-8") as stream:
        for row in rows.to_dict("records"):
            stream.write(json.dumps(row) + "\n")
    parquet = _same_audit(tmp_path / "parquet", tmp_path / "docs.parquet", facts, None)
    lines = _same_audit(tmp_path / "jsonl", tmp_path / "docs.jsonl", facts, None)
    assert [f["id"] for f in parquet.as_records()["findings"]] == [f["id"] for f in lines.as_records()["findings"]]


def test_an_executors_error_is_the_pandas_engines_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(6):
        (corpus / f"{index}.txt").write_text(f"The county ran {index + 3} ferries.", encoding="utf-8")
    (corpus / "4.txt").write_bytes(b"fine\nbad \xff byte\n")
    with pytest.raises(CheckerError) as here:
        run_audit(corpus)
    with pytest.raises(CheckerError) as there:
        run_audit(corpus, engine="spark", spark_master=MASTER)
    assert there.value.one_line() == here.value.one_line() and "4.txt:2: invalid UTF-8" in here.value.one_line()


def test_the_command_line_audit_and_gate_on_spark(tmp_path, monkeypatch):
    from checker.gate.command import register

    register(cli)
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    for engine in ("pandas", "spark"):
        result = runner.invoke(cli, ["audit", "--engine", engine, "--spark-master", MASTER, "--out", engine,
                                     "--no-cache", "--quiet"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "spark" / "audit.json").read_bytes() == (tmp_path / "pandas" / "audit.json").read_bytes()
    gate = runner.invoke(cli, ["gate", "--engine", "spark", "--spark-master", MASTER, "--out", "gate", "--no-cache"])
    assert gate.exit_code == 1, gate.output   # the demo has an unaccepted conflict
    bad = runner.invoke(cli, ["audit", str(tmp_path / "missing"), "--engine", "spark", "--spark-master", MASTER])
    assert bad.exit_code == 2 and "no such file or folder" in bad.output and "Traceback" not in bad.output
