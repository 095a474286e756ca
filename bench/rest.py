"""REST throughput: the API served by uvicorn in its own process, loaded with wrk (or bench.load).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.questions import Workload

ROOT = Path(__file__).resolve().parent.parent

# -- REST ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wrk(url: str, paths: list[str], seconds: float, connections: int, folder: Path) -> dict[str, Any]:
    script = folder / "paths.lua"
    lua_paths = ",".join(json.dumps(p) for p in paths)
    script.write_text(f"local paths = {{{lua_paths}}}\nlocal i = 0\n"
                      "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
    proc = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, int(seconds))}s", "--latency",
                           "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60)
    text = proc.stdout

    def ms(label: str) -> float | None:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", text, re.M)
        if not match:
            return None
        value, unit = float(match[1]), match[2]
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 3)

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"tool": "wrk", "requests": int(total[1]) if total else 0, "seconds": seconds,
            "rps": float(rps[1]) if rps else 0.0, "p50_ms": ms("50"), "p99_ms": ms("99"),
            "errors": int(errors[1]) if errors else 0, "connections": connections}


def wait_ready(server: subprocess.Popen[str], port: int, seconds: float) -> None:
    """Wait until the API on ``port`` answers ``/ready`` (at most ``seconds``); an error if its server stops."""
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {server.stderr.read()[-2000:] if server.stderr else ''}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/ready")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)


def rest(data: Path, work: Workload, seconds: float, max_requests: int, connections: int = 16,
         cache_dir: Path | None = None) -> dict[str, Any]:
    """Serve the data with uvicorn (one worker) in a subprocess; load it from another process."""
    port = free_port()
    env = {**os.environ, "BENCH_DATA": str(data), "PYTHONPATH": str(ROOT), "BENCH_CACHE_DIR": str(cache_dir or "")}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "bench.serve:app", "--host", "127.0.0.1", "--port",
         str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    out: dict[str, Any] = {"server": "uvicorn, 1 worker", "tool": "wrk" if shutil.which("wrk") else "bench.load"}
    try:
        t = time.monotonic()
        wait_ready(server, port, 1200)
        out["server_start_s"] = round(time.monotonic() - t, 1)
        url = f"http://127.0.0.1:{port}"
        paths = {
            "lookup": [f"/entities/{i}" for i in work.inputs["lookup"]],
            "succession": [f"/succession?org={o}" for o in work.inputs["succession"]],
        }
        with tempfile.TemporaryDirectory() as folder:
            for name, chosen in paths.items():
                if out["tool"] == "wrk":
                    out[name] = _wrk(url, chosen, seconds, connections, Path(folder))
                else:
                    file = Path(folder) / f"{name}.txt"
                    file.write_text("\n".join(chosen))
                    proc = subprocess.run([sys.executable, "-m", "bench.load", url, str(file), "--seconds",
                                           str(seconds), "--requests", str(max_requests), "--connections",
                                           str(min(connections, 8))],
                                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120)
                    out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
    return out


