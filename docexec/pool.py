"""Parent side of the worker: start it lazily, send it every job at once, collect the answers.

One worker process imports torch once and forks a child per snippet, up to ``size`` at a time:
a second import of torch would cost more CPU than all of the site's snippets together.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .model import RunResult
from .settings import RunSettings

RUNNER_DIED = "the snippet runner process died before answering; run the build again"


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
    def __init__(self, settings: RunSettings, parallel: int, cwd: Path) -> None:
        self.started_with = process_settings(settings)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docexec.worker", str(settings.threads), str(parallel)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=cwd,
            env=worker_environment(settings),
            encoding="utf-8",
        )

    def run(self, jobs: list[Job]) -> list[RunResult]:
        assert self.process.stdin and self.process.stdout
        requests = "".join(
            json.dumps(
                {
                    "id": index,
                    "path": str(job.path),
                    "display": job.display,
                    "timeout": job.settings.timeout,
                    "output_cap": job.settings.output_cap,
                }
            )
            + "\n"
            for index, job in enumerate(jobs)
        )
        # Written from a thread: the worker answers while it still reads, and both pipes are finite.
        writer = threading.Thread(target=self._send, args=(requests,), daemon=True)
        writer.start()
        results: dict[int, RunResult] = {}
        while len(results) < len(jobs):
            answer = self.process.stdout.readline()
            if not answer:
                break
            data = json.loads(answer)
            index = data.pop("id")
            data["figures"] = tuple(data["figures"])
            results[index] = RunResult(**data)
        writer.join()
        return [results.get(i, RunResult(stdout="", error=RUNNER_DIED)) for i in range(len(jobs))]

    def _send(self, requests: str) -> None:
        try:
            self.process.stdin.write(requests)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            pass  # the reader sees the worker gone and reports every unanswered job

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
    """Runs snippets ``size`` at a time (default: one per core) in forks of one worker process.

    The worker starts on first use and is kept for later runs (``mkdocs serve`` rebuilds); a new
    one starts when a run needs other process settings (threads, hash seed) or the old one died.
    """

    def __init__(self, *, size: int | None = None, cwd: Path | None = None) -> None:
        self.size = size or os.cpu_count() or 1
        self.cwd = cwd or Path.cwd()
        self._worker: _Worker | None = None
        self._lock = threading.Lock()

    def _worker_for(self, settings: RunSettings) -> _Worker:
        worker = self._worker
        if worker is None or not worker.alive() or worker.started_with != process_settings(settings):
            if worker is not None:
                worker.close()
            worker = self._worker = _Worker(settings, self.size, self.cwd)
        return worker

    def warm_up(self, settings: RunSettings) -> None:
        """Start the worker now (it imports torch in the background), so the next run starts at once."""
        with self._lock:
            self._worker_for(settings)

    def run(self, jobs: list[Job]) -> list[RunResult]:
        """Run every job; results in the order of ``jobs``. Jobs with other process settings run apart."""
        results: dict[int, RunResult] = {}
        with self._lock:
            for started_with in dict.fromkeys(process_settings(job.settings) for job in jobs):
                indexes = [i for i, job in enumerate(jobs) if process_settings(job.settings) == started_with]
                answers = self._worker_for(jobs[indexes[0]].settings).run([jobs[i] for i in indexes])
                results.update(zip(indexes, answers))
        return [results[i] for i in range(len(jobs))]

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.close()
                self._worker = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
