"""What a run read: recorded in the snippet's process by an audit hook, checked again before a cache hit.

Static analysis of imports misses data files (``Path(__file__).parent / "data.csv"``) and package
submodules; the audit hook sees every ``open`` (imports included: they go through ``io.open_code``)
and every folder listing. Only files inside the site's root count: the Python environment is covered
by the versions in the cache key instead.
"""

from __future__ import annotations

import hashlib
import os
import site
import sys
from pathlib import Path

LISTED = "/"  # suffix marking a folder the run listed, rather than a file it opened


def record_reads(root: str) -> dict[str, str]:
    """Start recording, in this process, what it opens or lists under ``root``: {read: content hash}.

    The hash is taken when the file is first opened, so a file edited while the snippet still runs
    leaves a hash that no longer matches, and the next build runs the snippet again.
    """
    root_path = Path(os.path.realpath(root))
    root = str(root_path)
    ignored = tuple(
        os.path.realpath(p) + os.sep
        for p in {sys.prefix, sys.exec_prefix, *site.getsitepackages(), site.getusersitepackages()}
    )
    seen: dict[str, str] = {}

    def keep(path: object, suffix: str) -> None:
        if isinstance(path, int) or path is None:
            return  # an already open file descriptor
        try:
            real = os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return
        if real.startswith(root + os.sep) and not real.startswith(ignored) and "__pycache__" not in real:
            read = os.path.relpath(real, root).replace(os.sep, "/") + suffix
            if read not in seen:
                seen[read] = "reading"  # hashing opens the file too: this event must not recurse
                seen[read] = content_hash(root_path, read)

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            keep(args[0], "")
        elif event in ("os.listdir", "os.scandir") and args and not _by_the_import_system():
            keep(args[0] if args[0] is not None else ".", LISTED)

    sys.addaudithook(hook)
    return seen


def _by_the_import_system() -> bool:
    """Is it the import machinery listing a folder to find a module? That is not the snippet reading it."""
    frame = sys._getframe(2)  # hook <- keep's caller is the hook; the frame that called os.listdir
    return frame.f_code.co_filename.startswith("<frozen importlib")


def content_hash(root: Path, read: str) -> str:
    """What a read saw: a file's bytes, or a folder's sorted names; "missing" when it is gone."""
    path = root / read.removesuffix(LISTED)
    try:
        if read.endswith(LISTED):
            data = "\n".join(sorted(os.listdir(path))).encode()
        else:
            data = path.read_bytes()
    except OSError:
        return "missing"
    return hashlib.sha256(data).hexdigest()


def unchanged(root: Path, recorded: dict[str, str]) -> bool:
    return all(content_hash(root, read) == digest for read, digest in recorded.items())
