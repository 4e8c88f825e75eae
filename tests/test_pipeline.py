"""The per-document stages on several processes: the same reports as on one, byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.audit import run_audit
from checker.pipeline import MIN_DOCUMENTS_PER_JOB
from checker.report import render_reports
from tests import benchmark_modules

PROJECT = Path(__file__).resolve().parent.parent
DOCUMENTS = 2 * MIN_DOCUMENTS_PER_JOB + 20   # enough for two processes


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """benchmarks/cache_speed.py's generated local news, with its small catalog."""
    return benchmark_modules.generated_corpus(tmp_path_factory.mktemp("generated"), DOCUMENTS, 3)


def test_pipeline_two_processes_write_the_reports_one_writes(generated, tmp_path):
    corpus, facts = generated
    one = render_reports(run_audit(corpus, facts, None, jobs=1))
    ticks = []
    result = run_audit(corpus, facts, None, jobs=2, progress=ticks.append)
    assert sum(ticks) == DOCUMENTS and max(ticks) > 1   # batches came back from the pool, not one document each
    assert render_reports(result) == one
    assert '"conflict"' in one["audit.json"] and len(result.observations) > 100
    # Workers share a cache folder; what they stored is what one process reads back.
    cache = tmp_path / "cache"
    assert render_reports(run_audit(corpus, facts, None, jobs=2, cache_dir=cache)) == one
    assert render_reports(run_audit(corpus, facts, None, jobs=1, cache_dir=cache)) == one
    # The rules run in a second process there: a suite's error still comes back as the one line that names it
    from checker.errors import CheckerError

    (tmp_path / "expectations").mkdir()
    (tmp_path / "expectations" / "broken.json").write_text('{"name": "broken",\n  "expectations": [}', encoding="utf-8")
    with pytest.raises(CheckerError, match=r"broken\.json:2: invalid JSON"):
        run_audit(corpus, facts, tmp_path / "expectations", jobs=2, cache_dir=cache)


def test_pipeline_records_made_while_the_consensus_is_worked_out_are_the_records(generated):
    # With the consensus in a third process, the records' parts that read none of it are made meanwhile
    # (checker.records.Early); as_records takes them once, only for the very tables they were made from
    import dataclasses
    import json

    from checker.records import Early
    from checker.report.json_report import render_json
    from checker.report import materialized

    corpus, facts = generated
    result = run_audit(corpus, facts, None, jobs=2)
    assert isinstance(result.early, Early)
    fresh = dataclasses.replace(result, early=None)

    def as_json(records) -> str:
        return render_json(materialized(records))

    assert as_json(result.as_records(lazy=True)) == as_json(fresh.as_records(lazy=True))
    assert result.early.parts is None                                   # taken once
    again = run_audit(corpus, facts, None, jobs=2)
    assert as_json(again.as_records()) == as_json(fresh.as_records())   # not lazy: its mentions made again
    other = run_audit(corpus, facts, None, jobs=2)
    other.observations = other.observations.iloc[:10]
    records = other.as_records(lazy=True)
    assert len(records["observations"]) == 10 and json.loads(as_json(records))["summary"]["observations"] == 10


def test_pipeline_first_audit_leaves_the_mentions_in_the_stage_cache(generated, tmp_path, monkeypatch):
    # A first audit of a large corpus (block snapshots: checker.snapshot) with a pool: the workers store the
    # mentions and write the snapshots, this process holds a MentionStore, and everything made of it is what the
    # frame gives: the reports (lazy or not), AuditResult.mentions, a store whose cache was emptied since
    import pandas as pd

    from checker import snapshot
    from checker.cache import CACHE_FILE
    from checker.mentionstore import MentionStore
    from checker.report import materialized
    from checker.report.json_report import render_json

    corpus, facts = generated
    plain = run_audit(corpus, facts, None, jobs=1)
    one = render_reports(plain)
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)
    monkeypatch.setattr(snapshot, "BLOCK_DOCUMENTS", 16)   # blocks of ~16 documents: batches of several
    cache = tmp_path / "cache"
    ticks = []
    result = run_audit(corpus, facts, None, jobs=2, cache_dir=cache, progress=ticks.append)
    store = result.held_mentions()
    assert isinstance(store, MentionStore) and sum(ticks) == DOCUMENTS
    assert len(store) == len(plain.mentions) > 1000 and store.sources() == plain.mentions["source"].nunique()
    assert render_json(materialized(result.as_records(lazy=True))) == one["audit.json"]
    assert render_reports(result) == one
    pd.testing.assert_frame_equal(result.mentions, plain.mentions)
    # the store reads the mentions from the block snapshots the workers wrote; with neither those nor the stage
    # cache, a miss, as the grammar finds them again
    assert store.blocks[0] and all(Path(path).is_file() for path in store.blocks[1])
    (cache / CACHE_FILE).unlink()
    pd.testing.assert_frame_equal(store.frame(), plain.mentions)
    shutil.move(cache / snapshot.FOLDER, tmp_path / "blocks")
    pd.testing.assert_frame_equal(MentionStore(store.documents, str(cache), store.counts, store.units,
                                               store.blocks).frame(), plain.mentions)
    shutil.move(tmp_path / "blocks", cache / snapshot.FOLDER)
    # A re-audit reads every block from the snapshots the workers wrote: no document goes through the stages
    from checker import pipeline

    runs = []
    monkeypatch.setattr(pipeline, "_per_document_stages", lambda *args, **kwargs: runs.append(1))
    again = run_audit(corpus, facts, None, jobs=2, cache_dir=cache)
    assert not runs and render_reports(again) == one


def test_pipeline_first_audit_groups_candidates_from_the_block_snapshots(generated, tmp_path, monkeypatch):
    # A first audit's workers write the candidate tables into the block snapshots and send back their shapes
    # alone (checker.candidatestore): discovery over the store, here, in a process forked before (the audit's
    # grouper), and with the snapshots gone, finds the facts and statements the tables themselves give
    import pandas as pd

    from checker import catalog as catalog_mod, discovery, pipeline, snapshot
    from checker.candidatestore import CandidateStore
    from checker.corpus import load_corpus
    from checker.processes import Prepared

    corpus, facts = generated
    documents, catalog = load_corpus(corpus), catalog_mod.load_catalog(facts)
    found, observations, tables = pipeline.per_document_stages(documents, catalog, candidates=True, jobs=1)
    bound = observations["mention"].tolist()
    listed = discovery.discover(found, None, documents, catalog=catalog, bound=bound, candidates=tables)
    assert len(listed[1]) >= 3 and len(listed[0]) > 100
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)
    monkeypatch.setattr(snapshot, "BLOCK_DOCUMENTS", 16)
    cache = tmp_path / "cache"
    stored_found, _, store = pipeline.per_document_stages(documents, catalog, cache_dir=cache, candidates=True, jobs=2)
    assert isinstance(store, CandidateStore) and len(store) == len(documents) and len(store.blocks[0]) > 4

    def check(made):
        assert made[1] == listed[1]
        pd.testing.assert_frame_equal(made[0], listed[0])

    check(discovery.discover(stored_found, None, documents, catalog=catalog, bound=bound, candidates=store))
    with Prepared(lambda: None, fork=True, hold=True) as grouper:
        # the grouping is the grouper's: this process's own would fail
        monkeypatch.setattr(discovery, "_standing", lambda *args: pytest.fail("grouped in the audit's process"))
        check(discovery.discover(stored_found, None, documents, catalog=catalog, bound=bound, candidates=store,
                                 fork=True, grouper=grouper))
    monkeypatch.undo()
    # snapshots pruned meanwhile: the grouper cannot read them, this process makes their tables again
    shutil.rmtree(cache / snapshot.FOLDER)
    with Prepared(lambda: None, fork=True, hold=True) as grouper:
        check(discovery.discover(stored_found, None, documents, catalog=catalog, bound=bound, candidates=store,
                                 fork=True, grouper=grouper))


def test_pipeline_snapshots_made_again_from_the_stage_cache_are_made_by_the_pool(generated, tmp_path, monkeypatch):
    # After an upgrade of checker every block's snapshot is stale (its key holds the package's digest), while the
    # stage cache still holds every document's tables (their keys hold the grammar's version): the pool's workers
    # make the snapshots again from the cache, and this process gets the stores, as a first audit does, never the
    # corpus's tables; what they hold is the first audit's
    import pandas as pd

    from checker import catalog as catalog_mod, codedigest, pipeline, snapshot
    from checker.candidatestore import CandidateStore
    from checker.corpus import load_corpus
    from checker.mentionstore import MentionStore

    corpus, facts = generated
    documents, catalog = load_corpus(corpus), catalog_mod.load_catalog(facts)
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)
    monkeypatch.setattr(snapshot, "BLOCK_DOCUMENTS", 16)
    cache = tmp_path / "cache"
    first = pipeline.per_document_stages(documents, catalog, cache_dir=cache, candidates=True, jobs=2)
    snapshots = sorted(path.name for path in (cache / snapshot.FOLDER).glob("*.bin"))
    assert pipeline._uncached(documents, cache).empty and len(snapshots) > 4
    digest = codedigest.package_digest()
    monkeypatch.setattr(codedigest, "package_digest", lambda: "upgraded" + digest)
    again = pipeline.per_document_stages(documents, catalog, cache_dir=cache, candidates=True, jobs=2)
    assert isinstance(again[0], MentionStore) and isinstance(again[2], CandidateStore)
    remade = sorted(path.name for path in (cache / snapshot.FOLDER).glob("*.bin"))
    assert len(remade) == len(snapshots) and not set(remade) & set(snapshots)   # the stale ones pruned
    pd.testing.assert_frame_equal(again[0].frame(), first[0].frame())
    pd.testing.assert_frame_equal(again[1], first[1])
    assert [again[2].table(at) for at in range(len(documents))] == [first[2].table(at) for at in range(len(documents))]


def test_pipeline_stored_mentions_walked_out_of_order_are_the_frame_s(generated, tmp_path, monkeypatch):
    # The reports may walk the sources in any order (the pages of a corpus with no fact, in date order): each
    # source's items are the frame's, read a group of documents at a time, then from the frame once the walks
    # jumped as often as there are groups
    from checker import records, snapshot
    from checker.mentionstore import MentionStore

    corpus, facts = generated
    monkeypatch.setattr(snapshot, "SNAPSHOT_FROM", 2)
    monkeypatch.setattr(records, "GROUP", 8)
    result = run_audit(corpus, facts, None, jobs=2, cache_dir=tmp_path / "cache")
    store = result.held_mentions()
    assert isinstance(store, MentionStore)
    expected = records._mention_items(result.mentions)
    lazy = records._stored_mention_items(store)
    assert list(lazy) == sorted(expected)
    for source in sorted(expected, key=lambda source: source[::-1]) + sorted(expected):
        assert list(lazy[source]) == expected[source], source


def test_pipeline_small_corpus_stays_in_one_process():
    ticks = []
    run_audit(None, jobs=8, progress=ticks.append)   # the demo: a handful of documents
    assert ticks and set(ticks) == {1}


def test_pipeline_one_document_gathers_no_candidates(generated, tmp_path, monkeypatch):
    """Discovery groups statements of two sources or more, so a corpus of one document (a 100 MB file has a
    million statements) reads no candidates at all; the same statements in two documents are grouped."""
    from checker.discovery import candidates

    corpus, _ = generated
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))[:40]]
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "all.txt").write_text("\n\n".join(texts), encoding="utf-8")
    (two / "a.txt").write_text("\n\n".join(texts[:20]), encoding="utf-8")
    (two / "b.txt").write_text("\n\n".join(texts[20:]), encoding="utf-8")
    read = []
    real = candidates._document_candidates
    monkeypatch.setattr(candidates, "_document_candidates", lambda *args, **kw: read.append(1) or real(*args, **kw))
    alone = run_audit(one, None, None, jobs=1)
    assert not read and len(alone.mentions) > 500
    assert not [fact for fact in alone.catalog.facts if fact.origin == "discovered"]
    together = run_audit(two, None, None, jobs=1)
    assert len(read) == 2 and [fact for fact in together.catalog.facts if fact.origin == "discovered"]


@pytest.mark.parametrize("fork", [True, False])
def test_pipeline_work_beside_returns_what_a_call_here_returns(fork):
    import os

    from checker.errors import CheckerError
    from checker.processes import Beside

    table = {"rows": list(range(1000))}   # read in the child as it was at the fork, never sent to it
    side = Beside(lambda: (os.getpid(), sum(table["rows"])), fork=fork)
    pid, total = side.result()
    assert total == 499500 and (pid != os.getpid()) == fork

    def fails():
        raise CheckerError("no such fact", path="facts/x.yaml", line=3, hint="check its key")

    with pytest.raises(CheckerError) as raised:
        Beside(fails, fork=fork).result()
    assert (raised.value.path, raised.value.line, raised.value.hint) == ("facts/x.yaml", 3, "check its key")
    assert str(raised.value) == "facts/x.yaml:3: no such fact (check its key)"


def test_pipeline_work_beside_is_done_here_when_the_child_dies_without_a_word():
    import os

    from checker.processes import Beside

    parent = os.getpid()
    side = Beside(lambda: os._exit(9) if os.getpid() != parent else "done here", fork=True)
    assert side.result() == "done here"


def test_pipeline_work_shared_is_each_item_once_in_order_by_both_processes():
    import os
    import time

    from checker.processes import Shared

    parent = os.getpid()
    go_on, signal = os.pipe()

    waited = []

    def do(item):
        if os.getpid() != parent:   # the second process waits on its first item until this one has made one
            waited or waited.append(os.read(go_on, 1))
        else:
            os.write(signal, b"x")
        return os.getpid(), item * item

    shared = Shared(range(12), do)
    deadline = time.monotonic() + 30
    while shared.taken.value < 1 and time.monotonic() < deadline:   # the second process has its first item
        time.sleep(0.01)
    made = shared.results()
    assert [square for _, square in made] == [item * item for item in range(12)]
    assert {pid for pid, _ in made} == {parent, shared.side.pid}
    assert made[0][0] == shared.side.pid and sum(pid == parent for pid, _ in made) >= 1


@pytest.mark.parametrize("failing", ["here", "beside"])
def test_pipeline_work_shared_takes_back_what_both_made_when_one_fails(tmp_path, failing):
    import os
    import time

    from checker.processes import Shared

    parent = os.getpid()
    go_on, signal = os.pipe()

    waited = []

    def do(item):   # a file per item (a temp file of a report), as the second process shares its writing
        here = os.getpid() == parent
        if not here:   # its first item waits until this process has taken one
            waited or waited.append(os.read(go_on, 1))
        else:
            os.write(signal, b"x")
        if here == (failing == "here"):
            raise OSError(28, "No space left on device")
        (tmp_path / str(item)).write_text("made")
        return tmp_path / str(item)

    shared = Shared(range(8), do, undo=lambda path: path.unlink())
    deadline = time.monotonic() + 30
    while shared.taken.value < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(OSError, match="No space left"):
        shared.results()
    assert list(tmp_path.iterdir()) == []   # nothing either process made is left


def test_pipeline_work_shared_is_done_here_when_the_second_process_dies():
    import os

    from checker.processes import Shared

    parent = os.getpid()
    shared = Shared(range(5), lambda item: os._exit(9) if os.getpid() != parent else item + 1)
    assert shared.results() == [1, 2, 3, 4, 5]


def test_pipeline_work_shared_goes_on_when_the_second_process_dies_holding_the_lock(monkeypatch):
    import os
    import time

    from checker import processes

    monkeypatch.setattr(processes, "LOCK_WAIT", 0.2)
    parent = os.getpid()

    class Killed(processes.Shared):
        def _there(self):
            if os.getpid() != parent:   # killed inside the lock, as the kernel's OOM killer might
                self.lock.acquire()
                self.taken.value = 1
                os._exit(9)
            return super()._there()

    shared = Killed(range(4), lambda item: item * 2)
    deadline = time.monotonic() + 30
    while shared.taken.value < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert shared.results() == [0, 2, 4, 6]


def _slept(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def _pid_and_sum(rows):
    import os

    return os.getpid(), sum(rows)


def _pid_and_arrays(arrays):
    import os

    return os.getpid(), [array.tobytes() for array in arrays]


def _pid_and_len(rows):
    import os

    return os.getpid(), len(rows)


def _raises_checker_error(path):
    from checker.errors import CheckerError

    raise CheckerError("invalid JSON", path=path, line=2)


def _prepared_marker():
    import sys

    sys.modules["checker_prepared_marker"] = object()   # what the child prepared stays there
    print("printed in the child: goes nowhere")


def _sees_marker(_):
    import os
    import sys

    return os.getpid(), "checker_prepared_marker" in sys.modules


@pytest.mark.parametrize("fork", [True, False])
def test_pipeline_prepared_process_runs_the_call_sent_to_it(fork):
    import os
    import sys

    from checker.errors import CheckerError
    from checker.processes import Prepared

    with Prepared(_prepared_marker, fork=fork) as ready:
        pid, prepared = ready.run(_sees_marker, None)
    assert (pid != os.getpid()) == fork and prepared == fork   # the child ran prepare(); here it never runs
    assert "checker_prepared_marker" not in sys.modules
    rows = list(range(100_000))   # sent to it pickled, larger than a pipe's buffer
    with Prepared(lambda: None, fork=fork) as ready:
        ready.send(_pid_and_sum, rows)
        rows.append(1)   # this process goes on; the child has the rows as they were sent
        assert ready.result()[1] == sum(rows) - (1 if fork else 0)
    # Typed buffers (NumPy's, pickled as raw memory), larger than the pipe's: written in parts, they arrive whole
    import numpy as np

    arrays = [np.arange(3_000_000, dtype=np.float64), np.arange(10**6, dtype=np.int32).reshape(1000, 1000)]
    with Prepared(lambda: None, fork=fork) as ready:
        assert ready.run(_pid_and_arrays, arrays)[1] == [array.tobytes() for array in arrays]
    with Prepared(lambda: None, fork=fork) as ready, pytest.raises(CheckerError) as raised:
        ready.run(_raises_checker_error, "expectations/x.json")
    assert str(raised.value) == "expectations/x.json:2: invalid JSON"
    # wait(): until the answer is there, unread (the child's rows as they were when sent, this one's changed after)
    with Prepared(lambda: None, fork=fork) as ready:
        ready.wait()   # nothing asked: returns at once
        ready.send(_pid_and_sum, rows)
        ready.wait()
        rows.append(2)
        assert ready.result()[1] == sum(rows) - (2 if fork else 0)
    import time

    with Prepared(lambda: None, fork=fork) as ready:
        ready.send(_slept, 0.3)
        started = time.monotonic()
        ready.wait()   # as long as the child takes
        assert (time.monotonic() - started >= 0.25) == fork and ready.result() == 0.3


def test_pipeline_held_prepared_process_prepares_only_when_let(tmp_path):
    # A held child prepares when told to go (or when asked), never before; one let go of unasked leaves unprepared
    import os
    import time

    from checker.processes import Prepared

    marker = tmp_path / "prepared"
    prepare = lambda: marker.write_text("prepared")   # noqa: E731  run in the forked child
    with Prepared(prepare, fork=True, hold=True) as ready:
        time.sleep(0.3)
        assert not marker.exists()
        ready.go()
        assert ready.run(_pid_and_sum, [1, 2])[1] == 3
    assert marker.read_text() == "prepared"
    marker.unlink()
    with Prepared(prepare, fork=True, hold=True) as ready:   # asked without a go: prepares, then answers
        child = ready.pid
        assert ready.run(_pid_and_sum, [4]) == (child, 4)
    assert marker.exists()
    marker.unlink()
    with Prepared(prepare, fork=True, hold=True) as ready:   # never let go nor asked: leaves unprepared
        child = ready.pid
    assert ready.pid is None and not marker.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    with Prepared(lambda: time.sleep(60), fork=True, hold=True) as ready:   # let go, then left: stopped, not
        ready.go()                                                           # waited for through its prepare()
        started = time.monotonic()
        ready.leave()
        assert time.monotonic() - started < 30 and ready.pid is None
        assert ready.run(_pid_and_sum, [6]) == (os.getpid(), 6)   # later calls are made here
    with Prepared(prepare, fork=True, hold=True) as ready:   # left while held: leaves unprepared
        ready.leave()
        assert ready.run(_pid_and_sum, [7]) == (os.getpid(), 7)
    assert not marker.exists()
    with Prepared(prepare, fork=False, hold=True) as ready:   # no child: go does nothing, the call is here
        ready.go()
        assert ready.run(_pid_and_sum, [5]) == (os.getpid(), 5)
    assert not marker.exists()


def test_pipeline_prepared_process_takes_the_request_while_it_prepares(tmp_path):
    # A request far larger than a pipe's buffer is taken while the child still prepares: the parent goes on at
    # once (it used to wait, its pipe full, until the child's import was done). The child's prepare() waits for
    # a file this process writes only after send() returned, so a send that waited would never see it.
    import time

    from checker.processes import Prepared

    sent = tmp_path / "sent"

    def prepare():
        deadline = time.monotonic() + 20
        while not sent.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        (tmp_path / "saw").write_text(str(sent.exists()))

    rows = list(range(2_000_000))   # about 10 MB pickled
    with Prepared(prepare, fork=True, hold=True) as ready:
        child = ready.pid
        ready.send(_pid_and_sum, rows)
        sent.write_text("")
        assert ready.result() == (child, sum(rows))
    assert (tmp_path / "saw").read_text() == "True"


def test_pipeline_prepared_process_left_unasked_or_dead_leaves_the_call_here():
    import os

    from checker.processes import Prepared

    with Prepared(lambda: None, fork=True) as ready:   # never asked: told to leave, and waited for
        child = ready.pid
    assert ready.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    with Prepared(lambda: os._exit(9), fork=True) as ready:   # died preparing: the call is made here
        assert ready.run(_pid_and_sum, [1, 2]) == (os.getpid(), 3)
    with Prepared(lambda: None, fork=True) as ready:   # a function that cannot be pickled: called here
        assert ready.run(lambda rows: (os.getpid(), sum(rows)), [4]) == (os.getpid(), 4)
    for hold in (False, True):   # an argument that fails to pickle after megabytes were written to the child
        with Prepared(lambda: None, fork=True, hold=hold) as ready:
            child = ready.pid
            assert ready.run(_pid_and_len, [*range(500_000), lambda: None]) == (os.getpid(), 500_001)
            assert ready.pid is None
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)


def test_pipeline_a_batch_s_observations_joined_in_one_table_are_the_same_frame(generated):
    # A pool's worker sends its batch's observations as one table (memory): parsed, they are the frame its
    # documents' tables make, in the order bind gives, whatever order the batches come in.
    import pandas as pd

    from checker import pipeline
    from checker.binding import joined_observations, observations_of
    from checker.catalog import load_catalog
    from checker.corpus import load_corpus

    corpus, facts = generated
    documents = load_corpus(corpus)
    catalog = load_catalog(facts)
    halves = [pipeline.document_tables(documents.iloc[a:b], catalog).observations
              for a, b in ((0, 60), (60, len(documents)))]
    each = observations_of([table for half in halves for table in half.values()])
    assert len(each) > 100
    joined = [joined_observations(half) for half in halves]
    assert [list(part) for part in joined] == [[min(half)] for half in halves]
    for order in (joined, joined[::-1]):
        pd.testing.assert_frame_equal(observations_of([table for part in order for table in part.values()]), each)
    assert joined_observations({}) == {}


def test_a_prepared_process_lets_go_of_a_call_once_answered():
    import gc
    import weakref

    from checker.processes import Prepared

    for fork in (True, False):
        argument = _Argument()
        gone = weakref.ref(argument)
        with Prepared(lambda: None, fork=fork) as prepared:
            prepared.send(id, argument)
            del argument
            assert prepared.result() is not None
            gc.collect()
            assert gone() is None, fork   # (it held the corpus's texts, through a store, to the audit's end)


class _Argument:
    """An argument that travels to a prepared process (a class of a module, pickled by name)."""


def test_a_prepared_answer_is_unpickled_from_its_chunks_as_they_are_read():
    import pickle

    from checker.processes import _outcome

    value = {"rows": [{"id": f"o{n}", "quote": "x" * (n % 300)} for n in range(20_000)], "bytes": b"\0" * 3_000_000}
    answer = pickle.dumps((True, value), protocol=pickle.HIGHEST_PROTOCOL)
    for size in (1, 7, 1 << 16, 1 << 20, len(answer)):
        chunks = [answer[at:at + size] for at in range(0, len(answer), size)] if size > 1 else \
            [answer[:1], answer[1:]]
        assert _outcome(chunks, 0, lambda: None) == value
        assert chunks == []   # each taken out as it was read


def test_pipeline_a_first_audit_forks_its_pool_before_it_reads_the_documents(generated, monkeypatch):
    # Forked after the documents are read, each worker counted the corpus's texts as its own (checker.pipeline
    # .Workers): a first audit of a corpus large enough for a pool forks its workers first, and the pool that runs
    # the batches is that one
    import multiprocessing

    from checker import corpus as corpus_module
    from checker import pipeline

    corpus, facts = generated
    one = render_reports(run_audit(corpus, facts, None, jobs=1))
    forked_before, pools = [], []
    load_corpus, in_pool = corpus_module.load_corpus, pipeline._in_pool

    def loading(*args, **kwargs):
        forked_before.append({child.pid for child in multiprocessing.active_children()})
        return load_corpus(*args, **kwargs)

    def running(*args, **kwargs):
        pools.append(kwargs["workers"])
        return in_pool(*args, **kwargs)

    monkeypatch.setattr(corpus_module, "load_corpus", loading)
    monkeypatch.setattr(pipeline, "_in_pool", running)
    assert render_reports(run_audit(corpus, facts, None, jobs=2)) == one
    assert len(forked_before[0]) == 2 and pools[0].pool is None   # its two workers, taken by the batches
    assert not multiprocessing.active_children()                  # and ended with them


def test_pipeline_workers_go_to_the_batches_that_want_as_many():
    from checker.pipeline import Workers

    with Workers(2) as workers:
        assert len(workers.pool._processes) == 2   # forked at once
        assert workers.take(3) is None
        pool = workers.take(2)
        assert pool is not None and workers.take(2) is None
        pool.shutdown()
    workers = Workers(2)
    processes = list(workers.pool._processes.values())
    workers.close()   # never taken: ended
    assert workers.pool is None and not any(process.is_alive() for process in processes)
