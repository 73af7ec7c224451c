"""A dashboard server for the browser benchmark: scripts/serve.py on 127.0.0.1 and a free port, against a
synthetic database, with its start-up time and peak memory (VmHWM of the process and its children)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def _hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Server:
    """One server process; `start()` returns seconds until /_stcore/health answered ok."""

    def __init__(self, database_url: str, extra_args: list[str] | None = None, warm: bool = True):
        self.url, self.extra, self.warm = database_url, extra_args or [], warm
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")[1])
        self.proc: subprocess.Popen | None = None

    def start(self) -> float:
        env = {**os.environ, "DATABASE_URL": self.url, "COP_WARM_START": "1" if self.warm else "0"}
        cmd = [
            sys.executable,
            "scripts/serve.py",
            "--server.address=127.0.0.1",
            f"--server.port={self.port}",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            *self.extra,
        ]
        started = time.perf_counter()
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self._wait_healthy()
        return time.perf_counter() - started

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode() == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"no /_stcore/health within {START_TIMEOUT_S} s:\n{self.log.read_text()[-2000:]}")

    def peak_mb(self) -> float:
        """The largest resident set any process of the server's tree reached (VmHWM), summed over the tree."""
        return sum(_hwm_mb(p) for p in _tree(self.proc.pid)) if self.proc else 0.0

    def log_tail(self, chars: int = 1500) -> str:
        return self.log.read_text()[-chars:]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.unlink(missing_ok=True)
