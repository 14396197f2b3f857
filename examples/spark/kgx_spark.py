"""kgx on Spark: each partition of a JSON Lines corpus is piped through `kgx extract`.

    spark-submit --master 'local[2]' --files target/release/kgx \
        examples/spark/kgx_spark.py news.jsonl out-nq/ --format nquads [-- KGX_OPTIONS…]

The binary travels with the job (`--files`, or `--kgx PATH`, which adds it with
`SparkContext.addFile`) and each executor runs its own copy from `SparkFiles`: executors on a
cluster do not share the driver's PATH or file system, so a recipe that works on a laptop
because `kgx` is on PATH fails there.

Why not `rdd.pipe("kgx …")`: its command is a string fixed on the driver, so it cannot name
the executor's copy of the binary, and by default (`checkCode=False`) a kgx that fails on a
partition yields that partition's output cut short with no error. Here a non-zero exit fails
the task, which Spark then retries or reports.

Each partition is one kgx process reading the partition's records on stdin (`-j 1`: Spark
already runs one task per core; `-q`: no progress bar, although kgx draws one only on a
terminal). Records must carry an `id`: a record without one is named `stdin:LINE`, its line
within the partition, which depends on how the corpus was split.
"""

import argparse
import os
import stat
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def kgx_partition(output_format, extra_args):
    """A function for mapPartitions: the partition's lines in, kgx's output lines out."""

    def run(lines):
        kgx = SparkFiles.get("kgx")
        # Files fetched by Spark may lose their execute bit on the way.
        mode = os.stat(kgx).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(kgx, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        cmd = [kgx, "extract", "-j", "1", "-q", "--input-format", "jsonl",
               "--format", output_format, *extra_args]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        failure = []

        # stdin is fed from a thread while the task reads stdout: a pipe holds only
        # 64 KiB, and kgx writes each article as soon as it is done, so writing everything
        # first would deadlock on a large partition.
        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # kgx stopped early; its exit code says why
            except Exception as e:  # noqa: BLE001 - reported by the task below
                failure.append(e)
            finally:
                proc.stdin.close()  # end of input: kgx finishes and exits

        errors = []
        drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()))
        writer = threading.Thread(target=feed)
        drain.start()
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        drain.join()
        code = proc.wait()
        if failure:
            raise failure[0]
        if code != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {code}: "
                               f"{errors[0].decode('utf-8', 'replace')[-2000:]}")

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="JSON Lines: one {\"id\": …, \"text\": …} per line")
    p.add_argument("output", help="a folder for Spark's part-* files (must not exist)")
    p.add_argument("--format", default="nquads", choices=["nquads", "jsonl"])
    p.add_argument("--kgx", help="the kgx binary, when not given to spark-submit --files")
    p.add_argument("--partitions", type=int, default=8,
                   help="at least this many partitions (default 8)")
    p.add_argument("--master", help="when run without spark-submit, e.g. local[2]")
    # After `--`: more `kgx extract` options (`-- --base http://example.org/kg/`), split off
    # here because argparse would take them for its own.
    argv = sys.argv[1:]
    kgx_args = argv[argv.index("--") + 1:] if "--" in argv else []
    args = p.parse_args(argv[:argv.index("--")] if "--" in argv else argv)

    builder = SparkSession.builder.appName("kgx extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    if args.kgx:
        sc.addFile(os.path.abspath(args.kgx))
    # textFile splits the corpus at byte offsets but hands every partition whole lines
    # (a line across a split boundary belongs to the split it starts in).
    records = sc.textFile(args.corpus, minPartitions=args.partitions)
    out = records.mapPartitions(kgx_partition(args.format, kgx_args))
    out.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
