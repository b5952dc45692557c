"""docexec's settings for `mkdocs serve`'s file watcher (mkdocs_serve.poll_faster), on MkDocs' own server.

No timings are asserted: the server is checked to poll at the interval asked, with every watched
path still watched, and to wait after a change just over one polling interval (so the writes of one
save, even split over two looks, still make one rebuild); a saved file still asks for a rebuild.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from docexec.mkdocs_plugin import POLL_INTERVAL, SETTLE
from docexec.mkdocs_serve import poll_faster


def make_server(tmp_path: Path) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "docs"))  # watched twice (docs_dir and a plugin): kept so
    return server


def test_the_watcher_polls_faster_and_waits_just_over_one_look(tmp_path: Path) -> None:
    server = make_server(tmp_path)
    assert server.build_delay > SETTLE > POLL_INTERVAL  # MkDocs' 0.1 s wait, and what replaces it
    poll_faster(server, POLL_INTERVAL, SETTLE)
    assert server.observer.timeout == POLL_INTERVAL
    assert server.build_delay == SETTLE
    assert server._watched_paths == {str(tmp_path / "docs"): 2}
    assert {emitter.watch.path for emitter in server.observer.emitters} == {str(tmp_path / "docs")}


def test_a_saved_file_still_asks_for_a_rebuild(tmp_path: Path) -> None:
    server = make_server(tmp_path)
    poll_faster(server, POLL_INTERVAL, SETTLE)
    server.observer.start()
    try:
        time.sleep(POLL_INTERVAL * 3)  # the first look
        (tmp_path / "docs/index.md").write_text("# 新页\n", encoding="utf-8")
        with server._rebuild_cond:
            asked = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30)
        assert asked, "the saved file never asked for a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_server_already_watching_is_left_as_it_is(tmp_path: Path) -> None:
    server = make_server(tmp_path)
    server.observer.start()
    try:
        poll_faster(server, POLL_INTERVAL, SETTLE)
        assert server.build_delay == 0.1 and server.observer.timeout == 0.5
    finally:
        server.observer.stop()
        server.observer.join()
