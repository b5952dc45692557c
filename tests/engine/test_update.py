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
