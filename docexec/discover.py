"""Find executed snippets and their documented outputs in Markdown pages, and what breaks the contract.

The contract (design.md): a ``python`` fence whose body is exactly one pymdownx.snippets include of
a file under ``snippets/`` is an executed snippet; the ``output`` fence right after it is its
documented output. Anything else about those two fences is a Problem with a page and line.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from .localmods import local_modules
from .model import DocumentedOutput, Fence, Location, Problem, Snippet

SNIPPETS_DIR = "snippets"

# What each contract problem says; the pytest contract checks select problems by these.
OUTSIDE_SNIPPETS = "include is outside snippets/ and is refused"
MISSING_FILE = "includes a file that does not exist"
NO_OUTPUT = "executed snippet has no documented output"
ORPHAN_OUTPUT = "output fence with no executed snippet right before it"
UNUSED_FILE = "file in snippets/ is used by no page"
CONTRACT_PROBLEMS = (OUTSIDE_SNIPPETS, MISSING_FILE, NO_OUTPUT, ORPHAN_OUTPUT, UNUSED_FILE)

FENCE_OPEN = re.compile(
    r"""(?x)
    ^(?P<indent>[ \t]*)
    (?P<fence>`{3,}|~{3,})
    [ \t]*(?P<lang>[\w+.-]+)?
    (?P<options>[^`]*)$
    """
)

INCLUDE = re.compile(
    r"""(?x)
    ^[ \t]*-+8<-+[ \t]+
    (?P<quote>["'])(?P<target>[^"']+)(?P=quote)
    [ \t]*$
    """
)


@dataclass(frozen=True)
class Discovery:
    """Everything found in a site's pages: the snippets, and the contract problems."""

    snippets: tuple[Snippet, ...]
    problems: tuple[Problem, ...]

    def for_page(self, page: str) -> list[Snippet]:
        return [s for s in self.snippets if s.location.path == page]


def parse_options(text: str) -> dict[str, str]:
    """``tol=1e-6 title="a b"`` -> {"tol": "1e-6", "title": "a b"}; bare words map to ""."""
    options: dict[str, str] = {}
    for word in shlex.split(text.strip().strip("{}")):
        key, _, value = word.partition("=")
        options[key] = value
    return options


def find_fences(lines: list[str]) -> list[Fence]:
    """Fenced blocks in a page, including those indented inside admonitions and details."""
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = tuple(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[i + 1 : end])
        try:
            options = parse_options(match["options"] or "")
        except ValueError:
            options = {}
        fences.append(Fence(match["lang"] or "", options, indent, i, end, body))
        i = end + 1
    return fences


def include_target(fence: Fence) -> str | None:
    """The file a python fence includes, when its body is exactly one include line."""
    body = [line for line in fence.body if line.strip()]
    if fence.lang != "python" or len(body) != 1:
        return None
    match = INCLUDE.match(body[0])
    if not match:
        return None
    # "path.py:section" or "path.py:3:9" shows part of the file; the whole file runs.
    target = match["target"]
    return re.sub(r"(\.py)(:[^/]*)$", r"\1", target)


def _only_blank_between(lines: list[str], first: int, last: int) -> bool:
    return all(not line.strip() for line in lines[first:last])


def find_page_snippets(root: Path, page: str, text: str) -> tuple[list[Snippet], list[Problem]]:
    """Executed snippets of one page (``page`` is repo-relative) and the contract problems in it."""
    lines = text.splitlines()
    fences = find_fences(lines)
    snippets: list[Snippet] = []
    problems: list[Problem] = []
    claimed: set[int] = set()
    for index, fence in enumerate(fences):
        target = include_target(fence)
        if target is None:
            continue
        include_line = fence.start + 1 + next(i for i, line in enumerate(fence.body) if line.strip())
        where = str(Location(page, include_line + 1))
        if not target.startswith(f"{SNIPPETS_DIR}/") or ".." in Path(target).parts:
            problems.append(
                Problem(
                    where,
                    OUTSIDE_SNIPPETS,
                    f"move the file under {SNIPPETS_DIR}/ and include it by its path from the repo root",
                    snippet=target,
                )
            )
            continue
        if not (root / target).is_file():
            problems.append(
                Problem(where, MISSING_FILE, "create the file or fix the path in the include", snippet=target)
            )
            continue
        following = fences[index + 1] if index + 1 < len(fences) else None
        if (
            following is None
            or following.lang != "output"
            or not _only_blank_between(lines, fence.end + 1, following.start)
        ):
            problems.append(
                Problem(
                    where,
                    NO_OUTPUT,
                    f"add an ```output fence right after it, then run: python -m docexec update {page}",
                    snippet=target,
                )
            )
            continue
        claimed.add(following.start)
        output = DocumentedOutput(Location(page, following.start + 1), following)
        snippets.append(Snippet(Location(page, include_line + 1), target, output, fence))
    for fence in fences:
        if fence.lang == "output" and fence.start not in claimed:
            problems.append(
                Problem(
                    str(Location(page, fence.start + 1)),
                    ORPHAN_OUTPUT,
                    'put a ```python fence containing only --8<-- "snippets/….py" directly above it, or remove it',
                )
            )
    return snippets, problems


def find_pages(root: Path, docs_dir: str = "docs") -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / docs_dir).rglob("*.md"))


def find_snippets(root: Path, docs_dir: str = "docs") -> Discovery:
    """All executed snippets of the site at ``root``, plus contract problems (including unused files)."""
    snippets: list[Snippet] = []
    problems: list[Problem] = []
    for page in find_pages(root, docs_dir):
        found, wrong = find_page_snippets(root, page, (root / page).read_text(encoding="utf-8"))
        snippets += found
        problems += wrong
    included = {s.path for s in snippets} | {p.snippet for p in problems if p.snippet}
    problems += find_unused_files(root, included)
    return Discovery(tuple(snippets), tuple(problems))


def find_unused_files(root: Path, used: set[str]) -> list[Problem]:
    """Files in snippets/ that no page runs and no run snippet imports."""
    reachable = set(used)
    for path in used:
        if (root / path).is_file():
            reachable |= {m.relative_to(root).as_posix() for m in local_modules(root / path)}
    unused = (
        sorted(
            p.relative_to(root).as_posix()
            for p in (root / SNIPPETS_DIR).rglob("*.py")
            if "__pycache__" not in p.parts and p.relative_to(root).as_posix() not in reachable
        )
        if (root / SNIPPETS_DIR).is_dir()
        else []
    )
    return [
        Problem(path, UNUSED_FILE, f'include it from a page (```python fence with --8<-- "{path}") or delete it')
        for path in unused
    ]
