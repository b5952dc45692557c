"""Results cached by content, never by mtime.

The key is the snippet's path and bytes, the versions of Python and the libraries it runs on, the
engine version and the run settings. Each entry also records every file inside the site the run
read (imports and data files alike, see ``reads``) with a hash of what it saw; an entry is used
only while every one of them is unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .model import RunResult
from .reads import unchanged
from .settings import ENGINE_VERSION, RunSettings

FINGERPRINT_PACKAGES = ("torch", "numpy", "matplotlib")


def environment_fingerprint(packages: tuple[str, ...] = FINGERPRINT_PACKAGES) -> dict[str, str]:
    """Versions that change what a snippet prints; read from metadata, so torch is never imported."""
    versions = {"python": sys.version, "engine": ENGINE_VERSION}
    for package in packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return versions


def cache_key(root: Path, snippet: str, *, settings: RunSettings, fingerprint: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(fingerprint, sort_keys=True).encode())
    digest.update(json.dumps(dataclasses.asdict(settings), sort_keys=True).encode())
    digest.update(snippet.encode() + b"\0" + (root / snippet).read_bytes())
    return digest.hexdigest()


class Cache:
    """One JSON file per key under ``directory``; written atomically, a corrupt entry is a miss."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str, *, root: Path) -> RunResult | None:
        """The stored result, unless it is corrupt or a file under ``root`` its run read has changed since."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            read = data.pop("read")
            if not isinstance(read, dict) or not unchanged(root, read):
                return None
            data["figures"] = tuple(data["figures"])
            data["reads"] = tuple(sorted(read.items()))
            return dataclasses.replace(RunResult(**data), from_cache=True)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, key: str, result: RunResult) -> None:
        """Store a clean result with a hash of every file it read (a failure is never stored)."""
        if result.error is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        data = dataclasses.asdict(result)
        data.pop("from_cache")
        data["read"] = dict(data.pop("reads"))
        fd, temp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False)
            os.replace(temp, self._path(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
