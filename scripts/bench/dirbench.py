#!/usr/bin/env python3
"""Two processes making files side by side, in one folder or in two (docs/PERFORMANCE.md, Round 6).

The kernel adds the entries of one folder one at a time; on a file system where making a file
is slow (ext4 without a journal, right after a deletion) two writers in one folder wait for each
other. Each run first deletes the files of the run before, as a rebuild or a benchmark does.

Usage: scripts/bench/dirbench.py FOLDER [FILES_PER_PROCESS] [RUNS]
  e.g. scripts/bench/dirbench.py /tmp/dirbench 1000 12
Prints the median wall and system seconds of each mode ("same": both in one folder, "split":
one folder each), the modes alternating.
"""
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import time


def make(folder, prefix, count):
    for index in range(count):
        descriptor = os.open(f"{folder}/{prefix}{index}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(descriptor, b"x" * 2000)
        os.close(descriptor)


def run(base, mode, count):
    root = f"{base}/{mode}"
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(f"{root}/a")
    os.makedirs(f"{root}/b")
    folders = (f"{root}/a", f"{root}/a") if mode == "same" else (f"{root}/a", f"{root}/b")
    start, before = time.time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = [multiprocessing.Process(target=make, args=(folder, prefix, count)) for folder, prefix in zip(folders, "pq")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.time() - start, after.ru_stime - before.ru_stime


def main():
    base = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    results = {"same": [], "split": []}
    for index in range(runs):
        for mode in (("same", "split") if index % 2 == 0 else ("split", "same")):
            results[mode].append(run(base, mode, count))
    shutil.rmtree(base, ignore_errors=True)
    for mode, times in results.items():
        print(f"{mode:5}  wall {statistics.median(w for w, _ in times):.3f} s  system {statistics.median(s for _, s in times):.3f} s")


if __name__ == "__main__":
    main()
