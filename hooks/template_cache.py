"""MkDocs hook: the theme's Jinja templates compiled once, kept in .cache/jinja/.

MkDocs makes a new Jinja environment for every build and `mkdocs serve` rebuild, and the print
page (mkdocs-print-site) makes one more: Material's templates were compiled to Python again each
time. Every environment the theme makes now shares Jinja's bytecode cache, which keeps the compiled
code by template name and checks a hash of the template's source before using it, so an edited
template (overrides/ included) is compiled again.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

CACHE_DIR = ".cache/jinja"


@event_priority(100)  # before Material's search plugin makes an environment for its translations
def on_config(config):
    folder = Path(config.config_file_path).parent / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    cache = FileSystemBytecodeCache(str(folder))
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = cache
        return env

    config.theme.get_env = get_env  # this config's theme only
    return config
