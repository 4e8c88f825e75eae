"""A re-audit after an edit does only that document's work, and writes the reports an audit with no cache writes."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker import discovery
from checker.atomic import write_files_atomic
from checker.audit import run_audit
from checker.discovery import candidates
from checker.errors import CheckerError
from checker.report import render_reports
from tests import benchmark_modules

PROJECT = Path(__file__).resolve().parent.parent


def _cache_speed():
    return benchmark_modules.cache_speed()


@pytest.fixture
def generated(tmp_path):
    """benchmarks/cache_speed.py's generated local news (enough for discovered facts), with its catalog."""
    cache_speed = _cache_speed()
    corpus, facts = tmp_path / "corpus", tmp_path / "facts"
    paths = cache_speed.make_corpus(corpus, 60, 5)
    facts.mkdir()
    (facts / "marlow.yaml").write_text(cache_speed.CATALOG, encoding="utf-8")
    return corpus, facts, paths, cache_speed


def reports(corpus, facts, cache_dir=None) -> dict[str, str]:
    return render_reports(run_audit(corpus, facts, None, cache_dir=cache_dir, jobs=1))


def counting(monkeypatch, name: str, module=discovery) -> list:
    calls = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_incremental_edit_reads_one_document_and_groups_nothing_again(tmp_path, monkeypatch, generated):
    corpus, facts, paths, cache_speed = generated
    cache = tmp_path / "cache"
    cold = reports(corpus, facts, cache)
    assert cold == reports(corpus, facts) and '"origin": "discovered"' in cold["audit.json"]
    read, grouped = counting(monkeypatch, "_document_candidates", candidates), counting(monkeypatch, "_standing")
    assert reports(corpus, facts, cache) == cold and not read and not grouped
    # A new sentence bound to a declared fact moves the document's other statements, and changes none of them.
    cache_speed.edit_one(paths)
    edited = reports(corpus, facts, cache)
    assert len(read) == 1 and not grouped
    assert edited == reports(corpus, facts) and edited["audit.json"] != cold["audit.json"]


def test_incremental_edited_candidate_groups_again(tmp_path, monkeypatch, generated):
    corpus, facts, paths, _ = generated
    cache = tmp_path / "cache"
    reports(corpus, facts, cache)
    changed = next(path for path in paths if "new classrooms" in path.read_text(encoding="utf-8"))
    text = changed.read_text(encoding="utf-8")
    start = text.index("new classrooms")
    number = text[:start].split()[-1]
    changed.write_text(text[:start - len(number) - 1] + " 97 " + text[start:], encoding="utf-8")
    grouped = counting(monkeypatch, "_standing")
    edited = reports(corpus, facts, cache)
    assert grouped == [1]
    assert edited == reports(corpus, facts)


def test_incremental_candidates_of_a_moved_text_have_the_same_shapes(generated):
    from checker.cache import columns_of
    from checker.corpus import load_corpus
    from checker.pipeline import document_tables

    corpus, facts, paths, _ = generated
    from checker.catalog import load_catalog

    catalog = load_catalog(facts)
    documents = load_corpus(corpus).iloc[:5].reset_index(drop=True)
    before = document_tables(documents, catalog, candidates=True).candidates
    moved = documents.copy()
    moved["text"] = [text.replace("\n\n", "\n\nThe harbour was quiet and the wind had dropped.\n\n", 1)
                     for text in moved["text"]]
    after = document_tables(moved, catalog, candidates=True).candidates
    shape = candidates.candidate_columns().index("shape")
    assert [columns_of(table)[shape] for table in before] == [columns_of(table)[shape] for table in after]
    assert any(columns_of(table)[shape] for table in before)


def test_incremental_frames_give_the_candidates_tables_give(generated):
    """An engine that hands discovery frames (Spark) gets what the per-document tables give."""
    from checker.catalog import load_catalog
    from checker.corpus import load_corpus
    from checker.pipeline import per_document_stages
    from checker.reading import read_clauses

    corpus, facts, _, _ = generated
    catalog = load_catalog(facts)
    documents = load_corpus(corpus)
    found, observations, candidates = per_document_stages(documents, catalog, jobs=1, candidates=True)
    readings = read_clauses(found, documents)
    bound = observations["mention"].tolist()
    from_tables = discovery.discover(found, readings, documents, catalog=catalog, bound=bound, candidates=candidates)
    from_frames = discovery.discover(found, readings, documents, catalog=catalog, bound=bound)
    assert from_tables[1] == from_frames[1] and len(from_tables[1])
    assert from_tables[0].equals(from_frames[0])


def test_incremental_unchanged_report_is_not_written_again(tmp_path):
    folder = tmp_path / "out"
    write_files_atomic(folder, {"a.txt": b"one", "b.txt": b"two"})
    kept = (folder / "a.txt").stat()
    write_files_atomic(folder, {"a.txt": b"one", "b.txt": b"three"})
    assert (folder / "a.txt").stat().st_ino == kept.st_ino and (folder / "a.txt").stat().st_mtime_ns == kept.st_mtime_ns
    assert (folder / "b.txt").read_bytes() == b"three"
    (folder / "a.txt").write_bytes(b"edited by hand")
    with pytest.raises(CheckerError, match="edited by hand"):
        write_files_atomic(folder, {"a.txt": b"one", "b.txt": b"three"})
    assert (folder / "a.txt").read_bytes() == b"edited by hand"
