"""The Spark engine: the per-document stages on a Spark cluster, the rest of the audit on the driver.

`spark_audit` loads the documents, finds their mentions, reads their clauses, binds them and picks
discovery's candidates on the executors with `mapInPandas`, over batches of documents. Each batch runs
`checker.pipeline.document_tables`, the per-document stages the pandas engine runs, and hands back its
documents' rows and their tables in the stage cache's encoding (one JSON text per column,
checker.cache: `low`/`high` hold numbers or ISO dates, so no Arrow type fits them). The driver puts the
tables in corpus order and parses them with `checker.pipeline.document_frames`, as a single process
does: the audit is the pandas engine's, byte for byte. Readings come back only for the mentions
discovery will group (`checker.discovery.candidate_mentions`). Discovery across documents,
reconciliation, Great Expectations and the findings run on the driver, in pandas, unchanged
(validating on Spark was found 100x slower, with nothing gained at about 2.5 observations a document).

Errors are rows: a CheckerError raised on an executor would reach the driver as a Py4J exception,
so an executor returns the bad document's error as a row and the driver raises it, in corpus order,
as the pandas engine would (exit code 2). The corpus is a folder the executors can read (local or
shared), or a document table (checker.doctable) on any path Spark reads: hdfs://, s3a://, file://.
The stage cache is neither read nor written: the executors' tables stay on the driver for one audit.

pyspark is an optional extra (`checker[spark]`), imported only here and only when the engine runs:
with pyspark installed, Great Expectations imports it at every start-up.
"""
from __future__ import annotations

import functools
import json
import math
import os
import sys
from pathlib import Path

from checker.errors import CheckerError

# Documents per pandas batch handed to the stages: small enough that a worker holds a batch's tables
# comfortably, large enough that the stages' per-call pandas work is spread over many documents.
BATCH_DOCUMENTS = 100
# Documents per partition (task) of a folder corpus: several batches, and enough tasks to spread.
PARTITION_DOCUMENTS = 400
OUTPUT = "order string, kind string, key string, value string"
INSTALL_HINT = "install checker[spark] and Java 17"
LOG_CONFIG = Path(__file__).with_name("spark_log4j2.properties")


def spark_audit(corpus, facts, expectations, *, master: str | None = None, progress=None, discover: bool = True):
    """`run_audit` with its per-document stages run on Spark (`master`: a master URL; None: the one
    spark-submit gives, else local[*]). Returns the same AuditResult the pandas engine does."""
    from checker.audit import run_audit
    from checker.catalog import load_catalog
    from checker.corpus import default_inputs

    facts, expectations = default_inputs(corpus, facts, expectations)
    spark = session(master)
    documents, tables = stage_on_spark(spark, corpus, lambda: load_catalog(facts), discover=discover)
    if progress is not None:
        progress(len(documents))
    return run_audit(corpus, facts, expectations, discover=discover, staged=(documents, *frames(tables)))


def frames(tables):
    """(mentions, readings, observations) of the corpus's tables, as the pandas engine's stages return them,
    but readings only of discovery's candidates, in no particular order: discovery joins them to the mentions."""
    from checker.binding import observations_of
    from checker.cache import frame_of
    from checker.columns import MENTIONS, READINGS

    return (frame_of(tables.mentions, MENTIONS), frame_of(tables.readings, READINGS),
            observations_of([tables.observations[key] for key in sorted(tables.observations)]))


def session(master: str | None):
    """The Spark session to run on; a missing pyspark or Java is one line, not a traceback."""
    import warnings

    # pyspark 4 warns on every start that it does not fully support pandas 3; the stages it runs here pass
    # only strings through Arrow (document rows and encoded tables), which it does support.
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise CheckerError("--engine spark needs pyspark", hint=INSTALL_HINT) from None
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started us and set the master
    if not master and not submitted:
        master = "local[*]"
    if master and master.startswith("local"):
        # Local workers are started with PYSPARK_PYTHON: this interpreter has checker installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("checker")
    if master:
        builder = builder.master(master)
    builder = (builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH_DOCUMENTS))
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}"))
    try:
        spark = builder.getOrCreate()
    except Exception as error:  # Java missing, a master that does not answer: pyspark's own exception types
        raise CheckerError(f"cannot start Spark ({master or 'spark-submit'}): {_first_line(error)}",
                           hint="Spark needs Java 17 on PATH or JAVA_HOME; " + INSTALL_HINT) from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def stage_on_spark(spark, corpus, load_catalog, *, discover: bool = True):
    """Run the per-document stages of `corpus` on Spark: (DOCUMENTS DataFrame in the pandas engine's order,
    checker.pipeline.DocumentTables of all its documents)."""
    from checker.corpus import corpus_files
    from checker.doctable import table_format

    fmt = table_format(corpus)
    if fmt is None:
        root, files, manifest = corpus_files(corpus)   # a missing folder or a bad manifest fails here, first
        catalog = load_catalog()
        context = spark.sparkContext
        slices = max(context.defaultParallelism, math.ceil(len(files) / PARTITION_DOCUMENTS))
        inputs = spark.createDataFrame(context.parallelize([(file,) for file in files], slices), "order string")
        work = functools.partial(files_partition, root=str(root), manifest=context.broadcast(manifest),
                                 catalog=catalog, discover=discover)
    else:
        table = _read_table(spark, corpus, fmt)
        catalog = load_catalog()
        inputs = table.repartition(max(spark.sparkContext.defaultParallelism * 2, table.rdd.getNumPartitions()))
        work = functools.partial(table_partition, table=str(corpus), catalog=catalog, discover=discover)
    try:
        rows = inputs.mapInPandas(work, OUTPUT).collect()
    except Exception as error:  # an executor's failure arrives as a Py4J / PySpark exception
        raise CheckerError(f"the Spark job failed: {_last_line(error)}",
                           hint="executors need checker installed and PYSPARK_PYTHON naming that Python; "
                                "--engine pandas shows a failure in full") from None
    return assemble(rows, corpus, (root, files, manifest) if fmt is None else None)


def assemble(rows, corpus, folder: tuple | None):
    """The driver's side: (DOCUMENTS DataFrame, DocumentTables) of the executors' output rows (`stage_rows`),
    in corpus order whatever order they came in; `folder`: (root, files, manifest) of a folder corpus, None
    for a table. The first bad document's error, in that order, is raised as the pandas engine raises it."""
    from checker.cache import SEPARATOR
    from checker.corpus import documents_frame
    from checker.doctable import table_frame
    from checker.pipeline import DocumentTables

    keyed, mentions, tables = [], {}, DocumentTables([], [], {})
    for order, kind, key, value in rows:
        if kind == "document":
            keyed.append((order, json.loads(value)))
        elif kind == "error":
            keyed.append((order, CheckerError(**json.loads(value))))
        elif kind == "mentions":
            mentions[order] = value.split(SEPARATOR)
        elif kind == "readings":
            tables.readings.append(value.split(SEPARATOR))
        else:
            tables.observations[key] = value.split(SEPARATOR)
    if folder is not None:
        root, files, manifest = folder
        loaded = dict(keyed)
        documents = documents_frame([loaded[file] for file in files], files, manifest, root)
        tables.mentions.extend(mentions[file] for file in files)
    else:
        documents = table_frame(keyed, corpus)
        tables.mentions.extend(mentions[source] for source in documents["source"].tolist())
    return documents, tables


def files_partition(batches, *, root: str, manifest, catalog, discover: bool = True):
    """mapInPandas over a folder corpus: batches of relative paths -> output rows (see `stage_rows`)."""
    from checker.corpus import load_document

    manifest = manifest.value
    for batch in batches:
        keyed = []
        for relative in batch["order"].tolist():
            try:
                keyed.append((relative, load_document(Path(root), relative, manifest)))
            except CheckerError as error:
                keyed.append((relative, error))
        yield _output(stage_rows(keyed, catalog, discover=discover))


def table_partition(batches, *, table: str, catalog, discover: bool = True):
    """mapInPandas over a document table: batches of table rows -> output rows (see `stage_rows`)."""
    from checker.doctable import keyed_row

    for batch in batches:
        names = list(batch.columns)
        records = [dict(zip(names, values)) for values in zip(*[batch[name].tolist() for name in names])]
        yield _output(stage_rows([keyed_row(record, table) for record in records], catalog, discover=discover))


def stage_rows(keyed: list[tuple[str, dict | CheckerError]], catalog, *, discover: bool = True) -> list[tuple]:
    """Output rows (order, kind, key, value) of a batch of loaded documents (or their errors), kind being
    document (its DOCUMENTS row as JSON), error (the CheckerError's fields), mentions (the document's
    encoded table; order: the document's), readings (one document's, of discovery's candidates only) or
    observations (key: the document id)."""
    import pandas as pd

    from checker.cache import SEPARATOR
    from checker.columns import DOCUMENT_FLAGS, DOCUMENTS
    from checker.pipeline import document_tables

    out, orders = [], []
    for order, row in keyed:
        if isinstance(row, CheckerError):
            fields = {"message": row.message, "path": row.path, "line": row.line, "hint": row.hint}
            out.append((order, "error", "", json.dumps(fields)))
        else:
            out.append((order, "document", row["source"], json.dumps(row)))
            orders.append(order)
    rows = [row for _, row in keyed if not isinstance(row, CheckerError)]
    if not rows:
        return out
    documents = pd.DataFrame(rows, columns=[*DOCUMENTS, *DOCUMENT_FLAGS], dtype=object)
    tables = document_tables(documents, catalog)
    out.extend((order, "mentions", "", SEPARATOR.join(table)) for order, table in zip(orders, tables.mentions))
    out.extend(("", "observations", source, SEPARATOR.join(table)) for source, table in tables.observations.items())
    if discover:
        out.extend(("", "readings", "", SEPARATOR.join(table))
                   for table in _candidate_readings(tables, documents))
    return out


def _candidate_readings(tables, documents) -> list[list[str]]:
    """The batch's readings tables cut to the mentions discovery will group (the others are never read)."""
    from checker.cache import dumps_values, loads_values
    from checker.columns import READINGS
    from checker.discovery import candidate_mentions
    from checker.pipeline import document_frames

    found, readings, observations = document_frames(tables)
    wanted = candidate_mentions(found, readings, documents, bound=observations["mention"].tolist())
    cut, at = [], list(READINGS).index("mention")
    for table in tables.readings:
        columns = [loads_values(text) for text in table]
        keep = [index for index, mention in enumerate(columns[at]) if mention in wanted]
        if keep:
            cut.append([dumps_values([column[index] for index in keep]) for column in columns])
    return cut


def _output(rows: list[tuple]):
    import pandas as pd

    return pd.DataFrame(rows, columns=["order", "kind", "key", "value"], dtype=object)


def _read_table(spark, corpus, fmt: str):
    from checker.doctable import OPTIONAL, REQUIRED, check_columns

    try:
        if fmt == "parquet":
            table = spark.read.parquet(str(corpus))
        else:
            # Every column as text, as the pandas engine reads JSON: no guessing of dates or numbers.
            table = spark.read.schema("id string, text string, title string, outlet string, published string, "
                                      "authority boolean").option("mode", "FAILFAST").json(str(corpus))
    except Exception as error:  # a missing path, an unreadable file: pyspark's AnalysisException and others
        raise CheckerError(f"cannot read the document table: {_first_line(error)}", path=corpus) from None
    check_columns(table.columns, corpus)
    return table.select(*[name for name in (*REQUIRED, *OPTIONAL) if name in table.columns])


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _last_line(error: Exception) -> str:
    """The telling line of an executor's traceback (its last), else the exception's first line."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    python = [line for line in lines if line.startswith(("checker.", "ModuleNotFoundError", "ImportError"))
              or line.split(":")[0].endswith(("Error", "Exception"))]
    return (python[-1] if python else lines[0] if lines else type(error).__name__)[:300]
