"""The worker process: imports torch once, then runs each snippet in a fork of itself.

Started by ``pool.WorkerPool`` as ``python -m docexec.worker THREADS PARALLEL``. Reads JSON jobs,
one per line, on stdin; keeps up to PARALLEL of them running at once; answers one JSON result per
line on stdout, tagged with the job's id, as each finishes. Forking from a process that has
already imported torch makes each snippet's own, isolated process nearly free, and one import
serves every core.
"""

from __future__ import annotations

import io
import json
import os
import resource
import runpy
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import deque
from dataclasses import dataclass
from pathlib import Path

# A snippet may not fill the disk, whatever it writes; the output cap proper is applied on reading.
FILE_SIZE_LIMIT = 64 * 1024 * 1024
CHILD_FAILED = 70


def _preload(threads: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch

    torch.set_num_threads(threads)
    plt.rcParams["svg.hashsalt"] = "docexec"  # stable ids inside the SVG
    _warm_up()


def _warm_up() -> None:
    """Pay once, in the worker, the lazy imports and first-use costs every forked snippet would pay again.

    A vector backward or jacobian first imports sympy (~0.3 s), the first SVG loads fonts and the
    mathtext parser. Only fixed tensors and a pyplot-free Figure are used: no random number is drawn
    and no global option changes, so a snippet prints exactly what it prints under plain `python`.
    """
    import io

    import torch
    from matplotlib.figure import Figure
    from torch.autograd import gradcheck
    from torch.autograd.functional import jacobian

    x = torch.ones(2, dtype=torch.float64, requires_grad=True)
    (x * 2).backward(torch.ones(2, dtype=torch.float64))
    torch.autograd.grad((x**3).sum(), x, create_graph=True)
    jacobian(lambda t: t * 2, x.detach())
    gradcheck(lambda t: t * 2, (x,))
    figure = Figure()
    axes = figure.subplots()
    axes.plot([0, 1], [0, 1], label="$x^2$")
    axes.legend()
    figure.savefig(io.StringIO(), format="svg")


def _snippet_traceback(exc: BaseException, path: str, display: str) -> str:
    """The traceback from the snippet's own frames down, with its repo-relative path."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    return text.replace(path, display)


def _save_figures() -> list[str]:
    import matplotlib.pyplot as plt

    figures = []
    for number in plt.get_fignums():
        buffer = io.StringIO()
        plt.figure(number).savefig(
            buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", facecolor="white"
        )
        figures.append(buffer.getvalue())
    plt.close("all")
    return figures


def _run_child(job: dict, workdir: Path) -> None:
    """In the forked child: isolate, run the snippet as __main__, record error and figures."""
    os.setpgrp()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(workdir / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
    # The snippet's own stdio for the rest of this process's short life: nothing to close.
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)  # noqa: SIM115
    cwd = workdir / "cwd"
    cwd.mkdir()
    os.chdir(cwd)
    path = job["path"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    error = None
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = f"the snippet called sys.exit({exc.code!r})"
    except BaseException as exc:  # noqa: BLE001 - everything a snippet raises is its error to report
        error = _snippet_traceback(exc, path, job["display"])
    figures: list[str] = []
    try:
        figures = _save_figures()
    except Exception as exc:  # noqa: BLE001
        error = error or f"saving its figures failed: {exc!r}"
    sys.stdout.flush()
    sys.stderr.flush()
    (workdir / "result.json").write_text(json.dumps({"error": error, "figures": figures}), encoding="utf-8")


def _read_capped(path: Path, cap: int) -> tuple[str, bool]:
    try:
        with open(path, "rb") as file:
            data = file.read(cap + 1)
    except FileNotFoundError:
        return "", False
    return data[:cap].decode("utf-8", errors="backslashreplace"), len(data) > cap


def _describe_exit(status: int) -> str | None:
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        return f"the snippet's process crashed: killed by {signal.Signals(signum).name}"
    code = os.WEXITSTATUS(status)
    return None if code == 0 else f"the snippet's process exited with code {code} (os._exit or a crash)"


@dataclass
class Running:
    """A snippet's forked process, from start to its deadline."""

    job: dict
    pid: int
    pidfd: int
    workdir: Path
    started: float

    @property
    def deadline(self) -> float:
        return self.started + self.job["timeout"]


def start_job(job: dict) -> Running:
    workdir = Path(tempfile.mkdtemp(prefix="docexec-"))
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            _run_child(job, workdir)
        finally:
            os._exit(0 if (workdir / "result.json").exists() else CHILD_FAILED)
    return Running(job, pid, os.pidfd_open(pid), workdir, started)


def finish_job(running: Running, *, timed_out: bool) -> dict:
    """Reap the child (killing it and its process group first if it ran out of time); its result."""
    job, workdir = running.job, running.workdir
    if timed_out:
        try:
            os.killpg(running.pid, signal.SIGKILL)
        except ProcessLookupError:
            os.kill(running.pid, signal.SIGKILL)
    _, status = os.waitpid(running.pid, 0)
    os.close(running.pidfd)
    seconds = time.monotonic() - running.started
    stdout, stdout_cut = _read_capped(workdir / "stdout", job["output_cap"])
    stderr, stderr_cut = _read_capped(workdir / "stderr", job["output_cap"])
    try:
        recorded = json.loads((workdir / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {"error": None, "figures": []}
    error = recorded["error"]
    if timed_out:
        error = f"the snippet did not finish within its timeout of {job['timeout']:g} s and was stopped"
    elif stdout_cut or stderr_cut:
        error = f"the snippet printed more than {job['output_cap']} bytes; output is capped there"
    elif error is None:
        error = _describe_exit(status)
        if error is None and not (workdir / "result.json").exists():
            error = "the snippet's process ended without reporting a result"
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "id": job["id"],
        "stdout": stdout,
        "stderr": stderr,
        "figures": recorded["figures"],
        "seconds": seconds,
        "error": error,
    }


def serve(parallel: int) -> None:
    """Read jobs from stdin, keep up to ``parallel`` snippets running, answer each as it ends."""
    queued: deque[dict] = deque()
    running: dict[int, Running] = {}  # by pidfd
    unread = b""
    reading = True
    while reading or queued or running:
        while queued and len(running) < parallel:
            job = start_job(queued.popleft())
            running[job.pidfd] = job
        now = time.monotonic()
        wait = max(0.0, min(r.deadline for r in running.values()) - now) if running else None
        ready, _, _ = select.select(([0] if reading else []) + list(running), [], [], wait)
        for fd in ready:
            if fd == 0:
                data = os.read(0, 1 << 16)
                reading = bool(data)
                *lines, unread = (unread + data).split(b"\n")
                queued.extend(json.loads(line) for line in lines if line.strip())
            else:
                _answer(finish_job(running.pop(fd), timed_out=False))
        now = time.monotonic()
        for fd in [fd for fd, r in running.items() if r.deadline <= now]:
            _answer(finish_job(running.pop(fd), timed_out=True))


def _answer(result: dict) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def main() -> None:
    threads, parallel = int(sys.argv[1]), int(sys.argv[2])
    _preload(threads)
    serve(parallel)


if __name__ == "__main__":
    main()
