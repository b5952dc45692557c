"""The trust model (README 「示例能碰什么」): what a snippet cannot touch, each tried as an adversarial author would."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from docexec import Cache, RunSettings, WorkerPool, find_snippets, run_snippets
from docexec.sandbox import Protections, probe

from .sites import MKDOCS_YML, page_with

PROTECTIONS = probe()
needs_landlock = pytest.mark.skipif(
    PROTECTIONS.landlock_abi < 6, reason="this kernel lacks Landlock ABI 6 (read-only repo, TCP and signal scoping)"
)


def run_site(root: Path, pool: WorkerPool, settings: RunSettings = RunSettings()):
    discovery = find_snippets(root)
    assert discovery.problems == ()
    return run_snippets(list(discovery.snippets), root=root, cache=Cache(root / ".cache"), pool=pool, settings=settings)


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def gone_soon(marker: str, seconds: float = 20) -> list[int]:
    """The processes still carrying ``marker`` once they had ``seconds`` to go (empty when all are gone)."""
    deadline = time.monotonic() + seconds
    while (left := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@needs_landlock
def test_the_repo_is_read_only_and_the_temp_dir_is_writable(make_site, worker_pool) -> None:
    root = make_site(
        {
            "README.md": "original\n",
            "snippets/writes.py": (
                "from pathlib import Path\n"
                f"target = Path({str(Path('README.md'))!r}).resolve() if False else Path(__file__).parents[1] / 'README.md'\n"
                "print(target.read_text().strip())\n"
                "for attempt in (lambda: target.write_text('changed'), lambda: target.unlink(),\n"
                "                lambda: (target.parent / 'new.txt').write_text('x'), lambda: open('/tmp/docexec-escape', 'w')):\n"
                "    try:\n"
                "        attempt()\n"
                "        print('allowed')\n"
                "    except OSError as error:\n"
                "        print(type(error).__name__)\n"
                "Path('here.txt').write_text('fine')\n"
                "print(Path('here.txt').read_text())\n"
            ),
            "docs/index.md": page_with(("snippets/writes.py", "")),
        }
    )
    result = run_site(root, worker_pool).results["snippets/writes.py"]
    assert result.error is None, result.error
    assert result.stdout.split() == [
        "original",
        "PermissionError",
        "PermissionError",
        "PermissionError",
        "PermissionError",
        "fine",
    ]
    assert (root / "README.md").read_text() == "original\n" and not (root / "new.txt").exists()
    assert not Path("/tmp/docexec-escape").exists()


def test_the_environment_is_the_allow_list(make_site, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret")
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "secret")
    root = make_site(
        {
            "snippets/env.py": "import os\nprint(sorted(os.environ))\nprint(open(f'/proc/{os.getppid()}/environ', 'rb').read().count(b'secret'))\n",
            "docs/index.md": page_with(("snippets/env.py", "")),
        }
    )
    with WorkerPool(size=1, cwd=root) as pool:  # a new worker, started from this environment
        result = run_site(root, pool).results["snippets/env.py"]
    assert result.error is None, result.error
    names = set(eval(result.stdout.splitlines()[0]))
    assert "GITHUB_TOKEN" not in names and "ACTIONS_ID_TOKEN_REQUEST_TOKEN" not in names
    assert names <= {
        "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "HOME", "TMPDIR", "PYTHONHASHSEED", "PYTHONIOENCODING",
        "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "CUDA_VISIBLE_DEVICES", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
        "MPLBACKEND", "SOURCE_DATE_EPOCH", "MPLCONFIGDIR",
    }  # fmt: skip
    assert result.stdout.splitlines()[1] == "0"  # nor through the worker's /proc entry


@needs_landlock
def test_no_network_unless_the_block_opts_in(make_site, worker_pool) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    tries = (
        "import socket\n"
        f"for family, kind, address in [(socket.AF_INET, socket.SOCK_STREAM, ('127.0.0.1', {port})),\n"
        "                              (socket.AF_INET, socket.SOCK_DGRAM, ('127.0.0.1', 53))]:\n"
        "    try:\n"
        "        with socket.socket(family, kind) as s:\n"
        "            s.settimeout(5)\n"
        "            s.connect(address)\n"
        "        print('connected')\n"
        "    except OSError as error:\n"
        "        print(type(error).__name__)\n"
    )
    root = make_site(
        {
            "snippets/offline.py": tries,
            "snippets/online.py": tries,
            "docs/index.md": page_with(("snippets/offline.py", ""), ("snippets/online.py", "")).replace(
                "```output\n\n```\n\n```python", "```output\n\n```\n\n```python", 1
            ),
        }
    )
    page = (root / "docs/index.md").read_text()
    head, tail = page.rsplit("```output", 1)
    (root / "docs/index.md").write_text(head + "```output network" + tail)
    try:
        results = run_site(root, worker_pool).results
    finally:
        listener.close()
    assert results["snippets/offline.py"].stdout.split() == ["PermissionError", "PermissionError"]
    assert results["snippets/online.py"].stdout.split() == ["connected", "connected"]


def test_no_process_outlives_its_snippet(make_site, worker_pool) -> None:
    marker = f"docexec-test-{uuid.uuid4().hex}"
    sleeper = f"import time; time.sleep(600)  # {marker}"
    root = make_site(
        {
            "snippets/daemons.py": (
                "import os, subprocess, sys\n"
                f"subprocess.Popen([sys.executable, '-c', {sleeper!r}])\n"
                f"subprocess.Popen([sys.executable, '-c', {sleeper!r}], start_new_session=True)\n"
                "if os.fork() == 0:\n"  # a classic double-fork daemon
                "    os.setsid()\n"
                "    if os.fork() == 0:\n"
                f"        os.execv(sys.executable, [sys.executable, '-c', {sleeper!r}])\n"
                "    os._exit(0)\n"
                "print('started')\n"
            ),
            "snippets/hangs.py": (
                "import subprocess, sys, time\n"
                f"subprocess.Popen([sys.executable, '-c', {sleeper!r}], start_new_session=True)\n"
                "time.sleep(600)\n"
            ),
            "docs/index.md": page_with(("snippets/daemons.py", "started"), ("snippets/hangs.py", "")),
        }
    )
    results = run_site(root, worker_pool, RunSettings(timeout=3)).results
    assert results["snippets/daemons.py"].error is None
    assert "timeout of 3 s" in results["snippets/hangs.py"].error
    assert gone_soon(marker, seconds=5) == []


def test_memory_is_limited_and_the_error_says_so(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/greedy.py": "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))\n",
            "snippets/greedy_torch.py": "import torch\nx = torch.empty(4 * 1024**3, dtype=torch.uint8)\nx.fill_(1)\n",
            "docs/index.md": page_with(("snippets/greedy.py", ""), ("snippets/greedy_torch.py", "")).replace(
                "```output", "```output memory=256M"
            ),
        }
    )
    results = run_site(root, worker_pool).results
    for path in ("snippets/greedy.py", "snippets/greedy_torch.py"):
        error = results[path].error
        assert error is not None and "ran out of memory" in error and "256 MiB" in error, (path, error)


def test_a_snippet_that_kills_the_runner_is_named_and_the_others_run_again(make_site) -> None:
    root = make_site(
        {
            "snippets/a_slow.py": "import time\ntime.sleep(1)\nprint('a')\n",
            "snippets/b_killer.py": "import os, signal, time\ntime.sleep(0.3)\nos.kill(os.getppid(), signal.SIGKILL)\n",
            "snippets/c_slow.py": "import time\ntime.sleep(1)\nprint('c')\n",
            "docs/index.md": page_with(
                ("snippets/a_slow.py", "a"), ("snippets/b_killer.py", ""), ("snippets/c_slow.py", "c")
            ),
        }
    )
    before = set(temp_entries())
    with WorkerPool(size=3) as pool:
        results = run_site(root, pool, RunSettings(sandbox=False)).results  # confined, it could not kill the runner
    assert results["snippets/a_slow.py"].stdout == "a\n" and results["snippets/a_slow.py"].error is None
    assert results["snippets/c_slow.py"].stdout == "c\n" and results["snippets/c_slow.py"].error is None
    assert "killed the process that runs the snippets (killed by SIGKILL)" in results["snippets/b_killer.py"].error
    # The killed worker could not remove its snippets' directories: the pool did.
    left = [entry for entry in set(temp_entries()) - before if mentions(entry, "b_killer")]
    assert left == [], "the killed worker's snippet directories were left in the temp dir"


def temp_entries() -> list[Path]:
    """docexec's directories in the temp dir: the pool's (which follows TMPDIR) and the worker's (/tmp)."""
    return [entry for folder in {Path(tempfile.gettempdir()), Path("/tmp")} for entry in folder.glob("docexec-*")]


def mentions(folder: Path, text: str) -> bool:
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    return any(text.encode() in path.read_bytes() for path in files)


@needs_landlock
def test_confined_a_snippet_cannot_signal_the_runner(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/killer.py": "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\nexcept OSError as e:\n    print(type(e).__name__)\n",
            "docs/index.md": page_with(("snippets/killer.py", "")),
        }
    )
    assert run_site(root, worker_pool).results["snippets/killer.py"].stdout == "PermissionError\n"


def test_figures_are_inert(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/plot.py": (
                "import matplotlib.pyplot as plt\n"
                "line, = plt.plot([0, 1], [1, 0])\n"
                "line.set_url('javascript:alert(1)')\n"
                "plt.title('<script>alert(2)</script>')\n"
            ),
            "docs/index.md": page_with(("snippets/plot.py", "")),
        }
    )
    (svg,) = run_site(root, worker_pool).results["snippets/plot.py"].figures
    assert "<svg" in svg and "<path" in svg
    assert "javascript:" not in svg and "<script" not in svg and "<a " not in svg


def test_missing_protections_are_named_in_one_line() -> None:
    assert Protections(landlock_abi=7, seccomp=True).off() == []
    off = Protections(landlock_abi=0, seccomp=False).off()
    assert any("Landlock" in item for item in off) and any("seccomp" in item for item in off)


@pytest.mark.slow
def test_stopping_a_build_ends_every_process_it_started(make_site) -> None:
    marker = f"docexec-test-{uuid.uuid4().hex}"
    sleeper = f"import time; time.sleep(600)  # {marker}"
    root = make_site(
        {
            "mkdocs.yml": MKDOCS_YML,
            "snippets/hangs.py": (
                "import subprocess, sys, time\n"
                f"subprocess.Popen([sys.executable, '-c', {sleeper!r}], start_new_session=True)\n"
                "time.sleep(600)\n"
            ),
            "docs/index.md": page_with(("snippets/hangs.py", "")),
        }
    )
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        build = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, as a terminal would make it
        )
        try:
            deadline = time.monotonic() + 60
            while not processes_with(marker) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert processes_with(marker), "the snippet never started its daemon"
            if stop == signal.SIGKILL:
                os.kill(build.pid, stop)  # the build alone dies at once (the OOM killer, kill -9)
            else:
                os.killpg(build.pid, stop)  # Ctrl-C reaches the whole foreground group
        finally:
            build.wait(timeout=60)
        assert gone_soon(marker) == [], f"left behind after {stop.name}"
