"""Find executed snippets and their documented outputs in Markdown pages, and what breaks the contract.

The contract (design.md): a ``python`` fence whose body is exactly one pymdownx.snippets include of
a file under ``snippets/`` is an executed snippet; the ``output`` fence right after it is its
documented output. Every include anywhere in a page (any fence or none, nested in an included file)
must resolve, symlinks followed, to a file inside ``snippets/``. Anything else is a Problem with a
page and line, found before any page is rendered.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pathspec.gitignore import GitIgnoreSpec
from pymdownx.snippets import SnippetPreprocessor

from .model import DocumentedOutput, Fence, Location, Problem, Snippet
from .options import OptionError, parse_output_options
from .report import update_command

SNIPPETS_DIR = "snippets"

# What each contract problem says; the pytest contract checks select problems by these.
OUTSIDE_SNIPPETS = "include is outside snippets/ and is refused"
MISSING_FILE = "includes a file that does not exist"
NO_OUTPUT = "executed snippet has no documented output"
ORPHAN_OUTPUT = "output fence with no executed snippet right before it"
BAD_OPTION = "output fence has a bad option"
NOT_UTF8 = "file is not UTF-8"
UNUSED_FILE = "file in snippets/ is included by no page and read by no snippet"
CONTRACT_PROBLEMS = (OUTSIDE_SNIPPETS, MISSING_FILE, NO_OUTPUT, ORPHAN_OUTPUT, BAD_OPTION, NOT_UTF8, UNUSED_FILE)

FENCE_OPEN = re.compile(
    r"""(?x)
    ^(?P<indent>[ \t]*)
    (?P<fence>`{3,}|~{3,})
    [ \t]*(?P<lang>[\w+.-]+)?
    (?P<options>[^`]*)$
    """
)

# The exact include syntax pymdownx.snippets acts on (inline ``--8<-- "path"`` and block markers),
# taken from it so that what we check is what it includes.
INCLUDE_LINE = SnippetPreprocessor.RE_ALL_SNIPPETS
# "path.py:section", "path.py:3:9": the part after the path selects lines; the file is the same.
INCLUDE_TARGET = SnippetPreprocessor.RE_SNIPPET_FILE


@dataclass(frozen=True)
class Discovery:
    """Everything found in a site's pages: the snippets, the contract problems, every file included,
    and each page's text as it was read (so nothing needs to parse a page twice)."""

    snippets: tuple[Snippet, ...]
    problems: tuple[Problem, ...]
    included: frozenset[str] = frozenset()
    texts: Mapping[str, str] = field(default_factory=dict, compare=False)  # page -> its text (UTF-8 ones)

    def for_page(self, page: str) -> list[Snippet]:
        return [s for s in self.snippets if s.location.path == page]

    def problems_of(self, page: str) -> list[Problem]:
        return [p for p in self.problems if p.where.rpartition(":")[0] == page or p.where == page]


@dataclass(frozen=True)
class Include:
    line: int  # 0-based, in the text it was found in
    target: str  # the path as written, without a section or line range


def parse_options(text: str) -> dict[str, str]:
    """``tol=1e-6 title="a b"`` -> {"tol": "1e-6", "title": "a b"}; bare words map to ""."""
    return dict(_option_words(text))  # a new dict each time: the caller may change it


@functools.lru_cache(maxsize=1024)  # `mkdocs serve` discovers every page again on each rebuild
def _option_words(text: str) -> tuple[tuple[str, str], ...]:
    """The (key, value) pairs of an options string, in order (shlex: quotes as a shell reads them)."""
    return tuple(word.partition("=")[::2] for word in shlex.split(text.strip().strip("{}")))


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
        option_error = None
        try:
            options = parse_options(match["options"] or "")
        except ValueError as error:
            options, option_error = {}, f"its options cannot be read ({error}): check the quotes"
        fences.append(Fence(match["lang"] or "", options, indent, i, end, body, option_error))
        i = end + 1
    return fences


def find_includes(lines: list[str]) -> Iterator[Include]:
    """Every include pymdownx.snippets would act on, inline or in a block, wherever it stands."""
    block = False
    for number, line in enumerate(lines):
        match = INCLUDE_LINE.match(line)
        if match:
            if match["escape"]:
                continue
            if match["block_marker"]:
                block = not block
            elif not block:  # pymdownx ignores inline notation directly inside a block
                yield Include(number, _target(match["snippet"][1:-1].strip()))
            continue
        path = line.strip()
        if block and path and not path.startswith(";"):
            yield Include(number, _target(path))


def _target(path: str) -> str:
    return INCLUDE_TARGET.match(path).group(1)


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Text of a page or snippet file, or a Problem naming the file and the first bad byte's line."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        where = str(Location(path, line))
        return None, Problem(
            where,
            f"{NOT_UTF8}: byte 0x{data[error.start]:02x} at line {line} cannot be read",
            "save the file as UTF-8 (most editors: 'Save with encoding' -> UTF-8)",
        )


class _Includes:
    """Checks includes against the snippets folder; remembers every file included."""

    def __init__(self, root: Path, snippets_dir: str) -> None:
        self.root = root
        self.snippets_dir = snippets_dir
        self.allowed = (root / snippets_dir).resolve()
        self.resolved_root = root.resolve()
        self._resolved: dict[str, Path] = {}  # target -> resolved path, for this one discovery
        self.included: set[str] = set()
        self.problems: dict[str, Problem] = {}  # file -> what is wrong with it (or in what it includes)

    def resolve(self, target: str) -> Path:
        """The include's file with links and ``..`` resolved (each target once per discovery)."""
        if target not in self._resolved:
            self._resolved[target] = (self.root / target).resolve()
        return self._resolved[target]

    def relative(self, target: str) -> str:
        """The snippet's path from the root as a reader knows it (``snippets/a/../b.py`` -> ``snippets/b.py``)."""
        return self.resolve(target).relative_to(self.resolved_root).as_posix()

    def check(self, target: str, where: str, *, depth: int = 0) -> Problem | None:
        """None when ``target`` is a file inside snippets/ (as are its own includes)."""
        resolved = self.resolve(target)
        if not resolved.is_relative_to(self.allowed):
            through = "" if (self.root / target).absolute() == resolved else f" (it leads to {resolved})"
            return Problem(
                where,
                f"{OUTSIDE_SNIPPETS}{through}",
                f"move the file under {self.snippets_dir}/ and include it by its path from the repo root",
                snippet=target,
            )
        if not resolved.is_file():
            return Problem(where, MISSING_FILE, "create the file or fix the path in the include", snippet=target)
        relative = resolved.relative_to(self.resolved_root).as_posix()
        if relative in self.included or depth > 10:
            # checked already (from another page, say): the same verdict, at this include
            known = self.problems.get(relative)
            return None if known is None else dataclasses.replace(known, where=where)
        self.included.add(relative)
        problem = self._check_file(resolved, target, where, depth)
        if problem is not None:
            self.problems[relative] = problem
        return problem

    def _check_file(self, resolved: Path, target: str, where: str, depth: int) -> Problem | None:
        text, problem = decode(resolved.read_bytes(), target)
        if problem is not None:
            return Problem(where, problem.summary, problem.fix, snippet=problem.where)
        for nested in find_includes(text.split("\n")):  # pymdownx expands includes inside included files too
            inner = self.check(nested.target, where, depth=depth + 1)
            if inner is not None:
                return Problem(
                    where,
                    f"{inner.summary} (nested in {target} line {nested.line + 1})",
                    inner.fix,
                    snippet=inner.snippet,
                )
        return None


def include_target(fence: Fence) -> str | None:
    """The file a python fence includes, when its body is exactly one include line."""
    body = [line for line in fence.body if line.strip()]
    if fence.lang != "python" or len(body) != 1:
        return None
    match = INCLUDE_LINE.match(body[0])
    if not match or not match["inline_marker"] or match["escape"]:
        return None
    return _target(match["snippet"][1:-1].strip())


def _only_blank_between(lines: list[str], first: int, last: int) -> bool:
    return all(not line.strip() for line in lines[first:last])


def find_page_snippets(
    root: Path, page: str, text: str, *, snippets_dir: str = SNIPPETS_DIR, includes: _Includes | None = None
) -> tuple[list[Snippet], list[Problem]]:
    """Executed snippets of one page (``page`` is repo-relative) and the contract problems in it."""
    includes = includes or _Includes(root, snippets_dir)
    # Lines as update splits them; a CRLF page's \r and a BOM are not part of what is parsed.
    lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    problems: list[Problem] = []
    refused: set[int] = set()
    for include in find_includes(lines):
        problem = includes.check(include.target, str(Location(page, include.line + 1)))
        if problem is not None:
            problems.append(problem)
            refused.add(include.line)
    fences = find_fences(lines)
    snippets: list[Snippet] = []
    claimed: set[int] = set()
    for index, fence in enumerate(fences):
        target = include_target(fence)
        if target is None:
            continue
        include_line = fence.start + 1 + next(i for i, line in enumerate(fence.body) if line.strip())
        where = str(Location(page, include_line + 1))
        following = fences[index + 1] if index + 1 < len(fences) else None
        if include_line in refused:  # reported already; its output fence is not an orphan too
            if following is not None and following.lang == "output":
                claimed.add(following.start)
            continue
        if (
            following is None
            or following.lang != "output"
            or not _only_blank_between(lines, fence.end + 1, following.start)
        ):
            problems.append(
                Problem(
                    where,
                    NO_OUTPUT,
                    f"add an ```output fence right after it, then run: {update_command(page)}",
                    snippet=target,
                )
            )
            continue
        claimed.add(following.start)
        output_where = str(Location(page, following.start + 1))
        try:
            if following.option_error:
                raise OptionError(following.option_error)
            options = parse_output_options(following.options)
        except OptionError as error:
            problems.append(
                Problem(
                    output_where,
                    f"{BAD_OPTION}: {error}",
                    "fix the option (README: 「添加一个带示例的页面」 lists tol, timeout, memory, network, alt)",
                    snippet=target,
                )
            )
            continue
        output = DocumentedOutput(Location(page, following.start + 1), following, options)
        snippets.append(Snippet(Location(page, include_line + 1), includes.relative(target), output, fence))
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


def as_discovered(parsed: list[Snippet], discovered: list[Snippet]) -> list[Snippet]:
    """Snippets parsed from a page text another plugin changed, reported at their lines in the page's
    file: each is matched, in order, to the discovered snippet with the same file and documented output
    (its fences stay where they are in the changed text)."""
    remaining = list(discovered)
    located: list[Snippet] = []
    for snippet in parsed:
        match = next((d for d in remaining if d.path == snippet.path and d.output.text == snippet.output.text), None)
        if match is None:  # added by that plugin: where it is in the changed text is all there is
            located.append(snippet)
            continue
        remaining.remove(match)
        output = dataclasses.replace(snippet.output, location=match.output.location)
        located.append(dataclasses.replace(snippet, location=match.location, output=output))
    return located


def find_pages(root: Path, docs_dir: str = "docs", *, exclude_docs: str = "") -> list[str]:
    """The Markdown pages MkDocs builds from ``docs_dir``: dot files, ``templates/`` and what the site's
    ``exclude_docs`` (gitignore rules, as MkDocs reads them) names are left out."""
    folder = root / docs_dir
    spec = GitIgnoreSpec.from_lines([".*", "/templates/", *exclude_docs.splitlines()])
    return sorted(
        p.relative_to(root).as_posix()
        for p in folder.rglob("*.md")
        if not spec.match_file(p.relative_to(folder).as_posix())
    )


def find_snippets(
    root: Path,
    docs_dir: str = "docs",
    *,
    pages: list[str] | None = None,
    snippets_dir: str = SNIPPETS_DIR,
    exclude_docs: str = "",
) -> Discovery:
    """All executed snippets of the site at ``root`` and the contract problems of its pages, read from disk.

    ``pages`` (repo-relative) defaults to the Markdown pages MkDocs builds from ``docs_dir`` (``find_pages``).
    Files in snippets/ that nothing uses can only be told after the runs (a snippet may read them):
    ``find_unused_files``.
    """
    names = pages if pages is not None else find_pages(root, docs_dir, exclude_docs=exclude_docs)
    return find_snippets_in(root, {page: (root / page).read_bytes() for page in names}, snippets_dir=snippets_dir)


def find_snippets_in(root: Path, pages: Mapping[str, bytes], *, snippets_dir: str = SNIPPETS_DIR) -> Discovery:
    """Like ``find_snippets``, for pages given with their contents: a site generator's own list of
    pages (MkDocs' files: generated pages included, excluded ones left out), each read once."""
    includes = _Includes(root, snippets_dir)
    snippets: list[Snippet] = []
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for page, data in pages.items():
        text, problem = decode(data, page)
        if problem is not None:
            problems.append(problem)
            continue
        texts[page] = text
        found, wrong = find_page_snippets(root, page, text, snippets_dir=snippets_dir, includes=includes)
        snippets += found
        problems += wrong
    return Discovery(tuple(snippets), tuple(problems), frozenset(includes.included), texts)


def find_unused_files(root: Path, used: set[str], *, snippets_dir: str = SNIPPETS_DIR) -> list[Problem]:
    """Files in snippets/ that no page includes and no snippet read while it ran.

    A folder a snippet listed (``used`` holds it with a trailing /) puts the files in it in use.
    """
    folder = root / snippets_dir
    if not folder.is_dir():
        return []
    listed = tuple(path for path in used if path.endswith("/"))
    unused = sorted(
        relative
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and not p.name.startswith(".")
        and (relative := p.relative_to(root).as_posix()) not in used
        and not relative.startswith(listed)
    )
    return [
        Problem(
            path,
            UNUSED_FILE,
            f'include it from a page (```python fence with --8<-- "{path}"), read it from a snippet, or delete it',
        )
        for path in unused
    ]
