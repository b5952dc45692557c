"""Parent side of the worker: start it lazily, send it every job at once, collect the answers.

One worker process imports torch once and forks a child per snippet, up to ``size`` at a time:
a second import of torch would cost more CPU than all of the site's snippets together.

The worker gets a reduced environment (``ALLOWED_ENVIRONMENT`` and the run settings), never the
build's own: tokens and secrets of a CI job do not reach a snippet. If a snippet kills the worker
anyway, every job it had not answered runs again, one at a time, so the one that kills it is named
and the others get their real results.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from .config import Config
from .model import RunResult
from .settings import RunSettings

# The variables of the build's environment a snippet sees (if set): where programs are, the locale.
ALLOWED_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ")


# What RunSettings(vector_instructions=False) sets: ATen's kernels without SIMD, MKL in its
# "conditional numerical reproducibility" mode (the same results on every x86 CPU), oneDNN at SSE4.1.
# Sums then run in another order than with the machine's widest vectors, as on another CPU.
PLAIN_ARITHMETIC = {"ATEN_CPU_CAPABILITY": "default", "MKL_CBWR": "COMPATIBLE", "ONEDNN_MAX_CPU_ISA": "SSE41"}


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
    if not settings.vector_instructions:
        env.update(PLAIN_ARITHMETIC)
    if config_dir is not None:
        env["MPLCONFIGDIR"] = str(config_dir)  # matplotlib's font cache, kept between builds
    return env


def process_settings(settings: RunSettings) -> tuple[int, int, bool]:
    """The settings fixed when a worker process starts; a job needs a worker started with the same."""
    return settings.threads, settings.hash_seed, settings.vector_instructions


STOPPED = "the run was stopped (Ctrl-C, or the build ended) before this snippet finished"
CANCELLED = "the run was cancelled: a newer run of this snippet replaced it"
RUNNER_DIED = "the process that runs the snippets ended before this snippet finished ({how})"


class _Worker:
    """One worker process, its answers resolved into futures by a reader thread."""

    def __init__(self, settings: RunSettings, parallel: int, pool: WorkerPool) -> None:
        self.started_with = process_settings(settings)
        # Each snippet's output files and working directory go in here. Both sides remove it when they
        # end: a worker killed by a snippet cannot clean up after itself, nor can a killed build.
        self.scratch = Path(tempfile.mkdtemp(prefix="docexec-"))
        config = {
            "threads": settings.threads,
            "parallel": parallel,
            "preload": list(pool.preload),
            "fonts": list(pool.fonts),
            "parent": os.getpid(),
            "scratch": str(self.scratch),
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
        self.pending: dict[int, Future[RunResult]] = {}
        self.died_by_snippet = False  # ended by something else than being told to stop
        self._write = threading.Lock()
        self._reader = threading.Thread(target=self._read_answers, daemon=True)
        self._reader.start()

    def submit(self, job_id: int, job: Job) -> Future[RunResult]:
        future: Future[RunResult] = Future()
        self.pending[job_id] = future
        request = {
            "id": job_id,
            "path": str(job.path),
            "display": job.display,
            "root": str(job.root),
            "timeout": job.settings.timeout,
            "output_cap": job.settings.output_cap,
            "memory": job.settings.memory,
            "network": job.settings.network,
            "sandbox": job.settings.sandbox,
        }
        self._send(request)
        return future

    def cancel(self, job_id: int) -> None:
        if job_id in self.pending:
            self._send({"cancel": job_id})

    def _send(self, request: dict) -> None:
        with self._write:
            try:
                self.process.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
                self.process.stdin.flush()  # type: ignore[union-attr]
            except (BrokenPipeError, OSError, ValueError):
                pass  # the reader sees the worker gone and answers every pending job

    def _read_answers(self) -> None:
        assert self.process.stdout
        for answer in self.process.stdout:
            data = json.loads(answer)
            future = self.pending.pop(data.pop("id"), None)
            if future is None:
                continue
            if data.pop("cancelled", False):
                future.set_result(RunResult(stdout="", error=CANCELLED))
                continue
            data["figures"] = tuple(data["figures"])
            data["reads"] = tuple(tuple(read) for read in data["reads"])
            future.set_result(RunResult(**data))
        how, stopped = self._how_it_ended()
        self.died_by_snippet = not stopped
        shutil.rmtree(self.scratch, ignore_errors=True)
        for job_id in list(self.pending):
            error = STOPPED if stopped else RUNNER_DIED.format(how=how)
            self.pending.pop(job_id).set_result(RunResult(stdout="", error=error))

    def _how_it_ended(self) -> tuple[str, bool]:
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return "it stopped answering", False
        if code < 0:
            return f"killed by {signal.Signals(-code).name}", False
        return f"exited with code {code}", code == 0  # told to stop, it exits 0: nobody's fault

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        """End the worker: at once if snippets still run (it ends them and all they started), else politely."""
        with self._write:
            try:
                if self.process.stdin:
                    self.process.stdin.close()
            except OSError:
                pass
        if self.pending and self.process.poll() is None:
            self.process.terminate()  # stopping serve must not wait for a hanging snippet's timeout
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # the worker ends every snippet and what they started, then exits
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=15)
        shutil.rmtree(self.scratch, ignore_errors=True)  # if the reader had not got there yet


class WorkerPool:
    """Runs snippets ``size`` at a time (default: one per core) in forks of one worker process.

    The worker starts on first use and is kept for later runs (``mkdocs serve`` rebuilds); a new
    one starts when a run needs other process settings (threads, hash seed) or the old one died.
    ``submit`` returns at once with a future per job and ``cancel`` ends a job in flight (serve);
    ``run`` waits for all of them (build, CLI, pytest).
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
        self.config_dir = config_dir or self.cwd / ".cache" / "docexec" / "matplotlib"
        self.fonts = fonts
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._spawner: ThreadPoolExecutor | None = None
        self._spawner_lock = threading.Lock()
        self._ids = itertools.count()
        self._owners: dict[Future[RunResult], tuple[_Worker, int]] = {}

    def _worker_for(self, settings: RunSettings) -> _Worker:
        worker = self._worker
        if worker is None or not worker.alive() or worker.started_with != process_settings(settings):
            if worker is not None:
                worker.close()
            worker = self._worker = self._spawn(settings, self.size)
        return worker

    def _spawn(self, settings: RunSettings, parallel: int) -> _Worker:
        """A worker started from the pool's own thread, which lives as long as the pool.

        A worker stops when the *thread* that started it ends (PDEATHSIG, so that a killed build
        leaves none behind), and the thread asking may be short-lived: a warm-up thread, or a
        host's rendering thread (Zensical converts pages on threads of its own).
        """
        with self._spawner_lock:
            if self._spawner is None:
                self._spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docexec-pool")
            spawner = self._spawner
        return spawner.submit(_Worker, settings, parallel, self).result()

    def warm_up(self, settings: RunSettings) -> None:
        """Start the worker now (it imports torch in the background), so the next run starts at once."""
        with self._lock:
            self._worker_for(settings)

    def submit(self, jobs: list[Job]) -> list[Future[RunResult]]:
        """Start every job now; a future per job, in order. Never waits for a snippet."""
        futures = []
        with self._lock:
            for job in jobs:
                worker = self._worker_for(job.settings)
                job_id = next(self._ids)
                future = worker.submit(job_id, job)
                self._owners[future] = (worker, job_id)
                future.add_done_callback(self._forget)
                futures.append(future)
        return futures

    def _forget(self, future: Future[RunResult]) -> None:
        self._owners.pop(future, None)

    def cancel(self, futures: list[Future[RunResult]]) -> None:
        """End these jobs if they still run (their futures answer CANCELLED); finished ones are left alone."""
        for future in futures:
            owner = self._owners.get(future)
            if owner is not None:
                owner[0].cancel(owner[1])

    def run(self, jobs: list[Job]) -> list[RunResult]:
        """Run every job and wait; results in the order of ``jobs``.

        If a snippet kills the worker, every job it had not answered runs again, each alone in a
        worker of its own: the one that kills it again is named, the others get their real results.
        """
        results = [future.result() for future in self.submit(jobs)]
        for index, result in enumerate(results):
            if result.error is not None and result.error.startswith(RUNNER_DIED.split("(")[0]):
                results[index] = self._run_alone(jobs[index])
        return results

    def _run_alone(self, job: Job) -> RunResult:
        worker = self._spawn(job.settings, 1)
        try:
            result = worker.submit(next(self._ids), job).result()
        finally:
            worker.close()
        if worker.died_by_snippet:
            return RunResult(
                stdout="",
                error=f"the snippet killed the process that runs the snippets ({result.error.rsplit('(', 1)[-1]}; "
                "the other snippets were run again without it",
            )
        return result

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.close()
                self._worker = None
        with self._spawner_lock:
            if self._spawner is not None:
                self._spawner.shutdown(wait=False)
                self._spawner = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
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
