"""Parent side of the workers: start them lazily, hand out jobs in parallel, restart a dead one."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .model import RunResult
from .settings import RunSettings


@dataclass(frozen=True)
class Job:
    path: Path  # absolute path of the snippet file
    display: str  # repo-relative path, as errors show it
    settings: RunSettings


def worker_environment(settings: RunSettings) -> dict[str, str]:
    """Same environment for every run: CPU only, fixed threads and hash seed, UTF-8, no .pyc files."""
    env = dict(os.environ)
    env.update(
        PYTHONHASHSEED=str(settings.hash_seed),
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
        CUDA_VISIBLE_DEVICES="",
        OMP_NUM_THREADS=str(settings.threads),
        MKL_NUM_THREADS=str(settings.threads),
        MPLBACKEND="Agg",
        SOURCE_DATE_EPOCH="0",
    )
    return env


def process_settings(settings: RunSettings) -> tuple[int, int]:
    """The settings fixed when a worker process starts; a job needs a worker started with the same."""
    return settings.threads, settings.hash_seed


class _Worker:
    def __init__(self, settings: RunSettings, cwd: Path) -> None:
        self.started_with = process_settings(settings)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docexec.worker", str(settings.threads)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=cwd,
            env=worker_environment(settings),
            encoding="utf-8",
        )

    def run(self, job: Job) -> RunResult:
        request = {
            "path": str(job.path),
            "display": job.display,
            "timeout": job.settings.timeout,
            "output_cap": job.settings.output_cap,
        }
        assert self.process.stdin and self.process.stdout
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        if not answer:
            return RunResult(stdout="", error="the snippet runner process died; run it again")
        data = json.loads(answer)
        data["figures"] = tuple(data["figures"])
        return RunResult(**data)

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


class WorkerPool:
    """Up to ``size`` worker processes, started on first use and kept for later runs (mkdocs serve)."""

    def __init__(self, *, size: int | None = None, cwd: Path | None = None) -> None:
        self.size = size or os.cpu_count() or 1
        self.cwd = cwd or Path.cwd()
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._all: list[_Worker] = []

    def _take(self, settings: RunSettings) -> _Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = _Worker(settings, self.cwd)
                self._all.append(worker)
            if worker.alive() and worker.started_with == process_settings(settings):
                return worker
            worker.close()
            self._all.remove(worker)

    def _run_one(self, job: Job) -> RunResult:
        worker = self._take(job.settings)
        try:
            return worker.run(job)
        finally:
            self._idle.put(worker)

    def run(self, jobs: list[Job]) -> list[RunResult]:
        """Run every job, in parallel across the workers; results in the order of ``jobs``."""
        if not jobs:
            return []
        with ThreadPoolExecutor(max_workers=min(self.size, len(jobs))) as executor:
            return list(executor.map(self._run_one, jobs))

    def close(self) -> None:
        for worker in self._all:
            worker.close()
        self._all.clear()
        self._idle = queue.SimpleQueue()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
