"""KaTeX from Python: one persistent Node process renders every formula of a build."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

SERVER = Path(__file__).with_name("katex_server.mjs")


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


@dataclass(frozen=True)
class Rendered:
    html: str | None
    error: str | None


class KatexError(RuntimeError):
    """Node or KaTeX is missing, or the Node process died."""


def katex_package() -> Path:
    """The installed npm package, found the way Node finds it: in node_modules of a parent folder."""
    for folder in SERVER.parents:
        candidate = folder / "node_modules" / "katex"
        if (candidate / "package.json").is_file():
            return candidate
    raise KatexError("the npm package katex is not installed: run ./scripts/setup.sh (it runs npm ci)")


class KatexRenderer:
    """Starts ``node katex_server.mjs`` on first use and keeps it for every page and rebuild."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        package = katex_package()
        try:
            return subprocess.Popen(
                ["node", str(SERVER)],
                cwd=package.parent.parent,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                encoding="utf-8",
            )
        except FileNotFoundError as missing:
            raise KatexError("node is not on PATH: install Node.js 20, then run ./scripts/setup.sh") from missing

    def render(self, formulas: list[Formula]) -> list[Rendered]:
        if not formulas:
            return []
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        assert self._process.stdin and self._process.stdout
        request = {"items": [{"tex": f.tex, "display": f.display} for f in formulas]}
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        if not answer:
            raise KatexError("the KaTeX Node process ended unexpectedly; see its error above")
        return [Rendered(r.get("html"), r.get("error")) for r in json.loads(answer)["results"]]

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()  # type: ignore[union-attr]
            self._process.wait(timeout=10)
            self._process = None
