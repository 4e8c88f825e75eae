"""The Spark engine's hand-off, without Spark: what its executors compute for batches of documents, put
together on the driver, audits exactly as the pandas engine does. (The real Spark runs are tests/test_spark.py,
in the venv of `python3 dev.py spark-test`.)"""
import importlib.util
import json

import pytest
from click.testing import CliRunner

from checker import spark
from checker.audit import run_audit
from checker.catalog import load_catalog
from checker.cli import cli
from checker.corpus import corpus_files, load_document
from checker.errors import CheckerError


def _staged(folder, facts, batches: list[list[int]], discover=True):
    """The executors' function run on these batches of a folder corpus (in this order), then the driver's."""
    import pandas as pd

    root, files, manifest = corpus_files(folder)
    catalog = load_catalog(facts)

    class Broadcast:  # what the executors receive the manifest in
        value = manifest

    rows = []
    for batch in batches:
        inputs = iter([pd.DataFrame({"order": [files[index] for index in batch]})])
        for frame in spark.files_partition(inputs, root=str(root), manifest=Broadcast, catalog=catalog,
                                           discover=discover):
            rows.extend(frame.itertuples(index=False, name=None))
    return spark.assemble(rows, folder, (root, files, manifest))


@pytest.mark.parametrize("discover", [True, False])
def test_batches_in_any_order_audit_as_one_process(ferry_corpus, ferry_facts, discover):
    documents, tables = _staged(ferry_corpus, ferry_facts, [[2], [0, 1]], discover)
    on_spark = run_audit(ferry_corpus, ferry_facts, None, discover=discover,
                         staged=(documents, *spark.frames(tables)))
    here = run_audit(ferry_corpus, ferry_facts, None, discover=discover)
    assert json.dumps(on_spark.as_records(), sort_keys=True) == json.dumps(here.as_records(), sort_keys=True)
    assert any(f["status"] == "conflict" for f in here.as_records()["findings"])


def test_readings_come_back_only_for_what_discovery_groups(ferry_corpus, ferry_facts):
    documents, tables = _staged(ferry_corpus, ferry_facts, [[0, 1, 2]])
    mentions, readings, observations = spark.frames(tables)
    assert 0 < len(readings) < len(mentions)
    assert not set(readings["mention"]) & set(observations["mention"])  # bound mentions are not discovery's


def test_an_executors_error_is_raised_on_the_driver_in_corpus_order(tmp_path, ferry_facts):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The Orla ferry ran 12 times.", encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"fine\nbad \xff byte\n")
    (corpus / "c.txt").write_bytes(b"\x00binary")
    with pytest.raises(CheckerError) as expected:
        root, files, manifest = corpus_files(corpus)
        load_document(root, "b.txt", manifest)
    with pytest.raises(CheckerError) as raised:
        _staged(corpus, ferry_facts, [[2, 1], [0]])
    assert raised.value.one_line() == expected.value.one_line()
    assert "b.txt:2: invalid UTF-8" in raised.value.one_line()


@pytest.mark.skipif(importlib.util.find_spec("pyspark") is not None, reason="pyspark is installed here")
def test_without_pyspark_the_spark_engine_is_one_line_and_exit_2(tmp_path):
    from checker.gate.command import register

    register(cli)
    runner = CliRunner()
    for command in (["audit", "--out", str(tmp_path / "out")], ["gate", "--out", str(tmp_path / "gate")]):
        result = runner.invoke(cli, [*command, "--engine", "spark", "--no-cache"])
        assert result.exit_code == 2, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines == ["checker: error: --engine spark needs pyspark (install checker[spark] and Java 17)"]
