"""Results of pure, expensive steps of a build, kept by content hash in one JSON file.

Used for what every build recomputes although its input rarely changes: KaTeX's output for a formula,
Material's search entries for a page. The key is a hash of the input and a salt (the versions and
options that decide the output); a missing or corrupt file is an empty cache; entries the last build
did not use are dropped when it saves, so the file holds one site's worth.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


class ContentCache:
    def __init__(self, path: Path | None, *, salt: str) -> None:
        self.path = path
        self.salt = salt
        self._entries: dict[str, Any] | None = None
        self._used: set[str] = set()
        self._changed = False

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            try:
                # Bytes decoded at once: read_text's newline translation is several times slower on
                # these MB-sized files (`mkdocs serve` reads them on every rebuild), and JSON as
                # json.dump writes it has no raw line breaks to translate.
                entries = json.loads(self.path.read_bytes().decode("utf-8")) if self.path else {}
            except (OSError, ValueError):
                entries = {}
            self._entries = entries if isinstance(entries, dict) else {}
        return self._entries

    def key(self, *parts: Any) -> str:
        return hashlib.sha256(json.dumps([self.salt, *parts], ensure_ascii=False).encode("utf-8")).hexdigest()

    def get(self, key: str) -> Any | None:
        value = self._load().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def keep(self, keys: list[str]) -> None:
        """Count these entries as used by this build (its caller reused what it made from them)."""
        self._used.update(keys)

    def put(self, key: str, value: Any) -> None:
        self._load()[key] = value
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Write atomically what this build used, then count anew for the next build (`mkdocs serve`)."""
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
