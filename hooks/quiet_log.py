"""MkDocs hook: the build log keeps to what an author should read.

- jieba (Chinese word segmentation for search) prints its dictionary set-up on every build through
  its own stderr handler at DEBUG level ("Building prefix dict…", "Loading model cost…"). jieba
  sets that level when it is imported (by the search plugin), so it is set again here, once the
  configuration is loaded; and when this hook is imported, because a user dictionary
  (``jieba_dict_user``) makes the search plugin load jieba in its own ``on_config``, before this one.
- mkdocs-jupyter reports each notebook it converts, finds in its cache and copies (three INFO lines
  per notebook, every build): routine. Its warnings and errors still show.
"""

from __future__ import annotations

import logging

ROUTINE = ("jieba", "mkdocs.plugins.mkdocs_jupyter", "mkdocs.mkdocs-jupyter")


def _quieten() -> None:
    for name in ROUTINE:
        logging.getLogger(name).setLevel(logging.WARNING)


_quieten()


def on_config(config):
    _quieten()
    return config
