"""MkDocs hook: the build log keeps to what an author should read.

jieba (Chinese word segmentation for search) prints its dictionary set-up on every build through
its own stderr handler at DEBUG level ("Building prefix dict…", "Loading model cost…"): routine,
never actionable. Its warnings and errors still show. jieba sets its level when it is imported
(by the search plugin), so the level is set again once the configuration is loaded.
"""

from __future__ import annotations

import logging


def on_config(config):
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return config
