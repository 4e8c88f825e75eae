"""The stage cache inside real audits: a cached audit writes the very reports an uncached one writes."""
from __future__ import annotations

import pytest

from checker.audit import run_audit
from checker.corpus import DEFAULT
from checker.report import render_reports

EDIT = ("Since 2018, nine ferry strikes", "Since 2018, eleven ferry strikes")


def reports(corpus, facts, expectations, cache_dir=None) -> dict[str, str]:
    return render_reports(run_audit(corpus, facts, expectations, cache_dir=cache_dir))


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_cache_audit_after_an_edit_equals_an_uncached_audit(tmp_path, ferry_corpus, ferry_facts, no_suites):
    cache = tmp_path / "cache"
    cold = reports(ferry_corpus, ferry_facts, no_suites, cache)
    assert cold == reports(ferry_corpus, ferry_facts, no_suites)
    assert reports(ferry_corpus, ferry_facts, no_suites, cache) == cold  # every document from the cache
    edit(ferry_corpus / "tide.txt", *EDIT)
    warm = reports(ferry_corpus, ferry_facts, no_suites, cache)
    assert warm == reports(ferry_corpus, ferry_facts, no_suites)
    assert warm["audit.json"] != cold["audit.json"] and '"eleven ferry strikes"' in warm["audit.json"]


def test_cache_audit_of_the_demo_with_its_suites_is_byte_identical(tmp_path):
    uncached = reports(None, DEFAULT, DEFAULT)  # the demo's own catalog and suite
    assert reports(None, DEFAULT, DEFAULT, tmp_path) == uncached  # cold: fills the cache
    assert reports(None, DEFAULT, DEFAULT, tmp_path) == uncached  # warm: reads it


def test_cache_new_grammar_version_extracts_again(tmp_path, monkeypatch, ferry_corpus, ferry_facts, no_suites):
    import checker.mentions as mentions

    extracted = []
    real_extract = mentions.extract
    monkeypatch.setattr(mentions, "extract", lambda text, published: extracted.append(text) or
                        real_extract(text, published))
    first = reports(ferry_corpus, ferry_facts, no_suites, tmp_path)
    assert len(extracted) == 3
    reports(ferry_corpus, ferry_facts, no_suites, tmp_path)
    assert len(extracted) == 3
    monkeypatch.setattr(mentions, "GRAMMAR_VERSION", mentions.GRAMMAR_VERSION + "-next")
    assert reports(ferry_corpus, ferry_facts, no_suites, tmp_path) == first
    assert len(extracted) == 6


@pytest.mark.parametrize("old, new", [
    ("context: [petition, signed]", "context: [petition]"),   # a fact's terms: "More than 350 islanders signed"
    ("applies_when: [Orla]", "applies_when: [Tide]"),        # which documents the story covers
    ("unit: strike\n", "unit: walkout\n"),
])
def test_cache_changed_catalog_binds_again(tmp_path, ferry_corpus, ferry_facts, no_suites, old, new):
    before = reports(ferry_corpus, ferry_facts, no_suites, tmp_path)
    edit(ferry_facts, old, new)
    after = reports(ferry_corpus, ferry_facts, no_suites, tmp_path)
    assert after == reports(ferry_corpus, ferry_facts, no_suites)
    assert after["audit.json"] != before["audit.json"]


def test_cache_same_catalog_at_another_path_is_not_bound_again(tmp_path, monkeypatch, ferry_corpus, ferry_facts,
                                                               no_suites):
    import shutil

    import checker.binding as binding

    bound = []
    real_bind = binding._bind_document
    monkeypatch.setattr(binding, "_bind_document", lambda doc, *args: bound.append(doc.source) or
                        real_bind(doc, *args))
    reports(ferry_corpus, ferry_facts, no_suites, tmp_path / "cache")
    assert len(bound) == 3
    moved = tmp_path / "elsewhere" / ferry_facts.name
    moved.parent.mkdir()
    shutil.copy(ferry_facts, moved)   # where a fact was written is no input of binding
    reports(ferry_corpus, moved, no_suites, tmp_path / "cache")
    assert len(bound) == 3
    edit(moved, "unit: strike\n", "unit: walkout\n")   # what it says still is
    reports(ferry_corpus, moved, no_suites, tmp_path / "cache")
    assert len(bound) == 6


def test_cache_same_text_under_two_ids_keeps_each_id(tmp_path, ferry_facts, no_suites):
    corpus = tmp_path / "twins"
    corpus.mkdir()
    text = "The Orla Island ferry cooperative says 14 ferry strikes took place since 2018.\n"
    for name in ("first.txt", "second.txt"):
        (corpus / name).write_text(text, encoding="utf-8")
    cached = run_audit(corpus, ferry_facts, no_suites, cache_dir=tmp_path / "cache", discover=False)
    assert sorted(cached.mentions["source"].unique()) == ["first", "second"]
    assert sorted(cached.observations["source"]) == ["first", "second"]
    (corpus / "first.txt").rename(corpus / "renamed.txt")  # same bytes, new id
    again = run_audit(corpus, ferry_facts, no_suites, cache_dir=tmp_path / "cache", discover=False)
    assert sorted(again.mentions["source"].unique()) == sorted(again.observations["source"]) == ["renamed", "second"]
    assert all(m.startswith(s + "@") for m, s in zip(again.mentions["mention"], again.mentions["source"]))


def test_cache_cli_no_cache_leaves_no_cache_folder(tmp_path, monkeypatch, ferry_corpus, ferry_facts, no_suites):
    from click.testing import CliRunner

    from checker.cli import cli

    monkeypatch.chdir(tmp_path)
    arguments = ["audit", str(ferry_corpus), "--facts", str(ferry_facts), "--expectations", str(no_suites)]
    runner = CliRunner()
    assert runner.invoke(cli, [*arguments, "--out", "uncached", "--no-cache"]).exit_code in (0, 1)
    assert not (tmp_path / ".checker-cache").exists()
    assert runner.invoke(cli, [*arguments, "--out", "cached"]).exit_code in (0, 1)
    assert (tmp_path / ".checker-cache").is_dir()
    assert (tmp_path / "uncached" / "audit.json").read_bytes() == (tmp_path / "cached" / "audit.json").read_bytes()


def test_cache_mention_keys_of_documents_whose_texts_were_spilled_are_theirs(ferry_corpus):
    # A first audit spills a large corpus's texts as soon as it reads them (checker.spill): the documents' keys in
    # the mention cache are read from the files' digests, the same keys, and need the texts only where one is missing
    from checker.corpus import load_corpus
    from checker.mentions import mention_keys

    documents = load_corpus(ferry_corpus)
    keys = mention_keys(documents)
    assert mention_keys(documents.drop(columns="text")) == keys
    undigested = documents.assign(sha256=None)
    assert mention_keys(undigested) != keys and len(set(mention_keys(undigested))) == len(documents)
    with pytest.raises(KeyError):
        mention_keys(undigested.drop(columns="text"))
