"""Document texts written in Markdown (the shipped report, an imported `.md` file), shown as
headings, paragraphs, lists and links: markdown-it-py, with any HTML in the text escaped and
links other than web and mail addresses refused (its defaults)."""

import re

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

#: The page's own title is its h1 and "Full text" an h2: the text's headings go below them.
HEADING_SHIFT = 2
#: A footnote number as the report marks it (`<sup>1</sup>`), once escaped: the one piece of
#: HTML kept, and only with digits inside.
ESCAPED_FOOTNOTE = re.compile(r"&lt;sup&gt;(\d{1,3})&lt;/sup&gt;")

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_html(text: str) -> SafeString:
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + HEADING_SHIFT)}"
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return mark_safe(ESCAPED_FOOTNOTE.sub(r"<sup>\1</sup>", html))  # noqa: S308  escaped by markdown-it
