"""Linking a new document over a window of the collection (``store.linking.step``), as ingest does
once the collection is larger than ``LINK_WINDOW``: what a thread holds in the window maps it back
to the stored thread whatever the order of its statements."""
from __future__ import annotations

import pytest

import pledgetrack
from pledgetrack.link.order import order_documents
from pledgetrack.link.threads import Thread, link_documents
from pledgetrack.store import linking

MEETING = """Joint Statement of the {n} Example Consultative Meeting

1. The {n} Example Consultative Meeting was held in Lisbon on May {day}, {year}.

2. The two Ministers pledged to expand maritime security cooperation in the Atlantic, including
joint patrols and information sharing.

3. The two Ministers committed to hold a combined naval exercise every year.

4. The two Ministers reaffirmed their commitment to support the training of coast guard officers.
"""


@pytest.fixture
def meetings(tmp_path):
    paths = []
    for i, (n, year) in enumerate([("1st", 2020), ("2nd", 2021), ("3rd", 2022), ("4th", 2023)]):
        path = tmp_path / f"example-{year}.txt"
        path.write_text(MEETING.format(n=n, day=i + 3, year=year), encoding="utf-8")
        paths.append(path)
    return order_documents(pledgetrack.extract_many(paths).documents)


def test_a_thread_holding_two_statements_of_a_document_out_of_order_is_continued(meetings, monkeypatch):
    """A thread that took a second statement of one meeting holds the two as they came, not in
    document order; the windowed step, whose linker gives the thread back in document order, still
    finds it (it raised KeyError: the ingest of such a document stored nothing)."""
    monkeypatch.setattr(linking, "LINK_WINDOW", 2)
    monkeypatch.setattr(linking, "SERIES_MEETINGS", 1)
    prefix, new = meetings[:3], meetings[3]
    threads = link_documents(prefix)
    last = prefix[-1]
    ids = [s.id for s in last.statements]
    held = next(th for th in threads if th.statements and th.statements[-1] in ids)
    other = next(sid for sid in ids if sid not in held.statements)
    # the later statement of the meeting came first, then the earlier one joined the thread
    shuffled = Thread(id=held.id, statements=[*held.statements[:-1], other, held.statements[-1]] if
                      ids.index(other) > ids.index(held.statements[-1]) else [*held.statements, other],
                      steps=list(held.steps), title=held.title, series=held.series, topics=list(held.topics))
    assert [ids.index(s) for s in shuffled.statements if s in ids] != sorted(ids.index(s) for s in shuffled.statements
                                                                              if s in ids)
    state, touched = linking.step([shuffled if th is held else th for th in threads], prefix, new)
    continued = [th for th in state if th.id == held.id]
    assert len(continued) == 1 and set(shuffled.statements) <= set(continued[0].statements)
    assert touched is not None
