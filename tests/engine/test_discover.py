"""Finding executed snippets and breaches of the authoring contract, with page and line."""

from __future__ import annotations

import os

import pytest

from docexec.compare import outputs_match
from docexec.discover import (
    BAD_OPTION,
    MISSING_FILE,
    NO_OUTPUT,
    NOT_UTF8,
    ORPHAN_OUTPUT,
    OUTSIDE_SNIPPETS,
    UNUSED_FILE,
    find_snippets,
    find_unused_files,
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
    discovery = find_snippets(root)
    found = {(p.where, p.summary) for p in discovery.problems}
    assert found == {
        ("docs/page.md:9", ORPHAN_OUTPUT),
        ("docs/page.md:14", NO_OUTPUT),
        ("docs/page.md:20", OUTSIDE_SNIPPETS),
        ("docs/page.md:24", MISSING_FILE),
    }
    unused = find_unused_files(root, set(discovery.included))
    assert [(p.where, p.summary) for p in unused] == [("snippets/unused.py", UNUSED_FILE)]


def test_every_include_anywhere_must_stay_inside_snippets(make_site) -> None:
    root = make_site(
        {
            "mkdocs.yml": "site_name: secret\n",
            "elsewhere/secret.py": "print('secret')\n",
            "snippets/ok.py": "print(1)\n",
            "snippets/nests.py": 'TEXT = """\n--8<-- "mkdocs.yml"\n"""\n',
            "docs/page.md": (
                '```text\n--8<-- "mkdocs.yml"\n```\n\n'  # line 2: any fence
                '--8<-- "snippets/../mkdocs.yml"\n\n'  # line 5: no fence, and a way out
                "--8<--\nsnippets/ok.py\nelsewhere/secret.py\n--8<--\n\n"  # line 9: a block include
                ';--8<-- "mkdocs.yml"\n\n'  # line 12: escaped, not an include
                '```python\n--8<-- "snippets/linked.py"\n```\n\n```output\nsecret\n```\n\n'  # line 15: a symlink
                '```text\n--8<-- "snippets/nests.py"\n```\n'  # line 23: nests an include of mkdocs.yml
            ),
        }
    )
    os.symlink(root / "elsewhere/secret.py", root / "snippets/linked.py")
    discovery = find_snippets(root)
    found = sorted((p.where, p.summary.split(" (")[0]) for p in discovery.problems)
    assert found == [
        ("docs/page.md:15", OUTSIDE_SNIPPETS),
        ("docs/page.md:2", OUTSIDE_SNIPPETS),
        ("docs/page.md:23", OUTSIDE_SNIPPETS),
        ("docs/page.md:5", OUTSIDE_SNIPPETS),
        ("docs/page.md:9", OUTSIDE_SNIPPETS),
    ]
    assert discovery.snippets == ()
    linked = next(p for p in discovery.problems if p.where == "docs/page.md:15")
    assert "leads to" in linked.summary and "elsewhere/secret.py" in linked.summary
    nested = next(p for p in discovery.problems if p.where == "docs/page.md:23")
    assert "nested in snippets/nests.py line 2" in nested.summary


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("timeout=nan", "timeout=nan is not a finite number"),
        ("timeout=inf", "timeout=inf is not a finite number"),
        ("timeout=abc", "timeout='abc' is not a number"),
        ("timeout=0", "out of range"),
        ("timeout=100000", "out of range"),
        ("tol=abc", "tol='abc' is not a number"),
        ("tol=-1", "negative"),
        ("memory=lots", "is not a size"),
        ("colour=red", "unknown option 'colour'"),
        ('alt="unclosed', "cannot be read"),
    ],
)
def test_bad_block_options_name_page_and_line(make_site, options: str, message: str) -> None:
    root = make_site(
        {
            "snippets/a.py": "print(1)\n",
            "docs/page.md": f'```python\n--8<-- "snippets/a.py"\n```\n\n```output {options}\n1\n```\n',
        }
    )
    (problem,) = find_snippets(root).problems
    assert problem.where == "docs/page.md:5" and problem.summary.startswith(BAD_OPTION)
    assert message in problem.summary, problem.summary


def test_files_that_are_not_utf8_are_named(make_site) -> None:
    root = make_site({"docs/good.md": '```python\n--8<-- "snippets/latin1.py"\n```\n\n```output\n\n```\n'})
    (root / "snippets").mkdir()
    (root / "docs/bad.md").write_bytes(b"# title\n\ncaf\xe9\n")
    (root / "snippets/latin1.py").write_bytes(b"print('ok')\n# caf\xe9\n")
    found = sorted((p.where, p.snippet, p.summary) for p in find_snippets(root).problems)
    assert [(where, snippet) for where, snippet, _ in found] == [
        ("docs/bad.md:3", None),
        ("docs/good.md:2", "snippets/latin1.py:2"),
    ]
    assert all(summary.startswith(NOT_UTF8) and "0xe9" in summary for _, _, summary in found)


def test_a_bad_file_included_by_two_pages_is_reported_on_both(make_site) -> None:
    """Each file is checked once; its verdict still goes to every include of it (serve shows it on each page)."""
    include = '```python\n--8<-- "snippets/latin1.py"\n```\n\n```output\n\n```\n'
    nested = '```python\n--8<-- "snippets/nests.py"\n```\n\n```output\n\n```\n'
    root = make_site(
        {
            "docs/a.md": include + nested,
            "docs/b.md": "# b\n\n" + include + nested,
            "snippets/nests.py": '--8<-- "snippets/missing.py"\n',
        }
    )
    (root / "snippets/latin1.py").write_bytes(b"print('ok')\n# caf\xe9\n")
    found = [(p.where, p.summary.split(":")[0]) for p in find_snippets(root).problems]
    assert sorted(found) == sorted(
        [
            ("docs/a.md:2", NOT_UTF8),
            ("docs/a.md:9", f"{MISSING_FILE} (nested in snippets/nests.py line 1)"),
            ("docs/b.md:4", NOT_UTF8),
            ("docs/b.md:11", f"{MISSING_FILE} (nested in snippets/nests.py line 1)"),
        ]
    )


def test_comparison_is_exact_unless_a_tolerance_is_given() -> None:
    assert outputs_match("tensor([1., 2.])\n", "tensor([1., 2.])  \r\n\n")
    assert not outputs_match("tensor(12.)", "tensor(13.)")
    assert not outputs_match("tensor(12.)", "tensor(12.0001)")
    assert outputs_match("tensor(12.)", "tensor(12.0001)", tolerance=1e-3)
    assert not outputs_match("value 12.", "other 12.", tolerance=1.0)


def test_pages_mkdocs_does_not_build_are_not_read(make_site) -> None:
    """CLI, pytest and the standalone extension read pages from disk: as MkDocs does, without dot files,
    templates/ and what mkdocs.yml's exclude_docs names (so they agree with `mkdocs build`)."""
    from docexec.config import load_config
    from docexec.discover import find_pages

    broken = '```python\n--8<-- "snippets/missing.py"\n```\n\n```output\n\n```\n'
    root = make_site(
        {
            "mkdocs.yml": "site_name: t\nplugins:\n  - docexec\nexclude_docs: |\n  drafts/\n  old.md\n",
            "docs/index.md": "# ok\n",
            "docs/old.md": broken,
            "docs/drafts/next.md": broken,
            "docs/.hidden.md": broken,
            "docs/templates/page.md": broken,
            "docs/guide/old.md": broken,  # a gitignore rule without a slash matches at any depth
            "docs/guide/kept.md": "# kept\n",
        }
    )
    config = load_config(root / "mkdocs.yml")
    assert find_pages(root, config.docs_dir, exclude_docs=config.exclude_docs) == [
        "docs/guide/kept.md",
        "docs/index.md",
    ]
    assert find_snippets(root, config.docs_dir, exclude_docs=config.exclude_docs).problems == ()
    assert len(find_snippets(root, config.docs_dir).problems) == 3  # without exclude_docs: old.md, drafts/, guide/


def test_options_parsed_again_are_a_new_dict_and_bad_quotes_still_fail() -> None:
    """Parsing is kept by the options' text (serve discovers every page on each rebuild): the caller
    still gets a dict of its own, and unreadable options are an error every time."""
    from docexec.discover import parse_options

    first = parse_options('tol=1e-6 alt="两 个词"')
    first["tol"] = "changed"
    assert parse_options('tol=1e-6 alt="两 个词"') == {"tol": "1e-6", "alt": "两 个词"}
    for _ in range(2):
        with pytest.raises(ValueError):
            parse_options('alt="no closing quote')
