"""A large corpus's texts held in a temporary file (checker.spill): the same texts as the frame held, and the same
audit, records and reports as an audit that kept them in memory."""
from __future__ import annotations

import hashlib
import os
import pickle

import pytest

from checker.spill import SpilledFrame, SpilledTexts, can_spill, with_texts
from tests import benchmark_modules

pytestmark = pytest.mark.skipif(not can_spill(), reason="the texts stay in memory where os.pread is missing")

TEXTS = [
    ("plain", {"a": "Seven council meetings have taken place since 2016.", "b": "10 meetings."}),
    ("beyond ASCII", {"é": "Le café coûte 3 €.", "中": "会议举行了七次。", "dash": "a — b"}),
    ("empty and long", {"empty": "", "long": "x" * 3_000_000 + "é", "after": "the next one"}),
    ("one", {"only": "1"}),
]


@pytest.mark.parametrize("texts", [texts for _, texts in TEXTS], ids=[name for name, _ in TEXTS])
def test_spilled_texts_are_the_mapping_they_were_made_of(texts):
    spilled = SpilledTexts(list(texts), list(texts.values()))
    assert dict(spilled) == texts
    assert list(spilled) == list(texts)                     # in the order given
    assert len(spilled) == len(texts)
    assert spilled.chars() == sum(map(len, texts.values()))
    assert spilled.column(list(reversed(texts))) == list(reversed(texts.values()))
    assert "not an id" not in spilled and spilled.get("not an id") is None and spilled.get(None) is None
    for source in [*texts, *texts, *reversed(texts)]:   # read again, one after another or not (the last is kept)
        assert spilled[source] == texts[source]
    with pytest.raises(KeyError):
        spilled["not an id"]
    travelled = pickle.loads(pickle.dumps(spilled))         # a process started without fork gets the texts
    assert type(travelled) is dict and travelled == texts


def test_spilled_texts_that_cannot_be_written_are_said_in_a_line(monkeypatch):
    import errno
    import tempfile

    from checker.errors import CheckerError

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(CheckerError) as raised:
        SpilledTexts(["a"], ["some text"])
    assert "No space left on device" in raised.value.one_line() and tempfile.gettempdir() in raised.value.one_line()


def test_spilled_texts_are_read_by_processes_forked_later_at_the_same_time():
    texts = {f"doc-{n}": f"text {n} " * (n % 50) for n in range(400)}
    spilled = SpilledTexts(list(texts), list(texts.values()))
    expected = hashlib.sha256("".join(texts.values()).encode()).hexdigest()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child reads every text while the parent does too, each at offsets of its own
        try:
            os.write(writing, hashlib.sha256("".join(spilled.values()).encode()).hexdigest().encode())
        finally:
            os._exit(0)
    os.close(writing)
    here = hashlib.sha256("".join(spilled.values()).encode()).hexdigest()
    there = os.read(reading, 64).decode()
    os.waitpid(pid, 0)
    assert here == there == expected


def test_spilled_texts_part_is_read_by_a_process_forked_before_they_were_written():
    # A first audit forks its pool's workers before it reads the documents, the spill's file already open: a worker
    # reads its batch's texts from the file (checker.pipeline._spilled_batch), sent only where they are
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from checker.spill import reserved_file

    texts = dict(TEXTS[1][1], **TEXTS[0][1])
    file = reserved_file()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        pool.submit(int).result()   # forked now, the file empty
        spilled = SpilledTexts(list(texts), list(texts.values()), file=file)
        part = spilled.part(["b", "中", "é"])
        sent = pickle.dumps(part)
        assert len(sent) < 400 and "会议".encode() not in sent   # where they are, not the texts
        assert pool.submit(part.texts).result() == {"b": "10 meetings.", "中": "会议举行了七次。", "é": "Le café coûte 3 €."}


def test_spilled_frame_is_the_frame_again_here_in_a_forked_process_and_pickled():
    import pandas as pd

    frame = pd.DataFrame({"observation": [f"o{n}" for n in range(5000)], "low": [n / 3 for n in range(5000)],
                          "quote": ["Le café coûte 3 €."] * 4999 + [None], "moved": [n % 2 == 0 for n in range(5000)]})
    spilled = SpilledFrame(frame)
    pd.testing.assert_frame_equal(spilled.frame(), frame)
    assert spilled.frame() is not spilled.frame()   # made anew each time
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(spilled)), frame)   # a process started without fork
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:   # a forked process reads it with offsets of its own
        try:
            os.write(writing, b"1" if spilled.frame().equals(frame) else b"0")
        finally:
            os._exit(0)
    os.close(writing)
    here = spilled.frame().equals(frame)
    there = os.read(reading, 1)
    os.waitpid(pid, 0)
    assert here and there == b"1"


@pytest.mark.parametrize("columns, order", [
    (None, ["source", "sha256", "text"]),                                   # last, where nothing says its place
    (("source", "text", "sha256"), ["source", "text", "sha256"]),           # back in its place
])
def test_spilled_texts_go_back_into_the_frame_in_their_place(columns, order):
    import pandas as pd

    frame = pd.DataFrame({"source": ["b", "a"], "text": ["two", "one"], "sha256": ["2", "1"]})
    spilled = SpilledTexts(["a", "b"], ["one", "two"], columns=columns)
    made = with_texts(frame.drop(columns="text"), spilled)
    assert list(made.columns) == order and made["text"].tolist() == ["two", "one"]
    assert list(with_texts(frame.drop(columns="text"), {"a": "one", "b": "two"}, columns=columns).columns) == order


@pytest.fixture
def spilled_at_a_small_size(monkeypatch):
    import checker.report.split as split
    import checker.snapshot as snapshot

    monkeypatch.setattr(split, "SPLIT_TEXT_CHARS", 100_000)   # the generated corpus counts as large
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)         # and its first audit's pool leaves a MentionStore


def test_an_audit_whose_texts_were_spilled_is_the_audit_that_held_them(tmp_path, spilled_at_a_small_size, monkeypatch):
    import pandas as pd

    import checker.spill as spill
    from checker.audit import run_audit
    from checker.mentionstore import MentionStore
    from checker.report import write_reports

    import checker.pipeline as pipeline

    corpus, facts = benchmark_modules.generated_corpus(tmp_path, 320, 5)
    staged = []   # what the per-document stages were given: a first audit spills its texts as soon as it reads them
    per_document_stages = pipeline.per_document_stages

    def stages(documents, *args, texts=None, **kwargs):
        staged.append(("text" in documents.columns, type(texts).__name__))
        return per_document_stages(documents, *args, texts=texts, **kwargs)

    monkeypatch.setattr(pipeline, "per_document_stages", stages)

    def audit(name: str):
        # a first audit with a stage cache, on two cores: the pool leaves the mentions in the cache (MentionStore)
        result = run_audit(corpus, facts, None, cache_dir=tmp_path / f"cache-{name}", jobs=2)
        records = result.as_records(lazy=True)
        written = write_reports(records, tmp_path / name, jobs=2)
        return result, records, {path.name: path.read_bytes() for path in written}

    spilled, spilled_records, spilled_reports = audit("spilled")
    monkeypatch.setattr(spill, "can_spill", lambda: False)
    held, held_records, held_reports = audit("held")

    assert staged == [(False, "SpilledTexts"), (True, "NoneType")]   # (the pool's workers read their batches' texts)
    # the statements, once the records were made of them, are held in a file too, made again when read
    assert isinstance(spilled.held_observations(), SpilledFrame) and isinstance(held.held_observations(), pd.DataFrame)
    pd.testing.assert_frame_equal(spilled.observations, held.observations)
    frame, texts = spilled.held_documents()
    store, reference = spilled.held_mentions(), held.held_mentions()   # (before the API makes them a frame)
    assert isinstance(texts, SpilledTexts) and "text" not in frame.columns
    assert held.held_documents()[1] is None
    assert isinstance(spilled_records["texts"], SpilledTexts)
    # what the API reads: the whole frame, its columns in their order, made from the file when first asked for
    pd.testing.assert_frame_equal(spilled.documents, held.documents)
    travelled = pickle.loads(pickle.dumps(texts))   # a process started without fork: the texts, as a dict
    pd.testing.assert_frame_equal(with_texts(frame, travelled)[list(held.documents.columns)], held.documents)
    assert spilled.as_records() == held.as_records()
    assert spilled_reports == held_reports
    # the store finds a document's mentions again from its text where the cache cannot give them
    assert isinstance(store, MentionStore) and store.texts is texts
    assert store.tables([0, 7, 300]) == reference.tables([0, 7, 300])
    pd.testing.assert_frame_equal(store.rows([3, 1]).reset_index(drop=True)[list(held.documents.columns)],
                                  held.documents.iloc[[3, 1]].reset_index(drop=True))

