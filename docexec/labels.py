"""The words docexec puts on a page, by the site's language (``language:`` in the docexec options)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    output: str  # the title of a documented output block
    failure: str  # the title of the report a failing snippet leaves on its page
    figure_alt: str  # a figure's alt text when the block gives none; {path} is the snippet
    download_notebook: str
    view_notebook: str
    note: str  # an admonition without a title, in a notebook
    running: str  # under `mkdocs serve`, until a page's snippets have run


LABELS = {
    "en": Labels("Output", "This example failed its check", "Figure made by {path}", "Download notebook", "View notebook", "Note", "Running the examples…"),
    "zh": Labels("输出", "示例未通过检查", "{path} 生成的图", "下载 Notebook", "在线查看 Notebook", "注意", "正在运行示例…"),
}  # fmt: skip


def labels_for(language: str) -> Labels:
    return LABELS[language]
