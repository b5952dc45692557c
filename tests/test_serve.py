"""`mkdocs serve` on the site's own mkdocs.yml (strict: true), in a copy of the repo.

The author's loop (issue 11): a broken snippet, a mismatch, a bad include or a TeX error shows on
its page as the build would report it, every other page keeps answering, the log gives each problem
once, a fix recovers through live reload, a hanging snippet holds up only its own page, and Ctrl-C
ends every process serve started. No timings are asserted: the waits below only bound a hang.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docexec import find_snippets

ROOT = Path(__file__).resolve().parents[1]
FAILURE = "示例未通过检查"
RUNNING = "正在运行示例"
SNIPPET = "snippets/autograd/grad_basic.py"
# Where the page includes it, found as the engine finds it: the page's text may move it.
WHERE = next(str(s.location) for s in find_snippets(ROOT).snippets if s.path == SNIPPET)
SNIPPET_PAGE = "autograd/"
OTHER_PAGES = ("", "derivatives/", "gradients/", "print_page/")
HANG_LIMIT = 120  # seconds a wait may take before the test calls it a hang (the machine may be busy)


def copy_repo(dest: Path, *, warm: bool = True) -> Path:
    """The repo's own files (tracked and new, not ignored), with its snippet cache so the copy starts warm.

    `python -m mkdocs` in the copy imports the copy's docexec/ and sitemath/ (the working folder
    comes first on sys.path), so the copy runs the code under test, as the repo itself would.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX, as ./scripts/setup.sh installed it
    if warm and (ROOT / ".cache/docexec").is_dir():
        shutil.copytree(ROOT / ".cache/docexec", dest / ".cache/docexec")
    return dest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (whatever process group it moved to)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@dataclass
class Served:
    root: Path
    process: subprocess.Popen[str]
    url: str
    log_path: Path

    def fetch(self, page: str) -> str:
        with urllib.request.urlopen(self.url + page, timeout=HANG_LIMIT) as response:
            return response.read().decode("utf-8")

    def fetch_until(self, page: str, predicate: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + HANG_LIMIT
        text = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.log()[-3000:]}"
            try:
                text = self.fetch(page)
            except OSError:
                text = ""
            if predicate(text):
                return text
            time.sleep(0.3)
        raise AssertionError(f"/{page} never showed what was expected; log:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def edit(self, relative: str, change: Callable[[str], str]) -> None:
        path = self.root / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def ctrl_c(self) -> None:
        """What Ctrl-C in its terminal does: SIGINT to serve's whole process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=HANG_LIMIT)


def start_serve(root: Path, log_path: Path) -> Served:
    port = free_port()
    log = log_path.open("w", encoding="utf-8")
    # Ctrl-C reaches the server as in a terminal, however pytest was started: a shell starts a
    # background job (`pytest … &`) with SIGINT ignored, a child inherits that, and Python then never
    # raises KeyboardInterrupt. A handled signal is reset to the default in the child.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,  # its own process group, as in a terminal
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    served = Served(root, process, f"http://127.0.0.1:{port}/", log_path)
    served.fetch_until("", lambda html: "</html>" in html)
    return served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One `mkdocs serve` of a copy of the repo for the tests below, each of which leaves the copy fixed."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    server = start_serve(root, root.parent / "serve.log")
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.ctrl_c()


def other_pages_answer(served: Served) -> None:
    for page in OTHER_PAGES:
        assert "</html>" in served.fetch(page), page


def test_the_copy_serves_with_the_sites_own_strict_config(served: Served) -> None:
    config = (served.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "strict: true" in config and "watch:" not in config  # the plugin watches snippets/ itself
    assert FAILURE not in served.fetch(SNIPPET_PAGE)


def test_a_failing_snippet_shows_on_its_page_while_every_other_page_answers(served: Served) -> None:
    original = (served.root / SNIPPET).read_text(encoding="utf-8")
    try:
        served.edit(SNIPPET, lambda text: text + "raise ValueError('示例坏了')\n")
        page = served.fetch_until(SNIPPET_PAGE, lambda html: FAILURE in html)
        assert f"{WHERE}: snippets/autograd/grad_basic.py: the snippet failed" in page
        assert "ValueError: 示例坏了" in page and "What to do:" in page
        other_pages_answer(served)
        served.edit("docs/index.md", lambda text: text + "\n一行新的文字。\n")  # another rebuild, same problem
        served.fetch_until("", lambda html: "一行新的文字。" in html)
        assert served.log().count("snippets/autograd/grad_basic.py: the snippet failed") == 1  # once, not per rebuild
    finally:
        served.edit(SNIPPET, lambda _: original)
    served.fetch_until(SNIPPET_PAGE, lambda html: FAILURE not in html and RUNNING not in html)
    log = served.log()
    assert f"fixed: {WHERE}" in log
    assert "appear stuck" not in log and "Aborted" not in log


def indexed_text(search_index: str) -> str:
    """The pages' text in Material's search index (JSON, words parted by zero-width spaces); "" while it is written."""
    try:
        docs = json.loads(search_index)["docs"]
    except (ValueError, KeyError):
        return ""
    return "\n".join(doc.get("text", "") for doc in docs).replace("\u200b", "")


def test_a_prose_edit_shows_on_its_page_the_print_page_and_the_search_index(served: Served) -> None:
    """What serve keeps between rebuilds (converted pages, print parts, search entries, formula headings)
    never hides an edit, nor keeps it once undone."""
    page, heading = "docs/derivatives.md", "docs/backprop.md"
    sentence = "训练模型，就是调整参数让损失函数尽可能小"
    originals = {name: (served.root / name).read_text(encoding="utf-8") for name in (page, heading)}
    assert sentence in originals[page] and "## 例子：$" in originals[heading]
    try:
        served.edit(page, lambda text: text.replace(sentence, sentence + "（改过一次）", 1))
        served.edit(heading, lambda text: text.replace("## 例子：$", "## 新例子：$", 1))
        served.fetch_until("derivatives/", lambda html: "（改过一次）" in html)
        served.fetch_until("print_page/", lambda html: "（改过一次）" in html and "新例子" in html)
        served.fetch_until("search/search_index.json", lambda text: "改过一次" in indexed_text(text))
        # the heading has a formula: its entry in the page's contents is made from the new heading too
        served.fetch_until("backprop/", lambda html: html.count("新例子") >= 2)
    finally:
        for name, text in originals.items():
            served.edit(name, lambda _, text=text: text)
    served.fetch_until("derivatives/", lambda html: sentence in html and "（改过一次）" not in html)
    served.fetch_until("print_page/", lambda html: "（改过一次）" not in html and "新例子" not in html)
    served.fetch_until(
        "search/search_index.json", lambda text: sentence in indexed_text(text) and "改过一次" not in indexed_text(text)
    )
    served.fetch_until("backprop/", lambda html: "新例子" not in html)


def test_a_mismatch_shows_the_diff_and_a_command_that_works(served: Served) -> None:
    original = (served.root / SNIPPET).read_text(encoding="utf-8")
    try:
        served.edit(SNIPPET, lambda text: text.replace("print(x.grad == 4 * x)", "print(x.grad == 4 * x)\nprint(1)"))
        page = served.fetch_until(SNIPPET_PAGE, lambda html: FAILURE in html)
        assert "documented output differs" in page and "\n+1\n" in page
        assert f"{sys.executable} -m docexec update docs/autograd.md" in page
    finally:
        served.edit(SNIPPET, lambda _: original)
    served.fetch_until(SNIPPET_PAGE, lambda html: FAILURE not in html and RUNNING not in html)


def test_a_bad_include_and_an_orphan_output_show_on_their_page_instead_of_stopping_the_server(served: Served) -> None:
    page = "docs/derivatives.md"
    original = (served.root / page).read_text(encoding="utf-8")
    bad = '\n```python\n--8<-- "snippets/missing.py"\n```\n\n```output\nnothing\n```\n\n```output\norphan\n```\n'
    try:
        served.edit(page, lambda text: text + bad)
        shown = served.fetch_until("derivatives/", lambda html: FAILURE in html)
        assert "snippets/missing.py: includes a file that does not exist" in shown
        assert "output fence with no executed snippet right before it" in shown
        other_pages_answer(served)
    finally:
        served.edit(page, lambda _: original)
    served.fetch_until("derivatives/", lambda html: FAILURE not in html)
    assert "appear stuck" not in served.log()


def test_a_tex_error_shows_escaped_on_its_page(served: Served) -> None:
    page = "docs/gradients.md"
    original = (served.root / page).read_text(encoding="utf-8")
    try:
        served.edit(page, lambda text: text + "\n坏公式 $\\text{<img src=x onerror=alert(1)>} \\frac{1}{$ 在这里。\n")
        shown = served.fetch_until("gradients/", lambda html: "公式有误" in html)
        assert "docs/gradients.md:" in shown and "TeX error" in shown
        assert "<img src=x" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
        other_pages_answer(served)
    finally:
        served.edit(page, lambda _: original)
    served.fetch_until("gradients/", lambda html: "公式有误" not in html)
    log = served.log()
    assert log.count("TeX error (shown on its page") == 1 and "appear stuck" not in log


def test_a_hanging_snippet_holds_up_only_its_page_saving_it_again_stops_it_and_ctrl_c_ends_everything(
    tmp_path: Path,
) -> None:
    root = copy_repo(tmp_path / "repo")
    original = (root / SNIPPET).read_text(encoding="utf-8")
    hanging = "import time\ntime.sleep(900)\n"
    (root / SNIPPET).write_text(hanging, encoding="utf-8")
    # A timeout far beyond HANG_LIMIT: the fix below can only show in time if the hanging run is stopped.
    page_source = root / "docs/autograd.md"
    text = page_source.read_text(encoding="utf-8")
    include = f'--8<-- "{SNIPPET}"\n```\n\n```output\n'
    assert include in text
    page_source.write_text(text.replace(include, include.replace("```output", "```output timeout=300"), 1), "utf-8")
    served = start_serve(root, tmp_path / "serve.log")
    try:
        page = served.fetch_until(SNIPPET_PAGE, lambda html: RUNNING in html)
        assert "tensor([0., 1., 2., 3.], requires_grad=True)" in page  # the documented output, at once
        other_pages_answer(served)
        for other in OTHER_PAGES:
            assert RUNNING not in served.fetch(other) or other == "print_page/", other
        _wait_for_a_running_snippet(served)
        (root / SNIPPET).write_text(original, encoding="utf-8")  # the fix: stops the hanging run
        served.fetch_until(SNIPPET_PAGE, lambda html: RUNNING not in html and FAILURE not in html)
        assert "that run is stopped" in served.log()
        (root / SNIPPET).write_text(hanging.replace("900", "901"), encoding="utf-8")
        _wait_for_a_running_snippet(served)
        started = descendants(served.process.pid)
    finally:
        served.ctrl_c()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(pid) for pid in started):
        time.sleep(0.3)
    left = {pid: _cmdline(pid) for pid in started if alive(pid)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after Ctrl-C: {left}"


def _wait_for_a_running_snippet(served: Served) -> None:
    deadline = time.monotonic() + HANG_LIMIT
    while time.monotonic() < deadline and _workers(served.process.pid) < 2:  # the worker and its fork
        time.sleep(0.3)
    assert _workers(served.process.pid) >= 2, f"no snippet started: {descendants(served.process.pid)}"


def _workers(pid: int) -> int:
    return sum("-m docexec.worker" in _cmdline(child) for child in descendants(pid))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def test_a_fresh_clone_serves_at_once_and_every_page_gets_its_verdicts(tmp_path: Path) -> None:
    """No .cache/ at all: pages do not wait for the 32 runs, and each page reloads with its results."""
    root = copy_repo(tmp_path / "repo", warm=False)
    served = start_serve(root, tmp_path / "serve.log")
    try:
        for page in ("", SNIPPET_PAGE, "backprop/", "notebooks/autograd/"):
            served.fetch_until(page, lambda html: "</html>" in html and RUNNING not in html and FAILURE not in html)
        assert "docexec-figure" in served.fetch("derivatives/")  # figures, made by the background runs
    finally:
        served.ctrl_c()


KATEX_ONLY = """\
site_name: t
plugins:
  - katex
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
"""


def test_a_tex_error_is_escaped_in_the_html_a_failed_build_leaves(tmp_path: Path) -> None:
    """`mkdocs build` stays strict on a TeX error, and what it wrote to site/ has no live markup from it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(KATEX_ONLY, encoding="utf-8")
    page = "# t\n\n$\\text{<img src=x onerror=alert(1)>}\\frac{1}{$\n"
    (tmp_path / "docs/index.md").write_text(page, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=tmp_path,
        capture_output=True,
        encoding="utf-8",
        timeout=HANG_LIMIT,
        check=False,
    )
    assert build.returncode != 0 and "docs/index.md:3: TeX error" in build.stderr
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
