"""The nouns of the engine: where a snippet is, what its page says it prints, what it printed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .options import OutputOptions


@dataclass(frozen=True)
class Location:
    """A line in a page (or file), repo-relative POSIX path, 1-based line number."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Fence:
    """A fenced block in a page: lines ``start`` (opening fence) to ``end`` (closing fence), 0-based."""

    lang: str
    options: dict[str, str]
    indent: str
    start: int
    end: int
    body: tuple[str, ...]
    option_error: str | None = None  # the options text could not be split into words


@dataclass(frozen=True)
class DocumentedOutput:
    """The ``output`` fence after an executed snippet: what the page claims the snippet prints."""

    location: Location
    fence: Fence
    options: OutputOptions = OutputOptions()

    @property
    def text(self) -> str:
        return "\n".join(self.fence.body)

    @property
    def tolerance(self) -> float | None:
        return self.options.tolerance

    @property
    def timeout(self) -> float | None:
        return self.options.timeout

    @property
    def alt(self) -> str:
        return self.options.alt


@dataclass(frozen=True)
class Snippet:
    """An executed snippet: the include line in a page, the file it runs, and its documented output."""

    location: Location
    path: str
    output: DocumentedOutput
    code: Fence  # the python fence holding the include

    def __str__(self) -> str:
        return f"{self.location} {self.path}"


@dataclass(frozen=True)
class RunResult:
    """What running one snippet file produced. ``error`` is None when it ran cleanly."""

    stdout: str
    stderr: str = ""
    figures: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    # (repo-relative path, content hash) of every file the run opened; a trailing / marks a folder it listed
    reads: tuple[tuple[str, str], ...] = ()
    from_cache: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong, reported as: where, snippet, what, detail, what to do next."""

    where: str
    summary: str
    fix: str
    snippet: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        head = f"{self.where}: {self.snippet}: {self.summary}" if self.snippet else f"{self.where}: {self.summary}"
        parts = [head]
        if self.detail:
            parts.append(self.detail.rstrip("\n"))
        parts.append(f"What to do: {self.fix}")
        return "\n".join(parts)
