"""MkDocs hook: the theme's Jinja templates compiled once, kept in .cache/jinja/.

MkDocs makes a new Jinja environment for every build and `mkdocs serve` rebuild, and the print
page (mkdocs-print-site) makes one more: Material's templates were compiled to Python again each
time. Every environment the theme makes now shares Jinja's bytecode cache, which keeps the compiled
code by template name and checks a hash of the template's source before using it, so an edited
template (overrides/ included) is compiled again.

Every build also lists the theme's folders to copy its assets (MkDocs' ``add_files_from_theme``),
walking and filtering the thousands of files of the installed Material package each time: an
installed package's folder is listed once per process, the site's own folders (overrides/) anew each
build, and the filtered list is kept while the listing and the filter's settings are the same.

Under `mkdocs serve` each rebuild's new environment read and unmarshalled every template's compiled
code from its file again (about 80 files); the code is also kept in memory, by the same key Jinja
checks on disk: the template's name and a hash of its current source.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, FileSystemLoader
from mkdocs.plugins import event_priority

CACHE_DIR = ".cache/jinja"
INSTALLED = tuple(str(Path(sysconfig.get_paths()[name]).resolve()) for name in ("purelib", "platlib"))
_listed: dict[str, list[str]] = {}  # installed theme folder -> its templates and assets
_filtered: dict[tuple, list[str]] = {}  # (listing, filter, its settings) -> what it let through
_compiled: dict[tuple[str, str], object] = {}  # (Jinja's cache key, hash of the source) -> code object


class KeptBytecodeCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder, with the code this process read or wrote kept in memory."""

    def load_bytecode(self, bucket) -> None:
        code = _compiled.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        super().load_bytecode(bucket)  # a stale file (another checksum) leaves bucket.code None
        if bucket.code is not None:
            _compiled[(bucket.key, bucket.checksum)] = bucket.code

    def dump_bytecode(self, bucket) -> None:
        super().dump_bytecode(bucket)
        _compiled[(bucket.key, bucket.checksum)] = bucket.code


def _list_templates(folders: list[str]) -> list[str]:
    """What FileSystemLoader(folders).list_templates() gives, installed folders listed once."""
    found: set[str] = set()
    for folder in folders:
        if str(Path(folder).resolve()).startswith(INSTALLED):
            if folder not in _listed:
                _listed[folder] = FileSystemLoader(folder).list_templates()
            found.update(_listed[folder])
        else:
            found.update(FileSystemLoader(folder).list_templates())
    return sorted(found)


@event_priority(100)  # before Material's search plugin makes an environment for its translations
def on_config(config):
    folder = Path(config.config_file_path).parent / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    cache = KeptBytecodeCache(str(folder))
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = cache
        if isinstance(env.loader, FileSystemLoader):
            env.loader.list_templates = lambda loader=env.loader: _list_templates(list(loader.searchpath))
            list_all = env.list_templates

            def list_templates(extensions=None, filter_func=None):
                # MkDocs' filter (add_files_from_theme) depends on the theme's static_templates only.
                names = tuple(env.loader.list_templates())
                key = (names, extensions and tuple(extensions), getattr(filter_func, "__qualname__", filter_func))
                key += (tuple(config.theme.static_templates),)
                if key not in _filtered:
                    _filtered.clear()
                    _filtered[key] = list_all(extensions=extensions, filter_func=filter_func)
                return list(_filtered[key])

            env.list_templates = list_templates
        return env

    config.theme.get_env = get_env  # this config's theme only
    return config
