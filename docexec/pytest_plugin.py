"""pytest adapter (entry point ``pytest11``): a docexec site's snippets become test items.

pytest collects the site's mkdocs.yml (when it has a ``docexec`` plugin entry) as a file whose
items are its executed snippets, each named ``page:line snippet`` like the build's errors, plus one
item for the authoring contract. All snippets run once, in parallel, with the site's own
configuration and cache, the first time an item needs them. ``--docexec-update`` rewrites the
documented outputs that differ, as ``docexec update`` does, once the session ends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .cache import Cache
from .config import Config, ConfigError, load_config
from .discover import Discovery, find_snippets, find_unused_files
from .model import Problem, Snippet
from .pool import WorkerPool, pool_for
from .report import check_snippet
from .run import Runs, run_snippets
from .update import UpdateRefused, update_outputs

SITES = pytest.StashKey[list["DocexecSite"]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docexec", "docexec: executed snippets of a documentation site")
    group.addoption(
        "--docexec-update",
        action="store_true",
        help="rewrite the documented outputs that differ from what their snippets print (as `docexec update`)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SITES] = []


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> DocexecSite | None:
    if file_path.name != "mkdocs.yml":
        return None
    try:
        site = load_config(file_path)
    except ConfigError:
        return None  # not a docexec site
    collector = DocexecSite.from_parent(parent, path=file_path, site=site)
    parent.config.stash[SITES].append(collector)
    return collector


class SnippetProblem(Exception):
    """A snippet's check failed; shown as its report, without pytest's own traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n\n".join(str(p) for p in problems))


class DocexecSite(pytest.File):
    def __init__(self, *, site: Config, **kwargs) -> None:
        super().__init__(**kwargs)
        self.site = site
        self.discovery: Discovery | None = None
        self._runs: Runs | None = None
        self._pool: WorkerPool | None = None

    def collect(self):
        self.discovery = find_snippets(
            self.site.root,
            self.site.docs_dir,
            snippets_dir=self.site.snippets_dir,
            exclude_docs=self.site.exclude_docs,
        )
        yield ContractItem.from_parent(self, name="authoring contract")
        for snippet in self.discovery.snippets:
            yield SnippetItem.from_parent(self, name=str(snippet), snippet=snippet)

    def runs(self) -> Runs:
        """Every snippet of the site, run once for the whole session (cache hits are free)."""
        if self._runs is None:
            assert self.discovery is not None
            self._pool = pool_for(self.site)
            self.config.add_cleanup(self._pool.close)
            self._runs = run_snippets(
                list(self.discovery.snippets),
                root=self.site.root,
                cache=Cache(self.site.cache_path),
                pool=self._pool,
                settings=self.site.settings,
                fingerprint=self.site.fingerprint_of_environment(),
            )
        return self._runs

    def update(self) -> tuple[dict[str, str], str | None]:
        """(diffs by page, refusal) after the session: only snippets that ran are compared."""
        if self._runs is None or self.discovery is None:
            return {}, None
        try:
            return update_outputs(self.site.root, list(self.discovery.snippets), self._runs.results, []), None
        except UpdateRefused as refused:
            return {}, str(refused)


class _DocexecItem(pytest.Item):
    parent: DocexecSite

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SnippetProblem):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)


class ContractItem(_DocexecItem):
    """The authoring contract of every page, and the files of snippets/ that nothing uses."""

    def runtest(self) -> None:
        discovery = self.parent.discovery
        assert discovery is not None
        problems = list(discovery.problems)
        if discovery.snippets:
            used = set(discovery.included) | self.parent.runs().used_files()
            problems += find_unused_files(self.parent.site.root, used, snippets_dir=self.parent.site.snippets_dir)
        if problems:
            raise SnippetProblem(problems)

    def reportinfo(self):
        return self.path, None, f"{self.parent.site.docs_dir}/: authoring contract"


class SnippetItem(_DocexecItem):
    def __init__(self, *, snippet: Snippet, **kwargs) -> None:
        super().__init__(**kwargs)
        self.snippet = snippet

    def runtest(self) -> None:
        result = self.parent.runs().results[self.snippet.path]
        problem = check_snippet(self.snippet, result)
        if problem is None:
            return
        if result.error is None and self.config.getoption("docexec_update"):
            return  # its page is rewritten when the session ends
        raise SnippetProblem([problem])

    def reportinfo(self):
        return self.parent.site.root / self.snippet.location.path, self.snippet.location.line - 1, str(self.snippet)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not session.config.getoption("docexec_update", False):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for site in session.config.stash.get(SITES, []):
        diffs, refusal = site.update()
        if refusal is not None:
            reporter.write_line(f"docexec: {refusal}", red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            continue
        for diff in diffs.values():
            reporter.write_line(diff)
        reporter.write_line(f"docexec: updated {len(diffs)} page(s) of {site.site.root}")
