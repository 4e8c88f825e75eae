"""A corpus given as a table of documents (JSON lines; Parquet where pyarrow is installed), on the pandas engine."""
import json

import pytest
from click.testing import CliRunner

from checker.audit import run_audit
from checker.cli import cli
from checker.corpus import load_corpus
from checker.errors import CheckerError


def _table_of(folder, path, order=None):
    """The documents of a folder corpus as a JSON-lines table: its text as checker loaded it, its metadata."""
    documents = load_corpus(folder)
    rows = [{"id": row.source, "text": row.text, "title": row.title, "outlet": row.outlet,
             "published": row.published} for row in documents.itertuples()]
    for index in order or range(len(rows)):
        with path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(rows[index]) + "\n")
    return path


def _findings(result):
    records = result.as_records()
    return [(f["id"], f["status"], f["observations"]) for f in records["findings"]]


def test_a_table_audits_as_the_folder_it_was_made_from(ferry_corpus, ferry_facts, tmp_path):
    table = _table_of(ferry_corpus, tmp_path / "ferry.jsonl", order=[2, 0, 1])
    from_table = run_audit(table, ferry_facts, None)
    from_folder = run_audit(ferry_corpus, ferry_facts, None)
    assert _findings(from_table) == _findings(from_folder)
    assert any(status == "conflict" for _, status, _ in _findings(from_table))
    # Rows in any order: documents in id order, as the Spark engine gives them.
    assert from_table.documents["source"].tolist() == sorted(from_folder.documents["source"])
    assert set(from_table.documents["format"]) == {"txt"}


def test_table_rows_are_checked_like_files(tmp_path):
    table = tmp_path / "docs.jsonl"
    table.write_text('{"id": "a", "text": "Nine strikes.", "published": "2024-02"}\n'
                     '{"id": 7, "text": "Ten strikes.", "published": "2024-02-30"}\n', encoding="utf-8")
    with pytest.raises(CheckerError, match=r"docs.jsonl: invalid published date '2024-02-30' of document '7'"):
        load_corpus(table)
    table.write_text('{"id": "a", "text": "Nine strikes."}\n{"id": "a", "text": "Ten."}\n', encoding="utf-8")
    with pytest.raises(CheckerError, match="duplicate document id 'a'"):
        load_corpus(table)
    table.write_text('{"id": "a", "text": "  "}\n', encoding="utf-8")
    with pytest.raises(CheckerError, match="document 'a' has no text"):
        load_corpus(table)
    table.write_text('{"id": "a", "text": "Nine."}\n{"id": "b", "text": "Ten.",\n', encoding="utf-8")
    with pytest.raises(CheckerError) as raised:
        load_corpus(table)
    assert raised.value.line == 2 and "invalid JSON" in raised.value.message


def test_a_bad_table_is_one_line_and_exit_2(tmp_path):
    table = tmp_path / "docs.jsonl"
    table.write_text('{"id": "a", "title": "no text here"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(table), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "docs.jsonl" in lines[0] and "has no text" in lines[0]


def test_a_parquet_table_reads_as_its_json_lines(ferry_corpus, tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (checker[spark] brings it)")
    import pandas as pd

    table = _table_of(ferry_corpus, tmp_path / "ferry.jsonl")
    rows = [json.loads(line) for line in table.read_text().splitlines()]
    pd.DataFrame(rows).to_parquet(tmp_path / "ferry.parquet")
    assert load_corpus(tmp_path / "ferry.parquet").equals(load_corpus(table))
