"""A small HTTP load generator, used when Debian's ``wrk`` is not installed.

``python -m bench.load URL_PREFIX PATHS_FILE --seconds 5 --requests 20000 --connections 8``
prints one JSON line: requests, seconds, requests per second, p50 and p99 latency (ms), errors.
Each thread keeps one HTTP/1.1 connection alive and walks the paths file round-robin.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("paths")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    target = urlsplit(args.url)
    with open(args.paths, encoding="utf-8") as lines:
        paths = [p.strip() for p in lines if p.strip()]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = [0]
    deadline = time.perf_counter() + args.seconds

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        i = offset
        mine: list[float] = []
        while time.perf_counter() < deadline:
            with lock:
                if counter[0] >= args.requests:
                    break
                counter[0] += 1
            path = paths[i % len(paths)]
            i += args.connections
            t = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t)
            if response.status >= 500:
                errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    n = len(latencies)
    print(json.dumps({
        "tool": "bench.load", "requests": n, "seconds": round(elapsed, 3),
        "rps": round(n / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(latencies[n // 2] * 1000, 3) if n else None,
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 3) if n else None,
        "errors": errors[0], "connections": args.connections,
    }))


if __name__ == "__main__":
    main()
