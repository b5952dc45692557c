"""Results cached by content hash: snippet source, the local modules it imports, the versions of
Python and the libraries it runs on, the engine version and the run settings. Never by mtime."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .localmods import local_modules
from .model import RunResult
from .settings import ENGINE_VERSION, RunSettings

FINGERPRINT_PACKAGES = ("torch", "numpy", "matplotlib")


def environment_fingerprint() -> dict[str, str]:
    """Versions that change what a snippet prints; read from metadata, so torch is never imported."""
    versions = {"python": sys.version, "engine": ENGINE_VERSION}
    for package in FINGERPRINT_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return versions


def cache_key(snippet: Path, *, settings: RunSettings, fingerprint: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(fingerprint, sort_keys=True).encode())
    digest.update(json.dumps(dataclasses.asdict(settings), sort_keys=True).encode())
    for path in [snippet, *local_modules(snippet)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Cache:
    """One JSON file per key under ``directory``; written atomically, a corrupt entry is a miss."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> RunResult | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            data["figures"] = tuple(data["figures"])
            return dataclasses.replace(RunResult(**data), from_cache=True)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, result: RunResult) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        data = dataclasses.asdict(result)
        data.pop("from_cache")
        fd, temp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False)
            os.replace(temp, self._path(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
