"""The installed package is the truth: the Dockerfile's steps, run outside Docker.

The test copies what the Dockerfile copies into a fresh folder, runs its ``pip install``
in a fresh virtual environment (not editable: the wheel setuptools builds), then
validates the seed data with the installed ``jkg`` and serves the API as the image's
command does, on a free loopback port. A subpackage missing from the wheel fails here.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import subprocess
import time
import urllib.request
import venv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Recipe:
    """The steps of a Dockerfile this test follows: files copied, commands run, environment, command."""

    workdir: str = "/"
    copies: list[tuple[list[str], str]] = field(default_factory=list)
    runs: list[list[str]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    cmd: list[str] = field(default_factory=list)


def read_dockerfile(path: Path) -> Recipe:
    recipe = Recipe()
    for line in path.read_text(encoding="utf-8").splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        instruction, args = words[0].upper(), words[1:]
        if instruction == "WORKDIR":
            recipe.workdir = args[0]
        elif instruction == "COPY":
            recipe.copies.append((args[:-1], args[-1]))
        elif instruction == "RUN":
            recipe.runs.append(args)
        elif instruction == "ENV":
            recipe.env.update(arg.split("=", 1) for arg in args)  # type: ignore[misc]
        elif instruction == "CMD":
            recipe.cmd = json.loads(line.split(None, 1)[1])
    return recipe


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


def test_dockerfile_parsed() -> None:
    recipe = read_dockerfile(ROOT / "Dockerfile")
    copied = {source for sources, _ in recipe.copies for source in sources}
    assert {"pyproject.toml", "setup.py", "graph", "api", "ontology", "cli", "seed_data"} <= copied
    assert ["pip", "install", "."] in recipe.runs
    assert recipe.cmd[:2] == ["jkg", "serve"]


@pytest.mark.slow
def test_wheel_installs_validates_and_serves(tmp_path: Path) -> None:
    recipe = read_dockerfile(ROOT / "Dockerfile")
    app = tmp_path / recipe.workdir.strip("/")
    app.mkdir(parents=True)
    for sources, dest in recipe.copies:
        target = app if dest in ("./", ".") else app / dest
        for source in sources:
            origin = ROOT / source
            if origin.is_dir():
                shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(origin, target / source if target.is_dir() else target)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env.update({k: v.replace(recipe.workdir, str(app)) for k, v in recipe.env.items()})
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env.pop("PIP_NO_CACHE_DIR", None)  # the image has no cache to keep small; here, wheels come from pip's cache
    for command in recipe.runs:
        subprocess.run(command, cwd=app, env=env, check=True, timeout=900)
    probe = "import jkg.graph.store; print(jkg.graph.store.__file__)"
    installed = subprocess.run([str(bin_dir / "python"), "-c", probe],
                               cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout
    assert str(env_dir) in installed, f"jkg imported from {installed!r}, not from the fresh environment"

    validated = subprocess.run(["jkg", "validate", "seed_data"], cwd=app, env=env, capture_output=True, text=True,
                               timeout=300)
    assert validated.returncode == 0, validated.stdout + validated.stderr

    port = free_port()
    command = [*recipe.cmd]
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = str(port)
    server = subprocess.Popen(command, cwd=app, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(f"{base}/health", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"jkg serve did not start: {output[-2000:]}")
            time.sleep(0.5)
        status, body = get(f"{base}/succession?org=aqim")
        assert status == 200
        assert "abdelmalek-droukdel" in body.decode()
        status, body = get(f"{base}/explore")
        assert status == 200 and b"<html" in body.lower()
    finally:
        server.terminate()
        server.wait(timeout=30)
