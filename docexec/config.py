"""One configuration: the ``docexec`` entry of the site's mkdocs.yml, read the same way by every consumer.

The MkDocs plugin receives it from MkDocs; the CLI and the pytest plugin read mkdocs.yml themselves
with ``load_config``. Both end in ``from_options``, so they compute the same run settings and the
same cache keys. Every option, its default and its meaning are listed in ``OPTIONS`` (README shows
the same table).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .cache import environment_fingerprint
from .options import OptionError, parse_memory
from .settings import DEFAULT_MEMORY, DEFAULT_TIMEOUT, MAX_TIMEOUT, RunSettings

DEFAULT_CACHE_DIR = ".cache/docexec"


class ConfigError(ValueError):
    """The docexec entry of mkdocs.yml is wrong; the message names the option."""


@dataclass(frozen=True)
class Config:
    """A site's docexec settings. Paths are relative to ``root`` (the folder of mkdocs.yml)."""

    root: Path
    docs_dir: str = "docs"
    snippets_dir: str = "snippets"  # where executed snippets live, included by their path from root
    cache_dir: str = DEFAULT_CACHE_DIR  # run results, and everything else docexec keeps between builds
    timeout: float = DEFAULT_TIMEOUT  # seconds per snippet; a block may raise it (```output timeout=120)
    memory: int = DEFAULT_MEMORY  # bytes a snippet may allocate; a block may raise it (```output memory=4G)
    workers: int = 0  # snippets run at once; 0 = one per CPU core
    sandbox: bool = True  # confine each snippet (README 「示例能碰什么」); false only to measure its cost
    preload: tuple[str, ...] = ()  # modules the worker imports once, before it forks for each snippet
    fingerprint: tuple[str, ...] = ()  # packages whose versions are part of every cache key (+ preload)
    environment: tuple[str, ...] = ()  # names of further environment variables a snippet may see
    fonts: tuple[str, ...] = ()  # font files (TTF/OTF) figures may use, e.g. a CJK font; first is preferred
    language: str = "en"  # the words docexec puts on pages: "en" or "zh"
    notebooks: bool = True  # a notebook per page with snippets (needs the mkdocs-jupyter plugin)
    enabled: bool = True
    exclude_docs: str = ""  # mkdocs.yml's own exclude_docs: pages MkDocs does not build are not checked

    @property
    def cache_path(self) -> Path:
        return self.root / self.cache_dir

    @property
    def settings(self) -> RunSettings:
        return RunSettings(timeout=self.timeout, memory=self.memory, sandbox=self.sandbox)

    @property
    def fingerprint_packages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.fingerprint, *self.preload)))

    def fingerprint_of_environment(self) -> dict[str, str]:
        """What every cache key of this site includes: versions, and the fonts figures are drawn with."""
        versions = environment_fingerprint(self.fingerprint_packages)
        for font in self.fonts:
            versions[f"font {font}"] = file_digest(self.root / font)
        return versions


# Digests of files read before, by path, with the stat that was read with them. `mkdocs serve` asks
# for the fingerprint on every rebuild, and a CJK font is several MB: hashed again only once changed.
_digests: dict[Path, tuple[tuple[int, ...], str]] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of the file, computed again whenever its size, times or inode differ from the last time."""
    status = path.stat()
    seen = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)
    known = _digests.get(path)
    if known is not None and known[0] == seen:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _digests[path] = (seen, digest)
    return digest


# exclude_docs is MkDocs' own option, read from mkdocs.yml's top level, not a docexec one.
OPTIONS = tuple(
    field.name for field in dataclasses.fields(Config) if field.name not in ("root", "docs_dir", "exclude_docs")
)
LANGUAGES = ("en", "zh")


def _words(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"docexec option {name!r} must be a list of names, not {value!r}")
    return tuple(value)


def from_options(root: Path, docs_dir: str, options: dict[str, Any]) -> Config:
    """Check the plugin's options (None = default) and make the Config every consumer uses."""
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ConfigError(f"unknown docexec option {unknown[0]!r} in mkdocs.yml (known: {', '.join(OPTIONS)})")
    given = {name: value for name, value in options.items() if value is not None}
    values: dict[str, Any] = {}
    for name, value in given.items():
        if name in ("preload", "fingerprint", "environment", "fonts"):
            values[name] = _words(name, value)
        elif name == "memory":
            try:
                values[name] = parse_memory(str(value)) if not isinstance(value, int) else value
            except OptionError as error:
                raise ConfigError(f"docexec option memory: {error}") from None
        elif name == "timeout":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_TIMEOUT:
                raise ConfigError(f"docexec option timeout must be seconds above 0 and at most {MAX_TIMEOUT:g}")
            values[name] = float(value)
        elif name in ("sandbox", "notebooks", "enabled"):
            if not isinstance(value, bool):
                raise ConfigError(f"docexec option {name} must be true or false")
            values[name] = value
        elif name == "workers":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError("docexec option workers must be a whole number, 0 for one per core")
            values[name] = value
        elif name == "language":
            if value not in LANGUAGES:
                raise ConfigError(f"docexec option language must be one of {', '.join(LANGUAGES)}")
            values[name] = value
        else:
            values[name] = str(value)
    config = Config(root=root.resolve(), docs_dir=docs_dir, **values)
    for font in config.fonts:
        if not (config.root / font).is_file():
            raise ConfigError(
                f"docexec option fonts: {font} does not exist (run the site's set-up, e.g. npm ci, to install it)"
            )
    return config


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV and !!python tags become plain values or None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return None  # !ENV NAME: the variable's value is not needed by docexec
    values = loader.construct_sequence(node)  # !ENV [NAME, default]
    return values[-1] if values else None


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_config(config_file: Path) -> Config:
    """The docexec configuration of the site whose mkdocs.yml is ``config_file``."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{config_file}: cannot be read: {error}") from None
    options: dict[str, Any] | None = None
    for entry in data.get("plugins") or []:
        if entry == "docexec":
            options = {}
        elif isinstance(entry, dict) and "docexec" in entry:
            options = entry["docexec"] or {}
    if options is None:
        raise ConfigError(f"{config_file}: no docexec entry under plugins: add `- docexec` to use it")
    config = from_options(config_file.parent, str(data.get("docs_dir") or "docs"), options)
    return dataclasses.replace(config, exclude_docs=str(data.get("exclude_docs") or ""))
