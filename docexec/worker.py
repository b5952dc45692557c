"""The worker process: imports the site's heavy modules once, then runs each snippet in a fork of itself.

Started by ``pool.WorkerPool`` as ``python -m docexec.worker CONFIG_JSON``. Reads JSON jobs, one per
line, on stdin; keeps up to ``parallel`` of them running at once; answers one JSON result per line
on stdout, tagged with the job's id, as each finishes. Forking from a process that has already
imported torch makes each snippet's own, isolated process nearly free.

Nothing a snippet starts outlives it. The worker is a child subreaper, and so is each snippet's
process while it runs: a daemon or ``setsid`` child of a snippet is re-parented to the snippet's
process, then to the worker when that process ends, and the worker kills every child of its own
that is not a running snippet. When the worker is told to stop (Ctrl-C, SIGTERM, its parent
gone), it ends every snippet and every process they started before it exits.
"""

from __future__ import annotations

import ctypes
import importlib
import io
import json
import os
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

from .reads import record_reads
from .sandbox import Protections, confine, probe

CHILD_FAILED = 70
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
OUT_OF_MEMORY = ("can't allocate memory", "cannot allocate memory", "std::bad_alloc", "out of memory")


def _prctl(option: int, value: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")


def _preload(modules: list[str], threads: int, fonts: list[str]) -> None:
    """Import what every snippet would import, once, in the worker; then warm up torch and matplotlib."""
    for name in modules:
        importlib.import_module(name)
    if "matplotlib" in modules:
        import matplotlib

        matplotlib.use("Agg")
        _use_fonts(fonts)
        _warm_up_matplotlib()
    if "torch" in modules:
        import torch

        torch.set_num_threads(threads)
        _warm_up_torch()


def _warm_up_torch() -> None:
    """Pay once, in the worker, the lazy imports every forked snippet would pay again.

    A vector backward or jacobian first imports sympy (~0.3 s). Only fixed tensors are used: no random
    number is drawn and no global option changes, so a snippet prints exactly what it prints under
    plain `python`.
    """
    import torch
    from torch.autograd import gradcheck
    from torch.autograd.functional import jacobian

    x = torch.ones(2, dtype=torch.float64, requires_grad=True)
    (x * 2).backward(torch.ones(2, dtype=torch.float64))
    torch.autograd.grad((x**3).sum(), x, create_graph=True)
    jacobian(lambda t: t * 2, x.detach())
    gradcheck(lambda t: t * 2, (x,))


def _use_fonts(fonts: list[str]) -> None:
    """Figures use these font files first (a CJK font that also has Latin letters), DejaVu Sans after.

    Listed first, not as a fallback: text outside $…$ in a label that also holds math is set in the
    first family only, so a fallback font would never be asked for its Chinese characters there.
    """
    from matplotlib import font_manager, rcParams

    names = []
    for path in fonts:
        font_manager.fontManager.addfont(path)
        names.append(font_manager.FontProperties(fname=path).get_name())
    if names:
        rcParams["font.family"] = [*names, "DejaVu Sans"]


def _warm_up_matplotlib() -> None:
    """The first SVG loads fonts and the mathtext parser; a pyplot-free Figure pays that here."""
    from matplotlib.figure import Figure

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


def _memory_message(memory: int) -> str:
    from .options import format_size

    return (
        f"the snippet ran out of memory: it may allocate {format_size(memory)} "
        "(raise it for this block with ```output memory=4G, or allocate less)"
    )


def _is_out_of_memory(exc: BaseException) -> bool:
    return isinstance(exc, MemoryError) or any(text in str(exc).lower() for text in OUT_OF_MEMORY)


def _save_figures() -> list[str]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "docexec"  # stable ids inside the SVG: same figure, same file
    figures = []
    for number in plt.get_fignums():
        buffer = io.StringIO()
        plt.figure(number).savefig(
            buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", facecolor="white"
        )
        figures.append(buffer.getvalue())
    plt.close("all")
    return figures


def _run_child(job: dict, workdir: Path, protections: Protections) -> None:
    """In the forked child: isolate and confine, run the snippet as __main__, record what it did."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setpgrp()
    _prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of this snippet's processes come here, not to init
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(workdir / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    # Opened now: once confined, this process can write nowhere but its own box.
    result_file = open(workdir / "result.json", "w", encoding="utf-8")  # noqa: SIM115
    box = workdir / "box"
    cwd, tmp = box / "cwd", box / "tmp"
    cwd.mkdir(parents=True)
    tmp.mkdir()
    os.chdir(cwd)
    os.environ.update(HOME=str(cwd), TMPDIR=str(tmp))
    tempfile.tempdir = None  # the worker's cached /tmp is read-only from here on
    # The snippet's own stdio for the rest of this process's short life: nothing to close.
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False)  # noqa: SIM115
    path = job["path"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    reads = record_reads(job["root"])
    if job["sandbox"]:
        confine(box, protections=protections, memory=job["memory"], network=job["network"])
    error = None
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = f"the snippet called sys.exit({exc.code!r})"
    except BaseException as exc:  # noqa: BLE001 - everything a snippet raises is its error to report
        error = _snippet_traceback(exc, path, job["display"])
        if job["sandbox"] and _is_out_of_memory(exc):
            error = f"{_memory_message(job['memory'])}\n{error}"
    figures: list[str] = []
    try:
        figures = _save_figures()
    except Exception as exc:  # noqa: BLE001
        error = error or f"saving its figures failed: {exc!r}"
    sys.stdout.flush()
    sys.stderr.flush()
    result_file.write(json.dumps({"error": error, "figures": figures, "reads": sorted(reads.items())}))
    result_file.close()


def _read_capped(path: Path, cap: int) -> tuple[str, bool]:
    try:
        with open(path, "rb") as file:
            data = file.read(cap + 1)
    except FileNotFoundError:
        return "", False
    return data[:cap].decode("utf-8", errors="backslashreplace"), len(data) > cap


def _describe_exit(status: int, *, peak: int, memory: int, sandbox: bool) -> str | None:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        text = f"the snippet's process crashed: killed by {name}"
        if sandbox and peak >= memory // 2:
            text += f"; it was using {peak // 1024**2} MiB, so it probably ran out of memory. {_memory_message(memory)}"
        return text
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


def start_job(job: dict, protections: Protections, scratch: str) -> Running:
    workdir = Path(tempfile.mkdtemp(prefix="job-", dir=scratch))
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = CHILD_FAILED
        try:
            _run_child(job, workdir, protections)
            code = 0
        finally:
            os._exit(code)  # never return into the worker's own loop
    return Running(job, pid, os.pidfd_open(pid), workdir, started)


def _children() -> list[int]:
    """Processes whose parent is this one (snippets, and orphans re-parented to this subreaper)."""
    me, found = os.getpid(), []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.append(int(entry.name))
    return found


def end_strays(keep: set[int]) -> None:
    """Kill and reap every child of this process except ``keep``, until none is left.

    Killing a process re-parents its own children here (this process is a subreaper), so the loop
    ends only when the whole tree is gone, however its processes detached.
    """
    while strays := [pid for pid in _children() if pid not in keep]:
        for pid in strays:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in strays:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def finish_job(running: Running, *, timed_out: bool, others: set[int]) -> dict:
    """Reap the child (killing it and its process group first if it ran out of time); its result."""
    job, workdir = running.job, running.workdir
    if timed_out:
        for kill, target in ((os.killpg, running.pid), (os.kill, running.pid)):
            try:
                kill(target, signal.SIGKILL)
            except ProcessLookupError:
                pass
    _, status, usage = os.wait4(running.pid, 0)
    os.close(running.pidfd)
    end_strays(keep=others)  # whatever the snippet started is re-parented here now: end it
    seconds = time.monotonic() - running.started
    stdout, stdout_cut = _read_capped(workdir / "stdout", job["output_cap"])
    stderr, stderr_cut = _read_capped(workdir / "stderr", job["output_cap"])
    try:
        recorded = json.loads((workdir / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None  # the process ended before it could write its result
    error = recorded["error"] if recorded else None
    if timed_out:
        error = f"the snippet did not finish within its timeout of {job['timeout']:g} s and was stopped"
    elif stdout_cut or stderr_cut:
        error = f"the snippet printed more than {job['output_cap']} bytes; output is capped there"
    elif error is None:
        error = _describe_exit(status, peak=usage.ru_maxrss * 1024, memory=job["memory"], sandbox=job["sandbox"])
        if error is None and recorded is None:
            error = "the snippet's process ended without reporting a result"
    shutil.rmtree(workdir, ignore_errors=True)
    recorded = recorded or {"figures": [], "reads": []}
    return {
        "id": job["id"],
        "stdout": stdout,
        "stderr": stderr,
        "figures": recorded["figures"],
        "reads": recorded["reads"],
        "seconds": seconds,
        "error": error,
    }


class Stop(Exception):
    """The worker was told to stop (a signal, or its parent is gone)."""


def _stop(signum: int, frame: object) -> None:
    """Raise Stop once: Ctrl-C and then SIGTERM (the build ending) must not cut the clean-up short.

    Signals that arrived together are delivered one after the other; those after the first find
    the stop signals ignored already, or return here without raising again.
    """
    if signal.getsignal(signum) is signal.SIG_IGN:
        return
    for other in STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise Stop(signal.Signals(signum).name)


def serve(parallel: int, protections: Protections, scratch: str) -> None:
    """Read jobs from stdin, keep up to ``parallel`` snippets running, answer each as it ends."""
    queued: deque[dict] = deque()
    running: dict[int, Running] = {}  # by pidfd
    unread = b""
    reading = True
    try:
        while reading or queued or running:
            while queued and len(running) < parallel:
                job = start_job(queued.popleft(), protections, scratch)
                running[job.pidfd] = job
            now = time.monotonic()
            wait = max(0.0, min(r.deadline for r in running.values()) - now) if running else None
            ready, _, _ = select.select(([0] if reading else []) + list(running), [], [], wait)
            for fd in ready:
                if fd == 0:
                    data = os.read(0, 1 << 16)
                    reading = bool(data)
                    *lines, unread = (unread + data).split(b"\n")
                    for message in (json.loads(line) for line in lines if line.strip()):
                        if "cancel" in message:
                            _cancel(message["cancel"], queued, running)
                        else:
                            queued.append(message)
                else:
                    done = running.pop(fd)
                    _answer(finish_job(done, timed_out=False, others={r.pid for r in running.values()}))
            now = time.monotonic()
            for fd in [fd for fd, r in running.items() if r.deadline <= now]:
                done = running.pop(fd)
                _answer(finish_job(done, timed_out=True, others={r.pid for r in running.values()}))
    finally:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)  # (already so when a signal got us here)
        for r in running.values():
            try:
                os.killpg(r.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        end_strays(keep=set())
        for r in running.values():
            shutil.rmtree(r.workdir, ignore_errors=True)


def _cancel(job_id: int, queued: deque[dict], running: dict[int, Running]) -> None:
    """End a job, queued or running, and everything it started; it is answered as cancelled."""
    for job in [job for job in queued if job["id"] == job_id]:
        queued.remove(job)
    for fd, r in list(running.items()):
        if r.job["id"] == job_id:
            del running[fd]
            finish_job(r, timed_out=True, others={other.pid for other in running.values()})
    _answer({"id": job_id, "cancelled": True})


def _answer(result: dict) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def main() -> None:
    config = json.loads(sys.argv[1])
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop)
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)  # the build died without closing our stdin: stop too
    try:
        if os.getppid() != config["parent"]:
            return  # the parent was already gone before the line above took effect
        _preload(config["preload"], config["threads"], config["fonts"])
        serve(config["parallel"], probe(), config["scratch"])
    except (Stop, BrokenPipeError):
        pass
    finally:
        shutil.rmtree(config["scratch"], ignore_errors=True)


if __name__ == "__main__":
    main()
