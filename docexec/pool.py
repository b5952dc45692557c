"""Parent side of the worker: start it lazily, send it every job at once, collect the answers.

One worker process imports torch once and forks a child per snippet, up to ``size`` at a time:
a second import of torch would cost more CPU than all of the site's snippets together.

The worker gets a reduced environment (``ALLOWED_ENVIRONMENT`` and the run settings), never the
build's own: tokens and secrets of a CI job do not reach a snippet. If a snippet kills the worker
anyway, every job it had not answered runs again, one at a time, so the one that kills it is named
and the others get their real results.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .config import Config
from .model import RunResult
from .settings import RunSettings

# The variables of the build's environment a snippet sees (if set): where programs are, the locale.
ALLOWED_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ")


@dataclass(frozen=True)
class Job:
    path: Path  # absolute path of the snippet file
    display: str  # repo-relative path, as errors show it
    settings: RunSettings
    root: Path  # the site's root: the files the run reads under it are recorded


def worker_environment(settings: RunSettings, *, passed: tuple[str, ...] = (), config_dir: Path | None = None) -> dict:
    """The whole environment of the worker and its snippets: the allow-list, then the run settings."""
    env = {name: os.environ[name] for name in (*ALLOWED_ENVIRONMENT, *passed) if name in os.environ}
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
    if config_dir is not None:
        env["MPLCONFIGDIR"] = str(config_dir)  # matplotlib's font cache, kept between builds
    return env


def process_settings(settings: RunSettings) -> tuple[int, int]:
    """The settings fixed when a worker process starts; a job needs a worker started with the same."""
    return settings.threads, settings.hash_seed


STOPPED = "the run was stopped (Ctrl-C, or the build ended) before this snippet finished"


class WorkerDied(Exception):
    def __init__(self, answered: dict[int, RunResult], how: str, *, stopped: bool) -> None:
        self.answered = answered
        self.how = how
        self.stopped = stopped  # told to stop (it then exits 0): nobody's fault, nothing to run again


class _Worker:
    def __init__(self, settings: RunSettings, parallel: int, pool: WorkerPool) -> None:
        self.started_with = process_settings(settings)
        config = {
            "threads": settings.threads,
            "parallel": parallel,
            "preload": list(pool.preload),
            "fonts": list(pool.fonts),
            "parent": os.getpid(),
        }
        pool.config_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docexec.worker", json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=pool.cwd,
            env=worker_environment(settings, passed=pool.passed_environment, config_dir=pool.config_dir),
            encoding="utf-8",
        )

    def run(self, jobs: list[Job]) -> list[RunResult]:
        """Every job's result, in order; raises WorkerDied (with what was answered) if the worker ends early."""
        assert self.process.stdin and self.process.stdout
        requests = "".join(
            json.dumps(
                {
                    "id": index,
                    "path": str(job.path),
                    "display": job.display,
                    "root": str(job.root),
                    "timeout": job.settings.timeout,
                    "output_cap": job.settings.output_cap,
                    "memory": job.settings.memory,
                    "network": job.settings.network,
                    "sandbox": job.settings.sandbox,
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
            data["reads"] = tuple(tuple(read) for read in data["reads"])
            results[index] = RunResult(**data)
        writer.join()
        if len(results) < len(jobs):
            raise self._died(results)
        return [results[i] for i in range(len(jobs))]

    def _died(self, answered: dict[int, RunResult]) -> WorkerDied:
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return WorkerDied(answered, "it stopped answering", stopped=False)
        if code < 0:
            return WorkerDied(answered, f"killed by {signal.Signals(-code).name}", stopped=False)
        return WorkerDied(answered, f"exited with code {code}", stopped=code == 0)

    def _send(self, requests: str) -> None:
        try:
            self.process.stdin.write(requests)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, OSError):
            pass  # the reader sees the worker gone and reports every unanswered job

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        """Close its stdin: the worker finishes what runs, ends every process, and exits."""
        try:
            if self.process.stdin:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # the worker ends every snippet and what they started, then exits
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

    def __init__(
        self,
        *,
        size: int | None = None,
        cwd: Path | None = None,
        preload: tuple[str, ...] = (),
        passed_environment: tuple[str, ...] = (),
        config_dir: Path | None = None,
        fonts: tuple[str, ...] = (),
    ) -> None:
        self.size = size or os.cpu_count() or 1
        self.cwd = (cwd or Path.cwd()).resolve()
        self.preload = preload
        self.passed_environment = passed_environment
        self.fonts = fonts
        self.config_dir = config_dir or self.cwd / ".cache" / "docexec" / "matplotlib"
        self._worker: _Worker | None = None
        self._lock = threading.Lock()

    def _worker_for(self, settings: RunSettings, *, parallel: int | None = None) -> _Worker:
        worker = self._worker
        if worker is None or not worker.alive() or worker.started_with != process_settings(settings):
            if worker is not None:
                worker.close()
            worker = self._worker = _Worker(settings, parallel or self.size, self)
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
                results.update(zip(indexes, self._run_batch([jobs[i] for i in indexes])))
        return [results[i] for i in range(len(jobs))]

    def _run_batch(self, jobs: list[Job]) -> list[RunResult]:
        try:
            return self._worker_for(jobs[0].settings).run(jobs)
        except WorkerDied as died:
            self._worker = None
            answered = died.answered
            if died.stopped:
                return [answered.get(i, RunResult(stdout="", error=STOPPED)) for i in range(len(jobs))]
        # Run each unanswered job alone: the one that kills the worker again is the culprit.
        for index in range(len(jobs)):
            if index in answered:
                continue
            try:
                (answered[index],) = self._worker_for(jobs[index].settings, parallel=1).run([jobs[index]])
            except WorkerDied as again:
                self._worker = None
                answered[index] = RunResult(
                    stdout="",
                    error=f"the snippet killed the process that runs the snippets ({again.how}); "
                    "the other snippets were run again without it",
                )
        self.close()  # the next run gets a worker with every core again
        return [answered[i] for i in range(len(jobs))]

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.close()


def pool_for(config: Config) -> WorkerPool:
    """The pool a site's configuration asks for: its workers, preloads, environment and fonts."""
    return WorkerPool(
        size=config.workers or None,
        cwd=config.root,
        preload=config.preload,
        passed_environment=config.environment,
        config_dir=config.cache_path / "matplotlib",
        fonts=tuple(str(config.root / font) for font in config.fonts),
    )
