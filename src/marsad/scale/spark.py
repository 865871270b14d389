"""``marsad ingest --engine spark INPUT OUTPUT``: extraction over an archive with PySpark.

INPUT is JSON Lines (a file, folder or glob; the same records ``marsad ingest``
reads) or Parquet with a ``text`` column. Each executor runs
``marsad.extract_document`` and ``marsad.store.rows.build_rows`` through
``mapInArrow``, so every row is the one the local ingest would store. OUTPUT gets
one Parquet dataset per table (``documents/``, ``quantities/``, ``entities/``,
``mentions/``, ``events/``, ``event_args/``, ``lsh_bands/``), partitioned by
``lang``, with the store's columns (plus ``lang`` on the fact tables, as the
partition column). Documents with the same text are kept once. Near-duplicate
marking (``dup_of``) needs an ordered pass and is left NULL here; the MinHash
signatures are stored so a later pass (or a load into the store) can do it.
Records that fail go to ``failed/`` (doc_id, reason).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from marsad.store import rows as R

_INPUT_FIELDS = ["id", "doc_id", "text", "lang", "source", "title", "published_at", "date"]


def _spark_type(col: str):
    from pyspark.sql import types as T

    kind = R.TYPES.get(col, "string")
    return {"int64": T.LongType(), "int32": T.IntegerType(), "float64": T.DoubleType(),
            "date32": T.DateType(), "binary": T.BinaryType(), "timestamp": T.TimestampNTZType(),
            "string": T.StringType()}[kind]


def nested_schema():
    """One row per document: the documents columns, an array per fact table, and ``error``."""
    from pyspark.sql import types as T

    fields = [T.StructField(c, _spark_type(c)) for c in R.COLUMNS["documents"]]
    for t in R.FACT_TABLES + ["lsh_bands"]:
        st = T.StructType([T.StructField(c, _spark_type(c)) for c in R.COLUMNS[t]])
        fields.append(T.StructField(t, T.ArrayType(st)))
    fields.append(T.StructField("error", T.StringType()))
    return T.StructType(fields)


def extract_batches(batches, extractor: str | None = None):
    """mapInArrow body: input records → nested rows (runs on the executors)."""
    import datetime as dt

    import pyarrow as pa

    from marsad import dedupe
    from marsad.ingest import load_extractor
    from marsad.read import record_to_document

    extract = load_extractor(extractor)
    schema = _nested_arrow_schema()
    now = dt.datetime.now().replace(microsecond=0)
    for batch in batches:
        out = []
        for i, rec in enumerate(batch.to_pylist()):
            rec = {k: v for k, v in rec.items() if v is not None}
            doc = record_to_document(rec, f"record-{i}", str(rec.get("source") or "spark"))
            if isinstance(doc, str):
                out.append({"doc_id": str(rec.get("id") or rec.get("doc_id") or ""), "error": doc})
                continue
            try:
                facts = extract(doc)
                sig = dedupe.signature(facts.text)
                rows = R.build_rows(doc, facts, None, dedupe.to_bytes(sig), dedupe.bands(sig), now)
            except Exception as e:  # noqa: BLE001 - reported in failed/
                out.append({"doc_id": doc.doc_id, "error": f"extractor error: {type(e).__name__}: {e}"[:300]})
                continue
            row = dict(zip(R.COLUMNS["documents"], rows["documents"][0]))
            for t in R.FACT_TABLES + ["lsh_bands"]:
                row[t] = [dict(zip(R.COLUMNS[t], r)) for r in rows[t]]
            row["error"] = None
            out.append(row)
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _nested_arrow_schema():
    import pyarrow as pa

    fields = list(R.arrow_schema("documents"))
    for t in R.FACT_TABLES + ["lsh_bands"]:
        fields.append(pa.field(t, pa.list_(pa.struct(list(R.arrow_schema(t))))))
    fields.append(pa.field("error", pa.string()))
    return pa.schema(fields)


def session(master: str = "local[*]", app: str = "marsad-ingest"):
    """A SparkSession set up for Marsad: no UI, few shuffle partitions, this Python on executors."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.memory", os.environ.get("MARSAD_SPARK_DRIVER_MEMORY", "1g"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
            .config("spark.sql.sources.partitionOverwriteMode", "static")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())


def _read(spark, path: str):
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    p = Path(path)
    is_parquet = p.suffix == ".parquet" or (p.is_dir() and any(p.glob("*.parquet")))
    if is_parquet:
        df = spark.read.parquet(path)
    else:
        schema = T.StructType([T.StructField(c, T.StringType()) for c in _INPUT_FIELDS] +
                              [T.StructField("_corrupt_record", T.StringType())])
        df = spark.read.schema(schema).option("mode", "PERMISSIVE").json(path)
    for c in _INPUT_FIELDS:
        df = df.withColumn(c, F.col(c).cast("string")) if c in df.columns else df.withColumn(c, F.lit(None).cast("string"))
    return df.select(*_INPUT_FIELDS)


def run(input_path: str, output: str, master: str = "local[*]", extractor: str | None = None
        ) -> dict[str, int]:
    """Extract ``input_path`` with Spark into partitioned Parquet under ``output``; rows per table.

    ``extractor``: ``module:function`` instead of ``marsad.extract_document`` (importable on
    the executors)."""
    import functools

    from pyspark.sql import functions as F

    from marsad.errors import InputError

    if not Path(input_path).exists() and not any(ch in input_path for ch in "*?[") \
            and "://" not in input_path:
        raise InputError(f"{input_path}: no such file or directory", code="M101")
    spark = session(master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        nested = _read(spark, input_path).mapInArrow(
            functools.partial(extract_batches, extractor=extractor), nested_schema()).persist()
        ok = nested.where(F.col("error").isNull()).dropDuplicates(["id"])
        counts = {"documents": ok.count()}
        ok.select(*R.COLUMNS["documents"]).write.mode("overwrite").partitionBy("lang") \
            .parquet(os.path.join(output, "documents"))
        for t in R.FACT_TABLES + ["lsh_bands"]:
            rows = ok.select("lang", F.explode(t).alias("r")).select("r.*", "lang")
            counts[t] = rows.count()
            writer = rows.write.mode("overwrite")
            if counts[t]:  # an empty table is one schema-only file (partitioning writes none)
                writer = writer.partitionBy("lang")
            writer.parquet(os.path.join(output, t))
        failed = nested.where(F.col("error").isNotNull()).select("doc_id", F.col("error").alias("reason"))
        counts["failed"] = failed.count()
        if counts["failed"]:
            failed.write.mode("overwrite").parquet(os.path.join(output, "failed"))
        nested.unpersist()
        return counts
    finally:
        spark.stop()
