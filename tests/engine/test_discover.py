"""Finding executed snippets and breaches of the authoring contract, with page and line."""

from __future__ import annotations

from docexec.compare import outputs_match
from docexec.discover import (
    MISSING_FILE,
    NO_OUTPUT,
    ORPHAN_OUTPUT,
    OUTSIDE_SNIPPETS,
    UNUSED_FILE,
    find_snippets,
)


def test_finds_snippets_with_locations_and_options(make_site) -> None:
    root = make_site(
        {
            "snippets/a.py": "# --8<-- [start:core]\nprint(1)\n# --8<-- [end:core]\n",
            "snippets/b.py": "print(2)\n",
            "docs/page.md": (
                '# t\n\n```python\n--8<-- "snippets/a.py:core"\n```\n\n```output tol=1e-3 timeout=5\n1\n```\n\n'
                "```python\nprint('plain code is not executed')\n```\n\n"
                '??? details\n\n    ```python\n    --8<-- "snippets/b.py"\n    ```\n\n    ```output\n    2\n    ```\n'
            ),
        }
    )
    discovery = find_snippets(root)
    assert discovery.problems == ()
    first, second = discovery.snippets
    assert str(first) == "docs/page.md:4 snippets/a.py"
    assert (first.output.tolerance, first.output.timeout, first.output.text) == (1e-3, 5.0, "1")
    assert str(second) == "docs/page.md:18 snippets/b.py"
    assert second.output.text == "2"


def test_contract_breaches_are_named_by_page_and_line(make_site) -> None:
    root = make_site(
        {
            "snippets/ok.py": "print(1)\n",
            "snippets/unused.py": "print(2)\n",
            "snippets/没有输出.py": "print(3)\n",
            "outside.py": "print(4)\n",
            "docs/page.md": (
                '```python\n--8<-- "snippets/ok.py"\n```\n\n```output\n1\n```\n\n'  # lines 1-7
                "```output\nfloating\n```\n\n"  # line 9
                '```python\n--8<-- "snippets/没有输出.py"\n```\n\nSome prose.\n\n'  # line 14
                '```python\n--8<-- "outside.py"\n```\n\n'  # line 20
                '```python\n--8<-- "snippets/missing.py"\n```\n'  # line 24
            ),
        }
    )
    found = {(p.where, p.summary) for p in find_snippets(root).problems}
    assert found == {
        ("docs/page.md:9", ORPHAN_OUTPUT),
        ("docs/page.md:14", NO_OUTPUT),
        ("docs/page.md:20", OUTSIDE_SNIPPETS),
        ("docs/page.md:24", MISSING_FILE),
        ("snippets/unused.py", UNUSED_FILE),
    }


def test_comparison_is_exact_unless_a_tolerance_is_given() -> None:
    assert outputs_match("tensor([1., 2.])\n", "tensor([1., 2.])  \r\n\n")
    assert not outputs_match("tensor(12.)", "tensor(13.)")
    assert not outputs_match("tensor(12.)", "tensor(12.0001)")
    assert outputs_match("tensor(12.)", "tensor(12.0001)", tolerance=1e-3)
    assert not outputs_match("value 12.", "other 12.", tolerance=1.0)
