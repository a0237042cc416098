"""Behaviour of the extraction components on short texts in the styles joint statements use."""
from __future__ import annotations

import pytest

import pledgetrack
from pledgetrack.models import Document, DocumentMeta, GlossaryEntry, Participant
from pledgetrack.nlp.agreements import canonical_name, find_agreements
from pledgetrack.nlp.conditions import find_conditions
from pledgetrack.nlp.deadlines import find_deadlines
from pledgetrack.nlp.glossary import Glossary, build_glossary, find_definitions
from pledgetrack.nlp.pipeline import extract_document
from pledgetrack.nlp.topics import load_taxonomy

KOR_USA = DocumentMeta(parties=["KOR", "USA"], date="2019-11-15", participants=[
    Participant("Jeong Kyeong-doo", "Minister of National Defense", "KOR"),
    Participant("Mark Esper", "Secretary of Defense", "USA")])
QUAD = DocumentMeta(parties=["AUS", "IND", "JPN", "USA"], date="2021-09-24")


def run(text: str, meta: DocumentMeta = KOR_USA):
    doc = Document(name="t.txt", path=None, source_text=text, text=text, meta=meta)
    return extract_document(doc).statements


def by_trigger(statements):
    return {s.trigger: s for s in statements}


def test_joint_and_single_actors():
    found = by_trigger(run("The Minister and the Secretary pledged to continue close cooperation. "
                           "The Secretary reaffirmed the U.S. commitment to provide extended deterrence. "
                           "Minister Jeong noted that the buffer zone has reduced tension. "
                           "He stated that the ROK will acquire the capabilities."))
    assert found["pledged"].actors == ["KOR", "USA"]
    assert found["reaffirmed"].actors == ["USA"]
    assert found["noted"].actors == ["KOR"]
    assert found["stated"].actors == ["KOR"]  # "he" is the last single speaker
    assert found["stated"].speaker == "Minister Jeong"


def test_each_and_neither_side_are_every_party():
    found = by_trigger(run("Neither side will use force to change the status quo. Each side will appoint a coordinator."))
    assert found["use"].actors == ["KOR", "USA"] and found["use"].commitment
    assert found["appoint"].actors == ["KOR", "USA"]


def test_no_party_is_every_party_pledging_not_to():
    found = by_trigger(run("No party will deploy strike systems in the territory of the other without its consent. "
                           "No country in the region will accept coercion."))
    assert found["deploy"].actors == ["KOR", "USA"] and found["deploy"].commitment
    assert found["deploy"].content.startswith("No party will deploy")  # the pledge keeps its "no"
    assert "accept" not in found  # countries of the region are not the parties


def test_a_partys_contribution_announced_is_its_commitment():
    """A party announcing what it will give ("it would contribute NZ$20 million") pledges it; a
    prediction of what something will contribute to is no deed."""
    found = by_trigger(run("The ROK announced it would contribute 20 million dollars to the Maritime Fund. "
                           "The Secretary stated that the new dialogue would contribute to regional stability."))
    assert found["announced"].commitment and found["announced"].actors == ["KOR"]
    assert not found["stated"].commitment


def test_a_pledge_kept_as_circumstances_allow_is_hedged():
    found = by_trigger(run("The two sides will conduct joint patrols in the strait as circumstances allow."))
    assert found["conduct"].hedges == ["as circumstances allow"]


def test_a_bullet_verb_read_into_a_compound_is_still_the_act():
    # the tagger reads "support fisheries officers" as one noun phrase
    found = by_trigger(run("We will:\n- share maritime data in real time; and\n- support fisheries officers with training."))
    assert set(found) == {"share", "support"} and found["support"].commitment
    assert found["support"].content == "fisheries officers with training"


def test_a_partys_capital_speaks_for_its_government():
    found = by_trigger(run("Seoul and Washington agreed to launch a dialogue on space. Pyongyang must stop its "
                           "provocations. The meeting in Seoul reviewed the alliance."))
    assert found["agreed"].actors == ["KOR", "USA"]
    assert set(found) == {"agreed"}  # a third party's capital, and a place, are no actors


def test_coordinated_verbs_are_separate_statements():
    statements = run("The Minister and the Secretary reviewed the progress on OPCON transition, "
                     "discussed the way-ahead, and commended the achievements.")
    assert [s.trigger for s in statements] == ["reviewed", "discussed", "commended"]
    assert not any(s.commitment for s in statements)


def test_an_act_coordinated_after_a_long_object_is_the_reporting_verbs():
    statements = run("The Minister and the Secretary welcomed the Task Force's work to improve the "
                     "shared picture and reduce risks in a contingency and resolved to deepen "
                     "cooperation in this area.")
    found = by_trigger(statements)
    assert "resolved" in found
    assert found["resolved"].commitment and found["resolved"].actors == ["KOR", "USA"]
    assert "deepen" in found["resolved"].content


def test_content_verbs_and_narration_are_not_statements():
    statements = run("The 51st SCM was held in Seoul. Minister Jeong and Secretary Esper led their "
                     "respective delegations. The DPRK launched missiles. The two sides affirmed that "
                     "the ROK will continue to acquire defense capabilities.")
    assert [s.trigger for s in statements] == ["affirmed"]
    assert statements[0].commitment  # content is the actor's own future action


def test_bare_modal_commitments_and_named_country():
    statements = run("We will convene a summit in 2022. Australia will deliver $212 million in grant aid, "
                     "and Japan will continue to help regional partners purchase vaccines. "
                     "We will continue to call for the end to violence in Myanmar.", QUAD)
    found = by_trigger(statements)
    assert found["convene"].commitment and found["convene"].act == "will"
    assert found["convene"].actors == ["AUS", "IND", "JPN", "USA"]
    assert found["deliver"].actors == ["AUS"]
    assert [s.actors for s in statements if "help regional partners" in s.content] == [["JPN"]]
    assert found["convene"].deadlines[0].date == "2022-12-31"
    calls = [s for s in statements if "call for" in s.content or s.content.startswith("to call")]
    assert calls and not calls[0].commitment  # continuing to call on others is no pledge


@pytest.mark.parametrize("sentence, expected", [
    ("The two sides agreed to conduct a joint study.", True),
    ("The two sides agreed that the Alliance contributed to peace.", False),
    ("Both sides reaffirmed their commitment to strengthen cyber cooperation.", True),
    ("Both sides reaffirmed the need for close coordination.", False),
    ("Both sides welcomed the results of the summit.", False),
    ("Both sides expect to hold the 52nd SCM in Washington, D.C.", True),
    ("The Minister and the Secretary decided to pursue an assessment of FOC in 2020.", True),
    ("The two sides agreed that senior officials will meet annually to review progress.", True),  # their own
    ("The two sides noted that the ministers of the region will meet annually.", False),  # others'
    ("The Minister explained his plan to raise the defense budget next year.", True),  # his own plan
    ("The two sides welcomed the DPRK's plan to hold talks.", False),  # someone else's
    ("The two sides tasked officials to develop a roadmap.", True),  # their own officials
    ("The two sides asked the regional banks to report on financing.", False),
    ("The Secretary reaffirmed that the U.S. commitment is ironclad, and that any attack on the ROK will be met "
     "with a decisive response.", True),  # the pledge is in the second "that"-clause
    ("The two sides reaffirmed that the UNC has kept the peace, and that it will continue to do so.", False),  # the UNC's
    ("The two sides reaffirmed the importance of the plan and their commitment to update it soon.", True),
    ("The two sides welcomed the report and the commitments made by the partners.", False),
    ("As close partners, the ROK and the United States provide the most investment in the region.", False),
    ("We provide training to partner militaries.", True),  # the speakers' own present deed
    ("Together we represent two billion people.", False),  # what they are, not a deed
    ("We face these challenges with resolve.", False),  # "with resolve" is how, not a pledge
    ("We will proceed with our commitment to reduce emissions.", True),
    ("The Secretary reiterated the firm and unwavering U.S. commitment to the defense of the ROK.", True),
    ("We will not recognize any attempt to change the borders by force.", True),  # a refusal pledged
    ("We will recognize the contributions of the partners.", False),  # an attitude, as "we recognize"
])
def test_commitment_decision(sentence, expected):
    [statement] = run(sentence)
    assert statement.commitment is expected


def test_participle_acts_are_optional():
    statements = run("Noting that the NLL has been effective, the Minister expressed his expectation "
                     "that the buffer zone would contribute to peace.")
    found = by_trigger(statements)
    assert found["Noting"].optional and not found["expressed"].optional


def test_strength_scale_and_hedges():
    found = by_trigger(run("The two sides decided to relocate the headquarters. The two sides noted the "
                           "report. Both sides pledged to seek ways to expand such efforts as appropriate."))
    assert found["decided"].strength > found["pledged"].strength > found["noted"].strength
    assert "as appropriate" in found["pledged"].hedges


def test_deadlines_resolve_relative_to_the_meeting():
    found = {d.text: d.date for d in find_deadlines(
        "complete it by the end of 2021, review it next year and act expeditiously", 0, "2019-11-15")}
    assert found["by the end of 2021"] == "2021-12-31"
    assert found["next year"] == "2020-12-31"
    assert found["expeditiously"] is None
    spans = {d.text: d.date for d in find_deadlines(
        "report within six months, act within 90 days and invest over the next five years, for two years", 0, "2031-03-14")}
    assert spans == {"within six months": "2031-09-30", "within 90 days": "2031-06-12",
                     "over the next five years": "2036-03-31"}  # "for two years" is a duration
    events = find_deadlines("update NDCs by COP26 and report before the next SCM", 0, "2021-09-24")
    assert [(d.text, d.date) for d in events] == [("by COP26", None), ("before the next SCM", None)]
    ours = find_deadlines("report back by our next meeting and finish in time for the next summit", 0, "2021-09-24")
    assert [d.text for d in ours] == ["by our next meeting", "in time for the next summit"]
    lower = find_deadlines("develop a roadmap by the next summit, as noted by the meeting", 0, "2031-03-14")
    assert [d.text for d in lower] == ["by the next summit"]  # "next" makes it a time, not an agent
    year_end = {d.text: d.date for d in find_deadlines(
        "sign it before the end of the year, report no later than the end of the year and pay by year-end", 0, "2031-03-14")}
    assert year_end == {"before the end of the year": "2031-12-31", "no later than the end of the year": "2031-12-31",
                        "by year-end": "2031-12-31"}
    assert find_deadlines("the end of the year saw progress", 0, "2031-03-14") == []  # no time limit


def test_deadlines_of_decades_quarters_spans_and_fiscal_years():
    found = {d.text: d.date for d in find_deadlines(
        "phase out coal by the mid-2030s, reach the goal within a decade, fund it over three years, report "
        "by the end of the first quarter of 2032 and by Q3 2031; unchanged for over five years, the first "
        "time in over three years; as in the 1990s", 0, "2031-03-14")}
    assert found == {"by the mid-2030s": "2035-12-31", "within a decade": "2041-03-31",
                     "over three years": "2034-03-31", "by the end of the first quarter of 2032": "2032-03-31",
                     "by Q3 2031": "2031-09-30"}  # "over" after "for" or "in" is "more than"; the 1990s are past
    assert [d.date for d in find_deadlines("by the end of the decade", 0, "2031-03-14")] == ["2039-12-31"]
    # a fiscal year ends by its country's convention; with no single known actor, at the year's end
    assert [d.date for d in find_deadlines("double the budget by FY2027", 0, "2025-03-14", ["JPN"])] == ["2028-03-31"]
    assert [d.date for d in find_deadlines("by fiscal year 2027", 0, "2025-03-14", ["USA"])] == ["2027-09-30"]
    assert [d.date for d in find_deadlines("in fiscal year 2026-27", 0, "2025-03-14", ["IND"])] == ["2027-03-31"]
    assert [d.date for d in find_deadlines("by FY2027", 0, "2025-03-14", ["JPN", "USA"])] == ["2027-12-31"]
    assert [d.date for d in find_deadlines("Japan's commitment to building capabilities by FY 2027", 0, "2025-03-14",
                                           ["USA"])] == ["2028-03-31"]  # Japan's fiscal year, welcomed by the U.S.
    statement = run("Japan intends to double its defense budget by fiscal year 2027.",
                    DocumentMeta(parties=["JPN", "USA"], date="2025-03-14"))[0]
    assert statement.actors == ["JPN"] and [d.date for d in statement.deadlines] == ["2028-03-31"]


def test_the_body_that_meets_speaks_for_its_parties():
    meta = DocumentMeta(parties=["JPN", "USA"], date="2031-03-14", title="Joint Statement of the Security Consultative Committee")
    found = by_trigger(run("The SCC reaffirmed its commitment to implement the Guidelines. The Committee welcomed "
                           "the progress. The Security Council must act on the resolution.", meta))
    assert found["reaffirmed"].actors == ["JPN", "USA"] and found["reaffirmed"].commitment
    assert found["welcomed"].actors == ["JPN", "USA"]
    assert "act" not in found  # a council the title does not name is someone else


def test_a_roman_numbered_heading_run_on_after_a_sentence():
    found = by_trigger(run("The Ministers agreed on the point. II. The Regional Strategic Environment The Ministers "
                           "condemned in the strongest terms the recurring provocations."))
    assert found["condemned"].sentence.startswith("The Ministers condemned")
    assert found["condemned"].actors == ["KOR", "USA"]


def test_a_prefixed_verb_is_one_word_and_its_base_act():
    found = by_trigger(run("We re-emphasize our strong support for the agreement and Re-affirmed the plan."))
    assert found["re-emphasize"].act == "emphasize" and found["re-emphasize"].strength == 3
    assert found["Re-affirmed"].act == "reaffirm"
    assert "re" not in found
    pledged = by_trigger(run("The two sides re-committed to complete the review by 2027."))
    assert pledged["re-committed"].commitment and pledged["re-committed"].act == "recommit"
    assert run("The Minister and the Secretary co-hosted the meeting in Seoul.") == []  # narration, as "hosted"


def test_a_participle_after_its_noun_is_not_a_coordinated_act():
    found = by_trigger(run("Both sides reaffirm their commitment to the Investment Pledge agreed at the 2014 Summit."))
    assert set(found) == {"reaffirm"}
    found = by_trigger(run("We welcome the cessation of hostilities agreed in March and call for its full implementation."))
    assert set(found) == {"welcome", "call"}  # the act after the participle is still the speakers'


def test_a_list_of_named_leaders_parsed_as_two_subjects():
    meta = DocumentMeta(parties=["AUS", "GBR", "USA"], date="2023-03-13")
    [s] = run("President Biden, Prime Minister Albanese, and Prime Minister Sunak announced today the pathway.", meta)
    assert s.actors == ["AUS", "GBR", "USA"]


def test_chair_statement_style_the_meeting_and_directives_to_own_officials():
    meta = DocumentMeta(parties=["IDN", "MYS", "SGP", "THA"], date="2031-05-10", title="Chairman's Statement of the 9th Summit")
    noted = by_trigger(run("The Meeting noted the progress of the new member's roadmap and encouraged it to implement the plan.", meta))
    assert noted["noted"].actors == noted["encouraged"].actors == ["IDN", "MYS", "SGP", "THA"]
    tasked = by_trigger(run("We reaffirmed our commitment to the Community Vision and tasked our Ministers to develop a new one.", meta))
    assert tasked["tasked"].commitment and "tasked" not in tasked["reaffirmed"].content
    assert run("The Meeting was held in Jakarta under the chairmanship of Indonesia.", meta) == []  # narration


def test_verbs_sharing_one_to_under_a_pledge_are_its_content():
    [commit] = run("We commit to pursue and encourage efforts to triple renewable capacity by 2030.", QUAD)
    assert commit.trigger == "commit" and commit.deadlines[0].date == "2030-12-31"
    assert [s.trigger for s in run("We task our Ministers to continue the work and report back to us.", QUAD)] == ["task"]
    # a directive to others is no pledge: what follows it is still the speakers' own act
    assert set(by_trigger(run("We call on the partners to join us and reaffirm our support for the plan.", QUAD))) == {
        "call", "reaffirm"}


def test_a_second_act_the_parser_hung_inside_the_first():
    purpose = by_trigger(run("We agree to work together to improve the situation and commit to continue facilitating aid."))
    assert purpose["commit"].commitment and purpose["agree"].commitment  # two acts, not one
    noun = by_trigger(run("The two Presidents appreciate the accomplishments of the Alliance and pledge to continue building on it."))
    assert noun["pledge"].commitment and not noun["appreciate"].commitment
    assert set(by_trigger(run("The two sides welcomed the report and their pledge to continue the work."))) == {"welcomed"}
    assert set(by_trigger(run("We agreed to develop the plan and commit resources to it."))) == {"agreed"}  # its content


def test_conditions():
    assert find_conditions("to provide bridging capabilities until the ROK acquires these capabilities") == [
        "until the ROK acquires these capabilities"]


def test_conditions_and_hedges_written_before_the_content():
    found = by_trigger(run("Provided that funding is available, the two sides will expand the program. "
                           "If the DPRK takes concrete steps, the two sides are prepared to ease sanctions. "
                           "The two sides will, where appropriate, coordinate their positions. "
                           "We intend, subject to domestic procedures, to sign the agreement by 2031. "
                           "We once again condemn the attack. "
                           "While we recognize that approaches may vary, we will work together. "
                           "Twenty years after the war, when the allies first met, we continue to train together."))
    assert found["expand"].conditions == ["Provided that funding is available"]
    assert found["prepared"].conditions == ["If the DPRK takes concrete steps"]
    assert found["coordinate"].hedges == ["where appropriate"] and found["coordinate"].strength < 5
    assert found["intend"].conditions == ["subject to domestic procedures"]  # ends at the comma
    assert found["condemn"].conditions == []  # "once again" is no condition
    assert found["work"].hedges == []  # "may" belongs to a clause of its own
    assert found["continue"].conditions == []  # a past event is no condition


def test_a_participle_after_a_report_is_the_reports():
    found = run("The two sides endorsed the Progress Report of the Working Group, reporting on commitments to "
                "strengthen health systems. They welcomed the plan, noting that much remains to be done.")
    assert [s.trigger for s in found] == ["endorsed", "welcomed", "noting"]


def test_a_time_limit_fronted_on_the_act():
    found = by_trigger(run("By the end of 2021, we intend to share missile warning data. In 2020, the two sides "
                           "welcomed the report. Before the next SCM, we will complete the review. Emphasizing the "
                           "need to reach net zero by 2050, we reaffirm our goals."))
    assert [(d.text, d.date) for d in found["intend"].deadlines] == [("By the end of 2021", "2021-12-31")]
    assert found["welcomed"].deadlines == []  # when something happened, not a time limit
    assert [d.text for d in found["complete"].deadlines] == ["Before the next SCM"]
    assert found["reaffirm"].deadlines == []  # the deadline of another clause


def test_agreements_normalised_across_spellings():
    a = canonical_name("Panmunjom Declaration on Peace, Prosperity, and Reunification of the Korean Peninsula")
    b = canonical_name("Panmunjeom Declaration for Peace, Prosperity and Unification of the Korean Peninsula")
    assert a == b == "Panmunjom Declaration"
    assert canonical_name("the U.S.-ROK Mutual Defense Treaty") == "Mutual Defense Treaty"


def test_glossary_resolves_acronyms_across_documents():
    first = Document("a.txt", None, "", "The Security Consultative Meeting (SCM) met. They agreed on "
                     "wartime operational control (OPCON) and the Comprehensive Military Agreement (CMA).")
    second = Document("b.txt", None, "", "The two sides pledged to implement the CMA fully.",
                      meta=KOR_USA)
    terms = {e.acronym: e.expansion for e in find_definitions(first)}
    assert terms == {"SCM": "Security Consultative Meeting", "OPCON": "operational control",
                     "CMA": "Comprehensive Military Agreement"}
    glossary = build_glossary([first, second])
    [statement] = extract_document(second, glossary).statements
    assert statement.agreements == ["Comprehensive Military Agreement"]
    assert Glossary().expand("SCM") is None


def test_short_name_definitions():
    doc = Document("a.txt", None, "", "implementation of the Panmunjom Declaration on Peace, Prosperity, "
                   "and Reunification of the Korean Peninsula (Panmunjom Declaration), and more.")
    [entry] = find_definitions(doc)
    assert entry.acronym == "Panmunjom Declaration"
    assert entry.expansion.startswith("Panmunjom Declaration on Peace")


def test_custom_taxonomy(tmp_path):
    path = tmp_path / "topics.md"
    path.write_text("| label | covers |\n| --- | --- |\n| fisheries | fish, fishing, oceans |\n"
                    "| shipping | ports, shipping, maritime |\n")
    result = pledgetrack.extract("The two sides pledged to protect fishing grounds in 2025.\n",
                                 taxonomy=path, date="2024-01-01")
    assert result.statements[0].topics == ["fisheries"]
    assert load_taxonomy(path).labels == ("fisheries", "shipping")


def test_british_spellings_match_american_cues(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[budget]\ncovers = "defense budgets"\ncues = ["defense spending", "modernization"]\n'
                    '[other]\ncovers = "anything else"\ncues = ["fisheries"]\n')
    result = pledgetrack.extract("The two sides pledged to raise defence spending.\n\nThey agreed on the modernisation "
                                 "of the fleet.\n\nThey welcomed the fisheries talks.\n", taxonomy=path, date="2024-01-01")
    assert [s.topics for s in result.statements] == [["budget"], ["budget"], ["other"]]


def test_a_noun_cue_and_a_label_match_no_verb(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[drills]\ncovers = "military drills"\nnoun_cues = ["exercise"]\n'
                    '[restraint]\ncovers = "restraint"\ncues = ["restraint", "calm"]\n')
    text = ("We will hold a joint exercise in May.\n\nWe will exercise restraint at sea.\n\n"
            "We will keep calm during the drills.\n")
    found = pledgetrack.extract(text, taxonomy=path, date="2024-01-01").statements
    assert [s.topics for s in found][:2] == [["drills"], ["restraint"]]
    assert set(found[2].topics) == {"restraint", "drills"}  # the label as a noun
    # the default taxonomy: "exercise" and the label "exercises" as verbs name no exercises
    [restraint] = run("The two sides will exercise restraint at sea.", TRIO)
    assert "exercises" not in restraint.topics, restraint.topics


def test_a_statement_with_no_topic_signal_takes_the_next_ones(tmp_path):
    path = tmp_path / "topics.md"
    path.write_text("| label | covers |\n| --- | --- |\n| fisheries | fish, fishing |\n| shipping | ports, shipping |\n")
    text = ("We will act together as one.\n\nWe will protect fishing grounds.\n\n"
            "We will open ports to shipping.\n\nWe will build ports.\n\nWe welcomed new shipping lanes and ports.\n")
    first = pledgetrack.extract(text, taxonomy=path, date="2024-01-01").statements[0]
    assert first.topics == ["fisheries"]  # the statement after it, not the document's most frequent topic


def test_offsets_point_into_the_cleaned_text():
    result = pledgetrack.extract("The two sides pledged to hold talks.\n\nThey welcomed the report.\n")
    for s in result.statements:
        assert result.document.text[s.start:s.end] == s.sentence
        assert result.document.text[s.trigger_start:].startswith(s.trigger)


def test_leaders_placed_by_office_and_by_the_text():
    meta = DocumentMeta(parties=["KOR", "USA"], date="2023-04-26")
    statements = run("President Joseph R. Biden, Jr. of the United States and President Yoon Suk Yeol of the "
                     "Republic of Korea met in Washington. President Yoon welcomed the Washington Declaration. "
                     "President Biden pledged to deploy strategic assets. The two Presidents reaffirm their "
                     "commitment to the Alliance. Allies commit to strengthen deterrence.", meta)
    found = by_trigger(statements)
    assert found["welcomed"].actors == ["KOR"]  # "Washington Declaration" names no party
    assert found["pledged"].actors == ["USA"]
    assert found["reaffirm"].actors == ["KOR", "USA"] and found["commit"].actors == ["KOR", "USA"]
    japan = DocumentMeta(parties=["JPN", "USA"], date="2023-01-13")
    found = by_trigger(run("Prime Minister Kishida welcomed the progress. President Biden reiterated the "
                           "unwavering U.S. commitment to the defense of Japan.", japan))
    assert found["welcomed"].actors == ["JPN"] and found["reiterated"].actors == ["USA"]


@pytest.mark.parametrize("sentence, trigger, commitment", [
    ("The United States and Japan also remain committed to advancing trilateral cooperation.", "committed", True),
    ("We remain fully resolved to uphold peace and stability in the region.", "resolved", True),
    ("We are willing to work with all those who share our objective.", "work", True),
    ("We stand ready to support the talks.", "support", True),
    ("We are also worried by the crackdown on the autonomy of the city.", "worried", False),
    ("We affirm that our Alliance remains the cornerstone of peace.", "affirm", False),
])
def test_copular_and_adjectival_acts(sentence, trigger, commitment):
    [statement] = run(sentence, DocumentMeta(parties=["JPN", "USA"], date="2024-04-10"))
    assert (statement.trigger, statement.commitment) == (trigger, commitment)


def test_officials_placed_by_their_own_title_not_by_a_nearby_country():
    meta = DocumentMeta(parties=["JPN", "USA"], date="2023-01-11")
    found = run("Secretary Blinken and Secretary Austin welcomed Japan's new strategy, and Minister Hayashi "
                "and Minister Hamada expressed appreciation. It was agreed that the next meeting would be "
                "held in 2024.", meta)
    assert [(s.trigger, s.actors) for s in found] == [
        ("welcomed", ["USA"]), ("expressed", ["JPN"]), ("agreed", ["JPN", "USA"])]


def test_agreements_split_on_and_and_cut_to_their_short_form():
    assert find_agreements("the U.S.-ROK Mutual Defense Treaty and the Armistice Agreement") == [
        "Mutual Defense Treaty", "Armistice Agreement"]
    assert find_agreements("the UN Framework Convention on Climate Change and the Paris Agreement") == [
        "UN Framework Convention", "Paris Agreement"]


def test_acronym_long_form_does_not_start_on_a_function_word():
    doc = Document("a.txt", None, "", "the Japan-U.S. Acquisition and Cross-Servicing Agreement (ACSA) and "
                   "the 2016 Crisis Management Memorandum of Agreement (CM MOA).")
    assert {e.acronym: e.expansion for e in find_definitions(doc)} == {
        "ACSA": "Acquisition and Cross-Servicing Agreement",
        "CM MOA": "Crisis Management Memorandum of Agreement"}


@pytest.mark.parametrize("sentence, expected", [
    ("We welcome the commitments already made by some members to increase climate finance.", False),
    ("Both sides praised the ROK's dedication and contribution to global security.", False),
    ("They acknowledged the constructive commitments made during the three summits.", False),
    ("We reaffirm our interest in continuing our engagement with the Blue Dot Network.", True),
    ("We recognize that our shared futures will be written in the Indo-Pacific.", False),
    ("Minister Song explained that the agreements will be faithfully implemented.", True),
    ("The two sides concurred in the important role that the training had played in maintaining readiness.", False),
])
def test_commitment_is_the_actors_own(sentence, expected):
    [statement] = run(sentence)
    assert statement.commitment is expected


def test_readout_style_subjects_and_narration():
    text = ("In line with the Washington Declaration, the national security authorities of the United States "
            "(U.S.) and the Republic of Korea (ROK) launched the inaugural meeting of the NCG on July 18, 2023. "
            "Defense and foreign affairs officials took part in the meeting. Both sides committed to promptly "
            "executing these workstreams, and to report progress to the presidents. Our countries retain the "
            "freedom to take all appropriate actions.")
    found = run(text, DocumentMeta(parties=["KOR", "USA"], date="2023-07-18"))
    assert [(s.trigger, s.actors, s.commitment) for s in found] == [
        ("launched", ["KOR", "USA"], False), ("committed", ["KOR", "USA"], True), ("retain", ["KOR", "USA"], False)]


def test_office_holders_known_when_the_text_does_not_say():
    meta = DocumentMeta(parties=["KOR", "USA"], date="2022-05-21")
    found = run("President Yoon and President Biden recognize the importance of the Alliance. "
                "President Yoon also welcomed the U.S. Indo-Pacific Strategy.", meta)
    assert [s.actors for s in found] == [["KOR", "USA"], ["KOR"]]
    japan = DocumentMeta(parties=["JPN", "USA"], date="2021-04-16")
    found = run("The alliance supports forces in Japan.\n\nPresident Biden and Prime Minister Suga exchanged views.", japan)
    assert found[-1].actors == ["JPN", "USA"]  # "Japan." ends a sentence: it is no title of Biden


def test_an_agent_is_no_event_deadline():
    assert find_deadlines("to be acquired by the ROK", 0, "2021-12-02") == []


def test_first_person_singular_in_one_leaders_statement():
    found = run("I welcome the progress made by our two countries. I will continue to work closely with "
                "President Yoon.", DocumentMeta(parties=["USA"], date="2023-04-26"))
    assert [(s.trigger, s.actors, s.commitment) for s in found] == [
        ("welcome", ["USA"], False), ("continue", ["USA"], True)]


def test_pipeline_is_registered_components_with_results_on_extensions():
    from pledgetrack.nlp.pipeline import COMPONENTS, get_pipeline
    nlp = get_pipeline()
    assert all(name in nlp.pipe_names for name in COMPONENTS)
    assert nlp.get_pipe_meta("pledgetrack_hedges").default_config == {"patterns": "hedges.toml"}


def test_the_month_may_is_no_hedge():
    found = by_trigger(run("The two sides recalled that the talks began in May 2019. "
                           "The two sides noted that the ROK may acquire the system."))
    assert found["recalled"].hedges == []
    assert found["noted"].hedges == ["may"]


G7 = DocumentMeta(parties=["CAN", "DEU", "EU", "FRA", "GBR", "ITA", "JPN", "USA"], date="2030-06-01")


def test_acts_listed_under_a_bare_subject_and_lettered_items():
    text = ("1. The Ministers:\n\n"
            "• welcomed the growing defence cooperation between the two countries;\n\n"
            "• agreed to conduct a bilateral maritime exercise in 2032;\n\n"
            "• noted the progress on the trade agreement.\n\n"
            "2. The two countries will:\n\n"
            "(a) expand cooperation on critical minerals;\n\n"
            "(b) establish a joint working group on cyber security; and\n\n"
            "(c) hold the next dialogue in Seoul.\n")
    found = by_trigger(run(text))
    assert set(found) == {"welcomed", "agreed", "noted", "expand", "establish", "hold"}
    assert all(s.actors == ["KOR", "USA"] for s in found.values())
    assert found["agreed"].commitment and found["agreed"].deadlines[0].date == "2032-12-31"
    assert not found["welcomed"].commitment and not found["noted"].commitment
    assert all(found[v].commitment for v in ("expand", "establish", "hold"))
    assert found["expand"].sentence.startswith("expand cooperation")  # the "(a)" mark is no part of it
    roman = by_trigger(run("We will:\n\n(i) expand space cooperation;\n\n(ii) hold the next dialogue in Seoul; and\n\n"
                           "c) establish a working group.\n"))
    assert set(roman) == {"expand", "hold", "establish"}  # "(ii)" and "c)" marks are cut like "(i)"


def test_bullets_under_a_lead_in_are_items_of_its_statement():
    text = ("We are resolved to act together with our partners to:\n\n"
            "- expand rural broadband networks by 2032;\n"
            "- double support for river clean-up projects unless prices collapse;\n"
            "- In farming, we will phase out harmful pesticides.\n\n"
            "We welcomed the report.\n")
    found = run(text, G7)
    lead = by_trigger(found)["resolved"]
    assert lead.act == "resolve" and lead.commitment
    assert [i.content for i in lead.items] == ["expand rural broadband networks by 2032",
                                               "double support for river clean-up projects unless prices collapse"]
    first, second = lead.items
    assert first.deadlines[0].date == "2032-12-31" and first.commitment and first.actors == lead.actors
    assert second.conditions == ["unless prices collapse"]
    assert text[first.start:first.end] == first.content
    assert "phase" in by_trigger(found)  # a bullet with its own subject is a statement, no item
    assert by_trigger(found)["welcomed"].items == []


def test_bullets_under_a_subject_without_an_act_are_its_acts():
    text = "We will:\n\n- deepen cooperation on flood warning;\n- launch a fund for coastal towns.\n"
    found = run(text, G7)
    assert [(s.trigger, s.commitment, s.actors) for s in found] == [
        ("deepen", True, G7.parties), ("launch", True, G7.parties)]


def test_bullets_under_will_start_with_their_verb_however_tagged():
    text = ("We will:\n• double support for river clean-up projects;\n• further develop the flood-warning network;\n"
            "• better coordinate food aid.\n")
    found = run(text, G7)
    assert [(s.trigger, s.commitment) for s in found] == [("double", True), ("develop", True), ("coordinate", True)]
    assert found[0].content == "support for river clean-up projects"


def test_coordinated_objects_are_one_pledge_and_verbs_after_a_colon_are_items():
    [nouns] = run("We commit to increase funding for clinics, nurses and rural vaccines.", G7)
    assert nouns.commitment and nouns.items == []  # one verb with three objects: one pledge
    [verbs] = run("We commit to: increase funding for clinics, strengthen vaccine supply chains, and support rural nurses.", G7)
    assert [i.content for i in verbs.items] == ["increase funding for clinics", "strengthen vaccine supply chains",
                                                "support rural nurses"]


def test_steps_announced_by_a_lead_in_are_pledged():
    text = "We are taking practical steps to:\n\n- train border officials;\n- share satellite data.\n"
    [lead] = run(text, G7)
    assert lead.commitment and len(lead.items) == 2 and all(i.commitment for i in lead.items)
    assert lead.strength == 5


def test_an_act_that_commits_with_an_infinitive_pledges_the_bullets_it_leads_in():
    """ "agreed to:" commits only with what follows: bullets of things to do (lettered or not) are
    pledged; "look forward to:" a list of things is no pledge."""
    text = ("The Ministers agreed to:\n(a) open a joint fisheries research centre by 2033;\n"
            "(b) expand coastal patrols in the northern waters.\n\n"
            "The Ministers look forward to:\n- the opening of the new harbour;\n- the visit of the coastal patrol fleet.\n")
    found = by_trigger(run(text))
    agreed = found["agreed"]
    assert agreed.commitment and [(i.content, i.commitment) for i in agreed.items] == [
        ("open a joint fisheries research centre by 2033", True), ("expand coastal patrols in the northern waters", True)]
    assert not found["look"].commitment


def test_an_inline_lettered_list_leaves_its_marks_out_of_the_items():
    [s] = run("The Ministers decided to: (a) open a joint fisheries research centre; (b) expand coastal patrols.")
    assert [i.content for i in s.items] == ["open a joint fisheries research centre", "expand coastal patrols"]


def test_inline_list_after_a_colon_is_items():
    [s] = run("We commit to: increase funding for clinics by 2031; strengthen vaccine supply chains; "
              "and support nurses in rural areas.", G7)
    assert [i.content for i in s.items] == ["increase funding for clinics by 2031",
                                            "strengthen vaccine supply chains", "support nurses in rural areas"]
    assert s.items[0].deadlines[0].date == "2031-12-31" and all(i.commitment for i in s.items)


@pytest.mark.parametrize("sentence, act", [
    ("We are committed to a stable region.", "commit"),
    ("We are determined to end hunger.", "determine"),
    ("We emphasise the role of parliaments.", "emphasize"),
    ("We recognise the work of volunteers.", "recognize"),
])
def test_acts_are_normalised(sentence, act):
    [s] = run(sentence, G7)
    assert s.act == act


def test_narration_verbs_are_no_acts():
    found = run("The leaders arrived in Ottawa on Monday. The delegations departed after the talks. "
                "We, the leaders, met in Ottawa. We do so in a time of change.", G7)
    assert found == []


NORDIC = DocumentMeta(parties=["FIN", "SWE"], date="2031-03-01")
TRIO = DocumentMeta(parties=["AUS", "GBR", "USA"], date="2031-03-01")


@pytest.mark.parametrize("sentence, meta, trigger, actors, commitment", [
    ("Finland is fully committed to the shared programme.", NORDIC, "committed", ["FIN"], True),
    ("Our nations are committed to open sea lanes.", NORDIC, "committed", ["FIN", "SWE"], True),
    ("Finland and Sweden will remain close partners in the Baltic.", NORDIC, "remain", ["FIN", "SWE"], False),
    ("Australia, United Kingdom and United States plan to begin joint patrols.", TRIO, "plan",
     ["AUS", "GBR", "USA"], True),
    ("Australian military personnel will train alongside British crews.", TRIO, "train", ["AUS"], True),
    ("Prime Minister Halvorsen of Norway and President Okafor of Nigeria pledged to expand trade.",
     DocumentMeta(parties=["NGA", "NOR"]), "pledged", ["NGA", "NOR"], True),
])
def test_parties_of_any_alliance(sentence, meta, trigger, actors, commitment):
    [s] = run(sentence, meta)
    assert (s.trigger, s.actors, s.commitment) == (trigger, actors, commitment)


def test_a_thing_and_third_parties_are_no_actors():
    found = run("We signed the Harbour Accord. The Harbour Agreement between Australia and the United "
                "Kingdom, which will strengthen port security, enters into force soon. "
                "All parties must refrain from attacks on civilian shipping.", TRIO)
    assert [s.trigger for s in found] == ["signed"]


def test_a_bare_title_is_placed_only_by_the_parties_governments():
    assert run("The Secretary welcomed the decision.", DocumentMeta(parties=["GBR", "USA"]))[0].actors == []
    assert run("The Minister welcomed the decision.", DocumentMeta(parties=["AUS", "USA"]))[0].actors == ["AUS"]


def test_subset_of_the_members_is_flagged():
    [s] = run("Those members that are parties to the convention will report on their progress.", G7)
    assert s.subset and s.actors == G7.parties and s.confidence <= 0.5
    [everyone] = run("The members will expand their fleets.", G7)
    assert not everyone.subset


@pytest.mark.parametrize("sentence, meta, actors, subset", [
    ("For those members that ratified the pact, we will publish yearly reports.", G7, G7.parties, True),
    ("Some of us will send hospital ships.", G7, G7.parties, True),
    ("Those of us that ratified the pact commit to publish yearly reports.", G7, G7.parties, True),
    ("Those members party to the pact will champion its ratification.", G7, G7.parties, True),
    ("Those members that burn coal, namely Germany and Japan, will close their plants by 2040.", G7, ["DEU", "JPN"], False),
    ("Members that ratified the pact (Canada, France and Japan) commit to publish yearly reports.", G7,
     ["CAN", "FRA", "JPN"], False),
    ("France, Germany and Italy, which host the fleets, commit to expand their ports.", G7, ["DEU", "FRA", "ITA"], False),
    ("The European members will expand their fleets.", G7, ["DEU", "EU", "FRA", "GBR", "ITA"], False),
    ("The Asian members of our group will host the talks.", QUAD, ["IND", "JPN"], False),
    ("The European members will host the talks.", QUAD, QUAD.parties, True),  # none of the parties is European
    ("For those in need, we will provide food.", G7, G7.parties, False),
])
def test_subsets_resolved_to_the_members_the_text_names(sentence, meta, actors, subset):
    [s] = run(sentence, meta)
    assert (s.actors, s.subset) == (actors, subset)
    assert s.commitment


@pytest.mark.parametrize("sentence, acts", [
    ("All states must refrain from the threat or use of force.", False),
    ("All sides should exercise restraint in the strait.", False),
    ("All countries bordering Russia should strengthen their air defences.", False),
    ("All G7 members must ensure that export rules are met.", True),
    ("All Allies must reach the spending guideline.", True),
    ("All of us must do more to end hunger.", True),
])
def test_others_obligations_are_no_acts_of_the_parties(sentence, acts):
    assert bool(run(sentence, G7)) is acts


def test_resolve_is_no_condition_and_a_named_statement_no_deadline():
    [s] = run("We will defend the islands for as long as it takes, as set out in the June 2029 Joint "
              "Statement, and report by June 2032.", TRIO)
    assert s.conditions == [] and s.strength == 5
    assert [d.text for d in s.deadlines] == ["by June 2032"]


def test_confidence_is_lower_for_unplaced_or_weaker_readings():
    found = by_trigger(run("We pledge to plant forests. The Secretary welcomed the report.",
                           DocumentMeta(parties=["GBR", "USA"])))
    assert found["pledge"].confidence > found["welcomed"].confidence


@pytest.mark.parametrize("sentence, expected, not_expected", [
    ("We will deliver conventionally-armed submarines to the navy by 2035.", "capabilities", "exercises"),
    ("We will expand our shipyards and strengthen the industrial base for munitions.", "defense_industry", "technology"),
    ("We reaffirm our commitment to nuclear non-proliferation and IAEA safeguards.", "global_security", "alliance"),
    ("We will cooperate on quantum computing and semiconductors for our economies.", "technology", "science_technology"),
    ("We will focus on a just energy transition away from coal.", "climate_energy", "opcon"),
    ("We shall intensify efforts to combat transnational crime, including trafficking in persons.", "global_security",
     "climate_energy"),
    ("We reaffirm our commitment to defend each other, as set out in Article 5 of the Treaty.", "deterrence",
     "cost_sharing"),
])
def test_topic_cues_match_whole_words_and_lemmas(sentence, expected, not_expected):
    [s] = run(sentence, TRIO)
    assert expected in s.topics and not_expected not in s.topics, s.topics


@pytest.mark.parametrize("sentence", [
    "We will keep adapting to the changing strategic environment of the region.",
    "The allies reaffirmed their resolve in the current security environment.",
    "We will foster a healthy working environment for our diplomats.",
])
def test_an_environment_that_is_no_natural_one_is_no_climate_topic(sentence):
    [s] = run(sentence, TRIO)
    assert "climate_energy" not in s.topics, s.topics


def test_the_natural_environment_is_a_climate_topic():
    [s] = run("We will protect the marine environment of the Pacific from plastic waste.", TRIO)
    assert "climate_energy" in s.topics, s.topics


def test_acronym_cues_match_only_as_written():
    tax = load_taxonomy()
    assert "FOC" in tax.cues and "foc" not in tax.cues
    [s] = run("The two sides will focus on the stem of the problem.")
    assert "opcon" not in s.topics


def test_classifier_votes_join_the_cues():
    from collections import Counter

    from pledgetrack.nlp.topic_model import TopicModel, load_topic_model
    from pledgetrack.nlp.topics import choose_topics
    model = TopicModel(bias={"health": -2.0, "space": -2.0}, weights={"clinic": {"health": 3.0}})
    learnt = model.probabilities({"clinic", "rural"})
    assert learnt["health"] > 0.7 > learnt["space"]
    tax = load_taxonomy()
    assert choose_topics(tax, Counter(), Counter(), ["alliance"], learnt) == ["health"]  # no cue: the vote
    assert choose_topics(tax, Counter({"space": 3}), Counter(), [], learnt) == ["space"]  # cues outweigh
    assert set(load_topic_model().bias) <= set(tax.labels)  # the packaged model knows the default labels


def test_party_prefixes_of_any_country_leave_agreement_names():
    assert canonical_name("the Australia-UK Defence Cooperation Agreement") == "Defence Cooperation Agreement"
    assert canonical_name("Philippines-U.S. Mutual Defense Treaty") == canonical_name("U.S.-ROK Mutual Defense Treaty")
    assert canonical_name("Finland Declaration") == "Finland Declaration"  # a name, not a prefix


@pytest.mark.parametrize("sentence, trigger, commitment", [
    ("The Minister and the Secretary were briefed on the exercise plan and decided to expand it.", "decided", True),
    ("The two sides reaffirmed that any attack on their territory will be defeated.", "reaffirmed", True),
    ("The Minister noted that the ROK is seeking to acquire new tankers.", "noted", True),
    ("They noted that the return of the depot is planned for 2031.", "noted", True),
    ("Both sides determined that the border accord should be preserved.", "determined", False),
    ("The Secretary restated the long-held policy that any attack on the islands will be repelled.", "restated", True),
    ("The Minister conveyed that the ROK is seeking to acquire two tankers.", "conveyed", True),
    ("The Minister conveyed his condolences to the families.", "conveyed", False),
    ("The two sides lauded the coast guards for their rescue work.", "lauded", False),
    ("The Minister reiterated that the ROK military is to continue to acquire new tankers.", "reiterated", True),
    ("The Minister noted that the threat is to grow in the coming years.", "noted", False),
    ("The Secretary stressed that the goal is to build trust.", "stressed", False),
    ("The two sides concurred that it is crucial to conclude the cost-sharing talks soon.", "concurred", False),
])
def test_commitments_read_from_the_content(sentence, trigger, commitment):
    found = by_trigger(run(sentence))
    assert found[trigger].commitment is commitment
    if trigger == "decided":
        assert "briefed" in found and not found["briefed"].commitment  # people briefed: an act, no pledge


def test_coordinated_pledges_of_one_act_are_its_items():
    [s] = run("We commit to increase funding for clinics by 2031 and to strengthen vaccine supply chains.", G7)
    assert [(i.content, [d.date for d in i.deadlines]) for i in s.items] == [
        ("to increase funding for clinics by 2031", ["2031-12-31"]), ("to strengthen vaccine supply chains", [])]
    [welcome] = run("We welcome efforts to increase funding and to strengthen supply chains.", G7)
    assert welcome.items == []  # no pledge, no discrete commitments


def test_a_things_passive_and_its_conjuncts_are_no_acts():
    found = run("Our partnership has been tested by storms and strengthened by trust. We will deepen it.", G7)
    assert [s.trigger for s in found] == ["deepen"]


def test_other_countries_are_not_the_parties():
    found = run("We are committed to ensuring developing countries are not left behind. "
                "Like-minded partners will join the fund. The parties to the dispute must respect the ceasefire. "
                "Our two countries will lead it. We wish them well.", TRIO)
    assert [(s.trigger, s.commitment) for s in found] == [("committed", True), ("lead", True), ("wish", False)]


def test_an_act_before_a_things_clause_is_found():
    found = run("We agreed on a road map; the first phase will be completed by 2032.", TRIO)
    assert [s.trigger for s in found] == ["agreed"]


def test_present_narration_and_a_third_partys_it_are_no_acts():
    found = run("Today we convene in Canberra for our fifth meeting. We stand with Moldova as it defends its "
                "borders. Our partnership applies to the seabed too. We will convene again in 2032.", TRIO)
    assert [(s.trigger, s.commitment) for s in found] == [("stand", False), ("convene", True)]


def test_a_series_of_acts_after_a_that_clause_belongs_to_the_reporting_verb():
    found = run("The Minister noted that the Pacific is the Ministry's first priority, reaffirmed the firm "
                "commitment of Canada to the defense of Chile, and reiterated the commitment to keep current "
                "force levels.", DocumentMeta(parties=["CAN", "CHL"]))
    assert [(s.trigger, s.commitment) for s in found] == [("noted", False), ("reaffirmed", True),
                                                           ("reiterated", True)]
    assert found[0].content == "that the Pacific is the Ministry's first priority"
    # a series of gerunds in a clause stays its content
    [share] = run("We share key priorities including protecting, supporting and creating decent jobs.", TRIO)
    assert share.trigger == "share"


def test_an_ability_after_a_relative_clause_is_the_clauses_not_the_speakers():
    found = run("We seek an ocean where no navy dominates—one where all coastal states are free from pressure, "
                "and can exercise their rights to fish.", TRIO)
    assert [s.trigger for s in found] == ["seek"]
    found = run("We support the coastal states and can provide training to their crews.", TRIO)
    assert [s.trigger for s in found] == ["support", "provide"]


def test_an_action_verb_in_a_pledged_list_is_content():
    found = run("The two sides pledge to maintain readiness, enhance training, and update the plans.")
    assert [s.trigger for s in found] == ["pledge"]


def test_a_sentence_the_parser_splits_inside_a_list_is_mended():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from pledgetrack.nlp.sentences import sentences
    words = ["We", "fund", "tools", "to", "Detect", ",", "and", "Defeat", "drones", ".", "They", "agreed", "."]
    starts = [True, False, False, False, False, False, False, True, False, False, True, False, False]
    pos = ["PRON", "VERB", "NOUN", "PART", "VERB", "PUNCT", "CCONJ", "VERB", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT"]
    doc = Doc(Vocab(), words=words, sent_starts=starts, pos=pos)
    assert [s.text for s in sentences(doc)] == ["We fund tools to Detect , and Defeat drones .", "They agreed ."]


def test_the_two_and_performative_progressives():
    found = by_trigger(run("The two also decided to review the plan. Today we are launching a coastal "
                           "radar network. We are studying the report."))
    assert found["decided"].actors == ["KOR", "USA"] and found["decided"].commitment
    assert found["launching"].commitment and not found["studying"].commitment


@pytest.mark.parametrize("sentence, expected", [
    ("We will continue to support the flood-hit provinces.", [("continue", True)]),
    ("We will stand with the people of the islands.", [("stand", True)]),
    ("We support the reform of the lending rules.", [("support", False)]),  # a position
    ("We rely on the work of the harbour taskforce.", [("rely", False)]),
    ("As we move towards cleaner grids, we underscore the role of storage.", [("underscore", False)]),
    ("We commit to working with Chile and Peru as they assume the chair.", [("commit", True)]),
    ("We unveil the fund, as we inaugurate the fellowship.", [("unveil", True), ("inaugurate", True)]),
    ("The Alliance is committed to ensuring small states are not left behind as markets change.", [("committed", True)]),
    ("The Ministers reaffirmed the two Governments would expand joint use of the ranges.", [("reaffirmed", True)]),
    ("We welcomed the plan, which will be implemented by the agency by 2031.", [("welcomed", False)]),
    ("We seek a sea where no navy bullies another.", [("seek", False)]),  # an aspiration
    ("We seek to open two new consulates.", [("seek", True)]),
    ("Our three nations are united by this vision of open seas.", [("united", False)]),
    ("We begin 2031 together as the firmest of friends.", [("begin", False)]),
    ("We ask our fisheries ministers to draft a quota plan.", [("ask", True)]),  # our own officials
    ("The leaders instructed their transport ministers to meet in May.", [("instructed", True)]),
    ("We ask the regional banks to lend more to farmers.", [("ask", False)]),  # others
    ("We condemn the raids and call on the junta to free the prisoners and seek talks with the opposition.",
     [("condemn", False), ("call", False)]),  # "seek" is the junta's
    ("We urge the regime to respect human rights, allow aid convoys, and resolve the detentions.", [("urge", False)]),
    ("The Ministers concurred on continuing to train harbour pilots.", [("concurred", True)]),
    ("The Ministers agreed on the importance of harbour pilots.", [("agreed", False)]),
    ("The Ministers affirmed their desire to widen the pilot exchange.", [("affirmed", True)]),
    ("The Ministers noted the desire to widen the pilot exchange.", [("noted", False)]),  # whose?
    ("The Ministers confirmed that the funding is to be kept at the 2030 level.", [("confirmed", True)]),
])
def test_acts_and_commitments_on_unseen_styles(sentence, expected):
    found = run(sentence, TRIO)
    assert [(s.trigger, s.commitment) for s in found] == expected
    assert all(s.items == [] for s in found)


def test_headings_run_on_into_the_text_are_cut_off():
    text = ("The Ministers welcomed the drills. Coastal Security (1) Patrols of Australian Waters The Ministers "
            "reaffirmed the two Governments' commitment to joint patrols. (2) Training Ranges The Ministers "
            "decided to open a new range.\n")
    found = run(text, TRIO)
    assert [(s.trigger, s.actors, s.commitment) for s in found] == [
        ("welcomed", TRIO.parties, False), ("reaffirmed", TRIO.parties, True), ("decided", TRIO.parties, True)]
    assert found[1].sentence.startswith("The Ministers reaffirmed")


def test_an_act_reached_by_two_paths_of_the_parse_is_one_statement():
    """"They opposed X, and reiterated Y; they emphasized Z": the first clause is both the root's
    and a clause of "emphasized"; "reiterated" is one statement, with one id."""
    text = ("The ministers opposed any attempt to change the status quo by force, and reiterated their support "
            "for the rules; they emphasized the importance of dialogue.\n")
    statements = pledgetrack.extract(text, date="2022-05-23").statements
    assert [s.trigger for s in statements] == ["opposed", "reiterated", "emphasized"]
    assert len({s.id for s in statements}) == len(statements)


def test_the_speaker_is_the_whole_subject_with_a_clause_that_says_which_but_no_aside():
    """A defining relative clause belongs to who speaks ("Those members that ..."); an aside set off
    by commas does not; neither is cut at its head ("Those members that have not yet")."""
    found = by_trigger(run("Those members that have not yet done so commit to submit national plans by 2032. "
                           "The Secretary, who arrived from Tokyo, pledged to deepen cooperation."))
    # the parser hangs "so" on "commit": the clause still takes it
    assert found["commit"].speaker == "Those members that have not yet done so"
    assert found["pledged"].speaker == "The Secretary"
    found = by_trigger(run("We, the Leaders of the Harbour Council, will open a fisheries centre. "
                           "Italy, Japan, and Canada pledged to fund it.", G7))
    assert found["open"].speaker == "We, the Leaders of the Harbour Council"  # an apposition says who
    assert found["pledged"].speaker == "Italy, Japan, and Canada"


def test_national_circumstances_hedge_a_pledge():
    [s] = run("We commit to phase out coal power by 2035, in line with national circumstances.", G7)
    assert s.hedges == ["in line with national circumstances"] and s.strength == 4


def test_an_agreement_named_from_its_type_word_and_one_named_again_in_short():
    """ "the Declaration on the Conduct of Parties in the Harbour Sea" opens with its type word;
    "the Coastal Charter on Fisheries" is not cut to "Charter on Fisheries"; an acronym's expansion
    that is the tail of a name already found is that agreement again."""
    text = ("They upheld the Declaration on the Conduct of Parties in the Harbour Sea and the Coastal Charter on "
            "Fisheries, and the Northern Digital Trade Framework Agreement (DTFA).")
    glossary = Glossary([GlossaryEntry("DTFA", "Digital Trade Framework Agreement", "a.txt", 0)])
    assert find_agreements(text, glossary) == ["Declaration on the Conduct of Parties in the Harbour Sea",
                                               "Coastal Charter", "Northern Digital Trade Framework Agreement"]
    assert find_agreements("an Agreement on trade in fish") == []


def test_content_keeps_the_bracket_it_opened():
    [s] = run("We will fund five coastal radars through the Maritime Security Initiative (MSI).", G7)
    assert s.content == "five coastal radars through the Maritime Security Initiative (MSI)"
    [t] = run("We will widen the programme for young engineers (see the annex).", G7)
    assert t.content == "the programme for young engineers (see the annex)"


def test_bullets_under_will_start_with_a_verb_tagged_a_noun_or_a_past():
    text = ("We will:\n• launch negotiations on a fisheries agreement;\n• set up a joint task force on ports;\n"
            "• deepen cooperation on raw materials.\n")
    found = run(text, G7)
    assert [(s.trigger, s.commitment) for s in found] == [("launch", True), ("set", True), ("deepen", True)]
    assert found[0].content == "negotiations on a fisheries agreement"


def test_a_heading_in_capitals_is_no_statement():
    found = run("FORTY-FIRST LEADERS MEETING COMMUNIQUÉ\n\nThe Leaders agreed to meet again in 2031.\n", G7)
    assert [s.trigger for s in found] == ["agreed"]


def test_an_event_with_its_year_is_due_by_the_end_of_that_year():
    [spring] = find_deadlines("to agree the framework by the Spring Meetings of 2032", 0, "2030-06-01")
    assert (spring.text, spring.date) == ("by the Spring Meetings of 2032", "2032-12-31")
    [named] = find_deadlines("to report by the 2031 Summit", 0, "2030-06-01")
    assert named.date == "2031-12-31"
    [undated] = find_deadlines("to report by the next Summit", 0, "2030-06-01")
    assert undated.date is None


def test_office_holders_in_the_plural_are_every_party():
    pair = DocumentMeta(parties=["AUS", "IND"], date="2031-03-14")
    for subject in ("The two Prime Ministers", "Both Prime Ministers", "The Prime Ministers", "The two Presidents",
                    "The Foreign Ministers"):
        [s] = run(f"{subject} agreed to hold the annual summit in 2032.", pair)
        assert s.actors == ["AUS", "IND"], subject
    [one] = run("The Prime Minister of India agreed to hold the annual summit in 2032.", pair)
    assert one.actors == ["IND"]


def test_the_attitude_an_act_is_taken_with_is_not_its_content():
    for text, content in [("The leaders noted with concern the situation in the disputed waters.",
                           "the situation in the disputed waters"),
                          ("The Ministers noted with deep concern the continued missile launches.",
                           "the continued missile launches"),
                          ("They welcomed with appreciation the report of the working group.", "the report of the working group"),
                          ("They noted with concern.", "with concern"),  # nothing else to name
                          ("They agreed with the assessment of the panel.", "with the assessment of the panel")]:
        [s] = run(text)
        assert s.content == content, text


def test_the_visitor_after_an_invitation_is_the_speaker_not_the_last_country_named():
    pair = DocumentMeta(parties=["AUS", "IND"], date="2031-03-14")
    [s] = run("At the invitation of the Prime Minister of India, the Prime Minister of Australia paid an official "
              "visit to India on 13-14 March 2031.", pair)
    assert s.actors == ["AUS"] and s.speaker == "the Prime Minister of Australia"


def test_a_past_act_coordinated_with_a_will_pledge_is_a_statement_of_its_own():
    found = by_trigger(run("The two sides will work together to implement the Declaration and agreed to manage "
                           "their differences properly."))
    assert set(found) == {"work", "agreed"} and found["agreed"].content == "to manage their differences properly"
    assert set(by_trigger(run("We will deepen cooperation and set up a joint fund."))) == {"deepen"}  # one pledge


def test_a_month_of_the_meetings_own_year_before_it_is_history_not_a_deadline():
    autumn = DocumentMeta(parties=["KOR", "USA"], date="2031-09-05")
    [held] = run("They decided to build on the exercise conducted in March 2031 and to hold another by December 2031.",
                 autumn)
    assert [d.date for d in held.deadlines] == ["2031-12-31"]


def test_once_as_formerly_is_no_condition():
    assert find_conditions("the meeting held at the village, which once served as a symbol of division") == []
    assert find_conditions("to resume the talks once the other side halts its tests") == ["once the other side halts its tests"]


def test_items_marked_with_a_full_stop_and_a_country_tagged_as_a_common_noun():
    nordic = DocumentMeta(parties=["DNK", "FIN", "ISL", "NOR", "SWE"], date="2031-05-14")
    text = ("3. We agree to:\n\ni. establish a regional defence innovation fund;\nii. hold joint civil preparedness "
            "exercises every two years.\n\n4. Iceland will host the next summit in 2032.\n")
    found = by_trigger(run(text, nordic))
    assert [i.content for i in found["agree"].items] == ["establish a regional defence innovation fund",
                                                         "hold joint civil preparedness exercises every two years"]
    assert found["host"].actors == ["ISL"] and found["host"].commitment
    lettered = by_trigger(run("We will:\n\na. expand space cooperation;\nb. hold the next dialogue in Oslo.\n", nordic))
    assert set(lettered) == {"expand", "hold"}


def test_reflow_keeps_lines_marked_with_roman_numerals_apart(tmp_path):
    from pledgetrack.ingest import load_document
    path = tmp_path / "r.txt"
    path.write_text("Joint Statement\n\nWe agree to:\ni. establish a fund;\nii. hold exercises;\niii. meet again.\n")
    text = load_document(path).text
    assert "fund;\nii. hold exercises;\niii. meet" in text.replace("\n\n", "\n")


def test_a_chairs_summary_body_set_up_by_agreement_and_the_meeting_as_speaker():
    alliance = DocumentMeta(parties=["CHL", "COL", "MEX", "PER"], date="2031-10-22",
                            title="Chair's Summary of the Seventh Pacific Alliance Ministerial Meeting")
    [agreed] = run("It was agreed that a working group on digital trade would be established before the next meeting.",
                   alliance)
    assert agreed.commitment and agreed.actors == alliance.parties
    assert not run("They agreed that the situation will be monitored closely.", alliance)[0].commitment
    [welcome] = run("The meeting welcomed the offer of Chile to host the Eighth Ministerial Meeting in 2032.", alliance)
    assert welcome.act == "welcome" and welcome.actors == alliance.parties
    assert run("The meeting was held in Lima.", alliance) == []


def test_parties_of_a_regional_group_named_in_the_heading():
    from pledgetrack.ingest.parties import find_parties
    assert find_parties("Chair's Summary of the Seventh Pacific Alliance Ministerial Meeting", "", []) == [
        "CHL", "COL", "MEX", "PER"]
    assert find_parties("Joint Communiqué of the Presidents of the States Parties of MERCOSUR", "", [],
                        "2023-06-01") == ["ARG", "BRA", "PRY", "URY"]
    assert "BOL" in find_parties("Joint Communiqué of the Presidents of the States Parties of MERCOSUR", "", [],
                                 "2025-07-01")


def test_as_many_unplaced_office_holders_as_parties_are_one_of_each():
    pair = DocumentMeta(parties=["AUS", "JPN"], date="2031-10-22")
    [s] = run("Prime Minister Tanaka and Prime Minister Wilson reaffirmed their commitment to the partnership.", pair)
    assert s.actors == ["AUS", "JPN"]
    [three] = run("Prime Minister Tanaka, Prime Minister Wilson and President Moreau reaffirmed their commitment.", pair)
    assert three.actors == []  # three office holders for two parties: not placed
    [one] = run("Prime Minister Tanaka welcomed the progress.", pair)
    assert one.actors == []


def test_a_deadline_written_day_first_or_with_its_day_is_due_that_day():
    for text, due in [("to complete the review by 31 December 2031", "2031-12-31"),
                      ("to complete the review by 15 March 2032", "2032-03-15"),
                      ("to complete the review by March 15, 2032", "2032-03-15"),
                      ("to complete the review by the 1st of July 2032", "2032-07-01"),
                      ("to complete the review by December 2031", "2031-12-31")]:
        assert [d.date for d in find_deadlines(text, 0, "2031-06-01")] == [due], text


@pytest.mark.parametrize("mark", ["◦", "▪", "●", "○", "■", "➢", "—", "·", "\uf0b7"])
def test_bullets_of_any_glyph_are_items(mark):
    found = by_trigger(run(f"We will:\n\n{mark} expand space cooperation;\n\n{mark} launch a fund for coastal towns.\n",
                           QUAD))
    assert set(found) == {"expand", "launch"} and found["launch"].sentence.startswith("launch")


def test_reflow_keeps_lines_of_any_bullet_glyph_apart(tmp_path):
    from pledgetrack.ingest import load_document
    path = tmp_path / "b.txt"
    path.write_text("Joint Statement\n\nWe will:\n○ expand space cooperation;\n○ launch a fund\nfor coastal towns.\n")
    text = load_document(path).text.replace("\n\n", "\n")
    assert "cooperation;\n○ launch a fund for coastal towns." in text


def test_central_bank_governors_and_the_presidency_are_the_parties_officials():
    [both] = run("Finance Ministers and Central Bank Governors committed to strengthen the financial system.", G7)
    assert both.actors == G7.parties and both.commitment
    [presidency] = run("The Presidency will convene a meeting on supply chains in 2032.", G7)
    assert presidency.actors == [] and presidency.commitment  # a party, which one the text does not say
    assert run("The Italian Presidency will host the next summit.", G7)[0].actors == ["ITA"]


def test_sharing_something_is_a_deed_sharing_a_view_a_stance():
    assert run("Our governments will share information on maritime threats.", QUAD)[0].commitment
    assert run("We will continue to share vaccines where they are needed.", QUAD)[0].commitment
    assert not run("We will share the view that the situation is serious.", QUAD)[0].commitment
    assert not run("The Ministers shared their concern over the situation.", QUAD)[0].commitment
    chaired = DocumentMeta(parties=["CHL", "PER"], date="2031-10-22", title="Chair's Summary")
    [noted] = run("The Chair noted the views expressed.", chaired)
    assert noted.act == "note" and noted.actors == []  # the chairing party, which the text does not name


def test_no_sentence_ends_at_an_abbreviation():
    statements = run("The leaders agreed to implement Art. 5 of the Treaty and welcomed the report. "
                     "They noted the approx. 5,000 troops deployed and agreed to review the figure.", QUAD)
    assert [s.trigger for s in statements] == ["agreed", "welcomed", "noted", "agreed"]
    found = by_trigger(statements)
    assert found["welcomed"].sentence.startswith("The leaders agreed to implement Art. 5 of the Treaty")
    assert "5,000 troops" in found["noted"].sentence
    two = run("The leaders welcomed the U.S. decision. They agreed to follow suit.", QUAD)
    assert [s.sentence for s in two] == ["The leaders welcomed the U.S. decision.", "They agreed to follow suit."]


def test_an_act_denied_is_no_pledge_a_refusal_pledged_is():
    for text in ("The two sides did not agree to extend the deadline.", "Neither side agreed to the proposal.",
                 "We do not intend to deploy the system."):
        [s] = run(text)
        assert not s.commitment and s.strength == 0, text
    assert run("The two sides agreed not to deploy the system.")[0].commitment  # the content denied
    assert run("The two sides will not pursue the plan.")[0].commitment  # a refusal pledged


def test_numbered_marks_inside_a_sentence():
    [agreed] = run("We agreed to: (1) expand space cooperation; (2) establish a working group; and (3) hold a "
                   "dialogue in 2032.", QUAD)
    assert [i.content for i in agreed.items] == ["expand space cooperation", "establish a working group",
                                                 "hold a dialogue in 2032"]
    [will] = run("We will (i) expand space cooperation, (ii) establish a working group and (iii) hold a dialogue.", QUAD)
    assert will.trigger == "expand" and will.commitment and will.actors == QUAD.parties  # "(i)" is no subject


def test_an_intent_affirmed_with_an_infinitive_is_a_pledge():
    assert run("The Minister and the Secretary affirmed to continue close cooperation.")[0].commitment
    assert run("Both sides reaffirmed to strengthen the Alliance.")[0].commitment
    assert not run("The two sides reaffirmed the need to strengthen cooperation.")[0].commitment


def test_it_after_a_bodys_statement_is_that_body():
    council = DocumentMeta(parties=["EU"], date="2031-06-27", title="European Council conclusions, 26-27 June 2031")
    calls, underlines = run("The European Council calls on the Commission to present a proposal. It underlines the "
                            "need to strengthen defence readiness by 2030.", council)
    assert underlines.act == "underline" and underlines.actors == ["EU"]
    assert [s.act for s in run("The Secretary noted the plan. It underlines the need for caution.")] == ["note"]


def test_an_office_only_one_government_has_names_its_party():
    pair = DocumentMeta(parties=["PHL", "USA"], date="2031-05-03")
    assert run("The Secretary of Foreign Affairs welcomed the plan.", pair)[0].actors == ["PHL"]
    assert run("The Secretary of State welcomed the plan.", pair)[0].actors == ["USA"]
    assert run("The Secretary and the Secretary of Foreign Affairs agreed to meet.", pair)[0].actors == ["PHL", "USA"]
    assert run("The Secretary welcomed the plan.", pair)[0].actors == []  # both governments have secretaries


def test_a_span_of_years_is_due_at_its_end():
    assert [(d.text, d.date) for d in find_deadlines("to invest $5 billion between 2031 and 2034", 0, "2031-06-01")] == [
        ("between 2031 and 2034", "2034-12-31")]
    assert [d.date for d in find_deadlines("to double aid from 2032 to 2035", 0, "2031-06-01")] == ["2035-12-31"]
    assert find_deadlines("the aid given between 2025 and 2028", 0, "2031-06-01") == []  # history


def test_translated_english_affirmed_with_an_adverb_and_within_the_year():
    """ "Both leaders affirmed to further promote ..." is an intent affirmed (the adverb hid the
    infinitive), and "within the year" is due at the end of the meeting's year."""
    text = ("Both leaders affirmed to further promote security dialogue. "
            "The two leaders concurred on launching an economic security dialogue within the year.")
    found = by_trigger(run(text))
    assert found["affirmed"].commitment
    assert [d.date for d in found["concurred"].deadlines] == ["2019-12-31"]


def test_an_adverb_of_manner_before_the_object_is_no_part_of_the_content():
    found = by_trigger(run("Both sides evaluated highly the progress of the vaccine initiative. "
                           "The two sides condemned unequivocally the attack on the embassy. "
                           "We are pursuing nationally appropriate decarbonization efforts."))
    assert found["evaluated"].content == "the progress of the vaccine initiative"
    assert found["condemned"].content == "the attack on the embassy"
    assert found["pursuing"].content == "nationally appropriate decarbonization efforts"  # it qualifies the adjective


def test_a_bracketed_short_form_of_a_partys_organ_is_no_second_subject():
    """ "The Government of Japan (GOJ) will ..." was lost: the short form was read as a second
    subject that names no party."""
    meta = DocumentMeta(parties=["JPN", "USA"], date="2031-03-03")
    found = by_trigger(run("The Government of Japan (GOJ) will establish a joint operations headquarters by 2032. "
                           "The Ministry of Defense of Japan (MOD) will expand its space unit.", meta))
    assert found["establish"].actors == ["JPN"] and found["establish"].commitment
    assert found["expand"].actors == ["JPN"]


def test_the_union_by_its_short_name_and_years_written_split_or_as_a_range():
    eu_japan = DocumentMeta(parties=["EU", "JPN"], date="2031-07-13", title="EU-Japan Summit Joint Statement")
    found = by_trigger(run("The Union will mobilise EUR 2 billion for connectivity by 2033. "
                           "The leaders committed to achieve carbon neutrality by 2030/31. "
                           "Japan will double its contribution by 2031-32. "
                           "The EU will fund the programme over the period 2032–2036.", eu_japan))
    assert found["mobilise"].actors == ["EU"]
    assert [d.date for d in found["committed"].deadlines] == ["2031-12-31"]  # the year 2030/31 ends in
    assert [d.date for d in found["double"].deadlines] == ["2032-03-31"]  # Japan's fiscal 2031
    assert [d.date for d in found["fund"].deadlines] == ["2036-12-31"]
    others = DocumentMeta(parties=["AUS", "JPN"], date="2031-07-13", title="Joint Statement of Japan and Australia")
    assert run("The Union will deploy a mission.", others) == []  # no union is a party


def test_an_intent_stated_with_an_expletive_it_is_the_parties_pledge():
    """ "It is our intention to expand ..." was lost: its subject is "it", and its act a noun."""
    found = by_trigger(run("It is our intention to expand student exchanges. "
                           "It is our shared goal to double bilateral trade by 2030. "
                           "It is our hope that the talks will succeed. It is their plan that matters.", QUAD))
    assert set(found) == {"intention", "goal"}
    assert found["intention"].act == "intend" and found["intention"].commitment
    assert found["intention"].actors == QUAD.parties and found["intention"].speaker == "We"
    assert found["goal"].commitment and [d.date for d in found["goal"].deadlines] == ["2030-12-31"]
    assert found["intention"].content == "to expand student exchanges"


def test_an_order_in_the_subjunctive_to_their_own_body_is_a_pledge():
    """ "directed that the working group meet twice a year" was no commitment ("directed their
    Sherpas to ..." was); an order to a third party stays none."""
    group, officials, china = run(
        "The two Prime Ministers directed that the working group meet twice a year. "
        "The two Prime Ministers directed that officials submit a report by 2032. "
        "The leaders requested that China release the detained fishermen.", QUAD)
    assert group.commitment and officials.commitment
    assert not china.commitment


def test_a_future_passive_with_a_party_as_agent_is_that_partys_pledge():
    """ "Cooperation ... will be strengthened by both sides" was lost (its subject names no party);
    a past passive ("was signed by the two Ministers") and a force as agent stay as they were."""
    meta = DocumentMeta(parties=["AUS", "JPN"], date="2031-03-03")
    found = by_trigger(run("Cooperation on critical minerals will be strengthened by both sides. "
                           "A feasibility study will be launched by Japan in 2031. "
                           "The region will be shaped by great power competition.", meta))
    assert set(found) == {"strengthened", "launched"}
    assert found["strengthened"].actors == ["AUS", "JPN"] and found["strengthened"].commitment
    assert found["strengthened"].content == "Cooperation on critical minerals will be strengthened by both sides"
    assert found["launched"].actors == ["JPN"] and [d.date for d in found["launched"].deadlines] == ["2031-12-31"]


def test_a_party_set_or_poised_to_act_pledges_it():
    """ "Japan is set to host the dialogue in 2032" (parsed as a passive) was lost."""
    meta = DocumentMeta(parties=["AUS", "JPN"], date="2031-03-03")
    found = by_trigger(run("Japan is set to host the dialogue in 2032. Australia is poised to deploy a frigate. "
                           "The talks are scheduled to resume in May 2031. The stage is set for a new era.", meta))
    assert set(found) == {"host", "deploy"}
    assert found["host"].actors == ["JPN"] and found["host"].commitment
    assert found["host"].content == "the dialogue in 2032" and found["deploy"].actors == ["AUS"]


def test_a_deed_reported_in_the_passive_without_agent_is_the_authors_report():
    """ "The first joint exercise was conducted off Palawan in September 2031" was no statement, so
    the pledge to hold it was dropped; the meeting's own narration ("The 49th Security Consultative
    Meeting (SCM) was held in Seoul") and a passive with an agent stay nothing."""
    meta = DocumentMeta(parties=["JPN", "PHL"], date="2032-03-05", title="Fourth Japan-Philippines Maritime Dialogue")
    found = run("The first joint coast guard exercise was conducted off Palawan in September 2031. "
                "The inaugural meeting of the Economic Security Dialogue was held in Tokyo in September 2031. "
                "The Fourth Japan-Philippines Maritime Dialogue was held in Tokyo. "
                "The 49th Republic of Korea (ROK) and Japan Security Consultative Meeting (SCM) was held in Seoul. "
                "The agreement was signed by the two ministers.", meta)
    assert [s.trigger for s in found] == ["conducted", "held"]
    assert all(s.actors == ["JPN", "PHL"] and not s.commitment and s.speaker is None for s in found)
    assert found[0].content == "The first joint coast guard exercise was conducted off Palawan in September 2031"


def test_a_thing_said_to_have_happened_is_the_authors_report():
    meta = DocumentMeta(parties=["JPN", "PHL"], date="2032-03-05", title="Fourth Japan-Philippines Maritime Dialogue")
    found = run("The first joint coast guard exercise took place off Palawan in September 2031. "
                "The maritime domain awareness pilot became operational in January 2032. "
                "The coast guard training centre is now operational. "
                "The Fourth Maritime Dialogue took place in Tokyo. The talks took place in a friendly atmosphere.", meta)
    assert [s.trigger for s in found] == ["took", "became", "is"]
    assert all(s.actors == ["JPN", "PHL"] and not s.commitment for s in found)


def test_hosting_another_meeting_is_a_deed_not_the_meetings_narration():
    """ "India hosted the first meeting of the Cancer Dialogue in February 2032" was read as the
    meeting's narration and lost; "The two Prime Ministers held talks" and "India hosted the
    meeting" stay narration."""
    meta = DocumentMeta(parties=["AUS", "IND"], date="2032-06-05", title="Joint Statement of India and Australia")
    found = run("India hosted the first meeting of the Cancer Dialogue in February 2032. "
                "India hosted the inaugural Defence Industry Roundtable in Mumbai. "
                "The two Prime Ministers held talks in New Delhi. India hosted the meeting.", meta)
    assert [(s.trigger, s.actors) for s in found] == [("hosted", ["IND"]), ("hosted", ["IND"])]
    assert found[0].content.startswith("the first meeting of the Cancer Dialogue")


def test_a_groups_own_ministers_none_of_the_parties_and_a_span_that_ends_the_clause():
    """AUKUS-style: "tasked the AUKUS Defence Ministers to report back in 12 months" was no pledge
    and had no deadline; "None of the three countries will acquire nuclear weapons" was lost."""
    aukus = DocumentMeta(parties=["AUS", "GBR", "USA"], date="2031-03-13", title="Joint Leaders Statement on AUKUS")
    found = by_trigger(run("The leaders tasked the AUKUS Defence Ministers to report back in 12 months. "
                           "None of the three countries will acquire nuclear weapons. "
                           "We will meet again in two years' time. We welcomed the first visit in 12 months.", aukus))
    assert found["tasked"].commitment and [d.date for d in found["tasked"].deadlines] == ["2032-03-31"]
    assert found["acquire"].actors == ["AUS", "GBR", "USA"] and found["acquire"].commitment
    assert [d.date for d in found["meet"].deadlines] == ["2033-03-31"]
    assert found["welcomed"].deadlines == []  # counted back, not ahead


def test_translated_declarations_will_offers_and_reflexive_commitments():
    meta = DocumentMeta(parties=["CHL", "COL", "MEX", "PER"], date="2031-06-04", title="Declaration of the Summit")
    found = by_trigger(run("They expressed their will to deepen the integration of their capital markets. "
                           "Mexico offered to host the next Summit in 2032. "
                           "The Heads of State committed themselves to promoting gender equality.", meta))
    assert found["expressed"].commitment  # "their will to deepen": an intent expressed
    assert found["offered"].commitment and found["offered"].actors == ["MEX"]
    assert found["committed"].content == "to promoting gender equality"
    condolences = [s for s in run("Peru offered its condolences to the victims.", meta)]
    assert condolences and not condolences[0].commitment  # an offer with no infinitive pledges nothing


@pytest.mark.parametrize("sentence, triggers", [
    ("We look forward to welcoming Norway as a member and urge all parties to ratify the accord without delay.",
     ["look", "urge"]),
    ("We commit to deepening the partnership to expand trade and call on others to do the same.", ["commit", "call"]),
    ("We commit to strengthening our partnership to bolster trade and support financial stability.", ["commit"]),
    ("We are committed to identifying and evaluating risks in supply chains for digital products.", ["committed"]),
])
def test_an_act_hung_inside_a_preposition_s_content_is_the_reporting_verb_s(sentence, triggers):
    """The parser hangs "urge" on "welcoming" in "look forward to welcoming X and urge Y": an act in the
    reporting verb's tense is its own statement; a gerund of the series, or a deed of an infinitive series, is content."""
    assert [s.trigger for s in run(sentence, TRIO)] == triggers


def test_a_bullet_verb_the_tagger_took_for_a_name_is_the_item_s_act():
    found = run("To keep the sea lanes safe, we will:\n\n- establish a coast guard school by 2031;\n"
                "- share satellite data on illegal fishing with all members;\n- train coastal patrols.", TRIO)
    assert [s.trigger for s in found] == ["establish", "share", "train"]
    assert all(s.commitment for s in found)


def test_as_resources_allow_is_a_hedge():
    [s] = run("We will continue our joint patrols in the northern passage, as resources allow.", TRIO)
    assert "as resources allow" in s.hedges


@pytest.mark.parametrize("sentence, content", [
    ("We will not allow our territory to be used for attacks on our neighbours.",
     "will not allow our territory to be used for attacks on our neighbours"),
    ("We will never recognize the annexation of the islands.", "will never recognize the annexation of the islands"),
    ("Neither side will station missiles near the border.", "Neither side will station missiles near the border"),
])
def test_a_pledge_not_to_act_keeps_its_denial(sentence, content):
    """What is pledged is not to act: a content without its "not" says the opposite."""
    from pledgetrack.link.threads import thread_title
    [s] = run(sentence, TRIO)
    assert s.commitment and s.content == content
    assert thread_title(s).lower() == content.lower()
