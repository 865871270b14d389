"""``marsad ingest --engine spark INPUT OUTPUT``: extraction over an archive with PySpark.

INPUT is JSON Lines (a file, folder or glob; the same records ``marsad ingest``
reads) or Parquet with a ``text`` column. Each executor runs
``marsad.extract_document`` and ``marsad.store.rows.build_rows`` through
``mapInArrow``, so every row is the one the local ingest would store. OUTPUT gets
one Parquet dataset per table (``documents/``, ``quantities/``, ``entities/``,
``mentions/``, ``events/``, ``event_args/``, ``lsh_bands/``), partitioned by
``lang``, with the store's columns (plus ``lang`` on the fact tables, as the
partition column). Documents with the same text are kept once (the first in input
order). Records that fail go to ``failed/`` (doc_id, reason).

Near-duplicates are marked as the local ingest marks them, without an ordered pass:
the band rows are grouped by bucket (a self-join), each pair of documents sharing a
bucket is scored by the share of equal MinHash values, each document takes the best
earlier one (input order; ties to the smaller id) at or above the threshold, and
``dup_of`` points at the root of that chain (found by pointer jumping). ``marsad load
OUTPUT --db ...`` then loads the dataset into a store.
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
    from marsad.ingest import extracted, load_extractor
    from marsad.read import record_to_document

    load_extractor(extractor)  # (a bad one fails here, before any record)
    schema = _nested_arrow_schema()
    now = dt.datetime.now().replace(microsecond=0)
    for batch in batches:
        out = []
        read = []
        for i, rec in enumerate(batch.to_pylist()):
            order = rec.pop("ord", None)
            rec = {k: v for k, v in rec.items() if v is not None}
            read.append((rec, order, record_to_document(rec, f"record-{i}", str(rec.get("source") or "spark"))))
        docs = [doc for _, _, doc in read if not isinstance(doc, str)]
        facts_of = extracted(docs, extractor)  # (in batches: the same facts, less CPU time)
        for rec, order, doc in read:
            if isinstance(doc, str):
                out.append({"doc_id": str(rec.get("id") or rec.get("doc_id") or ""), "error": doc, "ord": order})
                continue
            facts = next(facts_of)
            try:
                if isinstance(facts, Exception):
                    raise facts
                sig = dedupe.signature(facts.text)
                rows = R.build_rows(doc, facts, None, dedupe.to_bytes(sig), dedupe.bands(sig), now)
            except Exception as e:  # noqa: BLE001 - reported in failed/
                out.append({"doc_id": doc.doc_id, "error": f"extractor error: {type(e).__name__}: {e}"[:300],
                            "ord": order})
                continue
            row = dict(zip(R.COLUMNS["documents"], rows["documents"][0]))
            for t in R.FACT_TABLES + ["lsh_bands"]:
                row[t] = [dict(zip(R.COLUMNS[t], r)) for r in rows[t]]
            row["error"] = None
            row["ord"] = order
            out.append(row)
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _nested_arrow_schema():
    import pyarrow as pa

    fields = list(R.arrow_schema("documents"))
    for t in R.FACT_TABLES + ["lsh_bands"]:
        fields.append(pa.field(t, pa.list_(pa.struct(list(R.arrow_schema(t))))))
    fields.append(pa.field("error", pa.string()))
    fields.append(pa.field("ord", pa.int64()))
    return pa.schema(fields)


def session(master: str = "local[*]", app: str = "marsad-ingest"):
    """A SparkSession set up for Marsad: no UI, few shuffle partitions, this Python on executors."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.memory", os.environ.get("MARSAD_SPARK_DRIVER_MEMORY") or _driver_memory())
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
            .config("spark.sql.sources.partitionOverwriteMode", "static")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())


def _driver_memory() -> str:
    """A quarter of the machine's memory, at least 1 GB: in local mode the driver is also the
    executor and holds the cached documents (with 1 GB, 100k documents lost cached blocks)."""
    from marsad.store.backends import total_memory_bytes

    total = total_memory_bytes() or 0
    return f"{max(1024, int(total * 0.25 / 2**20))}m"


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


def mark_near_duplicates(docs, threshold: float):
    """``docs`` (id, ord, minhash, lsh_bands) → (id, dup_of, dup_score) for its near-duplicates.

    The same decision as ``Store._mark_near_duplicates`` over the documents in ``ord`` order.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from marsad import dedupe

    bands = docs.select("id", "ord", F.explode("lsh_bands.bucket").alias("bucket")).distinct()
    later, earlier = bands.alias("a"), bands.alias("b")
    pairs = (later.join(earlier, "bucket").where(F.col("a.ord") > F.col("b.ord"))
             .select(F.col("a.id").alias("id"), F.col("b.id").alias("cand")).distinct())
    sig = docs.select("id", "minhash")
    equal = F.expr(f"size(filter(sequence(0, {dedupe.NUM_PERM - 1}), "
                   "i -> substring(m1, i * 4 + 1, 4) = substring(m2, i * 4 + 1, 4)))")
    scored = (pairs.join(sig.withColumnRenamed("minhash", "m1"), "id")
              .join(sig.select(F.col("id").alias("cand"), F.col("minhash").alias("m2")), "cand")
              .where(F.col("m1").isNotNull() & F.col("m2").isNotNull())
              .select("id", "cand", (equal / F.lit(float(dedupe.NUM_PERM))).alias("score")))
    rank = Window.partitionBy("id").orderBy(F.col("score").desc(), F.col("cand").asc())
    best = (scored.withColumn("r", F.row_number().over(rank)).where("r = 1")
            .where(F.col("score") >= F.lit(threshold))
            .select("id", F.col("cand").alias("parent"), F.bround("score", 4).alias("dup_score")))
    best = best.localCheckpoint()
    # root of each chain: the parent's own root (chains point to earlier documents only)
    roots = best.select("id", F.col("parent").alias("root"))
    for _ in range(64):
        step = (roots.alias("x").join(best.select(F.col("id").alias("root"), F.col("parent").alias("up")),
                                      "root", "left")
                .select("id", F.coalesce("up", "root").alias("root"))).localCheckpoint()
        if step.join(roots.withColumnRenamed("root", "before"), "id").where("root <> before").limit(1).count() == 0:
            break
        roots = step
    return best.join(roots, "id").select("id", F.col("root").alias("dup_of"), "dup_score")


def run(input_path: str, output: str, master: str = "local[*]", extractor: str | None = None,
        threshold: float | None = None) -> dict[str, int]:
    """Extract ``input_path`` with Spark into partitioned Parquet under ``output``; rows per table.

    ``extractor``: ``module:function`` instead of ``marsad.extract_document`` (importable on
    the executors)."""
    import functools

    from pyspark.sql import functions as F

    from marsad.errors import InputError

    if not Path(input_path).exists() and not any(ch in input_path for ch in "*?[") \
            and "://" not in input_path:
        raise InputError(f"{input_path}: no such file or directory", code="M101")
    from pyspark.sql import Window

    from marsad import dedupe

    spark = session(master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        records = _read(spark, input_path).withColumn("ord", F.monotonically_increasing_id())
        schema = nested_schema().add("ord", "long")
        nested = records.mapInArrow(functools.partial(extract_batches, extractor=extractor), schema).persist()
        first = Window.partitionBy("id").orderBy("ord")
        ok = (nested.where(F.col("error").isNull())
              .withColumn("_n", F.row_number().over(first)).where("_n = 1").drop("_n"))
        dups = mark_near_duplicates(ok, dedupe.THRESHOLD if threshold is None else threshold)
        ok = (ok.drop("dup_of", "dup_score").join(dups, "id", "left")).persist()
        counts = {"documents": ok.count()}
        ok.select(*R.COLUMNS["documents"]).write.mode("overwrite").partitionBy("lang") \
            .parquet(os.path.join(output, "documents"))
        counts["near_duplicates"] = ok.where(F.col("dup_of").isNotNull()).count()
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
        ok.unpersist()
        nested.unpersist()
        return counts
    finally:
        spark.stop()
