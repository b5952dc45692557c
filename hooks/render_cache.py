"""MkDocs hook: under `mkdocs serve`, a page whose Markdown and inputs did not change is not converted again.

`mkdocs serve` rebuilds every page after any save, and converting Markdown (pymdownx, Pygments) is
a good part of a rebuild. A page's conversion (``Page.render``) depends on its final Markdown, the
configuration, the files it includes (``--8<--``, nested ones too), and the site's files and URLs
its links resolve against; with all of those unchanged, the HTML, table of contents, title and anchors of the last
rebuild are reused. A render that logged a warning, or shows a docexec problem, is never kept, so
the warning or problem shows again (and goes once fixed).

Notebook pages too: their Markdown is the notebook's text, and mkdocs-jupyter's conversion (from its
own cache) still read and parsed hundreds of KB per notebook on every rebuild.

Only under serve, and in memory: MkDocs loads a hook once per process, so this module lives as long
as the server. `mkdocs build` converts every page, as always.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from pathlib import Path
from typing import ClassVar

INCLUDE = re.compile(r"""(?m)^[ \t]*-+8<-+[ \t]+(?P<quote>["'])(?P<target>[^"'\n]+?)(?::[^"'\n]*)?(?P=quote)""")
_UNSET = object()
KEPT = 200  # pages kept; a serve session's worth
PROBLEM_SLOT = 'data-key="problem-'  # where docexec shows a problem with the page's snippets under serve


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _State:
    """What this hook keeps between rebuilds of one `mkdocs serve` (the module is loaded once per process)."""

    serving: ClassVar[bool] = False
    rendered: ClassVar[dict[str, tuple]] = {}  # key -> (content, toc, title, anchor ids, links by src_uri)
    files_digest: ClassVar[tuple[object, str]] = (None, "")


def on_startup(command, dirty) -> None:
    _State.serving = command == "serve"


def on_pre_page(page, config, files):
    if not _State.serving:
        return page
    convert = page.render

    def render(config, files) -> None:
        key = _key(page, config, files)
        kept = _State.rendered.get(key)
        if kept is not None:
            content, toc, title, set_title, anchors, links = kept
            page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
            if set_title is not _UNSET:
                page.title = set_title
            page.present_anchor_ids = set(anchors) if anchors is not None else None
            if links is not None:
                page.links_to_anchors = {f: dict(v) for uri, v in links.items() if (f := files.get_file_from_path(uri))}
            return
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        title_before = page.__dict__.get("title", _UNSET)
        try:
            convert(config, files)
        finally:
            logger.removeHandler(warnings)
        if warnings.count or PROBLEM_SLOT in (page.content or ""):
            return  # shown again: a warning in the log, a docexec problem on the page (it may change with
            # files the key does not cover, such as what another page includes)
        links = getattr(page, "links_to_anchors", None)
        if len(_State.rendered) >= KEPT:
            _State.rendered.clear()
        _State.rendered[key] = (
            page.content,
            copy.deepcopy(page.toc),
            getattr(page, "_title_from_render", None),
            # a title the render set (mkdocs-jupyter's, from a notebook's first heading), not one it had
            title_after if (title_after := page.__dict__.get("title", _UNSET)) is not title_before else _UNSET,
            set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
            {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
        )

    page.render = render
    return page


def _key(page, config, files) -> str:
    root = Path(config.config_file_path).parent
    digest = hashlib.sha256()
    for part in (page.file.src_uri, page.url, page.markdown, _files_digest(files)):
        digest.update(str(part).encode("utf-8") + b"\0")
    digest.update(Path(config.config_file_path).read_bytes())
    _digest_includes(digest, root, page.markdown or "", depth=0)
    return digest.hexdigest()


def _digest_includes(digest, root: Path, text: str, *, depth: int) -> None:
    """Each file the text includes, and what those include in turn (pymdownx expands them too)."""
    for match in INCLUDE.finditer(text):
        target = root / match["target"]
        content = target.read_bytes() if target.is_file() else b"(missing)"
        digest.update(match["target"].encode("utf-8") + b"\0" + content)
        if depth < 5 and b"--8<--" in content:
            _digest_includes(digest, root, content.decode("utf-8", "replace"), depth=depth + 1)


def _files_digest(files) -> str:
    """What links resolve against: every file's path and URL (computed once per build)."""
    if _State.files_digest[0] is not files:
        listing = "\n".join(sorted(f"{f.src_uri}\t{f.url}" for f in files))
        _State.files_digest = (files, hashlib.sha256(listing.encode("utf-8")).hexdigest())
    return _State.files_digest[1]
