"""Running snippets: isolation, timeouts, error reports, crashes, the output cap."""

from __future__ import annotations

import threading
import time

from docexec import Cache, RunSettings, WorkerPool, run_snippets
from docexec.discover import find_snippets

from .sites import page_with


def run_site(root, pool: WorkerPool, settings: RunSettings = RunSettings()):
    discovery = find_snippets(root)
    return discovery, run_snippets(
        list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=pool, settings=settings
    )


def test_output_and_working_directory(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/a.py": "import os\nopen('made.txt', 'w').write('x')\nprint(sorted(os.listdir('.')))\n",
            "docs/index.md": page_with(("snippets/a.py", "['made.txt']")),
        }
    )
    _, runs = run_site(root, worker_pool)
    result = runs.results["snippets/a.py"]
    assert result.error is None
    assert result.stdout == "['made.txt']\n"
    assert not (root / "made.txt").exists() and not (root / "snippets/made.txt").exists()


def test_global_torch_state_does_not_leak(make_site) -> None:
    root = make_site(
        {
            "snippets/a_changes.py": (
                "import torch\ntorch.set_printoptions(precision=1)\ntorch.set_default_dtype(torch.float64)\n"
                "print(torch.tensor([1/3]), torch.get_default_dtype())\n"
            ),
            "snippets/b_reads.py": "import torch\nprint(torch.tensor([1/3]), torch.get_default_dtype())\n",
            "docs/index.md": page_with(("snippets/a_changes.py", ""), ("snippets/b_reads.py", "")),
        }
    )
    with WorkerPool(size=1, preload=("torch",)) as pool:  # one at a time, both forked from one worker with torch
        _, runs = run_site(root, pool)
    assert runs.results["snippets/a_changes.py"].stdout == "tensor([0.3]) torch.float64\n"
    assert runs.results["snippets/b_reads.py"].stdout == "tensor([0.3333]) torch.float32\n"


def test_exception_is_reported_with_the_snippets_own_traceback(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/boom.py": "print('before')\n\ndef f():\n    raise ValueError('bad value')\n\nf()\n",
            "docs/index.md": page_with(("snippets/boom.py", "before")),
        }
    )
    _, runs = run_site(root, worker_pool)
    result = runs.results["snippets/boom.py"]
    assert result.stdout == "before\n"
    assert 'File "snippets/boom.py", line 6' in result.error
    assert "ValueError: bad value" in result.error
    assert "runpy" not in result.error and "docexec" not in result.error


def test_timeout_stops_the_snippet_soon_after_its_limit(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/hang.py": "import time\nprint('started', flush=True)\ntime.sleep(600)\n",
            "docs/index.md": page_with(("snippets/hang.py", "started")),
        }
    )
    started = time.monotonic()
    _, runs = run_site(root, worker_pool, RunSettings(timeout=1.5))
    assert time.monotonic() - started < 10
    result = runs.results["snippets/hang.py"]
    assert "timeout of 1.5 s" in result.error
    assert result.stdout == "started\n"


def test_crash_and_exit_codes_are_errors(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/segv.py": "import ctypes\nctypes.string_at(0)\n",
            "snippets/hard_exit.py": "import os\nos._exit(3)\n",
            "snippets/sys_exit.py": "import sys\nsys.exit(2)\n",
            "snippets/clean_exit.py": "import sys\nprint('ok')\nsys.exit(0)\n",
            "docs/index.md": page_with(
                *[(f"snippets/{n}.py", "") for n in ("segv", "hard_exit", "sys_exit", "clean_exit")]
            ),
        }
    )
    _, runs = run_site(root, worker_pool)
    assert "SIGSEGV" in runs.results["snippets/segv.py"].error
    assert "code 3" in runs.results["snippets/hard_exit.py"].error
    assert "sys.exit(2)" in runs.results["snippets/sys_exit.py"].error
    assert runs.results["snippets/clean_exit.py"].error is None


def test_flood_is_capped_and_stdin_is_empty(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/flood.py": "while True:\n    print('x' * 1000)\n",
            "snippets/reads.py": "import sys\nprint(repr(sys.stdin.read()))\n",
            "docs/index.md": page_with(("snippets/flood.py", ""), ("snippets/reads.py", "''")),
        }
    )
    _, runs = run_site(root, worker_pool, RunSettings(output_cap=10_000, timeout=20))
    flood = runs.results["snippets/flood.py"]
    assert "more than 10000 bytes" in flood.error
    assert len(flood.stdout) == 10_000
    assert runs.results["snippets/reads.py"].stdout == "''\n"


def test_figures_are_captured_as_identical_svg(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/plot.py": "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.title('line')\n",
            "docs/index.md": page_with(("snippets/plot.py", "")),
        }
    )
    discovery = find_snippets(root)
    first = run_snippets(list(discovery.snippets), root=root, cache=Cache(root / "c1"), pool=worker_pool)
    second = run_snippets(list(discovery.snippets), root=root, cache=Cache(root / "c2"), pool=worker_pool)
    (svg,) = first.results["snippets/plot.py"].figures
    assert svg.startswith("<?xml") and "<svg" in svg
    assert second.results["snippets/plot.py"].figures == (svg,)


def test_runs_can_be_started_without_waiting_and_cancelled(make_site) -> None:
    """What `mkdocs serve` needs: a quick snippet's result arrives while a hanging one still runs,
    and a newer edit cancels the hanging one (and whatever it started) at once."""
    from docexec import start_snippets
    from docexec.pool import CANCELLED

    from .test_sandbox import gone_soon, processes_with

    marker = f"docexec-test-cancel-{time.time_ns()}"
    root = make_site(
        {
            "snippets/quick.py": "print('quick')\n",
            "snippets/hangs.py": (
                "import subprocess, sys, time\n"
                f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)  # {marker}'])\n"
                "time.sleep(600)\n"
            ),
            "docs/index.md": page_with(("snippets/quick.py", "quick"), ("snippets/hangs.py", "")),
        }
    )
    discovery = find_snippets(root)
    with WorkerPool(size=2) as pool:
        pending = start_snippets(list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=pool)
        assert pending.futures["snippets/quick.py"].result(timeout=60).stdout == "quick\n"
        assert not pending.futures["snippets/hangs.py"].done()
        deadline = time.monotonic() + 30
        while not processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        pending.cancel({"snippets/hangs.py"})
        assert pending.futures["snippets/hangs.py"].result(timeout=30).error == CANCELLED
        assert gone_soon(marker) == []
        assert set(pending.ready()) == {"snippets/quick.py", "snippets/hangs.py"}


def test_a_worker_started_for_a_thread_that_ends_stays_up(make_site) -> None:
    """A worker stops when the thread that started it ends (so a killed build leaves none behind); the
    thread asking may be short-lived (serve's warm-up, Zensical's rendering threads), so the pool starts
    workers from a thread of its own. Both runs here are answered by the same worker."""
    root = make_site(
        {
            "snippets/first.py": "import os\nprint(os.getppid())\n",
            "snippets/second.py": "import os\nprint(os.getppid())\n",
            "docs/index.md": page_with(("snippets/first.py", ""), ("snippets/second.py", "")),
        }
    )
    snippets = {s.path: s for s in find_snippets(root).snippets}
    results = {}

    def run(path: str) -> None:
        runs = run_snippets([snippets[path]], root=root, cache=Cache(root / ".cache"), pool=pool)
        results[path] = runs.results[path]

    with WorkerPool(size=1) as pool:
        thread = threading.Thread(target=run, args=("snippets/first.py",))
        thread.start()
        thread.join()
        time.sleep(0.5)  # room for a stop signal sent when that thread ended to arrive
        run("snippets/second.py")
    assert results["snippets/first.py"].error is None and results["snippets/second.py"].error is None
    assert results["snippets/first.py"].stdout == results["snippets/second.py"].stdout
