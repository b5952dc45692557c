"""KaTeX from Python: one persistent Node process renders the formulas a build has not seen before.

Rendering is pure (the same TeX, display mode, KaTeX version and options give the same output), so
results are kept by content hash in one JSON file: a warm build starts no Node process at all.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .contentcache import ContentCache

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


def npm_package(name: str) -> Path:
    """An installed npm package, found the way Node finds it: in node_modules of a parent folder."""
    for folder in SERVER.parents:
        candidate = folder / "node_modules" / name
        if (candidate / "package.json").is_file():
            return candidate
    raise KatexError(
        f"the npm package {name} is not installed: run `npm install {name}` in the site's folder"
        " (this repository: ./scripts/setup.sh, which runs npm ci)"
    )


def katex_package() -> Path:
    return npm_package("katex")


class KatexRenderer:
    """Renders through the cache; starts ``node katex_server.mjs`` on the first miss and keeps it for every rebuild."""

    def __init__(self, cache_file: Path | None = None) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._cache_file = cache_file
        self._cache: ContentCache | None = None

    @property
    def cache(self) -> ContentCache:
        if self._cache is None:
            # KaTeX's version and the server's options decide the output, so they salt every key.
            salt = (katex_package() / "package.json").read_bytes() + SERVER.read_bytes()
            self._cache = ContentCache(self._cache_file, salt=hashlib.sha256(salt).hexdigest())
        return self._cache

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

    def keys(self, formulas: list[Formula]) -> list[str]:
        return [self.cache.key(f.display, f.tex) for f in formulas]

    def render(self, formulas: list[Formula]) -> list[Rendered]:
        keys = self.keys(formulas)
        results = [Rendered(**hit) if (hit := self.cache.get(key)) else None for key in keys]
        missing = [i for i, result in enumerate(results) if result is None]
        for i, rendered in zip(missing, self._render_in_node([formulas[i] for i in missing])):
            self.cache.put(keys[i], {"html": rendered.html, "error": rendered.error})
            results[i] = rendered
        return results  # type: ignore[return-value]  # every None was filled

    def _render_in_node(self, formulas: list[Formula]) -> list[Rendered]:
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
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
