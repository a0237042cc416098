"""Linking: seed recall via the shared scorer, one statement per document per thread,
determinism, dropped/restored within a series, labels and reasons on hand-made pairs."""
from __future__ import annotations

import json

from pledgetrack.link import add_document, diff_documents, link_documents, thread_record
from pledgetrack.link.compare import compare
from pledgetrack.link.features import Vectors
from pledgetrack.link.fulfil import fulfilled_by
from pledgetrack.link.match import assign_many, to_the_pledge_of_its_sentence
from pledgetrack.link.reliability import reliability
from pledgetrack.link.threads import thread_title
from pledgetrack.models import STEP_LABELS, Deadline, Document, DocumentMeta, ExtractedDocument, Statement, StepLabel


def test_every_statement_in_a_thread_splits_and_merges_rare(scm_docs):
    threads = link_documents(scm_docs, semantic=False)
    doc_of = {s.id: r.document.name for r in scm_docs for s in r.statements}
    # a split or a merge puts two statements of one document in a thread; most threads have none
    several = [t for t in threads if len({doc_of[sid] for sid in t.statements}) < len(t.statements)]
    assert len(several) <= 0.1 * len(threads)
    # every statement is in a thread, and in more than one only where two threads merged: the
    # threads that hold it came to it from different statements, and no two threads are the same
    assert {sid for t in threads for sid in t.statements} == set(doc_of)
    assert len({tuple(t.statements) for t in threads}) == len(threads)
    holders: dict[str, list] = {}
    for t in threads:
        for sid in t.statements:
            holders.setdefault(sid, []).append(t)
    for sid, ts in holders.items():
        if len(ts) > 1:
            histories = {tuple(t.statements[:t.statements.index(sid)]) for t in ts}
            assert len(histories) == len(ts), sid


def test_deterministic_and_order_independent(scm_docs):
    a = [thread_record(t) for t in link_documents(scm_docs, semantic=False)]
    b = [thread_record(t) for t in link_documents(list(reversed(scm_docs)), semantic=False)]
    assert a == b


def test_threads_in_date_order(scm_docs):
    for t in link_documents(scm_docs, semantic=False):
        ds = [s.date for s in t.steps]
        assert ds == sorted(ds)


def test_add_document_matches_batch_for_latest(scm_docs):
    batch = [thread_record(t) for t in link_documents(scm_docs, semantic=False)]
    *earlier, last = sorted(scm_docs, key=lambda r: r.document.meta.date)
    inc = add_document(link_documents(earlier, semantic=False), earlier, last, semantic=False)
    assert len({tuple(r["statements"]) for r in batch} & {tuple(t.statements) for t in inc}) >= 0.8 * len(batch)


def _st(id_, doc, content, act="pledge", strength=5, commitment=True, actors=("KOR", "USA"), **kw):
    return Statement(id=id_, doc=doc, sentence=f"They {act}d {content}.", start=0, end=10, trigger=act + "d",
                     trigger_start=0, act=act, actors=list(actors), commitment=commitment, strength=strength,
                     content=content, **kw)


def _doc(name, date, series, number, statements, parties=("KOR", "USA")):
    meta = DocumentMeta(title=name, date=date, series=series, number=number, parties=list(parties))
    return ExtractedDocument(Document(name=name, path=None, source_text="", text="", meta=meta), statements)


CONTENT = "to maintain the current level of U.S. forces stationed on the Korean Peninsula"
OTHER = "to expand cooperation on cyber security and space situational awareness"


def test_a_statement_that_carries_two_pledges_ends_one_thread_in_the_other():
    """A later statement that merges two earlier pledges is in both threads: one goes on with it,
    the other ends there (its step is "merged", and it is not dropped at the next meeting). Linking
    one document at a time gives what linking the whole collection gives, and the ids of threads
    begun earlier stay put."""
    posture = "to strengthen the combined defense posture against North Korean missile threats"
    merged = f"{CONTENT} and {posture}"
    d1 = _doc("m1.txt", "2018-01-01", "SCM", 1, [_st("m1:1", "m1.txt", CONTENT), _st("m1:2", "m1.txt", posture),
                                                  _st("m1:3", "m1.txt", OTHER)])
    d2 = _doc("m2.txt", "2019-01-01", "SCM", 2, [_st("m2:1", "m2.txt", merged), _st("m2:2", "m2.txt", OTHER)])
    d3 = _doc("m3.txt", "2020-01-01", "SCM", 3, [_st("m3:1", "m3.txt", merged), _st("m3:2", "m3.txt", OTHER)])
    batch = link_documents([d1, d2, d3], semantic=False)
    members = sorted(t.statements for t in batch)
    assert ["m1:3", "m2:2", "m3:2"] in members
    goes_on = next(t for t in batch if "m3:1" in t.statements)
    ends = next(t for t in batch if "m2:1" in t.statements and t is not goes_on)
    assert goes_on.statements[1:] == ["m2:1", "m3:1"] and ends.statements[1:] == ["m2:1"]
    assert [str(st.label) for st in ends.steps][0] == "new" and ends.steps[-1].merged
    assert all(str(st.label) != "dropped" for st in ends.steps)
    earlier = link_documents([d1], semantic=False)
    after = add_document(earlier, [d1], d2, semantic=False)
    assert all(next(a.statements for a in after if a.id == t.id)[:1] == t.statements for t in earlier)
    after = add_document(after, [d1, d2], d3, semantic=False)
    def shape(threads):  # (the similarities differ: the TF-IDF is fitted on the documents so far)
        return sorted((t.statements, [(str(st.label), st.merged) for st in t.steps]) for t in threads)
    assert shape(after) == shape(batch)
    # each thread says, at the merge and only there, which other pledge the statement took up
    said = {t.statements[0]: [[r for r in st.reasons if r.startswith("merged")] for st in t.steps] for t in batch}
    other = ends.statements[0]
    assert said[other][1][0].startswith("merged: carried on from here with 'pledged ")
    assert said[goes_on.statements[0]][1][0].startswith("merged: also carries on 'pledged ")
    assert said[goes_on.statements[0]][2] == said["m1:3"][1] == []


def test_a_pledge_to_hold_the_next_meeting_is_fulfilled_by_that_meeting():
    """ "agreed to hold the next Dialogue in Suva in 2031": the series' next meeting is that meeting
    held (not a pledge dropped); "the next phase of the CEPI" is no meeting, and a meeting two numbers
    on is not the next one."""
    hold = _st("a", "d1", "to hold the next Dialogue in Suva in 2031", act="agree",
               deadlines=[Deadline("in 2031", "2031-12-31")])
    phase = _st("b", "d1", "USD 5 million to the next phase of the CEPI work", act="commit")
    d1 = _doc("d1", "2030-05-01", "Pacific Dialogue", 3, [hold, phase])
    d2 = _doc("d2", "2032-02-10", "Pacific Dialogue", 4, [_st("c", "d2", "to deepen cooperation on fisheries enforcement")])
    d2.document.meta.place = "Suva"
    threads = {t.statements[0]: t for t in link_documents([d1, d2], semantic=False)}
    held = threads["a"].steps[-1]
    assert held.label == "fulfilled" and held.evidence_id is None
    assert held.reasons == ["the next meeting held: d2 (Suva, 2032-02-10)", "held after the date it set ('in 2031')"]
    assert threads["b"].steps[-1].label == "dropped"
    later = _doc("d2", "2032-02-10", "Pacific Dialogue", 5, d2.statements)
    assert {t.statements[0]: t for t in link_documents([d1, later], semantic=False)}["a"].steps[-1].label == "dropped"


def test_dropped_and_restored_within_series_only():
    d1 = _doc("a1.txt", "2018-01-01", "SCM", 1, [_st("a1:1", "a1.txt", CONTENT), _st("a1:2", "a1.txt", OTHER)])
    d2 = _doc("a2.txt", "2019-01-01", "SCM", 2, [_st("a2:1", "a2.txt", OTHER)])
    d3 = _doc("a3.txt", "2020-01-01", "SCM", 3, [_st("a3:1", "a3.txt", CONTENT), _st("a3:2", "a3.txt", OTHER)])
    x = _doc("x.txt", "2019-06-01", "G7 Summit", None, [_st("x:1", "x.txt", "to fight climate change together")])
    threads = {t.statements[0]: t for t in link_documents([d1, d2, d3, x], semantic=False)}
    labels = [s.label for s in threads["a1:1"].steps]
    assert labels == ["new", "dropped", "restored"]
    assert threads["a1:1"].statements == ["a1:1", "a3:1"]
    assert [s.label for s in threads["a1:2"].steps] == ["new", "reaffirmed", "reaffirmed"]
    # the G7 document is another series: nothing of the SCM is "dropped" there, nor the other way round
    assert all(s.doc != "x.txt" for t in threads.values() for s in t.steps if s.label == "dropped")
    assert [s.label for s in threads["x:1"].steps] == ["new"]


def test_how_far_a_thread_may_skip_comes_from_the_configuration(configure):
    """With ``link.max_gap = 0`` a pledge missing from one meeting cannot come back two meetings on."""
    d1 = _doc("k1.txt", "2018-01-01", "SCM", 1, [_st("k1:1", "k1.txt", CONTENT), _st("k1:2", "k1.txt", OTHER)])
    d2 = _doc("k2.txt", "2019-01-01", "SCM", 2, [_st("k2:1", "k2.txt", OTHER)])
    d3 = _doc("k3.txt", "2020-01-01", "SCM", 3, [_st("k3:1", "k3.txt", CONTENT), _st("k3:2", "k3.txt", OTHER)])
    first = {t.statements[0]: t for t in link_documents([d1, d2, d3], semantic=False)}
    assert first["k1:1"].statements == ["k1:1", "k3:1"]
    configure(link={"max_gap": 0})
    strict = {t.statements[0]: t for t in link_documents([d1, d2, d3], semantic=False)}
    assert strict["k1:1"].statements == ["k1:1"] and "k3:1" in strict


def test_pledge_to_note_is_weakened():
    c = compare(_st("o", "o", CONTENT), _st("n", "n", CONTENT, act="note", strength=1, commitment=False))
    assert c.label == "weakened"
    assert any("pledge became a note" in r for r in c.reasons)
    assert "no longer a commitment" in c.reasons


def test_only_its_own_series_restores_a_thread():
    """A pledge its series' next meeting dropped is not picked up by a statement of another series."""
    d1 = _doc("s1.txt", "2018-01-01", "SCM", 1, [_st("s1:1", "s1.txt", CONTENT), _st("s1:2", "s1.txt", OTHER)])
    d2 = _doc("s2.txt", "2019-01-01", "SCM", 2, [_st("s2:1", "s2.txt", OTHER)])
    d3 = _doc("l3.txt", "2019-06-01", "Leaders", None, [_st("l3:1", "l3.txt", CONTENT)])
    first = {t.statements[0]: t for t in link_documents([d1, d2, d3], semantic=False)}
    assert first["s1:1"].statements == ["s1:1"] and "l3:1" in first  # dropped at SCM 2, not restored by l3
    d4 = _doc("s3.txt", "2020-01-01", "SCM", 3, [_st("s3:1", "s3.txt", CONTENT)])
    again = {t.statements[0]: t for t in link_documents([d1, d2, d3, d4], semantic=False)}
    assert "s3:1" in again["s1:1"].statements  # its own series may bring it back
    live = {t.statements[0]: t for t in link_documents([d1, d3], semantic=False)}
    assert live["s1:1"].statements == ["s1:1", "l3:1"]  # no meeting missed: another series carries it on


def test_weak_links_are_marked_for_checking():
    weak, strong = reliability(0.3), reliability(0.95)
    assert weak is not None and strong is not None and reliability(None) is None
    assert weak.check and weak.right / weak.judged < 0.8  # held out, most links this weak were wrong
    assert not strong.check and strong.right / strong.judged >= 0.8
    assert weak.phrase().startswith("check: ") and "held-out links this strong were right" in strong.phrase()
    d1 = _doc("r1.txt", "2018-01-01", "SCM", 1, [_st("r1:1", "r1.txt", CONTENT)])
    d2 = _doc("r2.txt", "2019-01-01", "SCM", 2, [_st("r2:1", "r2.txt", CONTENT)])
    [record] = [thread_record(t) for t in link_documents([d1, d2], semantic=False)]
    second = record["steps"][1]
    assert second["reliability"] == reliability(second["similarity"]).to_dict()
    assert "reliability" not in record["steps"][0]  # the first step is no link


def test_a_grown_membership_changes_no_actors():
    old, new = ["CAN", "FRA", "USA"], ["CAN", "FIN", "FRA", "USA"]
    c = compare(_st("o", "o", CONTENT, actors=old), _st("n", "n", CONTENT, actors=new), (old, new))
    assert c.label == "reaffirmed" and c.reasons == []  # all the members both times
    narrowed = compare(_st("o", "o", CONTENT, actors=old), _st("n", "n", CONTENT, actors=["USA"]), (old, new))
    assert narrowed.label == "weakened" and "joint commitment now U.S. only" in narrowed.reasons


def test_act_changes_read_as_english():
    c = compare(_st("o", "o", CONTENT, act="committed"), _st("n", "n", CONTENT, act="united", strength=2, commitment=False))
    assert any(r.startswith("commitment became unity") for r in c.reasons)  # a mass noun, no article
    unknown = compare(_st("o", "o", CONTENT), _st("n", "n", CONTENT, act="rally", strength=2, commitment=False))
    assert any(r.startswith("pledge became 'rally'") for r in unknown.reasons)  # an act outside the lexicon, quoted


def test_a_routine_next_meeting_line_changes_no_pledge():
    old = _st("o", "o", "to hold our next in-person Leaders’ Summit in 2031 hosted by Canada",
              deadlines=[Deadline("in 2031", "2031-12-31")], actors=["CAN", "FRA"])
    old.sentence = "We agree to hold our next in-person Leaders’ Summit in 2031 hosted by Canada."
    new = _st("n", "n", "host our next in-person Leaders’ Summit in 2032", deadlines=[Deadline("in 2032", "2032-12-31")],
              actors=["FRA"])
    new.sentence = "France will host our next in-person Leaders’ Summit in 2032."
    c = compare(old, new)
    assert c.label not in {"weakened", "strengthened"}, c.reasons  # the year and the host change every time


def test_deadline_removed():
    old = _st("o", "o", OTHER, deadlines=[Deadline("by 2020", "2020-12-31")])
    c = compare(old, _st("n", "n", OTHER))
    assert c.label == "weakened" and "deadline 2020 removed" in c.reasons


def test_an_undated_deadline_removed_is_told_once():
    old = _st("o", "o", "to immediately take stock of the risks of new technologies",
              deadlines=[Deadline("immediately", None)])
    c = compare(old, _st("n", "n", "to take stock of the risks of new technologies"))
    assert c.label == "weakened" and c.reasons == ["deadline 'immediately' removed"]  # not also as a scope word


def test_joint_to_one_side():
    c = compare(_st("o", "o", OTHER), _st("n", "n", OTHER, actors=("KOR",)))
    assert c.label == "weakened" and "joint commitment now ROK only" in c.reasons


def test_condition_added_is_quoted():
    cond = "as soon as the site was ready and suitable"
    c = compare(_st("o", "o", OTHER), _st("n", "n", OTHER, conditions=[cond]))
    assert c.label == "weakened"
    assert any(r.startswith("condition added: 'as soon as the site") for r in c.reasons)


def test_scope_word_removed():
    c = compare(_st("o", "o", CONTENT), _st("n", "n", CONTENT.replace("the current level of ", "")))
    assert c.label == "weakened" and "'current level' removed" in c.reasons


def test_an_intensifier_alone_is_a_rewording_told_as_such():
    old = _st("o", "o", "to keep a strong and robust coastal patrol with full support of the fleet")
    new = _st("n", "n", "to keep a coastal patrol with support of the fleet")
    c = compare(old, new)
    assert c.label == "reworded" and "'strong' removed" in c.reasons and "'full support' removed" in c.reasons
    assert compare(new, old).label == "reworded"
    # a quantity is what is promised: it decides
    fewer = compare(_st("o", "o", "to station 400 engineers at the port"), _st("n", "n", "to station engineers at the port"))
    assert fewer.label == "weakened" and "'400 engineers' removed" in fewer.reasons


def test_identical_is_reaffirmed():
    assert compare(_st("o", "o", OTHER), _st("n", "n", OTHER)).label == "reaffirmed"


def test_routine_meeting_line_changes_say_nothing():
    old = _st("o", "o", "to hold the 12th Council in Lisbon at a mutually convenient time in 2030", act="expect",
              deadlines=[Deadline("in 2030", "2030-12-31")])
    new = _st("n", "n", "to hold the 13th Council in Oslo at a mutually convenient time in 2031", act="expect",
              deadlines=[Deadline("in 2031", "2031-12-31")])
    c = compare(old, new)
    assert c.label in ("reaffirmed", "reworded"), c
    assert not any("12" in r or "13" in r or "2030" in r for r in c.reasons), c.reasons


def test_resolution_numbers_ordinals_and_anniversaries_are_not_scope():
    old = _st("o", "o", "to implement resolutions 1111, 2222 and 3333 marking 40 years of the 4th Framework")
    new = _st("n", "n", "to implement resolutions 1111, 2222, 3333 and 4444 marking 41 years of the 5th Framework")
    c = compare(old, new)
    assert c.label in ("reaffirmed", "reworded") and not any("added" in r or "removed" in r for r in c.reasons), c


def test_quantity_change_is_scope():
    c = compare(_st("o", "o", "to station 9,000 troops in the region"), _st("n", "n", "to station troops in the region"))
    assert c.label == "weakened" and "'9,000 troops' removed" in c.reasons


def test_a_quantity_raised_or_lowered_is_one_change_told_by_its_direction():
    """The same count with another number ("9,000 troops" -> "12,000 troops") is raised or
    lowered, not a quantity removed and another added that cancel out."""
    more = compare(_st("o", "o", "to station 9,000 troops in the region"), _st("n", "n", "to station 12,000 troops in the region"))
    assert more.label == "strengthened" and more.reasons == ["quantity raised: 'to station 9,000 troops' -> "
                                                              "'to station 12,000 troops'"]
    assert compare(_st("o", "o", "to station 12,000 troops in the region"),
                   _st("n", "n", "to station 9,000 troops in the region")).label == "weakened"
    # a larger share later: one change each way, told both
    old = _st("o", "o", "to spend at least 2% of national income on health by 2033", deadlines=[Deadline("by 2033", "2033-12-31")])
    new = _st("n", "n", "to spend at least 2.5% of national income on health by 2034", deadlines=[Deadline("by 2034", "2034-12-31")])
    mixed = compare(old, new)
    assert mixed.label == "reworded"
    assert mixed.reasons == ["deadline 2033 moved to 2034", "quantity raised: 'at least 2%' -> 'at least 2.5%'"]


def test_graded_scope_word_is_the_same_word():
    old = _st("o", "o", "that the partnership is stronger than ever", act="affirm", commitment=False, strength=3)
    new = _st("n", "n", "that the partnership is strong", act="affirm", commitment=False, strength=3)
    assert compare(old, new).label in ("reaffirmed", "reworded")


def test_a_scope_word_spelt_with_a_hyphen_is_the_same_word():
    old = _st("o", "o", "to keep an iron-clad guarantee of the canal's neutrality")
    new = _st("n", "n", "to keep an ironclad guarantee of the canal's neutrality")
    c = compare(old, new)
    assert c.label in ("reaffirmed", "reworded") and not any("clad" in r for r in c.reasons), c


def test_an_amount_after_a_currency_code_is_a_quantity():
    c = compare(_st("o", "o", "to mobilise USD 5 billion for port resilience"),
                _st("n", "n", "to mobilise at least USD 7 billion for port resilience"))
    assert c.label == "strengthened"
    assert c.reasons == ["quantity raised: 'to mobilise USD 5 billion' -> 'at least USD 7 billion'"]


def test_a_deed_that_was_a_quantity_changed_to_another_is_weaker():
    def will(sid, verb, content):
        return Statement(id=sid, doc=sid, sentence=f"We will {verb} {content}.", start=0, end=10, trigger=verb,
                         trigger_start=8, act="will", actors=["KOR", "USA"], commitment=True, strength=5, content=content)
    c = compare(will("o", "double", "our joint patrols in the passage"), will("n", "continue", "our joint patrols in the passage"))
    assert c.label == "weakened" and c.reasons == ["action changed: 'double' -> 'continue'"]
    other = compare(will("o", "expand", "our joint patrols in the passage"), will("n", "deepen", "our joint patrols in the passage"))
    assert other.label == "reworded" and other.reasons == ["action changed: 'expand' -> 'deepen'"]


def test_a_pledge_with_more_joined_on_is_wider():
    short, long = "to share satellite data with all members", "to share satellite data with all members and with partners"
    wider = compare(_st("o", "o", short), _st("n", "n", long))
    assert wider.label == "strengthened" and wider.reasons == ["scope widened: 'and with partners'"]
    narrower = compare(_st("o", "o", long), _st("n", "n", short))
    assert narrower.label == "weakened" and narrower.reasons == ["scope narrowed: 'and with partners' removed"]
    # a detail joined on is told, and decides nothing
    detail = compare(_st("o", "o", short), _st("n", "n", short + ", including through a shared portal"))
    assert detail.label == "reworded" and detail.reasons == ["detail added: 'including through a shared portal'"]


def test_an_amount_that_ends_a_pledge_is_a_quantity():
    c = compare(_st("o", "o", "to increase the number of ready forces to more than 300,000"),
                _st("n", "n", "to increase the number of ready forces"))
    assert c.label == "weakened" and c.reasons == ["'more than 300,000' removed"]
    assert compare(_st("o", "o", "to hold the talks by 2030"), _st("n", "n", "to hold the talks")).label == "reaffirmed"


def test_a_number_in_words_raised_is_more_and_one_gone_is_told():
    """ "three radar systems" -> "five radar systems" is more; a number in words that only counts what it
    names ("the three summits") decides nothing when it goes. How often, no longer said, is less."""
    more = compare(_st("o", "o", "to provide three coastal radar systems to island states"),
                   _st("n", "n", "to provide five coastal radar systems to island states"))
    assert more.label == "strengthened" and more.reasons == ["quantity raised: 'to provide three coastal' -> "
                                                              "'to provide five coastal'"]
    counted = compare(_st("o", "o", "to implement the outcomes of the three summits", commitment=False),
                      _st("n", "n", "to implement the outcomes of the summits", commitment=False))
    assert counted.label == "reworded" and counted.reasons == ["'three summits' removed"]
    less = compare(_st("o", "o", "to hold joint naval drills each year in the strait"),
                   _st("n", "n", "to hold joint naval drills in the strait"))
    assert less.label == "weakened" and less.reasons == ["frequency removed: 'each year'"]


def test_month_may_is_no_hedge():
    old = _st("o", "o", OTHER)
    new = Statement(id="n", doc="n", sentence=f"In May they pledged {OTHER}.", start=0, end=10, trigger="pledged",
                    trigger_start=0, act="pledge", actors=["KOR", "USA"], commitment=True, strength=5,
                    content=OTHER, hedges=["May"])
    assert not any("hedge" in r for r in compare(old, new).reasons)


def test_report_of_the_pledge_done_is_fulfilled_not_dropped():
    pledge = _st("a1:1", "a1.txt", "to develop the Joint Harbour Charter for the two navies")
    done = Statement(id="a2:1", doc="a2.txt", sentence="They signed the Joint Harbour Charter for the two navies.",
                     start=0, end=10, trigger="signed", trigger_start=0, act="sign", actors=["KOR", "USA"],
                     commitment=True, strength=5, content="the Joint Harbour Charter for the two navies")
    d1 = _doc("a1.txt", "2030-01-01", "Council", 1, [pledge, _st("a1:2", "a1.txt", OTHER)])
    d2 = _doc("a2.txt", "2031-01-01", "Council", 2, [done, _st("a2:2", "a2.txt", OTHER)])
    threads = {t.statements[0]: t for t in link_documents([d1, d2])}
    steps = threads["a1:1"].steps
    assert [s.label for s in steps] == ["new", "fulfilled"] and steps[1].evidence_id == "a2:1"
    assert threads["a1:1"].statements == ["a1:1"]  # the report starts its own thread
    changes = {c.old.id: c for c in diff_documents(d1, d2).changes if c.old}
    assert changes["a1:1"].change == "fulfilled" and changes["a1:1"].new.id == "a2:1"


def test_a_report_of_a_deed_carries_on_no_position_about_the_same_things():
    """ "condemned the attacks on the harbour cables" (a position) and "will establish a centre for
    the security of the harbour cables" (a pledge); next meeting: "established the centre for the
    security of the harbour cables". The report fulfils the pledge; it is no step of the condemnation."""
    condemn = _st("c1:1", "c1.txt", "the attacks on the harbour cables of the northern coast", act="condemn",
                  commitment=False, strength=2)
    pledge = _st("c1:2", "c1.txt", "to establish a centre for the security of the harbour cables")
    done = _report("c2:1", "c2.txt", "the centre for the security of the harbour cables of the northern coast",
                   sentence="They established the centre for the security of the harbour cables of the northern coast.")
    done.trigger, done.act = "established", "establish"
    d1 = _doc("c1.txt", "2030-01-01", "Council", 1, [condemn, pledge, _st("c1:3", "c1.txt", OTHER)])
    d2 = _doc("c2.txt", "2031-01-01", "Council", 2, [done, _st("c2:2", "c2.txt", OTHER)])
    threads = {t.statements[0]: t for t in link_documents([d1, d2])}
    assert threads["c1:1"].statements == ["c1:1"]
    assert [s.label for s in threads["c1:2"].steps] == ["new", "fulfilled"]
    changes = {c.old.id: c.change for c in diff_documents(d1, d2).changes if c.old}
    assert changes["c1:1"] == "dropped" and changes["c1:2"] == "fulfilled"


def _report(sid, doc, content, sentence=None):
    return Statement(id=sid, doc=doc, sentence=sentence or f"They signed {content}.", start=0, end=10,
                     trigger="signed", trigger_start=5, act="sign", actors=["KOR", "USA"], commitment=True,
                     strength=5, content=content)


def test_a_report_fulfils_a_pledge_that_nothing_else_carries_on():
    """"decided to revise the annexes of the harbour plan" -> "signed the revised annexes of the
    harbour plan": fulfilled, although a statement beside it shares words with the pledge (it
    carries on another pledge, which is closer to it)."""
    old = [_st("f1:1", "f1.txt", "to revise the annexes of the harbour command plan by the next council"),
           _st("f1:2", "f1.txt", "to complete the preparations needed to exercise harbour command under the plan")]
    new = [_report("f2:1", "f2.txt", "the revised annexes of the harbour command plan"),
           _st("f2:2", "f2.txt", "to complete expeditiously the preparations needed to exercise harbour command")]
    vectors = Vectors([_doc("f1.txt", "2030-01-01", "Council", 1, old), _doc("f2.txt", "2031-01-01", "Council", 2, new)])
    assert fulfilled_by(vectors, new, old) == {0: 0}


def test_a_pledge_carried_on_is_not_fulfilled_by_a_report_of_something_else():
    """A report that shares words with a pledge does not end it when a statement of the same
    document carries the pledge on more closely."""
    old = [_st("g1:1", "g1.txt", "to complete the preparations needed to exercise harbour command under the plan")]
    new = [_report("g2:1", "g2.txt", "the revision of the harbour command plan"),
           _st("g2:2", "g2.txt", "to complete expeditiously the preparations needed to exercise harbour command")]
    vectors = Vectors([_doc("g1.txt", "2030-01-01", "Council", 1, old), _doc("g2.txt", "2031-01-01", "Council", 2, new)])
    assert fulfilled_by(vectors, new, old) == {}


def test_a_report_sharing_only_a_plan_name_and_completed_fulfils_nothing():
    """"signed the completed HCP annexes" does not fulfil a pledge "to provide tugboats until those
    of the HCP are completed": the words of completion say that something was done, not what."""
    old = [_st("h1:1", "h1.txt", "to provide tugboats until those of the HCP are completed")]
    new = [_report("h2:1", "h2.txt", "the completed HCP annexes"),
           _st("h2:2", "h2.txt", "to expand cooperation on cyber security and space situational awareness")]
    vectors = Vectors([_doc("h1.txt", "2030-01-01", "Council", 1, old), _doc("h2.txt", "2031-01-01", "Council", 2, new)])
    assert fulfilled_by(vectors, new, old) == {}


def test_a_report_sharing_only_the_framework_of_a_pledge_fulfils_nothing():
    """"approved the completed set of the HCP annexes" does not fulfil "to provide tugboats as well as
    pilots consistent with the HCP": the plan a pledge is kept within is not the thing pledged."""
    old = [_st("k1:1", "k1.txt", "to provide tugboats as well as harbour pilots consistent with the HCP"),
           _st("k1:2", "k1.txt", "to revise the annexes of the HCP by the next council")]
    new = [_report("k2:1", "k2.txt", "the revised set of the HCP annexes"),
           _st("k2:2", "k2.txt", "to expand cooperation on cyber security and space situational awareness")]
    vectors = Vectors([_doc("k1.txt", "2030-01-01", "Council", 1, old), _doc("k2.txt", "2031-01-01", "Council", 2, new)])
    assert fulfilled_by(vectors, new, old) == {1: 0}


def _noting(sid, doc, sentence):
    content = sentence.split(" that ", 1)[1].rstrip(".")
    return Statement(id=sid, doc=doc, sentence=sentence, start=0, end=10, trigger="highlighted", trigger_start=5,
                     act="highlight", actors=["KOR", "USA"], commitment=False, strength=2, content=f"that {content}")


def test_a_deed_called_successful_fulfils_the_pledge_it_names():
    """"pledged to conduct a readiness assessment of the harbour command in 2031" -> "noted that all
    tasks met the criteria after the successful readiness assessment of the harbour command":
    fulfilled, the reason quoting the deed; one still hoped for ("work towards the successful ...")
    fulfils nothing."""
    old = [_st("u1:1", "u1.txt", "to conduct a readiness assessment of the harbour command in 2031"),
           _st("u1:2", "u1.txt", OTHER)]
    done = _noting("u2:1", "u2.txt", "They noted that all tasks met the criteria after the successful readiness "
                                     "assessment of the harbour command.")
    d1, d2 = _doc("u1.txt", "2030-01-01", "Council", 1, old), _doc("u2.txt", "2031-01-01", "Council", 2, [done])
    changes = {c.old.id: c for c in diff_documents(d1, d2).changes if c.old}
    assert changes["u1:1"].change == "fulfilled"
    assert changes["u1:1"].reasons == ["reported done: 'readiness assessment of the harbour command'"]
    hoped = _noting("u3:1", "u3.txt", "They noted that they would work towards the successful readiness "
                                      "assessment of the harbour command.")
    d3 = _doc("u3.txt", "2031-01-01", "Council", 2, [hoped])
    assert fulfilled_by(Vectors([d1, d3]), [hoped], old) == {}
    from pledgetrack.link.fulfil import past_event
    assert past_event(_noting("u4:1", "u4.txt", "They noted that they would work towards the successful conclusion "
                                                "of the harbour accord.")) is None


def test_a_deed_welcomed_fulfils_the_pledge_it_names():
    old = [_st("w1:1", "w1.txt", "to launch a graduate fellowship for engineering students from the four countries"),
           _st("w1:2", "w1.txt", OTHER)]
    welcomed = Statement(id="w2:1", doc="w2.txt", start=0, end=10, trigger="welcome", trigger_start=3, act="welcome",
                         sentence="We welcome the official launch of the graduate fellowship for engineering students, "
                                  "which is now open for application.", actors=["KOR", "USA"], commitment=False,
                         strength=2, content="the official launch of the graduate fellowship for engineering students")
    upcoming = Statement(id="w3:1", doc="w3.txt", start=0, end=10, trigger="welcome", trigger_start=3, act="welcome",
                         sentence="We welcome the upcoming launch of the graduate fellowship for engineering students.",
                         actors=["KOR", "USA"], commitment=False, strength=2,
                         content="the upcoming launch of the graduate fellowship for engineering students")
    d1 = _doc("w1.txt", "2030-01-01", "Council", 1, old)
    d2 = _doc("w2.txt", "2031-01-01", "Council", 2, [welcomed, _st("w2:2", "w2.txt", OTHER)])
    assert fulfilled_by(Vectors([d1, d2]), d2.statements, old) == {0: 0}
    d3 = _doc("w3.txt", "2031-01-01", "Council", 2, [upcoming])
    assert fulfilled_by(Vectors([d1, d3]), [upcoming], old) == {}  # still to come


def test_a_deed_named_as_a_past_event_fulfils_the_pledge_it_names():
    """"committed to complete the relocation of the naval logistics command to the southern port"
    -> "highlighted that, following this year's relocation of the naval logistics command to the
    southern port, ...": fulfilled, and the reason quotes the event. The same event fulfils no
    second pledge that shares some of its words, and a planned relocation fulfils nothing."""
    old = [_st("e1:1", "e1.txt", "to complete the relocation of the naval logistics command to the southern port by 2031"),
           _st("e1:2", "e1.txt", "to cooperate closely on the remaining relocation of harbour facilities of the command"),
           _st("e1:3", "e1.txt", OTHER)]
    event = _noting("e2:1", "e2.txt", "They highlighted that the southern port has become the navies' hub, following this "
                                      "year's relocation of the naval logistics command to the southern port.")
    new = [event, _st("e2:2", "e2.txt", OTHER)]
    d1, d2 = _doc("e1.txt", "2030-01-01", "Council", 1, old), _doc("e2.txt", "2031-01-01", "Council", 2, new)
    assert fulfilled_by(Vectors([d1, d2]), new, old) == {0: 0}
    changes = {c.old.id: c for c in diff_documents(d1, d2).changes if c.old}
    assert changes["e1:1"].change == "fulfilled"
    assert changes["e1:1"].reasons == ["reported done: 'relocation of the naval logistics command to the southern port'"]
    assert changes["e1:2"].change != "fulfilled"
    planned = _noting("e3:1", "e3.txt", "They highlighted that the southern port will become the navies' hub, after "
                                        "the planned relocation of the naval logistics command to the southern port.")
    d3 = _doc("e3.txt", "2031-01-01", "Council", 2, [planned])
    assert fulfilled_by(Vectors([d1, d3]), [planned], old) == {}
    ahead = _noting("e4:1", "e4.txt", "They highlighted that the port's roles will be set following the relocation "
                                      "of the naval logistics command to the southern port.")
    d4 = _doc("e4.txt", "2031-01-01", "Council", 2, [ahead])
    assert fulfilled_by(Vectors([d1, d4]), [ahead], old) == {}


def test_other_parties_do_not_continue_a_thread():
    d1 = _doc("a1.txt", "2030-01-01", "Council", 1, [_st("a1:1", "a1.txt", CONTENT)])
    other = _doc("b1.txt", "2030-06-01", "Other Council", 1, [_st("b1:1", "b1.txt", CONTENT, actors=("JPN", "USA"))],
                 parties=("JPN", "USA"))
    threads = {t.statements[0]: t for t in link_documents([d1, other])}
    assert threads["a1:1"].statements == ["a1:1"] and threads["b1:1"].statements == ["b1:1"]


def test_step_labels_are_one_enum():
    assert tuple(label.value for label in StepLabel) == STEP_LABELS
    assert StepLabel.FULFILLED == "fulfilled" and json.dumps([StepLabel.NEW]) == '["new"]'


def test_assign_many_adds_a_split():
    p = [[0.9, 0.0], [0.8, 0.1]]  # two new statements both carry old statement 0
    assert assign_many(p, 0.5, 0.7) == [(0, 0, 0.9), (1, 0, 0.8)]
    assert assign_many(p, 0.5, 0.85) == [(0, 0, 0.9)]


def test_thread_title_names_the_commitment():
    s = _st("x", "x", "to continue to expand cooperation on cyber security")
    assert thread_title(s) == "Expand cooperation on cyber security"
    s = _st("y", "y", "their commitment to maintain the current level of forces", act="reaffirm")
    assert thread_title(s) == "Maintain the current level of forces"


def test_thread_title_of_a_report_tells_the_deed_done():
    done = _report("d:1", "d.txt", "the harbour logistics centre in the northern port")
    assert thread_title(done) == "Signed the harbour logistics centre in the northern port"
    pledge = _st("d:2", "d.txt", "the harbour logistics centre in the northern port", act="open")
    assert thread_title(pledge) == "Open the harbour logistics centre in the northern port"


def test_thread_title_is_what_is_said_not_how():
    condemn = _st("c", "c", "in the strongest possible terms the attacks on the harbour cables", act="condemn",
                  commitment=False, strength=2)
    assert thread_title(condemn) == "The attacks on the harbour cables"
    firmly = _st("f", "f", "firmly that the harbour stays open to all ships", act="state", commitment=False, strength=3)
    assert thread_title(firmly) == "The harbour stays open to all ships"
    call = _st("k", "k", "on all parties to cease hostilities", act="call", commitment=False, strength=2)
    assert thread_title(call) == "Call on all parties to cease hostilities"


def test_an_action_dropped_from_a_pledge_weakens_it():
    old = _st("o", "o", "to keep the harbour patrols at the present strength and to widen joint drills")
    new = _st("n", "n", "to keep the harbour patrols at the present strength")
    c = compare(old, new)
    assert c.label == "weakened" and "action dropped: 'to widen joint drills'" in c.reasons
    assert compare(new, old).label == "strengthened"


def test_between_positions_the_act_alone_is_a_rewording():
    old = _st("o", "o", "the work of the harbour commission", act="applaud", strength=3, commitment=False)
    new = _st("n", "n", "the work of the harbour commission", act="note", strength=1, commitment=False)
    assert compare(old, new).label in ("reaffirmed", "reworded")


def test_thread_title_keeps_the_deed_when_the_act_is_the_deed():
    """"We will mobilise new finance for harbours" is about mobilising; "reviewed whether ..." about a
    review; a pledge's reporting verb still goes ("pledged to open ..." -> "Open ...")."""
    will = _st("w:1", "w.txt", "new finance for harbours in the region", act="will")
    will.trigger = "mobilise"
    assert thread_title(will) == "Mobilise new finance for harbours in the region"
    review = _st("w:2", "w.txt", "whether the harbour rules still serve their purpose", act="review")
    assert thread_title(review) == "Review whether the harbour rules still serve their purpose"
    pledge = _st("w:3", "w.txt", "to open the harbour to visiting ships", act="pledge")
    assert thread_title(pledge) == "Open the harbour to visiting ships"
    welcome = _st("w:4", "w.txt", "the opening of the harbour", act="welcome")
    assert thread_title(welcome) == "The opening of the harbour"


def test_thread_title_keeps_a_saying_verb_pledged_as_a_deed():
    """ "will share maritime data", a bullet "support fisheries officers" of a "We will:" list: the verb
    is the deed pledged; "shared the view", "Reaffirming our commitment to X, we ..." say, and lose it."""
    def said(sentence, trigger, content, commitment=True):
        at = sentence.index(trigger)
        return Statement(id=f"t:{at}", doc="t.txt", sentence=sentence, start=0, end=len(sentence), trigger=trigger,
                         trigger_start=at, act=trigger.lower().removesuffix("ing").removesuffix("d"), actors=["FJI"],
                         commitment=commitment, strength=5, content=content)
    cases = [  # (sentence, trigger, content, commitment, title)
        ("Fiji will share maritime data in real time.", "share", "maritime data in real time", True,
         "Share maritime data in real time"),
        ("support fisheries officers with training;", "support", "fisheries officers with training", True,
         "Support fisheries officers with training"),
        ("We will support, as appropriate, island states.", "support", ", as appropriate, island states", True,
         "Support, as appropriate, island states"),
        ("The Ministers shared the view that the Forum is central.", "share", "the view that the Forum is central",
         False, "The view that the Forum is central"),
        ("Reaffirming our commitment to gender equality, we act.", "Reaffirming", "our commitment to gender equality",
         True, "Gender equality"),
        # a pledge said with the speaker's pronoun is titled by its deed: "announced it would contribute ..."
        ("Fiji announced it would contribute 2 million dollars to the Fund.", "announced",
         "it would contribute 2 million dollars to the Fund", True, "Contribute 2 million dollars to the Fund"),
        ("They stated that they will not station troops there.", "stated", "that they will not station troops there",
         True, "They will not station troops there"),
    ]
    for sentence, trigger, content, commitment, title in cases:
        assert thread_title(said(sentence, trigger, content, commitment)) == title, sentence


def test_a_document_leaves_threads_it_cannot_change_as_they_were():
    """A new meeting of one series neither joins nor drops the threads of another series: they
    come back as they were, not relabelled; its own series' threads get their step there."""
    a1 = _doc("a1.txt", "2018-01-01", "Council", 1, [_st("a1:1", "a1.txt", CONTENT)])
    b1 = _doc("b1.txt", "2018-02-01", "Forum", 1, [_st("b1:1", "b1.txt", OTHER)])
    a2 = _doc("a2.txt", "2019-01-01", "Council", 2, [_st("a2:1", "a2.txt", "to hold the annual fisheries "
                                                          "conference on tuna quotas in the southern ocean")])
    earlier = link_documents([a1, b1], semantic=False)
    forum = next(t for t in earlier if "b1:1" in t.statements)
    after = add_document(earlier, [a1, b1], a2, semantic=False)
    assert any(t is forum for t in after)
    council = next(t for t in after if "a1:1" in t.statements)
    assert council.steps[-1].doc == "a2.txt"
    assert [thread_record(t) for t in after] == [thread_record(t) for t in link_documents([a1, b1, a2], semantic=False)]


def test_the_first_meeting_of_a_body_welcomed_fulfils_the_pledge_to_set_it_up():
    old = [_st("f1:1", "f1.txt", "to establish a joint working group on port security and customs data"),
           _st("f1:2", "f1.txt", OTHER)]
    met = Statement(id="f2:1", doc="f2.txt", start=0, end=10, trigger="welcomed", trigger_start=3, act="welcome",
                    sentence="They welcomed the first meeting of the joint working group on port security held in March.",
                    actors=["KOR", "USA"], commitment=False, strength=2,
                    content="the first meeting of the joint working group on port security held in March")
    d1 = _doc("f1.txt", "2030-01-01", "Council", 1, old)
    d2 = _doc("f2.txt", "2031-01-01", "Council", 2, [met, _st("f2:2", "f2.txt", OTHER)])
    assert fulfilled_by(Vectors([d1, d2]), d2.statements, old) == {0: 0}


def test_a_routine_line_naming_a_quoted_meeting_changes_nothing():
    old = _st("o", "o", 'to hold the next "2+2" meeting in Lisbon in 2030', act="agree",
              deadlines=[Deadline("in 2030", "2030-12-31")])
    old.sentence = 'The Ministers agreed to hold the next "2+2" meeting in Lisbon in 2030.'
    new = _st("n", "n", 'to hold the next “2+2” in Oslo in 2031', act="agree", deadlines=[Deadline("in 2031", "2031-12-31")])
    new.sentence = 'The Ministers agreed to hold the next “2+2” in Oslo in 2031.'
    c = compare(old, new)
    assert c.label in ("reaffirmed", "reworded") and not any("2030" in r for r in c.reasons), c


def _position(content, act, trigger, strength=2):
    return Statement(id=trigger, doc=trigger, sentence=f"The Ministers {trigger} {content}.", start=0, end=10,
                     trigger=trigger, trigger_start=14, act=act, actors=["KOR", "USA"], commitment=False,
                     strength=strength, content=content)


def test_a_position_that_changes_its_kind_of_act_is_reworded_and_says_so():
    concern = _position("serious concerns over the dangerous manoeuvres of vessels near the reef", "express", "expressed", 1)
    opposed = _position("the dangerous manoeuvres of vessels near the reef", "oppose", "opposed")
    c = compare(concern, opposed)
    assert c.label == "reworded" and "expression became opposition ('expressed' -> 'opposed')" in c.reasons
    # a welcome that became support is the same position
    assert compare(_position("the new hotline", "welcome", "welcomed"),
                   _position("the new hotline", "support", "supported")).label == "reaffirmed"


def test_a_third_country_named_anew_is_told_but_not_the_parties_or_a_name_holding_a_country():
    old = _position("trilateral cooperation with Canada", "welcome", "welcomed")
    new = _position("trilateral cooperation with Canada and Chile", "welcome", "welcomed")
    c = compare(old, new, (["KOR", "USA"], ["KOR", "USA"]))
    assert c.label == "reworded" and c.reasons == ["now also names Chile"]
    own = compare(_position("the U.S. commitment to the defense of the ROK", "welcome", "welcomed"),
                  _position("the commitment to the defense of the ROK", "welcome", "welcomed"), (["KOR", "USA"], ["KOR", "USA"]))
    assert not any("names" in r for r in own.reasons)  # a party's own name comes and goes with the wording
    named = compare(_st("o", "o", "to provide two vessels to the Philippine Coast Guard (PCG)", actors=("JPN",)),
                    _st("n", "n", "to provide two vessels to the PCG", actors=("JPN",)), (["JPN"], ["JPN"]))
    assert not any("names" in r for r in named.reasons)  # "Philippine" was a word of a name the acronym stands for


def test_a_frequency_raised_or_lowered_decides_the_label():
    yearly = _st("o", "o", "to hold combined exercises in the strait every year")
    twice = _st("n", "n", "to hold combined exercises in the strait twice a year")
    c = compare(yearly, twice)
    assert c.label == "strengthened" and c.reasons == ["frequency raised: 'every year' -> 'twice a year'"]
    back = compare(twice, _st("n", "n", "to hold combined exercises in the strait every two years"))
    assert back.label == "weakened" and back.reasons == ["frequency lowered: 'twice a year' -> 'every two years'"]


def test_an_action_carried_on_by_the_other_half_of_a_split_is_not_dropped():
    old = _st("o", "o", "to establish a cyber working group and to hold a tabletop exercise every year")
    group = _st("n1", "n", "to establish a cyber working group")
    drill = _st("n2", "n", "to hold a tabletop exercise every year")
    assert any(r.startswith("action dropped") for r in compare(old, group).reasons)
    split = compare(old, group, siblings=[drill])
    assert not any(r.startswith("action dropped") for r in split.reasons), split.reasons


def test_an_open_ended_pledge_that_loses_for_as_long_as_it_takes_is_weakened():
    old = _st("o", "o", "to support the reconstruction of the port for as long as it takes")
    new = _st("n", "n", "to continue to support the reconstruction of the port")
    c = compare(old, new)
    assert c.label == "weakened" and "'for as long as it takes' removed" in c.reasons
    assert compare(new, old).label == "strengthened"


def test_a_deed_welcomed_is_quoted_without_the_pledge_that_follows_it():
    from pledgetrack.link.fulfil import past_event
    s = Statement(id="x", doc="x", start=0, end=10, trigger="welcome", trigger_start=3, act="welcome", actors=["EU"],
                  sentence="We welcome the launch of talks on a fisheries pact in May and will aim to conclude them soon.",
                  commitment=False, strength=2, content="the launch of talks on a fisheries pact in May")
    assert past_event(s) == "launch of talks on a fisheries pact in May"


def test_thread_title_of_two_infinitives_reads_as_one_pledge():
    s = _st("t", "t", "to establish a port security working group and to hold joint drills every year")
    assert thread_title(s) == "Establish a port security working group and hold joint drills every year"
    kept = _st("k", "k", "to extend the programme to Fiji and to the other island states")
    assert thread_title(kept) == "Extend the programme to Fiji and to the other island states"


def test_a_meeting_line_with_a_spelled_number_is_routine_but_not_a_task_due_at_the_next_meeting():
    from pledgetrack.link.features import meeting_bound
    held = _st("o", "o", "that the Sixtieth Leaders Meeting will be held in Apia in 2031", act="agree")
    held.sentence = "Leaders agreed that the Sixtieth Leaders Meeting will be held in Apia in 2031."
    task = _st("t", "t", "the Secretariat to draft an ocean strategy for consideration at the next Leaders Meeting", act="task")
    task.sentence = "Leaders tasked the Secretariat to draft an ocean strategy for consideration at the next Leaders Meeting."
    assert meeting_bound(held) and not meeting_bound(task)


def test_a_facility_made_operational_fulfils_the_pledge_and_is_quoted_alone():
    from pledgetrack.link.fulfil import past_event
    old = [_st("p1:1", "p1.txt", "to operationalise the regional resilience facility for island economies by 2031"),
           _st("p1:2", "p1.txt", OTHER)]
    report = Statement(id="p2:1", doc="p2.txt", start=0, end=10, trigger="welcomed", trigger_start=8, act="welcome",
                       sentence="Leaders welcomed the operationalisation of the regional resilience facility for island "
                                "economies in May and thanked the donors for their contributions.",
                       actors=["KOR", "USA"], commitment=False, strength=2,
                       content="the operationalisation of the regional resilience facility for island economies in May")
    d1 = _doc("p1.txt", "2030-01-01", "Council", 1, old)
    d2 = _doc("p2.txt", "2031-01-01", "Council", 2, [report, _st("p2:2", "p2.txt", OTHER)])
    assert fulfilled_by(Vectors([d1, d2]), d2.statements, old) == {0: 0}
    assert past_event(report) == "operationalisation of the regional resilience facility for island economies in May"


def _welcome(id_, doc, sentence, content):
    return Statement(id=id_, doc=doc, start=0, end=10, trigger="welcomed", trigger_start=8, act="welcome",
                     sentence=sentence, actors=["KOR", "USA"], commitment=False, strength=2, content=content)


def test_a_thing_welcomed_as_held_fulfils_its_pledge_and_names_the_half_not_reported():
    """ "decided to hold the inaugural Roundtable ... and to launch a Partnership" -> "welcomed the
    inaugural Roundtable held in Perth in May": the pledge is fulfilled (in the diff and in its
    thread), and the step says that the launch was not reported done."""
    pledge = _st("r1:1", "r1.txt", "to hold the inaugural Fisheries Industry Roundtable in Perth in 2030 "
                                   "and to launch a Seabed Minerals Research Partnership", act="decide")
    held = _welcome("r2:1", "r2.txt", "They welcomed the inaugural Fisheries Industry Roundtable held in Perth in May 2030.",
                   "the inaugural Fisheries Industry Roundtable held in Perth in May 2030")
    d1 = _doc("r1.txt", "2030-01-01", "Council", 1, [pledge, _st("r1:2", "r1.txt", OTHER)])
    d2 = _doc("r2.txt", "2031-01-01", "Council", 2, [held, _st("r2:2", "r2.txt", OTHER)])
    change = next(c for c in diff_documents(d1, d2).changes if c.old is pledge)
    assert change.change == StepLabel.FULFILLED and change.new is held
    assert change.reasons == ["reported done: 'inaugural Fisheries Industry Roundtable held in Perth in May 2030'",
                              "not reported done: 'to launch a Seabed Minerals Research'"]
    [thread] = [t for t in link_documents([d1, d2], semantic=False) if "r1:1" in t.statements]
    assert thread.steps[-1].label == StepLabel.FULFILLED and thread.steps[-1].evidence_id == "r2:1"
    assert thread.steps[-1].reasons[-1] == "not reported done: 'to launch a Seabed Minerals Research'"


def test_a_pledge_of_one_action_reported_done_names_nothing_left_and_a_thing_made_is_no_event():
    from pledgetrack.link.fulfil import past_event
    one = _st("o", "o", "to hold the inaugural Fisheries Industry Roundtable in Perth in 2030", act="decide")
    held = _welcome("h", "h", "They welcomed the inaugural Fisheries Industry Roundtable held in Perth in May 2030.",
                   "the inaugural Fisheries Industry Roundtable held in Perth in May 2030")
    from pledgetrack.link.fulfil import fulfilled_reasons
    assert fulfilled_reasons(one, held) == ["reported done: 'inaugural Fisheries Industry Roundtable held in Perth in May 2030'"]
    progress = _welcome("p", "p", "They welcomed the progress made in the talks held in Geneva.", "the progress made in the talks")
    assert past_event(progress) is None  # the talks' progress, not a deed pledged
    signed_by = _welcome("s", "s", "They welcomed the Agreement signed by the two sides.", "the Agreement signed by the two sides")
    assert past_event(signed_by) is None  # when is not said: it may be an old agreement


def test_a_deed_dated_inside_a_statement_or_welcomed_with_its_agent_is_reported_done():
    """ "decided to deploy an assessment mission" -> "took note of the findings of the assessment
    mission deployed to the region in May 2031": fulfilled; "welcomes the strategy adopted by the
    ministers in Niamey in July" reports the strategy done; a thing to come is no deed."""
    from pledgetrack.link.fulfil import past_event
    pledge = _st("m1:1", "m1.txt", "to deploy an assessment mission to the northern border region by June 2031", act="decide")
    noted = Statement(id="m2:1", doc="m2.txt", start=0, end=10, trigger="note", trigger_start=8, act="note",
                      sentence="Takes note of the briefing by the Commissioner on the findings of the assessment "
                               "mission deployed to the region in May 2031;", actors=["KOR", "USA"],
                      commitment=False, strength=1, content="the briefing by the Commissioner on the findings")
    assert past_event(noted) == "findings of the assessment mission deployed to the region in May 2031"
    d1 = _doc("m1.txt", "2031-03-01", "Council", 1, [pledge, _st("m1:2", "m1.txt", OTHER)])
    d2 = _doc("m2.txt", "2032-02-01", "Council", 2, [noted, _st("m2:2", "m2.txt", OTHER)])
    change = next(c for c in diff_documents(d1, d2).changes if c.old is pledge)
    assert change.change == StepLabel.FULFILLED and change.new is noted
    adopted = _welcome("a", "a", "Welcomes the joint strategy adopted by the defence ministers in Niamey in July 2031;",
                       "the joint strategy adopted by the defence ministers in Niamey in July 2031")
    assert past_event(adopted) == "joint strategy adopted by the defence ministers in Niamey in July 2031"
    coming = _welcome("c", "c", "Welcomes the summit to be held in Niamey in July 2033.", "the summit to be held in Niamey")
    planned = _welcome("p", "p", "Looks forward to the exercise to be conducted in 2033.", "the exercise")
    assert past_event(coming) is None and past_event(planned) is None


def test_a_position_that_changes_hands_is_reworded_a_pledge_that_does_is_weakened():
    """A host's welcome one year and the other side's the next ("The Indian side welcomed ..." ->
    "The Australian side welcomed ...") weakens no pledge: the change of actors is told."""
    host = _position("the opening of the new consulate in the northern city", "welcome", "welcomed")
    guest = _position("the opening of the new consulate in the northern city", "welcome", "welcomed")
    host.actors, guest.actors = ["IND"], ["AUS"]
    c = compare(host, guest)
    assert c.label == StepLabel.REWORDED and c.reasons == ["actors changed: India -> Australia"]
    old, new = _st("o", "o", OTHER, actors=["IND"]), _st("n", "n", OTHER, actors=["AUS"])
    assert compare(old, new).label == StepLabel.WEAKENED


def test_a_relationship_elevated_is_strengthened_and_a_graver_concern_is_told():
    kept = _st("k", "k", "their commitment to the Comprehensive Strategic Partnership", act="reaffirm")
    raised = _st("e", "e", "to elevate it to a Comprehensive Global Strategic Partnership", act="agree")
    c = compare(kept, raised)
    assert c.label == StepLabel.STRENGTHENED
    assert c.reasons[0] == "elevated: 'elevate it to a Comprehensive Global Strategic Partnership'"
    assert compare(raised, raised).label == StepLabel.REAFFIRMED  # elevated both times: nothing new
    noted = _position("concern over the situation in the disputed waters", "note", "noted")
    grave = _position("serious concern over the situation in the disputed waters", "express", "expressed")
    c = compare(noted, grave)
    assert c.label == StepLabel.REWORDED and c.reasons == ["concern graver: 'concern' -> 'serious concern'"], c


def test_an_action_left_out_of_a_coordinated_pledge_is_told_and_days_of_a_visit_are_no_quantity():
    both = _st("b", "b", "to maintain regular high-level exchanges and to hold the annual meeting of the Steering Committee",
               act="agree")
    one = _st("o", "o", "to maintain regular high-level exchanges", act="agree")
    c = compare(both, one)
    assert c.label == StepLabel.WEAKENED and c.reasons == ["action dropped: 'to hold the annual meeting of'"]
    visit = _position("a state visit to the capital from 10 to 12 April 2031", "pay", "paid")
    again = _position("a state visit to the capital from 6 to 8 May 2032", "pay", "paid")
    assert not any("quantity" in r for r in compare(visit, again).reasons)


def test_a_list_of_initiatives_launched_is_linked_by_its_items_and_names_those_not_reported():
    """ "Today, we are launching: a pilot; a working group; an exercise plan" has no content of its
    own: its items say what it is about, so the later "We welcome the launch of the pilot and the
    first meeting of the working group" fulfils it, and the step names the plan not reported."""
    from pledgetrack.models import Item
    items = ["a trilateral early warning pilot for supply chain disruptions", "an annual trilateral cyber working group",
             "a multi-year trilateral exercise plan"]
    launched = _st("l1:1", "l1.txt", "", act="launch")
    launched.sentence = "Today, we are launching:"
    launched.items = [Item(text, 0, 1, "launch", ["KOR", "USA"], True) for text in items]
    report = _welcome("l2:1", "l2.txt", "We welcome the launch of the trilateral early warning pilot for supply chain "
                      "disruptions and the first meeting of the trilateral cyber working group.",
                      "the launch of the trilateral early warning pilot for supply chain disruptions and the first "
                      "meeting of the trilateral cyber working group")
    d1 = _doc("l1.txt", "2030-01-01", "Summit", 1, [launched, _st("l1:2", "l1.txt", OTHER)])
    d2 = _doc("l2.txt", "2031-01-01", "Summit", 2, [report, _st("l2:2", "l2.txt", OTHER)])
    change = next(c for c in diff_documents(d1, d2).changes if c.old is launched)
    assert change.change == StepLabel.FULFILLED and change.reasons[-1] == (
        "not reported done: 'a multi-year trilateral exercise plan'")
    assert thread_title(launched).startswith("Launch a trilateral early warning pilot for supply chain disruptions; an annual")


def test_a_pledge_that_leads_in_its_items_is_titled_by_them():
    from pledgetrack.models import Item
    lead = _st("c", "c", "to", act="commit")
    lead.sentence = "We commit to:"
    lead.items = [Item(text, 0, 1, "commit", ["KOR", "USA"], True)
                  for text in ("establish a regional defence innovation fund", "hold joint exercises every two years")]
    assert thread_title(lead) == "Establish a regional defence innovation fund; hold joint exercises every two years"


def test_the_half_of_a_pledge_not_reported_done_is_carried_on_not_new():
    """ "to hold the Roundtable and to launch the Partnership" -> "welcomed the Roundtable held in
    May" and "agreed to launch the Partnership by 2032": the diff shows the pledge fulfilled (by the
    report) and carried on (by the other statement, compared with what was left), not a new pledge."""
    pledge = _st("h1:1", "h1.txt", "to hold the inaugural Fisheries Industry Roundtable in Perth in 2030 "
                                   "and to launch a Seabed Minerals Research Partnership with universities", act="decide")
    held = _welcome("h2:1", "h2.txt", "They welcomed the inaugural Fisheries Industry Roundtable held in Perth in May 2030.",
                    "the inaugural Fisheries Industry Roundtable held in Perth in May 2030")
    launch = _st("h2:2", "h2.txt", "to launch a Seabed Minerals Research Partnership with universities by 2032",
                 act="agree", deadlines=[Deadline("by 2032", "2032-12-31")])
    d1 = _doc("h1.txt", "2030-01-01", "Council", 1, [pledge, _st("h1:2", "h1.txt", OTHER)])
    d2 = _doc("h2.txt", "2031-01-01", "Council", 2, [held, launch, _st("h2:3", "h2.txt", OTHER)])
    changes = [c for c in diff_documents(d1, d2).changes if c.old is pledge]
    assert sorted(c.change for c in changes) == [StepLabel.FULFILLED, StepLabel.STRENGTHENED]
    carried = next(c for c in changes if c.change == StepLabel.STRENGTHENED)
    assert carried.new is launch and carried.reasons == [
        "deadline added: 2032",
        "carries on what was not reported done: 'to launch a Seabed Minerals Research Partnership with universities'"]
    assert not [c for c in diff_documents(d1, d2).changes if c.new is launch and c.change == StepLabel.NEW]
    [thread] = [t for t in link_documents([d1, d2], semantic=False) if "h1:1" in t.statements]
    step = thread.steps[-1]
    assert step.statement_id == "h2:2" and step.label == StepLabel.STRENGTHENED and step.evidence_id == "h2:1"
    assert step.reasons[-2:] == [
        "reported done in h2.txt: 'inaugural Fisheries Industry Roundtable held in Perth in May 2030'",
        "carries on what was not reported done: 'to launch a Seabed Minerals Research Partnership with universities'"]


def test_a_title_leaves_out_the_preposition_of_the_acts_complement():
    concur = _position("in the need to strengthen the national defense capabilities of the Alliance", "concur", "concurred")
    assert thread_title(concur) == "The need to strengthen the national defense capabilities of the Alliance"
    alarmed = _position("by the ongoing conflict in the northern region", "alarm", "alarmed")
    assert thread_title(alarmed) == "The ongoing conflict in the northern region"
    view = _position("of the view that the treaty remains in force", "remain", "remain")
    assert thread_title(view) == "The treaty remains in force"


def test_a_thread_of_a_bare_pronoun_is_titled_by_its_sentence():
    s = _st("w", "w", "it", act="welcome")
    s.sentence = "Prime Minister Sato expressed his hope to visit the ROK at an early date, and President Park welcomed it."
    assert thread_title(s).startswith("Prime Minister Sato expressed his hope to visit the ROK")


def test_unknown_parties_of_another_named_series_continue_no_thread():
    """A Security Council resolution (no parties known) does not continue the threads of an African
    Union council's communiqué (its own series), however alike the words; with no series it may."""
    seized = "to remain actively seized of the matter of the situation in the region"
    au = _doc("psc1.txt", "2031-03-01", "Peace and Security Council", 1210, [_st("a:1", "psc1.txt", seized)],
              parties=("NGA", "ZAF"))
    un = _doc("unsc.txt", "2031-06-01", "Security Council", None, [_st("u:1", "unsc.txt", seized, actors=())],
              parties=())
    plain = _doc("note.txt", "2031-07-01", None, None, [_st("n:1", "note.txt", seized, actors=())], parties=())
    assert sorted(t.statements for t in link_documents([au, un], semantic=False)) == [["a:1"], ["u:1"]]
    assert [t.statements for t in link_documents([au, plain], semantic=False)] == [["a:1", "n:1"]]


def test_a_deed_told_in_a_that_clause_fulfils_and_a_counted_part_is_told():
    """ "noted that the Training Centre in Manila became operational in January 2032" fulfils
    "decided to establish a Coast Guard Training Centre in Manila" (it was weakened: a decision
    became a note); "completed the delivery of three of the five patrol vessels" is done in part."""
    from pledgetrack.link.fulfil import counted_part, past_event
    centre = _st("c1:1", "c1.txt", "to establish a Coast Guard Training Centre in Manila", act="decide")
    vessels = _st("c1:2", "c1.txt", "to deliver five patrol vessels to the Philippine Coast Guard by 2032")
    noted = Statement(id="c2:1", doc="c2.txt", start=0, end=10, trigger="noted", trigger_start=8, act="note",
                      sentence="The two sides noted that the Coast Guard Training Centre in Manila became operational "
                               "in January 2032.", actors=["KOR", "USA"], commitment=False, strength=1,
                      content="that the Coast Guard Training Centre in Manila became operational in January 2032")
    delivered = Statement(id="c2:2", doc="c2.txt", start=0, end=10, trigger="completed", trigger_start=8, act="complete",
                          sentence="Japan has completed the delivery of three of the five patrol vessels to the Philippine "
                                   "Coast Guard.", actors=["KOR"], commitment=False, strength=1,
                          content="the delivery of three of the five patrol vessels to the Philippine Coast Guard")
    assert past_event(noted) == "Coast Guard Training Centre in Manila became operational in January 2032"
    d1 = _doc("c1.txt", "2031-03-01", "Dialogue", 3, [centre, vessels])
    d2 = _doc("c2.txt", "2032-03-01", "Dialogue", 4, [noted, delivered])
    changes = {c.old.id: c for c in diff_documents(d1, d2).changes if c.old is not None}
    assert changes["c1:1"].change == StepLabel.FULFILLED and changes["c1:1"].new is noted
    assert changes["c1:2"].change == StepLabel.FULFILLED and "done in part: 'three of the five'" in changes["c1:2"].reasons
    assert counted_part(noted) is None
    recalled = _welcome("r", "r", "They noted that the Agreement signed in 2015 remains the basis.", "that the Agreement")
    assert past_event(recalled) is None  # a deed recalled, not reported: no "was"/"has been"


def test_a_deed_reported_without_agent_fulfils_its_pledge():
    pledge = _st("e1:1", "e1.txt", "to hold the first joint coast guard exercise in 2031", act="agree")
    report = Statement(id="e2:1", doc="e2.txt", start=0, end=10, trigger="conducted", trigger_start=8, act="conduct",
                       sentence="The first joint coast guard exercise was conducted off Palawan in September 2031.",
                       actors=["KOR", "USA"], commitment=False, strength=1,
                       content="The first joint coast guard exercise was conducted off Palawan in September 2031")
    d1 = _doc("e1.txt", "2031-03-01", "Dialogue", 3, [pledge, _st("e1:2", "e1.txt", OTHER)])
    d2 = _doc("e2.txt", "2032-03-01", "Dialogue", 4, [report, _st("e2:2", "e2.txt", OTHER)])
    change = next(c for c in diff_documents(d1, d2).changes if c.old is pledge)
    assert change.change == StepLabel.FULFILLED
    assert change.reasons == ["reported done: 'The first joint coast guard exercise was conducted off Palawan in September 2031'"]


def test_a_report_whose_content_is_its_whole_clause_is_titled_without_its_verb_twice():
    s = _st("r", "r", "The first joint coast guard exercise was conducted off Palawan", act="conduct", commitment=False)
    s.sentence, s.trigger = s.content + ".", "conducted"
    s.trigger_start = s.sentence.index("conducted")
    assert thread_title(s) == "The first joint coast guard exercise was conducted off Palawan"
    work = _st("w", "w", "together to take forward an agenda and work with partners", act="will")
    work.sentence, work.trigger = "We will work " + work.content + ".", "work"
    work.trigger_start = work.sentence.index("work")
    assert thread_title(work).startswith("Work together")  # the trigger again inside the content: not the clause


def test_a_thing_that_took_place_or_became_operational_fulfils_its_pledge():
    from pledgetrack.link.fulfil import past_event
    took = Statement(id="h2:1", doc="h2.txt", start=0, end=10, trigger="took", trigger_start=37, act="take",
                     sentence="The first joint coast guard exercise took place off Palawan in September 2031.",
                     actors=["KOR", "USA"], commitment=False, strength=1,
                     content="The first joint coast guard exercise took place off Palawan in September 2031")
    assert past_event(took) == "first joint coast guard exercise took place off Palawan in September 2031"
    running = Statement(id="h2:3", doc="h2.txt", start=0, end=10, trigger="is", trigger_start=40, act="be",
                        sentence="The maritime domain awareness pilot is now operational.", actors=["KOR", "USA"],
                        commitment=False, strength=1, content="The maritime domain awareness pilot is now operational")
    assert past_event(running) == "maritime domain awareness pilot is now operational"
    pledge = _st("h1:1", "h1.txt", "to hold the first joint coast guard exercise in 2031", act="agree")
    d1 = _doc("h1.txt", "2031-03-01", "Dialogue", 3, [pledge, _st("h1:2", "h1.txt", OTHER)])
    d2 = _doc("h2.txt", "2032-03-01", "Dialogue", 4, [took, _st("h2:2", "h2.txt", OTHER)])
    assert next(c for c in diff_documents(d1, d2).changes if c.old is pledge).change == StepLabel.FULFILLED


def test_a_pledged_deed_reported_in_the_past_or_its_signing_witnessed_fulfils_it():
    """ "will provide $10 million to support screening" -> "has provided $10 million to support
    screening" was weakened ("commitment became 'provide'"); "agreed to sign the agreement" ->
    "witnessed the signing of the agreement" too."""
    from pledgetrack.link.fulfil import past_deed
    give = _st("p1:1", "p1.txt", "$10 million to support cervical cancer screening in the northern provinces", act="will")
    give.trigger = "provide"  # a bare modal's trigger is its verb: "will provide $10 million ..."
    sign = _st("p1:2", "p1.txt", "to sign a migration and mobility agreement", act="agree")
    given = Statement(id="p2:1", doc="p2.txt", start=0, end=10, trigger="provided", trigger_start=14, act="provide",
                      sentence="Australia has provided $10 million to support cervical cancer screening in the "
                               "northern provinces.", actors=["KOR"], commitment=False, strength=1,
                      content="$10 million to support cervical cancer screening in the northern provinces")
    seen = Statement(id="p2:2", doc="p2.txt", start=0, end=10, trigger="witnessed", trigger_start=16, act="witness",
                     sentence="The two leaders witnessed the signing of the migration and mobility agreement.",
                     actors=["KOR", "USA"], commitment=False, strength=1,
                     content="the signing of the migration and mobility agreement")
    assert past_deed(given) == "provided $10 million to support cervical cancer screening in the northern provinces"
    assert past_deed(give) is None  # a pledge
    reflected = Statement(id="p2:3", doc="p2.txt", start=0, end=10, trigger="reflected", trigger_start=8, act="reflect",
                          sentence="They reflected on the $10 million to support cervical cancer screening.",
                          actors=["KOR"], commitment=False, strength=1,
                          content="on the $10 million to support cervical cancer screening")
    d0 = _doc("p0.txt", "2032-06-01", "Dialogue", 2, [reflected, seen])
    assert not any(c.change == StepLabel.FULFILLED and c.new is reflected
                   for c in diff_documents(_doc("p1.txt", "2031-06-01", "Dialogue", 1, [give, sign]), d0).changes)
    d1 = _doc("p1.txt", "2031-06-01", "Dialogue", 1, [give, sign])
    d2 = _doc("p2.txt", "2032-06-01", "Dialogue", 2, [given, seen])
    changes = {c.old.id: c for c in diff_documents(d1, d2).changes if c.old is not None}
    assert changes["p1:1"].change == StepLabel.FULFILLED and changes["p1:1"].new is given
    assert changes["p1:2"].change == StepLabel.FULFILLED and changes["p1:2"].new is seen


def _of_sentence(sid, sentence, trigger, act, content, commitment, strength, start=100):
    return Statement(id=sid, doc="s2.txt", sentence=sentence, start=start, end=start + len(sentence), trigger=trigger,
                     trigger_start=start + sentence.index(trigger), act=act, actors=["AUS", "IND"],
                     commitment=commitment, strength=strength, content=content)


def test_a_pledge_goes_on_in_the_pledge_of_the_sentence_that_carries_it():
    """"We remain committed to reform of the Council" -> "We will reform the Council, recognizing the
    need ...": the pair goes to "will reform" (the sentence's pledge), not to "recognizing", which
    the scores put first; a pledge taken by another pair stays with it, and the score is kept."""
    old = [_st("s1:1", "s1.txt", "to a comprehensive reform of the Council", act="commit", actors=("AUS", "IND"))]
    sentence = "We will reform the Council, recognizing the urgent need to make it more representative."
    recognizing = _of_sentence("s2:1", sentence, "recognizing", "recognize",
                               "the urgent need to make it more representative", False, 3)
    reform = _of_sentence("s2:2", sentence, "reform", "will", "the Council", True, 5)
    elsewhere = _of_sentence("s2:3", "We will fund the Council.", "fund", "will", "the Council", True, 5, start=300)
    assert to_the_pledge_of_its_sentence([(0, 0, 0.26)], [recognizing, reform, elsewhere], old) == [(1, 0, 0.26)]
    assert to_the_pledge_of_its_sentence([(0, 0, 0.26), (1, 0, 0.6)], [recognizing, reform], old) == [
        (0, 0, 0.26), (1, 0, 0.6)]  # "will reform" has its own pair: both stay
    assert to_the_pledge_of_its_sentence([(0, 0, 0.26)], [recognizing, elsewhere], old) == [(0, 0, 0.26)]
    # the sentence's pledge is of something else: the note carries the pledge on
    plan = [_st("t1:1", "t1.txt", "to make a plan to establish the conditions for stationing the battery",
                act="commit", actors=("AUS", "IND"))]
    sentence = ("They noted efforts to establish the conditions for stationing the battery and committed to "
                "continuing cooperation toward routine access.")
    noted = _of_sentence("t2:1", sentence, "noted", "note", "efforts to establish the conditions for stationing "
                         "the battery", False, 1)
    access = _of_sentence("t2:2", sentence, "committed", "commit", "to continuing cooperation toward routine access",
                          True, 5)
    assert to_the_pledge_of_its_sentence([(0, 0, 0.97)], [noted, access], plan) == [(0, 0, 0.97)]



def test_an_act_looked_forward_to_and_performed_later_fulfils_the_pledge(tmp_path):
    """ "look forward to welcoming Norway as a member" -> "welcomed Norway as the newest member": the
    act looked forward to, done to the same thing, is the pledge's fulfilment; welcoming another thing is not."""
    import pledgetrack
    old = tmp_path / "council-2030.txt"
    old.write_text("Joint Statement of the Fourth Harbour Council\nLisbon, 3 May 2030\n\n"
                   "1. The Ministers look forward to welcoming Norway as a member of the Harbour Council.\n\n"
                   "2. The Ministers look forward to receiving the report of the working group on tides.\n\n"
                   "3. The Ministers pledged to expand joint patrols of the northern coast.\n")
    new = tmp_path / "council-2031.txt"
    new.write_text("Joint Statement of the Fifth Harbour Council\nOslo, 2 May 2031\n\n"
                   "1. The Ministers welcomed Norway as the newest member of the Harbour Council.\n\n"
                   "2. The Ministers received the progress of the talks on the working group on tides.\n\n"
                   "3. The Ministers pledged to expand joint patrols of the northern coast.\n")
    d1, d2 = pledgetrack.extract_many([old, new]).documents
    changes = {c.old.content: c for c in diff_documents(d1, d2).changes if c.old}
    norway = changes["forward to welcoming Norway as a member of the Harbour Council"]
    assert norway.change == "fulfilled" and norway.new.trigger == "welcomed", norway
    assert changes["forward to receiving the report of the working group on tides"].change != "fulfilled"
