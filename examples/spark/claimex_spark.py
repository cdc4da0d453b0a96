#!/usr/bin/env python3
"""Run claimex over a JSON Lines corpus on Apache Spark (local mode), with RDD.pipe.

Each input line is a record {"id": ..., "text": ...}. Spark splits the corpus into
partitions and pipes each one through one claimex process; claimex writes exactly one output
line per record, in the same order, so the output keeps the input's order and ids.

    pip install pyspark                      # Java 17 must be on PATH
    cargo build --release
    python3 examples/spark/claimex_spark.py corpus.jsonl results/ \
        --claimex target/release/claimex --partitions 4

The output folder holds Spark's part-NNNNN files (JSON Lines). On a cluster, ship the
claimex binary to the workers (spark-submit --files target/release/claimex) and pass
--claimex ./claimex; the rest is the same.
"""

import argparse
import json
import os
import shlex
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines corpus, one {id, text} record per line")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--claimex", default="target/release/claimex", help="path to the binary")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--cores", default="*", help="local[N] cores (default: all)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    claimex = os.path.abspath(args.claimex)
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("claimex")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        records = spark.sparkContext.textFile(os.path.abspath(args.input), args.partitions)
        # RDD.pipe starts the command with an empty environment (no PATH, HOME or LANG):
        # claimex needs none. Exit status 1 means "some records were bad", and those are
        # already in the output as error records {"id", "line", "error"}; only a worse status
        # (usage error, crash) should fail the task, hence the small /bin/sh wrapper.
        # One claimex thread per process: Spark already runs one process per core.
        command = (
            f"{shlex.quote(claimex)} --input-format jsonl --format jsonl --jobs 1"
        )
        wrapped = f"/bin/sh -c {shlex.quote(command + '; test $? -le 1')}"
        results = records.pipe(wrapped, checkCode=True)
        results.saveAsTextFile(os.path.abspath(args.output))

        # A summary, read back from what was written.
        docs = errors = entities = claims = 0
        out = spark.sparkContext.textFile(os.path.abspath(args.output)).map(json.loads)
        for doc in out.toLocalIterator():
            if "error" in doc:
                errors += 1
            else:
                docs += 1
                entities += len(doc["entities"])
                claims += len(doc["claims"])
        print(
            f"claimex on spark: {docs} documents, {errors} bad records, "
            f"{entities} entities, {claims} claims",
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
