"""KaTeX from Python: one persistent Node process renders the formulas a build has not seen before.

Rendering is pure (the same TeX, display mode, KaTeX version and options give the same HTML), so
results are kept by content hash in one JSON file: a warm build starts no Node process at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
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


class FormulaCache:
    """Rendered formulas by content hash, in one JSON file; entries no build used are dropped on save."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, dict] | None = None
        self._used: set[str] = set()
        self._changed = False
        self._salt = ""

    def _load(self) -> dict[str, dict]:
        if self._entries is None:
            package = katex_package()
            # The KaTeX version and the server's options decide the HTML, so they are part of every key.
            salt = (package / "package.json").read_bytes() + SERVER.read_bytes()
            self._salt = hashlib.sha256(salt).hexdigest()
            try:
                self._entries = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
                if not isinstance(self._entries, dict):
                    self._entries = {}
            except (OSError, ValueError):
                self._entries = {}  # missing or corrupt: render again
        return self._entries

    def key(self, formula: Formula) -> str:
        self._load()
        text = json.dumps([self._salt, formula.display, formula.tex])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> Rendered | None:
        entry = self._load().get(key)
        if not isinstance(entry, dict):
            return None
        self._used.add(key)
        return Rendered(entry.get("html"), entry.get("error"))

    def put(self, key: str, rendered: Rendered) -> None:
        self._load()[key] = {"html": rendered.html, "error": rendered.error}
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Write atomically what this build used (also when it dropped entries), then start counting anew."""
        if self.path is None or self._entries is None:
            return
        kept = {key: value for key, value in self._entries.items() if key in self._used}
        if self._changed or len(kept) != len(self._entries):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    json.dump(kept, file, ensure_ascii=False)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        self._entries = kept
        self._used = set()
        self._changed = False


class KatexRenderer:
    """Renders through the cache; starts ``node katex_server.mjs`` on the first miss and keeps it for every rebuild."""

    def __init__(self, cache_file: Path | None = None) -> None:
        self._process: subprocess.Popen[str] | None = None
        self.cache = FormulaCache(cache_file)

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
        keys = [self.cache.key(f) for f in formulas]
        results = [self.cache.get(key) for key in keys]
        missing = [i for i, result in enumerate(results) if result is None]
        for i, rendered in zip(missing, self._render_in_node([formulas[i] for i in missing])):
            self.cache.put(keys[i], rendered)
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
