#!/usr/bin/env python3
"""Time from saving one record to the rebuilt page under `vitrina serve`, against
a full `vitrina build`, on a generated site.

    python3 scripts/gen_site.py /tmp/big --records 10000
    python3 scripts/measure_serve.py /tmp/big [--bin target/debug/vitrina] [--runs 11] [--out /dev/shm/big-public]

Prints the medians: full build (wall and CPU), serve's first build, and for each
kind of edit the wall time from the file write to the first response that shows
the change (polling every 5 ms), with serve's own rebuild time from its log.
"""
import argparse
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--bin", default="target/debug/vitrina")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--builds", type=int, default=3)
    ap.add_argument("--out", help="output folder of the full builds (default: ROOT-public); "
                    "a tmpfs such as /dev/shm/x takes the disk out of the comparison")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    today = "2026-11-24"

    walls, cpus = [], []
    for _ in range(args.builds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([args.bin, "--root", root, "build", "--out", args.out or root + "-public", "--today", today],
                       check=True, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    print(f"full build: median wall {statistics.median(walls):.2f} s, CPU {statistics.median(cpus):.2f} s "
          f"(runs: {', '.join(f'{w:.2f}' for w in walls)})")

    port = free_port()
    log = open(root + "-serve.log", "w")
    t = time.perf_counter()
    proc = subprocess.Popen([args.bin, "--root", root, "serve", "--port", str(port), "--today", today],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        while get(base + "/")[0] != 200:
            if proc.poll() is not None:
                sys.exit("serve exited")
            time.sleep(0.05)
        print(f"serve: first page after {time.perf_counter() - t:.2f} s")
        cases = [
            ("school (page, roadmaps, mentor, centres, indexes)", "schools/sosh-10.yaml", "/schools/sosh-10/",
             "short_name: МБОУ СОШ № 10", "short_name: МБОУ СОШ № 10 ПРАВКА{i}"),
            ("event (page, report, events index)", "events/2026/event-9.md", "/events/2026/event-9/",
             "title: Мероприятие 9", "title: Мероприятие 9 ПРАВКА{i}"),
            ("report (page, event, indexes)", "reports/report-0.md", "/reports/report-0/",
             "Отчёт.", "Отчёт ПРАВКА{i}."),
        ]
        for label, rel, url, old, new in cases:
            path = os.path.join(root, "content", rel)
            original = open(path, encoding="utf-8").read()
            times = []
            try:
                for i in range(args.runs):
                    marker = new.format(i=i)
                    text = original.replace(old, marker, 1)
                    t = time.perf_counter()
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    while True:
                        status, body = get(base + url)
                        # Pages are typeset (a non-breaking space after «№»).
                        if marker.split(": ")[-1] in body.replace("\u00a0", " "):
                            break
                        if time.perf_counter() - t > 60:
                            sys.exit(f"{url}: change not seen in 60 s")
                        time.sleep(0.005)
                    times.append(time.perf_counter() - t)
                    time.sleep(0.3)
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
                time.sleep(1)
            print(f"save → page, {label}: median {statistics.median(times):.3f} s "
                  f"(min {min(times):.3f}, max {max(times):.3f}, n={len(times)})")
    finally:
        proc.terminate()
        proc.wait()
        log.close()
    rebuilds = [float(m) for m in re.findall(r"Пересобрано за ([0-9.]+) с", open(root + "-serve.log").read())]
    if rebuilds:
        print(f"serve's own rebuild time (log): median {statistics.median(rebuilds):.3f} s over {len(rebuilds)} rebuilds")


if __name__ == "__main__":
    main()
