#!/usr/bin/env python3
"""How long `vidin serve` takes from saving one chapter of the real site to the reload signal.

Starts the release binary's `vidin serve` on a copy of content/ and themes/ on a free loopback
port, listens to its event stream like an open page does, then saves a change to one chapter
RUNS times (adding a sentence, then taking it away again, as an editor's save does: a new file
renamed over the old one) and measures, for each save, the time until the event that makes the
open pages reload. Prints each time, then the median, minimum and maximum, and the server's
own figure (from the change it noticed to the signal, and the build alone).

    python3 scripts/bench-serve.py [--runs 30] [--chapter guide/02-frameworks.bg.md] [--binary PATH]

Build the release binary first (`swift build -c release`). A benchmark, not a test: run it on a
quiet machine; the goal is 100 ms or less."""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--chapter", default="guide/02-frameworks.bg.md")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "vidin"))
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("no %s: run `swift build -c release` first" % args.binary)

    work = tempfile.mkdtemp(prefix="vidin-bench-serve-")
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(work, "themes"))
    port = free_port()
    server = subprocess.Popen([args.binary, "serve", "--content", "content", "--themes", "themes", "--port", str(port)],
                              cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    threading.Thread(target=lambda: [lines.append(line.rstrip("\n")) for line in server.stdout], daemon=True).start()
    try:
        events = []  # (arrival time, generation)
        ready = threading.Event()

        def listen():
            deadline = time.monotonic() + 120
            while True:
                try:
                    stream = urllib.request.urlopen("http://127.0.0.1:%d/_vidin/events" % port)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("data: "):
                    events.append((time.monotonic(), json.loads(line[6:])["generation"]))
                    ready.set()

        threading.Thread(target=listen, daemon=True).start()
        if not ready.wait(180):
            sys.exit("vidin serve did not start:\n" + "\n".join(lines))
        path = os.path.join(work, "content", args.chapter)
        with open(path, encoding="utf-8") as source:
            original = source.read()
        sentence = "\nИзречение, добавено за измерването.\n"
        times = []
        for run in range(args.runs):
            time.sleep(0.3)  # a pause between saves, as between an editor's saves
            seen = len(events)
            text = original + sentence if run % 2 == 0 else original
            with open(path + ".tmp", "w", encoding="utf-8") as target:
                target.write(text)
            saved = time.monotonic()
            os.replace(path + ".tmp", path)
            deadline = saved + 30
            while len(events) == seen:
                if time.monotonic() > deadline:
                    sys.exit("no reload signal after 30 s:\n" + "\n".join(lines[-5:]))
                time.sleep(0.0005)
            elapsed = (events[seen][0] - saved) * 1000
            times.append(elapsed)
            print("save %2d: %6.1f ms" % (run + 1, elapsed))
        server_times = [float(m.group(1)) for m in (re.search(r"; (\d+) ms from the change", line) for line in lines) if m]
        build_times = [float(m.group(1)) for m in (re.search(r"\(build (\d+) ms\)", line) for line in lines) if m]
        print("one chapter of the real site, save to reload signal, %d saves: median %.1f ms, min %.1f ms, max %.1f ms"
              % (len(times), statistics.median(times), min(times), max(times)))
        if server_times:
            print("as vidin serve measured it: from the change it noticed to the signal median %.0f ms, the build alone median %.0f ms"
                  % (statistics.median(server_times), statistics.median(build_times)))
    finally:
        server.terminate()
        server.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
