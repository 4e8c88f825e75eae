"""The per-document stages (mentions, clause reading, binding, discovery's candidates) on one process or several.

`document_tables(documents, catalog)` is the per-document part of an audit as a pure function of a batch
of documents: each document's rows depend on that document (and the catalog) alone, so any split of a
corpus into batches, run anywhere, gives the same tables. It returns them in the stage cache's encoded
form (checker.cache: one JSON text per column per document), which `document_frames` parses into the
MENTIONS, READINGS and OBSERVATIONS tables exactly as a single run does. Other engines may call it on
batches of their own; its name and return value are kept stable for them.

`per_document_stages(..., jobs=N)` runs it over batches in a pool of N processes when there are enough
documents to read to gain from it (MIN_DOCUMENTS_PER_JOB per process at least), and parses the batches'
tables together in corpus order: the very bytes one process makes. With a stage cache, only the documents
it lacks go to the pool, which stores their tables there; the stages then run in this process, every
document a cache hit (after one edit, no pool is started at all). When it lacks every document (a first
audit), the pool hands its tables back as well, as with no cache.

With `candidates`, discovery's per-document part (checker.discovery.candidate_tables: which mentions it
groups, their family and slot) runs here too, cached like the rest, so a re-audit after one edit reads one
document's candidates and discovery is left with the grouping across documents. A single process, a pool and
a cached run all read candidates from the same encoded tables, so they cannot differ.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from checker.allocator import give_back
from checker.processes import process_count
from checker.spill import with_texts
from checker.stopping import interruptible, pool_worker

MIN_DOCUMENTS_PER_JOB = 150   # below this a process costs more to start and feed than it saves
BATCHES_PER_JOB = 4           # smaller batches even out uneven documents and move the progress bar
# and no batch larger than this: the pool ends when its last batch does, so one process idles through the
# other's last batch (8 batches of 1,250 articles left a core idle about 10 s of a 79 s pool at 10,000)
DOCUMENTS_PER_BATCH = 200


@dataclass
class DocumentTables:
    """Encoded tables (checker.cache) of a batch of documents: mentions and readings in document order,
    observations by document id (from a pool's worker, its batch's as one table: binding.joined_observations),
    discovery's candidates (when asked for) in document order."""
    mentions: list
    readings: list
    observations: dict
    candidates: list = field(default_factory=list)
    # a worker that left its mentions in the stage cache (_stored_blocks): each document's count, and their units;
    # and its candidates in the block snapshots: each document's shape column (checker.candidatestore)
    counts: list = field(default_factory=list)
    units: set = field(default_factory=set)
    shapes: list = field(default_factory=list)


def document_tables(documents, catalog, *, cache_dir=None, progress=None, candidates: bool = False) -> DocumentTables:
    """Mentions, clause readings and observations of a batch of DOCUMENTS rows, as encoded tables (with
    `candidates`, discovery's candidate tables too).

    A pure function of the batch and the catalog (a `cache_dir` only saves work: a cached table is the
    table computed). Stable entry point: checker.pipeline.document_tables(documents, catalog, cache_dir=...).
    """
    return _stages(documents, catalog, cache_dir=cache_dir, progress=progress, candidates=candidates)[0]


def _stages(documents, catalog, *, cache_dir, progress, candidates: bool, keep: bool = True):
    """(tables, mentions frame): the tables, and the mentions parsed on the way. Readings are parsed only for
    the documents binding binds now (_Readings): discovery reads its candidate tables, so nothing else needs
    them as a frame. Without `keep` (a caller that reads only the frames), the mention and reading tables are
    dropped as soon as nothing else reads them: a long document's encoded mentions (about 2 MB a MB of text)
    are not held through the reading stage, nor its readings' tables beside their frame, the peak of one long
    document."""
    from checker import binding, discovery, reading
    from checker.cache import frame_of
    from checker.columns import MENTIONS
    from checker.mentions import mention_tables

    mentions = mention_tables(documents, cache_dir=cache_dir, progress=progress)
    found = frame_of(mentions, MENTIONS)
    held = keep or candidates
    if not held:
        mentions = []
    words: dict = {}   # each document's word index, built by reading and read again by binding
    readings = _Readings(found, reading.reading_tables(found, documents, cache_dir=cache_dir, words=words),
                         keep=held) if len(found) else None
    observations = binding.binding_tables(found, documents, catalog, readings=readings, cache_dir=cache_dir,
                                          words=words)
    words.clear()
    reading_tables = readings.tables if readings is not None and held else []
    found_candidates = discovery.candidate_tables(documents, mentions, reading_tables, observations,
                                                  cache_dir=cache_dir) if candidates else []
    return DocumentTables(mentions, reading_tables, observations, found_candidates), found


class _Readings:
    """A batch's readings as binding asks for them: the READINGS rows of the documents it binds now, parsed from
    their encoded tables only then (after one edit, one document's; a fully cached corpus's, none: the table of
    every mention's reading was the largest a cached audit parsed). Without `keep`, the tables are let go once
    every document's are parsed."""

    def __init__(self, found, tables: list, keep: bool) -> None:
        self.found, self.tables, self.keep = found, tables, keep
        self.sources = list(dict.fromkeys(found["source"].tolist()))   # reading_tables' order: one table each

    def __call__(self, wanted):
        from checker.cache import frame_of
        from checker.columns import READINGS
        from checker.reading import readings_in_order

        if all(source in wanted for source in self.sources):
            tables, mentions = self.tables, self.found
            if not self.keep:
                self.tables = []
        else:
            tables = [table for source, table in zip(self.sources, self.tables) if source in wanted]
            mentions = self.found[self.found["source"].isin(wanted)]
        return readings_in_order(frame_of(tables, READINGS), mentions)


def document_frames(tables: DocumentTables, readings: bool = True):
    """(mentions, readings, observations) DataFrames of a corpus's tables, as find_mentions, read_clauses
    and bind return them; without `readings`, None in its place (the table is not parsed)."""
    import pandas as pd

    from checker import binding, reading
    from checker.cache import frame_of
    from checker.columns import MENTIONS, READINGS

    mentions = frame_of(tables.mentions, MENTIONS)
    if not readings:
        read = None
    elif len(mentions):
        read = reading.readings_in_order(frame_of(tables.readings, READINGS), mentions)
    else:
        read = pd.DataFrame({column: [] for column in READINGS})
    observations = binding.observations_of([tables.observations[key] for key in sorted(tables.observations)])
    return mentions, read, observations


def per_document_stages(documents, catalog, *, cache_dir=None, jobs: int | None = None, progress=None,
                        candidates: bool = False, ready=lambda: None, workers: "Workers | None" = None,
                        texts=None):
    """(mentions, observations) of a corpus, on `jobs` processes (None: the cores available); with `candidates`,
    discovery's candidate tables (in the order of `documents`; each a list of column texts, or from block snapshots
    those joined, as checker.discovery reads either; or, where a pool's workers wrote every block's snapshot, a
    checker.candidatestore.CandidateStore that reads them from there) as a third, None for a corpus of one document
    (discovery groups statements of two sources or more). The clause readings are no frame here: binding
    parses those of the documents it binds, and discovery reads its candidates. `ready()` is called when the
    stages leave the other cores free: after a pool's workers are done, or first when there is none (the audit
    lets its rules' process import Great Expectations then). With a stage cache, a large corpus's unchanged
    blocks of documents are read from their snapshots (checker.snapshot) and the stages run on the rest.
    `workers`: a pool's workers forked before the documents were read (Workers), used if a pool is wanted.
    `texts`: the documents' texts where the audit spilled them (checker.spill.SpilledTexts, `documents` then without
    its text column): a pool's workers read their batches' texts from its file (_in_pool), and this process takes
    back those of the documents it reads itself."""
    from checker import snapshot

    def run(part, *, gather: bool, progress, ready, blocks=None):
        return _per_document_stages(part, catalog, cache_dir=cache_dir, jobs=jobs, progress=progress, gather=gather,
                                    ready=ready, blocks=blocks, workers=workers, texts=texts)

    if cache_dir is not None and len(documents) >= snapshot.SNAPSHOT_FROM:
        return snapshot.per_document_stages(documents, catalog, cache_dir=cache_dir, run=run, candidates=candidates,
                                            progress=progress, ready=ready)
    # One document's statements form no discovered fact (it needs two sources: checker.discovery.discover finds
    # none without reading candidates), so a corpus of one document gathers none: None, not tables.
    found, observations, made = run(documents, gather=candidates and len(documents) > 1, progress=progress,
                                    ready=ready)
    return (found, observations, made) if candidates else (found, observations)


def _per_document_stages(documents, catalog, *, cache_dir, jobs, progress, gather: bool, ready, blocks=None,
                         workers=None, texts=None):
    """(mentions, observations, candidates: None without `gather`) of `documents`, as per_document_stages
    makes them without block snapshots. `blocks`: (bounds, keys, folder) of the block snapshots to make of the
    whole of `documents` (checker.snapshot), when a pool reads them all: its workers write them, and leave
    the mentions in the stage cache (the first: a checker.mentionstore.MentionStore)."""
    from checker import binding

    jobs = process_count(jobs)
    if blocks is not None and min(jobs, len(documents) // MIN_DOCUMENTS_PER_JOB) > 1:   # (only with a stage cache)
        # Every block's snapshot to make: a first audit, or the first after an upgrade of checker, whose stage cache
        # may still hold every document's tables. The workers make the snapshots either way, from the stage cache or
        # anew: read here instead, the whole corpus's tables were held by this process (at 10,000 articles, a peak
        # of 418 MB where a first audit's was 211)
        return _stored_in_pool(documents, catalog, cache_dir, jobs, progress, ready, gather, blocks, workers, texts)
    to_read = documents if cache_dir is None else _uncached(documents, cache_dir)
    if min(jobs, len(to_read) // MIN_DOCUMENTS_PER_JOB) > 1:
        if len(to_read) == len(documents):
            # Nothing cached (no cache, or a first audit): the workers hand their tables back (and store them),
            # where reading them all back from the cache took this process about 4 s at 10,000 articles
            tables = _in_pool(documents, catalog, cache_dir, jobs, progress, task=_stored_tables,
                              candidates=gather, workers=workers, texts=texts)
            ready()
            found, _, observations = document_frames(tables, readings=False)
            tables.mentions, tables.observations = [], {}
            give_back()   # the batches' texts, freed in the heap (checker.allocator)
            return found, observations, tables.candidates if gather else None
        if progress is not None:
            progress(len(documents) - len(to_read))
        _in_pool(to_read, catalog, cache_dir, jobs, progress, task=_fill_cache, candidates=gather, workers=workers,
                 texts=texts)
        progress = None
    ready()
    tables, found = _stages(with_texts(documents, texts), catalog, cache_dir=cache_dir, progress=progress,
                            candidates=gather, keep=False)
    observations = binding.observations_of(list(tables.observations.values()))
    return found, observations, tables.candidates if gather else None


def _stored_in_pool(documents, catalog, cache_dir, jobs: int, progress, ready, gather: bool, blocks, workers,
                    texts=None):
    """(MentionStore, observations, CandidateStore: None without `gather`) of a corpus none of whose documents the
    stage cache holds, read by a pool whose batches are runs of whole blocks: each worker stores its documents'
    tables, writes its blocks' snapshots and sends back the observations alone (and each document's count of
    mentions, their units, and its candidates' shapes)."""
    from checker import binding, blockfile
    from checker.candidatestore import CandidateStore
    from checker.mentionstore import MentionStore

    bounds, keys, folder = blocks
    count = len(documents)
    batches = _batch_count(count, jobs, len(bounds))
    cuts, first = [], 0   # (first block, block after the last) of each batch: about count / batches documents each
    for number, (_, stop) in enumerate(bounds):
        if stop * batches >= count * (len(cuts) + 1) or number == len(bounds) - 1:
            cuts.append((first, number + 1))
            first = number + 1
    tasks = []
    for first, last in cuts:
        start, stop = bounds[first][0], bounds[last - 1][1]
        tasks.append((start, stop, dict(candidates=gather, keys=keys[first:last], folder=folder,
                                        bounds=[(a - start, b - start) for a, b in bounds[first:last]])))
    done = _in_pool(documents, catalog, cache_dir, jobs, progress, task=_stored_blocks, tasks=tasks, workers=workers,
                    texts=texts)
    ready()
    observations = binding.observations_of([done.observations[key] for key in sorted(done.observations)],
                                           consume=True)
    done.observations = {}
    give_back()   # the batches' texts, freed in the heap (checker.allocator)
    stored = (list(bounds), [blockfile.file_of(folder, key) for key in keys])
    store = MentionStore(documents, cache_dir, done.counts, frozenset(done.units), blocks=stored, texts=texts)
    if not gather:
        return store, observations, None

    def remake(start: int, stop: int) -> list:   # a block's candidates, where its snapshot cannot be read
        return document_tables(with_texts(documents.iloc[start:stop], texts), catalog, cache_dir=cache_dir,
                               candidates=True).candidates

    return store, observations, CandidateStore(done.shapes, stored, remake)


def _stored_blocks(documents, catalog, *, cache_dir, candidates: bool, bounds, keys, folder) -> DocumentTables:
    """A worker's run of whole blocks: its tables stored in the cache, its block snapshots written, and only its
    observations, each document's count of mentions (and their units) and its candidates' shapes sent back."""
    from checker import binding, blockfile
    from checker.discovery import candidate_columns
    from checker.mentionstore import mention_counts, mention_units

    tables, found = _stages(documents, catalog, cache_dir=cache_dir, progress=None, candidates=candidates,
                            keep=False)
    observations = binding.observations_of(list(tables.observations.values()))
    made = (found, observations, tables.candidates if candidates else None)
    for number, data in blockfile.encoded_blocks(documents, bounds, list(range(len(bounds))), made, candidates):
        if data is not None:   # (None: a column the format does not keep; the audit then reads the cache)
            blockfile.write(folder, keys[number], data)
    shape_at = candidate_columns().index("shape")
    return DocumentTables([], [], binding.joined_observations(tables.observations),
                          counts=mention_counts(found["source"].tolist(), documents["source"].tolist()),
                          units=mention_units(found), shapes=[table[shape_at] for table in tables.candidates])


def _uncached(documents, cache_dir):
    """The documents whose mentions the cache lacks (a new or edited file, a new grammar)."""
    from checker.cache import StageCache
    from checker.columns import MENTIONS
    from checker.mentions import mention_keys

    keys = mention_keys(documents)
    present = StageCache(cache_dir, list(MENTIONS)).present(keys)
    return documents[[key not in present for key in keys]]


def _stored_tables(documents, catalog, *, cache_dir, candidates: bool = False) -> DocumentTables:
    """A worker's batch (stored in the cache, if any) sent back without the readings (nothing reads them as a
    frame: see _stages)."""
    from checker import binding

    tables = document_tables(documents, catalog, cache_dir=cache_dir, candidates=candidates)
    tables.readings = []
    tables.observations = binding.joined_observations(tables.observations)
    return tables


def _fill_cache(documents, catalog, *, cache_dir, candidates: bool = False) -> DocumentTables:
    """A worker's batch stored in the cache, only an empty result sent back."""
    document_tables(documents, catalog, cache_dir=cache_dir, candidates=candidates)
    return DocumentTables([], [], {})


def _batch_count(count: int, jobs: int, most: int) -> int:
    """How many batches a pool cuts `count` documents into: BATCHES_PER_JOB a process, more where a batch would pass
    DOCUMENTS_PER_BATCH, and no more than `most` (the documents, or the blocks a batch is made of)."""
    return min(most, max(jobs * BATCHES_PER_JOB, -(-count // DOCUMENTS_PER_BATCH)))


def _in_pool(documents, catalog, cache_dir, jobs: int, progress, task,
             candidates: bool = False, tasks=None, workers=None, texts=None) -> DocumentTables:
    """`task` of batches of `documents` on `jobs` processes, their tables joined in corpus order. `tasks`:
    (start, stop, keywords) of each batch, where the caller cuts them (else even batches, with `candidates`).
    `workers`: a Workers whose pool is taken (and ended here) if it has `jobs` workers. `texts`: the documents'
    spilled texts (checker.spill.SpilledTexts), which each worker reads its batch's of (_spilled_batch)."""
    if tasks is None:
        count = len(documents)
        batches = _batch_count(count, jobs, count)
        cuts = [count * index // batches for index in range(batches + 1)]
        tasks = [(cuts[i], cuts[i + 1], dict(candidates=candidates)) for i in range(batches)]
    done = DocumentTables([], [], {})
    pool = (workers.take(jobs) if workers is not None else None) or _new_pool(jobs)
    try:
        futures = [pool.submit(task, documents.iloc[start:stop], catalog, cache_dir=cache_dir, **keywords)
                   if texts is None else
                   pool.submit(_spilled_batch, task, documents.iloc[start:stop],
                               texts.part(documents["source"].iloc[start:stop].tolist()), catalog,
                               cache_dir=cache_dir, **keywords)
                   for start, stop, keywords in tasks]
        for (start, stop, _), future in zip(tasks, futures):   # in corpus order: joined as one run makes them
            with interruptible():   # SIGTERM raises here at once (checker.stopping)
                tables = future.result()
            done.mentions.extend(tables.mentions)
            done.readings.extend(tables.readings)
            done.observations.update(tables.observations)
            done.candidates.extend(tables.candidates)
            done.counts.extend(tables.counts)
            done.units.update(tables.units)
            done.shapes.extend(tables.shapes)
            if progress is not None:
                progress(stop - start)
    except BaseException:
        _abandon(pool)
        raise
    pool.shutdown()
    return done


def _spilled_batch(task, documents, part, catalog, **keywords):
    """`task` of a batch of `documents` without their texts, read first from the spill's file (`part`:
    checker.spill.TextsPart) in this worker, forked while that file was open: a batch's texts are not sent, and so
    never held all at once by the audit's process (at 30,000 articles 58 MB; checker.audit spills them first)."""
    return task(with_texts(documents, part.texts(), part.columns), catalog, **keywords)


def _new_pool(jobs: int):
    """A pool of `jobs` processes for the batches."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers start with the libraries this process has imported (and frozen, see
    # checker.audit._settle_libraries) instead of importing pandas again; elsewhere the platform's default.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Each worker dies with this process, and leaves SIGTERM and Ctrl-C to it (checker.stopping.pool_worker)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=pool_worker,
                               initargs=(os.getpid(),))


class Workers:
    """A pool of `jobs` processes forked now, for the batches of a corpus not read yet (checker.audit forks it
    before reading a large corpus, while this process is small). A forked process counts as its own every page it
    shares with this one: forked once the documents were read, each worker started with the corpus's texts (at
    30,000 articles 155 MB where the process was 53 before, its peak 240), which it never reads (its batches are
    sent to it). `take` hands the pool to the first batches that want that many processes; `close` ends it if none
    took it."""

    def __init__(self, jobs: int) -> None:
        self.jobs, self.pool = jobs, _new_pool(jobs)
        # a forking pool forks all its workers at its first task (concurrent.futures), here an empty one
        self.pool.submit(int)

    def take(self, jobs: int):
        """The pool (once), if it has `jobs` processes; else None."""
        if jobs != self.jobs:
            return None
        pool, self.pool = self.pool, None
        return pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _abandon(pool) -> None:
    """End a pool whose batches are no longer wanted (an error raised by one, SIGTERM or Ctrl-C): the batches not
    started are dropped, and those the workers hold finished (a few seconds at most; the workers leave stops to
    this process). Left to `with`, the pool ran every batch submitted before the error or the stop went on (the
    pool of a first audit of 30,000 articles runs for a minute and a half). Killed instead, a worker could leave
    the pool's own thread blocked for good on a batch half sent, and the process with it."""
    pool.shutdown(wait=True, cancel_futures=True)
