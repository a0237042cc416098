"""The diff: JSON per INTERFACE.md, every statement once, consequence order, HTML self-contained."""
from __future__ import annotations

import json
import re

from test_link import CONTENT, OTHER, _doc, _st

from pledgetrack.link import diff_documents
from pledgetrack.link.diff import ROUTINE
from pledgetrack.link.render_html import diff_html
from pledgetrack.link.render_md import diff_markdown
from pledgetrack.link.text import normalize


def _pair(scm_docs, old="scm50-2018.txt", new="scm51-2019.txt"):
    by = {r.document.name: r for r in scm_docs}
    return by[old], by[new]


def test_diff_json_schema_every_statement_in_a_change(scm_docs):
    old, new = _pair(scm_docs)
    data = json.loads(json.dumps(diff_documents(old, new, semantic=False).to_dict()))
    assert data["old"]["doc"] == "scm50-2018.txt" and data["new"]["date"] == "2019-11-15"
    kinds = {"new", "dropped", "fulfilled", "reaffirmed", "reworded", "strengthened", "weakened"}
    seen_old, seen_new = [], []
    for c in data["changes"]:
        assert c["change"] in kinds
        assert (c["old"] is None) == (c["change"] == "new") and (c["new"] is None) == (c["change"] == "dropped")
        for side, seen in (("old", seen_old), ("new", seen_new)):
            if c[side]:
                assert {"id", "doc", "sentence", "trigger", "act", "actors", "commitment", "topics", "start", "end"} <= set(c[side])
                seen.append(c[side]["id"])
    # every statement is in a change; one is in two only as half of a split or a merge
    for seen, doc in ((seen_old, old), (seen_new, new)):
        assert set(seen) == {s.id for s in doc.statements}
        assert len(seen) - len(set(seen)) <= 0.1 * len(doc.statements)


def test_dropped_and_weakened_commitments_first(scm_docs):
    changes = diff_documents(*_pair(scm_docs), semantic=False).changes
    routine = [ROUTINE in c.reasons for c in changes]
    top = [(c.change, c.commitment) for c, r in zip(changes, routine, strict=True) if not r]
    firsts = [i for i, (k, cm) in enumerate(top) if k in ("dropped", "weakened") and cm]
    others = [i for i, (k, cm) in enumerate(top) if not (k in ("dropped", "weakened") and cm)]
    assert firsts and max(firsts) < min(others)
    assert routine == sorted(routine)  # a routine line about a meeting, dropped or new, comes last


def test_a_routine_meeting_line_carried_on_comes_last_and_says_so():
    """ "will hold the next summit in Oslo" gives way to "... in Lima": no pledge was dropped, and a
    reader should not find the line above the pledges that were."""
    old = _doc("o.txt", "2030-01-01", "Summit", 1, [
        _st("o:1", "o.txt", "to hold the next summit in Oslo in 2031", act="agree"),
        _st("o:2", "o.txt", "to open a joint fisheries research centre on the northern coast"),
        _st("o:3", "o.txt", CONTENT)])
    new = _doc("n.txt", "2031-01-01", "Summit", 2, [
        _st("n:1", "n.txt", CONTENT),
        _st("n:2", "n.txt", "to hold the next summit in Lima in 2032", act="agree")])
    changes = diff_documents(old, new, semantic=False).changes
    assert [(c.change, (c.old or c.new).id) for c in changes][0] == ("dropped", "o:2")
    assert (changes[-1].old.id, changes[-1].new.id) == ("o:1", "n:2") and ROUTINE in changes[-1].reasons
    # with nothing to carry it on, the line is dropped, and still listed last
    alone = diff_documents(old, _doc("n.txt", "2031-01-01", "Summit", 2, [_st("n:1", "n.txt", CONTENT)]), semantic=False)
    assert (alone.changes[-1].change, alone.changes[-1].old.id) == ("dropped", "o:1") and ROUTINE in alone.changes[-1].reasons


def test_html_self_contained_and_escaped():
    evil = "to resist <script>alert('x')</script> attacks"
    d1 = _doc("o.txt", "2018-01-01", "SCM", 1, [_st("o:1", "o.txt", evil), _st("o:2", "o.txt", CONTENT)])
    d2 = _doc("n.txt", "2019-01-01", "SCM", 2, [_st("n:1", "n.txt", OTHER), _st("n:2", "n.txt", CONTENT + " fully")])
    page = diff_html(diff_documents(d1, d2, semantic=False))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "<ins>" in page  # the redline inside the aligned pair
    assert "| new |" in diff_markdown(diff_documents(d1, d2, semantic=False))


def test_a_dropped_commitment_names_its_closest_candidate_under_the_bar(scm_docs):
    """A reader checks "dropped" against the nearest statement of the new document, shown with its
    score when it came near the link bar, and not shown when nothing came near."""
    old, new = _pair(scm_docs)
    texts = {" ".join(normalize(f"{s.trigger} {s.content}").split())[:100] for s in new.statements}
    shown = 0
    changes = diff_documents(old, new, semantic=False).changes
    paired = {" ".join(normalize(f"{c.new.trigger} {c.new.content}").split())[:100] for c in changes if c.old and c.new}
    for c in changes:
        if c.change != "dropped":
            continue
        for reason in (r for r in c.reasons[1:] if r != ROUTINE):
            m = re.fullmatch(r"closest in the new document: '(.*)' \(score ([\d.]+); link bar ([\d.]+)(, taken by a closer pair)?\)", reason)
            assert m, reason
            near = [t for t in texts if t.startswith(m.group(1)[:60])]
            assert near and float(m.group(2)) >= 0.05
            assert (float(m.group(2)) >= float(m.group(3))) == bool(m.group(4))
            if m.group(4):
                assert set(near) & paired
            shown += 1
    assert shown
    unrelated = "to hold the annual fisheries conference on tuna quotas in the southern ocean"
    d1 = _doc("o.txt", "2018-01-01", "SCM", 1, [_st("o:1", "o.txt", CONTENT)])
    d2 = _doc("n.txt", "2019-01-01", "SCM", 2, [_st("n:1", "n.txt", unrelated)])
    (dropped,) = [c for c in diff_documents(d1, d2, semantic=False).changes if c.change == "dropped"]
    assert dropped.reasons == ["no counterpart in the new document"]


def test_a_list_leading_pledge_is_shown_with_its_items_in_the_text_and_markdown_diffs():
    """A lead-in ("commit to:" then bullets) was shown as "commit to" alone."""
    from pledgetrack.link.similarity import shown_content
    from pledgetrack.models import Item, Statement
    s = Statement(id="l", doc="l", sentence="We commit to:", start=0, end=13, trigger="commit", trigger_start=3,
                  act="commit", actors=["EST"], commitment=True, strength=5, content="to",
                  items=[Item("expand grid links", 0, 1, "commit", ["EST"], True), Item("hold drills", 0, 1, "commit", ["EST"], True)])
    assert shown_content(s) == "to: expand grid links; hold drills"
    s.items = []
    assert shown_content(s) == "to"


def test_the_next_meeting_line_is_carried_on_with_another_place_and_year(tmp_path):
    """ "We will hold our next Summit in Oslo in 2031" -> "... in Tokyo in 2032": one routine line
    carried on, told as routine and listed last, not one line dropped and another new."""
    import pledgetrack
    old, new = tmp_path / "group-2030.txt", tmp_path / "group-2031.txt"
    old.write_text("Declaration of the Harbour Group Summit\nLisbon, 10 June 2030\n\n"
                   "1. We will double our joint patrols in the northern passage.\n\n"
                   "2. We will hold our next Summit in Oslo in 2031.\n")
    new.write_text("Declaration of the Harbour Group Summit\nOslo, 12 June 2031\n\n"
                   "1. We will double our joint patrols in the northern passage.\n\n"
                   "2. We will hold our next Summit in Tokyo in 2032.\n")
    d1, d2 = pledgetrack.extract_many([old, new]).documents
    changes = diff_documents(d1, d2).changes
    assert [c.change for c in changes] == ["reaffirmed", "reworded"]
    assert changes[-1].old.content.endswith("Oslo in 2031") and changes[-1].new.content.endswith("Tokyo in 2032")
    assert changes[-1].reasons == [ROUTINE]
