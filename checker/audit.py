"""The pipeline: documents -> mentions -> observations -> reconciled -> rule results -> findings -> consensus.

`run_audit` returns an `AuditResult`: the DataFrames of every stage plus the records that
all formatters (JSON, Markdown, HTML, gate outputs) read. It prints nothing.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from checker.allocator import keep_large_blocks_mapped
from checker.collector import fewer_collections, paused_collections
from checker.corpus import DEFAULT
from checker.errors import CheckerError

SCHEMA_VERSION = 1
_settled: set[str] = set()   # the libraries _settle_libraries has imported and frozen in this process
# A corpus with more text than this (characters) has its peak memory in the per-document stages (a 100 MB document:
# about 1.8 GB), where Great Expectations (about 130 MB resident) would sit unused: it is imported by the rules stage.
LONG_TEXT_CHARS = 50_000_000
# From this many documents, with more than one core (--jobs), Great Expectations is imported and the rules run in a
# second process (checker.processes.Prepared), which makes the findings of them too, and the consensus is worked out
# in another (a Prepared too), while this one reads the documents, works out the catalog warnings and makes the
# records' parts it can (checker.records.Early): at 10,000 articles
# the import takes about 3 s, the rules 2 and the consensus 3; under a few hundred documents the rules and the
# consensus take well under a second and a fork would not pay.
BESIDE_FROM_DOCUMENTS = 300


class _Mentions:
    """AuditResult.mentions: the MENTIONS frame. An audit whose pool left the mentions in the stage cache holds a
    checker.mentionstore.MentionStore instead, and the frame is made from it when first read (the reports read
    the store itself, a source at a time: AuditResult.held_mentions)."""

    def __get__(self, result, owner=None):
        if result is None:
            raise AttributeError("mentions")   # no default: dataclasses ask the class for one
        from checker.mentionstore import mention_frame

        held = result.__dict__["_mentions"] = mention_frame(result.__dict__["_mentions"])
        return held

    def __set__(self, result, value) -> None:
        result.__dict__["_mentions"] = value


class _Observations:
    """AuditResult.observations: the OBSERVATIONS frame. A large audit, once the records are made of it, holds it in a
    checker.spill.SpilledFrame instead, and the frame is made again when first read (AuditResult.held_observations):
    the reports read the records, and the frame's cells they do not hold (the mentions' ids and spans, the reconcile
    columns, every column's array) were at 30,000 articles some 30 MB at the audit's peak."""

    def __get__(self, result, owner=None):
        if result is None:
            raise AttributeError("observations")   # no default: dataclasses ask the class for one
        from checker.spill import SpilledFrame

        held = result.__dict__["_observations"]
        if isinstance(held, SpilledFrame):
            held = result.__dict__["_observations"] = held.frame()
        return held

    def __set__(self, result, value) -> None:
        result.__dict__["_observations"] = value


class _Documents:
    """AuditResult.documents: the DOCUMENTS frame. A large audit holds its texts in a checker.spill.SpilledTexts and
    beside them the frame without its text column (a `Held`); the whole frame is made when first read (the records
    and the reports read the held pair: AuditResult.held_documents)."""

    @dataclass(frozen=True)
    class Held:
        frame: "object"     # the DOCUMENTS frame without its text column
        texts: "object"     # checker.spill.SpilledTexts of its documents

    def __get__(self, result, owner=None):
        from checker.spill import with_texts

        if result is None:
            raise AttributeError("documents")   # no default: dataclasses ask the class for one
        held = result.__dict__["_documents"]
        if isinstance(held, _Documents.Held):
            # (its columns in the whole frame's order: the texts' `columns`)
            held = result.__dict__["_documents"] = with_texts(held.frame, held.texts)
        return held

    def __set__(self, result, value) -> None:
        result.__dict__["_documents"] = value


@dataclass
class AuditResult:
    documents: "object" = _Documents()   # checker.columns.DOCUMENTS (see _Documents)
    mentions: "object" = _Mentions()   # checker.columns.MENTIONS (see _Mentions)
    observations: "object" = _Observations()   # checker.columns.OBSERVATIONS (see _Observations)
    findings: "object"       # checker.columns.FINDINGS
    catalog: "object"        # checker.catalog.Catalog
    rule_results: list = field(default_factory=list)  # plain dicts, one per expectation run
    corpus: str = ""
    consensus: "object" = None    # checker.columns.CONSENSUS: which value the sources support, per window
    reliability: "object" = None  # checker.columns.RELIABILITY: each source's estimated accuracy
    warnings: list = field(default_factory=list)  # checker.catalog_warnings: what the catalog asks in vain
    # checker.records.Early: parts of the records made while the consensus was worked out beside, taken by the
    # first as_records of these very tables
    early: "object" = field(default=None, repr=False, compare=False)

    def held_documents(self):
        """(the documents as the audit holds them, their texts): (the DOCUMENTS frame, None), or (the frame without
        its text column, a checker.spill.SpilledTexts of the texts), not made into a column."""
        held = self.__dict__["_documents"]
        return (held.frame, held.texts) if isinstance(held, _Documents.Held) else (held, None)

    def held_mentions(self):
        """The mentions as the audit holds them: the MENTIONS frame, or a MentionStore (not made into a frame)."""
        return self.__dict__["_mentions"]

    def held_observations(self):
        """The statements as the audit holds them: the OBSERVATIONS frame, or a SpilledFrame of it (not read)."""
        return self.__dict__["_observations"]

    def as_records(self, lazy: bool = False) -> dict:
        """The audit.json contract: plain, deterministic, sorted types only. With `lazy`, each source's
        mention items are made on demand (checker.records.audit_records): what the CLI's reports read."""
        from checker.records import audit_records

        return audit_records(self, lazy=lazy)


def run_audit(corpus: str | Path | None = None, facts: str | Path | None = DEFAULT,
              expectations: str | Path | None = DEFAULT, *, cache_dir: str | Path | None = None,
              progress: Callable[[int], None] | None = None, discover: bool = True, engine: str = "pandas",
              spark_master: str | None = None, staged=None, jobs: int | None = 1) -> AuditResult:
    """Audit a corpus (None: the embedded demo corpus) against the catalogs in `facts`.

    `facts` and `expectations` left at DEFAULT are facts/ and expectations/ of the current folder, or the
    demo's own for the demo corpus (checker.corpus.default_inputs); None means none.
    With `discover` (the default), the mentions no declared fact claimed are grouped into discovered
    facts (checker.discovery), reconciled and validated like declared ones.
    `engine` "spark" runs the per-document stages on Spark (checker.spark; `spark_master` its master URL);
    `staged`: (documents, mentions, readings, observations), the per-document stages already run (the Spark
    engine runs them on its executors; its readings are those discovery reads).
    `jobs`: processes for the per-document stages (checker.pipeline; None: the cores available), used when
    the corpus is large enough to gain from them; the result is the same for any number.
    With glibc, the calling process keeps malloc's threshold for mapping a large block apart at 128 KiB from then
    on, so that the large blocks it frees go back to the system (checker.allocator).
    """
    from checker.framestack import with_room

    keep_large_blocks_mapped()   # what the audit frees in large blocks given back (checker.allocator)
    with fewer_collections():
        # room for deep calls (Great Expectations' import), here and in the processes forked beneath
        return with_room(_run_audit, corpus, facts, expectations, cache_dir=cache_dir, progress=progress,
                         discover=discover, engine=engine, spark_master=spark_master, staged=staged, jobs=jobs)


def _run_audit(corpus, facts, expectations, *, cache_dir, progress, discover, engine, spark_master, staged,
               jobs) -> AuditResult:
    if engine == "spark":
        from checker.spark import spark_audit

        return spark_audit(corpus, facts, expectations, master=spark_master, progress=progress, discover=discover)
    if engine != "pandas":
        raise CheckerError(f"unknown engine {engine!r} (use pandas or spark)")
    from checker import corpus as corpus_mod, pipeline, snapshot, spill
    from checker.allocator import give_back
    from checker.doctable import table_format
    from checker.processes import Prepared, process_count

    facts, expectations = corpus_mod.default_inputs(corpus, facts, expectations)
    _settle_libraries(rules=False)
    # A second process imports Great Expectations (seconds) while this one works alone, and validates once the
    # observations are ready (checker.processes.Prepared). It is forked before the documents are read, while this
    # process is small, and held until a core is free: after a pool of workers that needs both (a first audit),
    # or at once for a re-audit of a large corpus (its stage cache holds block snapshots: checker.snapshot), whose
    # documents are mostly cached, so the import runs beside the reading of the files.
    # A third process, forked now too and held, groups discovery's candidates of a large first audit (read from the
    # block snapshots the pool's workers write: checker.discovery._standing_beside): grouping holds much, and a
    # process forked when grouping starts would count all this one holds then as its own. So does a fourth, which
    # works out the consensus from the observations it is sent: forked once they were ready, it started as large
    # as this process then was (at 30,000 articles 350 MB, its own work some 10 of them).
    forks = staged is None and corpus is not None and process_count(jobs) > 1
    with Prepared(_import_rules, fork=forks, hold=True) as validator, \
            Prepared(_import_discovery, fork=forks and discover and cache_dir is not None, hold=True) as grouper, \
            Prepared(_import_consensus, fork=forks, hold=True) as agreeing:
        rereading = cache_dir is not None and staged is None and snapshot.kept(cache_dir)
        if rereading:
            validator.go()
        # A first audit of a corpus large enough for a pool forks its workers now, before the documents are read, for
        # the same reason (checker.pipeline.Workers); a re-audit reads most documents' tables from their snapshots
        # (the files found first, the manifest read after: at 30,000 articles its entries held 27 MB)
        found = corpus_mod.located(corpus) if forks and not rereading and table_format(corpus) is None else None
        pooled = found is not None and len(found[1]) >= pipeline.MIN_DOCUMENTS_PER_JOB * 2
        # The texts of a corpus large enough are spilled to a file as soon as they are read (_spilled), a file opened
        # before the workers are forked, which read their batches' texts from it (checker.pipeline._spilled_batch)
        reserved = spill.reserved_file() if pooled else None
        workers = pipeline.Workers(process_count(jobs)) if pooled else None
        listed = corpus_mod.corpus_files(corpus, found) if found is not None else None
        found = None
        with workers or nullcontext():   # (ended here at the latest: an error, or no batches)
            documents = corpus_mod.load_corpus(corpus, listed=listed) if staged is None else staged[0]
            listed = None   # (the files' names and manifest entries, else held to the end of the audit)
            # counted in the loaded texts: a walk of the files' sizes took as long again as finding them (0.15 s at
            # 10,000 articles), and the texts are what the per-document stages hold
            long_text = staged is None and corpus is not None and \
                sum(map(len, documents["text"].tolist())) > LONG_TEXT_CHARS
            texts = None
            if reserved is not None:
                documents, texts = _spilled(documents, None, file=reserved)
                if texts is None:   # (a corpus of short texts: kept in the frame)
                    reserved.close()
                else:
                    give_back()   # (see _audit_loaded)
            reserved = None   # (its texts' file, or closed)
            # A corpus large enough for more processes imports Great Expectations in the second; any other, here
            beside = len(documents) >= BESIDE_FROM_DOCUMENTS and process_count(jobs) > 1
            if not beside:
                validator.leave()
                grouper.leave()
                agreeing.leave()
            _settle_libraries(rules=not long_text and not beside)
            loaded, documents = [documents], None   # handed over: its texts may be let go of (_audit_loaded)
            return _audit_loaded(loaded, corpus, facts, expectations, validator, cache_dir=cache_dir,
                                 progress=progress, discover=discover, staged=staged, jobs=jobs, beside=beside,
                                 grouper=grouper, agreeing=agreeing, workers=workers,
                                 spilled=texts)


def _import_rules() -> None:
    import checker.rules.expectations  # noqa: F401  Great Expectations, quieted first


def _import_discovery() -> None:
    import checker.discovery  # noqa: F401


def _import_consensus() -> None:
    import checker.consensus  # noqa: F401


def _judge(observations, expectations, catalog, cache_dir) -> tuple[list[dict], object]:
    """(checker.rules.validate's results, the findings made of them: checker.findings.build_findings), each
    statement they name by its row (_by_position), looked up when called (it travels to the rules' process by this
    name). The findings are made where the rules ran: they read what the agreement rule (CK101) worked out on the
    way (checker.rules.agreement.spare_involvements), and made in the audit's process they were its peak of memory
    (at 30,000 articles 26 MB above all it held, a fact of 25,000 statements' rows and its conflict's message)."""
    from checker import factmemo, findings, rules
    from checker.rules.agreement import spare_involvements

    spare_involvements()   # none an earlier validation in this process left
    results = rules.validate(observations, expectations, catalog, cache_dir=cache_dir)
    # What the findings read besides the rules' results: taken back from the audit before for unchanged facts, and
    # from the agreement rule for those it worked out
    with factmemo.memo_of(cache_dir, "involvement") as memo:
        involved = findings.involvements(observations, memo=memo, spare=spare_involvements())
    row = _rows(observations["observation"].tolist())   # (read by the findings too)
    made = findings.build_findings(observations, results, catalog, involved=involved, position=row)
    return _by_position(results, row), _listed_by_position(made, row)


# The rules' results and the consensus are worked out in other processes (checker.processes) and sent back pickled:
# each statement they name by its id came back as a new string of its own, beside the one the audit's frame holds
# (at 30,000 articles 120,000 ids: 10 MB held to the end). They name it by its row instead, and the audit puts its
# own id back (_by_id, _listed_by_id: the rules' results, the findings, the consensus's windows). The two processes
# read the frame the audit sent them, in the audit's order.

def _rows(ids: list) -> dict:
    """Each statement's id -> its row."""
    return {observation: at for at, observation in enumerate(ids)}


def _by_position(results: list[dict], row: dict) -> list[dict]:
    """The rules' results with each list of ids of statements a list of their rows (`row`: _rows), where every id
    is one of them."""
    return [{**result, "observations": [row[i] for i in result["observations"]]}
            if result.get("observations") and all(i in row for i in result["observations"]) else result
            for result in results]


def _by_id(results: list[dict], ids: list) -> list[dict]:
    """_by_position's results with each row an id of `ids` again (the very string)."""
    return [{**result, "observations": [ids[at] for at in result["observations"]]}
            if result.get("observations") and type(result["observations"][0]) is int else result
            for result in results]


def _listed_by_position(frame, row: dict):
    """`frame` (the findings, the consensus's windows) with each list of ids of its `observations` column a list of
    their rows (`row`: _rows, where every id is one of them)."""
    return frame.assign(observations=[[row[i] for i in listed] for listed in frame["observations"].tolist()])


def _listed_by_id(frame, ids: list):
    """_listed_by_position's frame with each row an id of `ids` again (the very string)."""
    return frame.assign(observations=[[ids[at] for at in rows] for rows in frame["observations"].tolist()])


def _audit_loaded(loaded: list, corpus, facts, expectations, validator, *, cache_dir, progress, discover, staged,
                  jobs, beside, grouper, agreeing, workers=None, spilled=None) -> AuditResult:
    """The audit of the documents `loaded` holds (a list of the one frame, taken out of it here, so that a large
    corpus's texts can be let go of once they are spilled: see _spilled). `workers`: a pool's workers forked before
    they were read (checker.pipeline.Workers), ended once the per-document stages are done. `spilled`: the texts
    (checker.spill.SpilledTexts) where they were spilled as soon as read, the frame without its text column."""
    from checker import catalog as catalog_mod, consensus, discovery, pipeline, reconcile, references, rules, spill
    from checker.allocator import give_back
    from checker.catalog_warnings import catalog_warnings
    from checker.processes import Beside
    from checker.records import Early
    from checker.stopping import check

    documents = loaded.pop()
    texts = spilled
    catalog = catalog_mod.load_catalog(facts)
    made_here = staged is None   # tables made here are handed over to discovery; a caller's (Spark) stay its own
    if staged is None:   # with discovery's candidate tables: its per-document part, cached with the rest
        with workers or nullcontext():
            found, observations, *candidates = pipeline.per_document_stages(
                documents, catalog, cache_dir=cache_dir, jobs=jobs, progress=progress, candidates=discover,
                ready=validator.go, workers=workers, texts=texts)
        staged = (documents, found, None, observations, *candidates)   # discovery reads no readings frame
    else:   # staged elsewhere (Spark): this process's cores are free now
        validator.go()
    check()   # SIGTERM stops the audit between its stages (checker.stopping)
    found, readings, observations = staged[1:4]
    candidates = staged[4] if len(staged) > 4 else None
    declared, bound = catalog, observations   # what the catalog warnings read: the catalog's own facts
    if discover:
        import pandas as pd

        shared, discovered = discovery.discover(found, readings, documents, catalog=catalog,
                                                bound=observations["mention"].tolist(), candidates=candidates,
                                                cache_dir=cache_dir, consume=made_here, fork=beside and made_here,
                                                grouper=grouper, texts=texts)
        if discovered:
            catalog = catalog_mod.Catalog(facts=catalog.facts + tuple(discovered), stories=catalog.stories)
            observations = pd.concat([observations, shared], ignore_index=True) if len(observations) else shared
    grouper.leave()   # (asked or not, it is done with)
    # discovery's candidates are read, and the frame bound before it is kept only as the catalog warnings read it
    # (its facts and sources): at 30,000 articles the two held 29 MB to the end of the audit
    candidates = staged = None
    bound = bound[["fact", "source"]] if len(bound) else bound
    if texts is None:
        documents, texts = _spilled(documents, found)
        if texts is not None:   # (mid-sized blocks of malloc's heap, freed: Python's small objects never reuse them)
            give_back()
    check()
    observations = reconcile.reconcile(observations)
    observations = references.mark(observations, catalog, documents)
    # Reconciliation and the references free columns of mid-sized blocks, and the findings all they worked out on
    # the way: given back (checker.allocator), as the records' rows made next and the consensus's answer are
    # Python's small objects, which never reuse that space (at 30,000 articles 20 MB less at the audit's peak)
    give_back()

    # The rules run in the second process (validator) and the consensus in a third (agreeing; a Beside forked now
    # where none was forked before: the Spark engine's audit), while this one works out the catalog warnings and
    # which statements change or differ in modality (for the findings): none of the three reads another's result.
    # The consensus, which value is likely right, is added beside the findings, never changing one. It is asked
    # first: the audit waits for it last (the observations pickled a second time: 26 ms at 10,000 articles).
    sources = documents["source"].tolist()
    if agreeing.pid is not None:   # forked before the documents were read (_run_audit)
        agreeing.send(_consensus, consensus.read_columns(observations), catalog, sources, cache_dir)
        side = agreeing
    else:
        side = Beside(lambda observations=observations: _consensus(observations, catalog, sources, cache_dir),
                      fork=beside)
    # (the columns they read: rules.read_columns, the same wherever they run)
    validator.send(_judge, observations[rules.read_columns(observations, expectations)], expectations, catalog,
                   cache_dir)
    # what the catalog asks in vain
    warnings = catalog_warnings(declared, bound, texts.values() if texts is not None else
                                [str(text or "") for text in documents["text"].tolist()], found)
    del bound   # read by the warnings alone
    # the records' parts that read neither the rules' results nor the consensus, made while the consensus is worked
    # out (at 10,000 articles a fifth of a second of waiting for it): once the rules are done, and not while both
    # other processes work, which then had two cores for three (the consensus, the longer, slowed by as much); the
    # rules' answer read after them (read first, it was held while they were made: at 30,000 articles the peak of
    # this process, 10 MB more)
    # (a large corpus: the frame is held in a file once the records are made of it)
    validator.wait()
    held = spill.SpilledFrame(observations) if beside and texts is not None else observations
    early = Early(documents, observations, found, held=held) if beside else None
    rule_results, result_findings = validator.result()
    # the ids the records hold (see _by_position): the frame's column made a list gives new strings (75,000 at
    # 30,000 articles, 7 MB beside the records' own)
    ids = early.observation_ids() if early is not None else observations["observation"].tolist()
    observations = None   # (held: sent, and made into records)
    rule_results = _by_id(rule_results, ids)
    result_findings = _listed_by_id(result_findings, ids)
    check()
    give_back()
    agreed = side.result()
    # (made again with the frame's ids: see _by_position)
    agreed.by_observation = {ids[at]: key for at, key in enumerate(agreed.by_observation) if key is not None}
    if len(agreed.windows):
        agreed.windows = _listed_by_id(agreed.windows, ids)
    del ids
    result_findings = consensus.attach(result_findings, agreed)
    return AuditResult(documents=documents if texts is None else
                       _Documents.Held(documents, texts), mentions=found, observations=held,
                       findings=result_findings, catalog=catalog, rule_results=rule_results,
                       corpus=str(corpus) if corpus is not None else "demo", consensus=agreed.windows,
                       reliability=agreed.reliability, warnings=warnings, early=early)


def _spilled(documents, found, file=None):
    """(the documents without their text column, a checker.spill.SpilledTexts of their texts in id order) for a
    corpus with more text than a report keeps in audit.json (checker.report.split.SPLIT_TEXT_CHARS: its reports
    are split, its texts written to sidecars a source at a time); else (documents, None). A MentionStore `found`
    is given the pair: it reads a document's text only to find its mentions again on a cache miss. `file`: the
    spill's file, opened before (checker.spill.reserved_file)."""
    from checker import spill
    from checker.mentionstore import MentionStore
    from checker.report.split import SPLIT_TEXT_CHARS

    if not spill.can_spill() or "text" not in documents.columns:
        return documents, None
    texts = documents["text"].tolist()
    if sum(len(text or "") for text in texts) <= SPLIT_TEXT_CHARS:
        return documents, None
    ids = documents["source"].tolist()
    order = sorted(range(len(ids)), key=ids.__getitem__)   # the order audit.json lists the sources in
    spilled = spill.SpilledTexts([ids[at] for at in order], (texts[at] for at in order), file=file,
                                 columns=documents.columns)
    del texts
    # copied: the columns left would otherwise be a view of the block that holds the texts, and keep it
    documents = documents.drop(columns="text").copy()
    if isinstance(found, MentionStore):
        found.documents, found.texts = documents, spilled
    return documents, spilled


def _consensus(observations, catalog, sources: list, cache_dir):
    """checker.consensus.estimate of the audit, each unchanged fact's windows and voices taken from the audit
    before (checker.factmemo) with a stage cache; its `by_observation` a list, each row's window key (or None) in
    the order of `observations`, and each window's statements their rows (see _by_position)."""
    from checker import consensus, factmemo, references

    with factmemo.memo_of(cache_dir, "consensus") as memo:
        agreed = consensus.estimate(observations, references.reference_rows(observations, catalog),
                                    units={fact.key: fact.units[0] for fact in catalog.facts if fact.units},
                                    sources=sources, memo=memo)
    ids = observations["observation"].tolist()
    agreed.by_observation = [agreed.by_observation.get(i) for i in ids]
    if len(agreed.windows):
        agreed.windows = _listed_by_position(agreed.windows, _rows(ids))
    return agreed


def _settle_libraries(rules: bool = True) -> None:
    """Import the heavy libraries every audit uses, then take what is alive out of the collector's view.

    pandas and Great Expectations leave about a million long-lived objects, and each full garbage
    collection during an audit walked all of them again: ~0.1 s apiece, a quarter of a cached re-audit.
    They live as long as the process, so freezing them (once per process) frees nothing early and
    changes no result; only later objects are collected as before. Without `rules`, Great Expectations
    is left for the rules stage to import (a corpus of long text: LONG_TEXT_CHARS), and is settled by the
    next audit of the process that asks for it.
    No collection runs while they are imported: the collector's walks of what an import had made so far (140 of
    them while pandas was imported, 0.03 s of the start of every audit) found nothing to free, and a collection
    before the freeze found a few hundred objects of garbage (kept, frozen with the rest).
    """
    wanted = {"pandas", "rules"} if rules else {"pandas"}
    if wanted <= _settled:
        return
    import gc

    with paused_collections():
        import pandas  # noqa: F401

        if rules:
            import checker.rules.expectations  # noqa: F401  Great Expectations, quieted first

    gc.freeze()
    _settled.update(wanted)

