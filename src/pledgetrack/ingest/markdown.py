"""Plain text out of Markdown, parsed by markdown-it-py (CommonMark and tables): markup removed,
one paragraph a block, list items kept with their marks ("- ...", "3. ...")."""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def markdown_to_text(text: str) -> str:
    """The text of a Markdown document: headings, paragraphs, list items, quotes, code and table
    rows as paragraphs separated by blank lines; emphasis, links, images and rules dropped."""
    blocks: list[str] = []
    marks: list[str] = []  # the mark of the list item being read, innermost last
    lists: list[tuple[str, int]] = []  # (kind, next number) of the lists being read
    row: list[str] | None = None
    for token in _parser().parse(text):
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            lists.append((kind, int(token.attrGet("start") or 1)))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            lists.pop()
        elif kind == "list_item_open":
            list_kind, number = lists[-1]
            if list_kind == "ordered_list_open":
                marks.append(f"{token.info or number}{token.markup} ")
                lists[-1] = (list_kind, (int(token.info) if token.info.isdigit() else number) + 1)
            else:
                marks.append("- ")
        elif kind == "list_item_close":
            marks.pop()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif kind == "inline" and row is not None:
            row.append(_inline_text(token))
        elif kind == "inline":
            mark = marks[-1] if marks else ""
            if marks:
                marks[-1] = ""  # a second paragraph of the item has no mark of its own
            blocks.append(mark + _inline_text(token))
        elif kind in {"fence", "code_block"}:
            blocks.append(token.content.rstrip("\n"))
        elif kind == "html_block":
            blocks.append(token.content.strip())
    return "\n\n".join(b for b in blocks if b.strip())


def _inline_text(token: Token) -> str:
    """The words of an inline token: text and code as written, line breaks kept, markup dropped."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            out.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)
