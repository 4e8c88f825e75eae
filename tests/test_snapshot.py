"""Block snapshots (checker.snapshot): the frames a re-audit reads back are exactly those the stage cache gives."""
from __future__ import annotations

import json
import math
import os
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings, strategies as st

from checker import blockfile, catalog as catalog_mod, corpus as corpus_mod, pipeline, snapshot
from checker.cache import BETWEEN_TABLES, SEPARATOR, column_series
from checker.mentionstore import MentionStore, mention_frame
from tests import benchmark_modules
from tests.seeds import seeds_path



def _same(made, expected) -> None:
    """Frames equal value for value: dtypes, None apart from NaN, 1 apart from 1.0 (the mentions a store stands for:
    its frame)."""
    for got, want in zip((mention_frame(made[0]), made[1]), expected[:2]):
        assert list(got.columns) == list(want.columns)
        assert list(got.dtypes) == list(want.dtypes)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        for column in got.columns:
            if got[column].dtype == object:
                assert [type(value) for value in got[column]] == [type(value) for value in want[column]], column
    assert _joined_tables(made[2]) == _joined_tables(expected[2])


def _joined_tables(tables):
    """Candidate tables each as one text (a re-audit's are, as its snapshots keep them)."""
    return None if tables is None else [table if isinstance(table, str) else SEPARATOR.join(table) for table in tables]


@pytest.fixture
def small_blocks(monkeypatch):
    """Snapshots from the second document, blocks of a few documents (the demo and the seeds cut into several),
    encoded a few blocks at a time."""
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)
    monkeypatch.setattr(snapshot, "BLOCK_DOCUMENTS", 3)
    monkeypatch.setattr(blockfile, "BLOCKS_AT_ONCE", 4)


@pytest.fixture
def runs(monkeypatch):
    """The documents each run of the stages (a miss) was given."""
    given_to = []
    real = pipeline._per_document_stages

    def counted(documents, *args, **kwargs):
        given_to.append(documents["source"].tolist())
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_per_document_stages", counted)
    return given_to


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return benchmark_modules.generated_corpus(tmp_path_factory.mktemp("generated"), 60, 5)


def _inputs(name, generated):
    if name == "demo":
        corpus, facts = None, corpus_mod.default_inputs(None, corpus_mod.DEFAULT, None)[0]
    elif name == "seeds":
        if seeds_path() is None:
            pytest.skip("the seeds corpus (../shared/seeds) is not here")
        corpus, facts = seeds_path(), None
    else:
        corpus, facts = generated
    return corpus_mod.load_corpus(corpus), catalog_mod.load_catalog(facts)


@pytest.mark.parametrize("name", ["demo", "seeds", "generated"])
def test_snapshot_frames_are_the_stage_caches(name, generated, small_blocks, runs, tmp_path):
    documents, catalog = _inputs(name, generated)
    expected = pipeline.per_document_stages(documents, catalog, candidates=True)   # no cache: no snapshots
    runs.clear()
    assert not snapshot.kept(tmp_path)
    first = pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    _same(first, expected)
    blocks = sorted((tmp_path / snapshot.FOLDER).glob("*.bin"))
    assert len(blocks) == len(snapshot.block_bounds(documents["source"].tolist())) > 1
    assert snapshot.kept(tmp_path)   # what tells the audit a re-audit is likely (checker.audit starts the rules' import)
    runs.clear()
    again = pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    assert runs == []   # every block read back
    _same(again, expected)
    # of the mentions, the re-audit holds each document's count and the units; the rest is read when asked
    store, mentions = again[0], expected[0]
    assert isinstance(store, MentionStore) and len(store) == len(mentions)
    sizes = mentions["source"].value_counts()
    assert store.counts == [int(sizes.get(source, 0)) for source in documents["source"].tolist()]
    assert store.units == {unit.lower() for unit in mentions["unit"].dropna().tolist() if unit}
    for positions in ([len(documents) - 1, 0, len(documents) // 2], list(range(len(documents)))[::-2], []):
        sources = documents["source"].iloc[positions].tolist()
        want = pd.concat([mentions[mentions["source"] == source] for source in sources]) if sources else mentions[:0]
        got = store.part(positions)
        assert list(got.columns) == list(mentions.columns)
        assert got.astype(object).where(got.notna(), None).values.tolist() == \
            want.astype(object).where(want.notna(), None).values.tolist()
    _same((*pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path), None), (*expected[:2], None))


def test_snapshot_edit_makes_its_block_alone(generated, small_blocks, runs, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(generated[0], corpus)
    catalog = catalog_mod.load_catalog(generated[1])
    cache = tmp_path / "cache"
    pipeline.per_document_stages(corpus_mod.load_corpus(corpus), catalog, cache_dir=cache, candidates=True)
    before = {path.name: path.stat().st_mtime_ns for path in (cache / snapshot.FOLDER).glob("*.bin")}
    edited = sorted(corpus.glob("*.txt"))[17]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMarlow County now runs 987 ferries.\n", encoding="utf-8")
    documents = corpus_mod.load_corpus(corpus)
    runs.clear()
    ticks = []
    made = pipeline.per_document_stages(documents, catalog, cache_dir=cache, candidates=True, progress=ticks.append)
    assert sum(ticks) == len(documents)   # the blocks read back count for the progress bar too
    after = {path.name: path.stat().st_mtime_ns for path in (cache / snapshot.FOLDER).glob("*.bin")}
    assert len(runs) == 1 and f"marlow-{edited.stem}" in runs[0] and len(runs[0]) < len(documents) / 3
    assert set(before) < set(after) and len(set(after) - set(before)) == 1   # its block's new file; the old kept
    assert all(after[name] == before[name] for name in before)              # the others not written
    _same(made, pipeline.per_document_stages(documents, catalog, candidates=True))
    assert "987" in mention_frame(made[0])["value_text"].tolist()


def test_snapshot_unreadable_file_is_a_miss(generated, small_blocks, runs, tmp_path):
    documents, catalog = _inputs("generated", generated)
    expected = pipeline.per_document_stages(documents, catalog, candidates=True)
    pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    files = sorted((tmp_path / snapshot.FOLDER).glob("*.bin"))
    files[0].write_bytes(files[0].read_bytes()[:200])            # cut short
    files[1].write_bytes(b"not a snapshot")
    runs.clear()
    _same(pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True), expected)
    assert len(runs) == 1
    assert sorted((tmp_path / snapshot.FOLDER).glob("*.bin")) == files   # written again


def test_snapshot_keeps_another_corpus_s_blocks_as_many_again(generated, small_blocks, tmp_path):
    """A gate audits two states of a corpus with one cache: the other's newest blocks stay, older ones go, and so
    do those another version of checker made."""
    documents, catalog = _inputs("generated", generated)
    pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    folder = tmp_path / snapshot.FOLDER
    mine = sorted(folder.glob("*.bin"))
    code = mine[0].name.split("-")[0]
    strangers = [folder / f"{code}-{number:040d}.bin" for number in range(2 * len(mine))]
    for age, path in enumerate(strangers):
        path.write_bytes(b"a block of another corpus")
        os.utime(path, ns=(2 * 10**18 - age * 10**9, 2 * 10**18 - age * 10**9))   # the first the newest
    older_code = folder / f"{'0' * len(code)}-{0:040d}.bin"
    older_code.write_bytes(b"a block made by other code")   # the newest of all, but never read again
    pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    assert sorted(folder.glob("*.bin")) == sorted([*mine, *strangers[:len(mine)]])


def test_snapshot_block_read_holds_only_what_was_asked(generated, small_blocks, tmp_path):
    # a block's columns own their values (a view of the file's bytes held the whole file for as long as one of them
    # lived), and only the frames and columns asked for are decoded
    documents, catalog = _inputs("generated", generated)
    pipeline.per_document_stages(documents, catalog, cache_dir=tmp_path, candidates=True)
    path = sorted((tmp_path / snapshot.FOLDER).glob("*.bin"))[0]
    whole = blockfile.read(path)
    numeric = [values for frame in ("mentions", "observations") for _, dtype, values, _ in whole[frame]
               if dtype in ("int64", "float64", "bool")]
    assert numeric and all(values.base is None for values in numeric)
    asked = blockfile.read(path, {"mentions": ("source", "unit")}, candidates=False)
    assert set(asked) == {"mentions"} and [column[0] for column in asked["mentions"]] == ["source", "unit"]
    assert [list(column[2]) for column in asked["mentions"]] == \
        [list(column[2]) for column in whole["mentions"] if column[0] in ("source", "unit")]
    assert whole["candidates"] and blockfile.read(path, {"observations": None}, candidates=False).keys() == \
        {"observations"}
    # and only their bytes are read: a file whose candidates' bytes are spoilt gives the mentions still (the
    # reports read a block's mentions alone), and nothing where they are asked for; one cut short, nothing
    data = path.read_bytes()
    head = len(blockfile._MAGIC)
    length = int.from_bytes(data[head:head + 8], "little")
    offset, size = json.loads(data[head + 8:head + 8 + length])["candidates"][1]
    at = head + 8 + length + offset
    # each table's text is cut from the file's bytes before it is decoded: the texts the joined text splits into
    assert whole["candidates"] == data[at:at + size].decode("utf-8").split(BETWEEN_TABLES) == \
        blockfile.parsed(data)["candidates"]
    path.write_bytes(data[:at] + b"\xff" * size + data[at + size:])
    mentions = blockfile.read(path, {"mentions": None}, candidates=False)["mentions"]
    assert [(name, list(values)) for name, _, values, _ in mentions] == \
        [(name, list(values)) for name, _, values, _ in whole["mentions"]]
    assert blockfile.read(path) is None and blockfile.read(path, {}, candidates=True) is None
    path.write_bytes(data[:head + 8 + length + 10])
    assert blockfile.read(path, {"mentions": None}, candidates=False) is None
    assert blockfile.parsed(data[:head + 8 + length + 10], {"mentions": None}, candidates=False) is None


def test_snapshot_blocks_are_cut_by_document_not_by_position():
    sources = [f"doc-{number:04d}" for number in range(2000)]
    bounds = snapshot.block_bounds(sources)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(sources)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert 5 < len(bounds) < 60
    # a document added at the front moves no later boundary (by id)
    moved = snapshot.block_bounds(["doc-new", *sources])
    ends = {sources[stop - 1] for _, stop in bounds}
    assert ends <= {(["doc-new", *sources])[stop - 1] for _, stop in moved}


# --- the join of a column's blocks: frame_of's own column, or a miss -------------------------------------------

VALUES = st.one_of(st.none(), st.just(math.nan), st.integers(-3, 3), st.sampled_from([0.5, 2.0, -1.25, math.inf]),
                   st.sampled_from(["", "a", "b", "nan"]), st.booleans())


def _column_blocks(parts: list[list], sliced: list[bool]) -> list[tuple]:
    """Each part as a block would hold it: inferred on its own (a run over its documents) or cut from the
    column of all (a run over many blocks), through its snapshot file."""
    whole = column_series([value for part in parts for value in part])
    blocks, first = [], 0
    for part, cut in zip(parts, sliced):
        series = whole.iloc[first:first + len(part)].reset_index(drop=True) if cut else column_series(list(part))
        first += len(part)
        frame = pd.DataFrame({"source": ["d"] * len(part), "value": series})
        documents = pd.DataFrame({"source": ["d"]})
        data = dict(blockfile.encoded_blocks(documents, [(0, 1)], [0], (frame, frame.iloc[:0], None), False))[0]
        blocks.append(blockfile.parsed(data)["mentions"][1][1:])
    return blocks


@settings(max_examples=400, deadline=None)
@example([([1, 2], False), ([None], False)])          # [1, 2, None] is read as floats
@example([([True], False), ([math.nan], False)])      # [True, NaN] as objects
@example([([1], False), ([2.5, None], False)])        # integers beside floats: floats
@example([(["a"], False), ([None, math.nan], False)])  # a block of nothing beside texts
@given(st.lists(st.tuples(st.lists(VALUES, min_size=1, max_size=5), st.booleans()), min_size=1, max_size=4))
def test_snapshot_column_is_frame_ofs_or_a_miss(parts):
    values = [value for part, _ in parts for value in part]
    joined = snapshot._column(_column_blocks([part for part, _ in parts], [cut for _, cut in parts]))
    expected = column_series(values)
    if joined is None:
        return
    assert joined.dtype == expected.dtype
    got, want = joined.tolist(), expected.tolist()
    assert [type(value) for value in got] == [type(value) for value in want]
    assert [("nan" if value != value else value) for value in got] == [("nan" if v != v else v) for v in want]


def test_snapshot_column_joins_the_usual_columns():
    """The columns the stages make (texts with gaps, integers, floats, numbers and dates) join without a miss."""
    cases = [([["a", None], [None], ["b"]], [False, False, False]),
             ([[1, 2], [3]], [False, False]),
             ([[1.5, None], [2], [None]], [False, False, False]),
             ([[12.0, "2019-07-01"], [None, "2020-01-01", 3.0]], [False, False]),
             ([[12.0, "2019-07-01"], [None, 3.0]], [True, True]),
             ([["a"], [None]], [True, True])]
    for parts, sliced in cases:
        joined = snapshot._column(_column_blocks(parts, sliced))
        assert joined is not None, parts
        assert joined.dtype == column_series([v for part in parts for v in part]).dtype
    assert np.isnan(snapshot._column(_column_blocks([[None], [1.5]], [False, False])).iloc[0])
    # A block of numbers alone beside one of numbers and dates: read on its own as floats, its None is NaN, and
    # frame_of keeps None among objects. Which it was no snapshot tells: the corpus is read from the stage cache.
    assert snapshot._column(_column_blocks([[12.0, "2019-07-01"], [None, 3.0]], [False, False])) is None
