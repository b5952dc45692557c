"""Rewriting documented outputs in place: only when everything ran, atomically, bottom-up."""

from __future__ import annotations

import pytest

from docexec import Cache, UpdateRefused, check_snippet, find_snippets, run_snippets, update_outputs


def run(root, pool):
    discovery = find_snippets(root)
    snippets = list(discovery.snippets)
    return discovery, snippets, run_snippets(snippets, root=root, cache=Cache(root / ".cache"), pool=pool)


PAGE = """\
# 页面

!!! note "inside an admonition"

    ```python
    --8<-- "snippets/two_lines.py"
    ```

    ```output
    stale
    ```

```python
--8<-- "snippets/right.py"
```

```output
right
```
"""


def test_update_round_trip(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/two_lines.py": "print('第一行')\nprint()\nprint('third')\n",
            "snippets/right.py": "print('right')\n",
            "docs/index.md": PAGE,
        }
    )
    discovery, snippets, runs = run(root, worker_pool)
    assert [check_snippet(s, runs.results[s.path]) is None for s in snippets] == [False, True]

    diffs = update_outputs(root, snippets, runs.results, list(discovery.problems))

    text = (root / "docs/index.md").read_text(encoding="utf-8")
    assert "    第一行\n\n    third\n    ```" in text
    assert "-    stale" in diffs["docs/index.md"] and "+    第一行" in diffs["docs/index.md"]
    discovery, snippets, runs = run(root, worker_pool)
    assert all(check_snippet(s, runs.results[s.path]) is None for s in snippets)
    assert update_outputs(root, snippets, runs.results, []) == {}


def test_update_refuses_when_one_snippet_fails(make_site, worker_pool) -> None:
    root = make_site(
        {
            "snippets/two_lines.py": "print('new')\n",
            "snippets/right.py": "raise RuntimeError('broken')\n",
            "docs/index.md": PAGE,
        }
    )
    before = (root / "docs/index.md").read_bytes()
    discovery, snippets, runs = run(root, worker_pool)
    with pytest.raises(UpdateRefused) as refused:
        update_outputs(root, snippets, runs.results, list(discovery.problems))
    assert "docs/index.md:14: snippets/right.py" in str(refused.value)
    assert "RuntimeError: broken" in str(refused.value)
    assert (root / "docs/index.md").read_bytes() == before


def test_update_changes_only_the_output_fence_bytes(make_site, worker_pool) -> None:
    """A CRLF page with a BOM keeps both, and every byte outside the stale output fence."""
    root = make_site(
        {"snippets/two_lines.py": "print('第一行')\nprint('second')\n", "snippets/right.py": "print('right')\n"}
    )
    original = ("\ufeff" + PAGE).replace("\n", "\r\n").encode("utf-8")
    (root / "docs").mkdir()
    (root / "docs/index.md").write_bytes(original)
    discovery, snippets, runs = run(root, worker_pool)
    assert discovery.problems == ()
    diffs = update_outputs(root, snippets, runs.results, [])
    after = (root / "docs/index.md").read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\n") == after.count(b"\r\n")
    assert after == original.replace(b"    stale\r\n", "    第一行\r\n    second\r\n".encode())
    assert diffs["docs/index.md"].count("\n+    ") == 2 and "-    stale" in diffs["docs/index.md"]
