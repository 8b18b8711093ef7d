"""Quotes and speakers: direct and reported speech on real and hand-written news text."""

from __future__ import annotations

import pytest
from conftest import require_shared

from newsprism.analyze.entities import extract_entities
from newsprism.analyze.quotes import extract_quotes
from newsprism.model import Quote


def _quotes(nlp, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc))


def _holding(quotes: tuple[Quote, ...], words: str) -> Quote:
    """The shortest quote holding `words` (reported speech may nest inside "according to")."""
    hits = [q for q in quotes if words in q.content.text]
    assert hits, f"no quote holds {words!r}: {[q.content.text for q in quotes]}"
    return min(hits, key=lambda q: len(q.content.text))


@pytest.mark.parametrize(
    ("text", "words", "kind", "speaker"),
    [
        (
            'Mayor Karen Bass said on Friday that the fires were "under control" by evening.',
            "the fires were",
            "indirect",
            "Karen Bass",
        ),
        (
            "“We will rebuild every home,” said Karen Bass, the mayor of Los Angeles.",
            "We will rebuild every home",
            "direct",
            "Karen Bass",
        ),
        (
            "Rishi Sunak arrived late. He told reporters the deal was finished.",
            "the deal was finished",
            "indirect",
            "Rishi Sunak",
        ),
        (
            "The economy grew by 2 percent last year, according to Janet Yellen.",
            "The economy grew by 2 percent",
            "indirect",
            "Janet Yellen",
        ),
        (
            "According to Janet Yellen, the economy grew by 2 percent last year.",
            "the economy grew by 2 percent",
            "indirect",
            "Janet Yellen",
        ),
        (
            "Olaf Scholz warned that sanctions would follow any attack.",
            "sanctions would follow any attack",
            "indirect",
            "Olaf Scholz",
        ),
        (
            'Senator Mitch McConnell spoke briefly. "The vote is on Tuesday," he said.',
            "The vote is on Tuesday",
            "direct",
            "Mitch McConnell",
        ),
        (
            'Jacinda Ardern responded: "We don\'t comment on rumours."',
            "We don't comment on rumours",
            "direct",
            "Jacinda Ardern",
        ),
        (
            "''We will win this state by a wide margin,'' said Marco Rubio on Monday.",
            "We will win this state",
            "direct",
            "Marco Rubio",
        ),
        (
            '"Taxes will fall next year for every family,” Marco Rubio said.',
            "Taxes will fall next year",
            "direct",
            "Marco Rubio",
        ),
        (
            "Pedro Sánchez believes the coalition will hold until the election.",
            "the coalition will hold",
            "indirect",
            "Pedro Sánchez",
        ),
    ],
)
def test_quote_and_speaker(nlp, text: str, words: str, kind: str, speaker: str) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.kind == kind
    assert quote.speaker_name == speaker
    assert text[quote.content.start : quote.content.end] == quote.content.text


@pytest.mark.parametrize(
    ("text", "words", "speaker_span"),
    [
        # A quotation set inside the writer's sentence: the doer of the verb it hangs on.
        (
            "In March, Giorgia Meloni blasted the airline for its “shameful practices against"
            " families” on fares.",
            "shameful practices",
            "Giorgia Meloni",
        ),
        # "continued" introduces a quote though it is not a say-verb.
        (
            "Anthony Albanese took the stage late.\n\nHe continued: “Nobody will be left behind"
            " in this country.”",
            "Nobody will be left behind",
            "He",
        ),
        # A second quoted sentence with no cue takes the attribution before it.
        (
            "“The harvest was poor,” Amara Okafor recalled on Sunday. “We sold the goats to buy"
            " seed.”",
            "We sold the goats",
            "Amara Okafor",
        ),
        # Two parts with their own cues and speakers are not joined into one quote.
        (
            "“We are refugees,” Leila Haddad said. “We are not criminals.” Omar Nasser said:"
            " “The attack was the work of a few men.”",
            "The attack was the work",
            "Omar Nasser",
        ),
        # A gerund cue: the subject of the verb its preposition hangs on.
        (
            "Keir Starmer rebuked the minister for suggesting that the budget was balanced.",
            "the budget was balanced",
            "Keir Starmer",
        ),
        # A stance verb with a noun-phrase content.
        (
            "Senator Tammy Duckworth criticized the new rules on veterans' benefits.",
            "the new rules",
            "Tammy Duckworth",
        ),
        # A subject the parse hung on the opening phrase: the noun phrase right before the verb.
        (
            "In a talk with radio hosts Dan Lowe and Priya Shah, the Green Party candidate stated"
            " that the new tax was unfair to renters.",
            "the new tax was unfair",
            "the Green Party candidate",
        ),
        # "Name, title, said": the name, not the title or the opening phrase.
        (
            "Angered by the vote in Ohio, Senator Maria Cantwell, the committee chair, said that"
            " she would bring the bill back next week.",
            "she would bring the bill back",
            "Maria Cantwell",
        ),
        # A role given a name in apposition: the name speaks.
        (
            "The head of the farmers' union, Pedro Alvarez, said that the drought would cut"
            " yields by half.",
            "the drought would cut yields",
            "Pedro Alvarez",
        ),
        # What a released thing says ("a video that blamed ...") is its issuer's.
        (
            "Governor Ana Reyes released a video on Monday that blamed the flooding on the old"
            " drains.",
            "the flooding on the old drains",
            "Governor Ana Reyes",
        ),
        # A transcript line: "Name: "..."".
        (
            "Questions came from the floor.\n\nSenator Dick Durbin: “We have waited long"
            " enough for this bill.”",
            "We have waited long enough",
            "Durbin",
        ),
    ],
)
def test_speaker_span_is_the_mention_nearest_the_quote(
    nlp, text: str, words: str, speaker_span: str
) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker is not None
    assert speaker_span in quote.speaker.text


def test_quote_over_two_paragraphs_keeps_its_speaker(nlp) -> None:
    text = (
        "Fire chief Kristin Crowley spoke at dawn.\n\n"
        "“The wind has dropped and the crews have held the line overnight,” Crowley said. "
        "“We are not out of danger.\n\n"
        "“People should stay away until we say otherwise.”"
    )
    quotes = _quotes(nlp, text)
    first = _holding(quotes, "The wind has dropped")
    later = _holding(quotes, "stay away")
    assert first.speaker_name == "Kristin Crowley"
    assert later.speaker_name == "Kristin Crowley"


@pytest.mark.parametrize(
    "text",
    [
        "The voters’ mood was sour. It’s the economy, and that's what they don’t like.",
        "Rock ’n’ roll was the band’s thing in the ’90s.",
    ],
)
def test_apostrophes_are_not_quotes(nlp, text: str) -> None:
    assert not [q for q in _quotes(nlp, text) if q.kind == "direct"]


def test_quote_with_no_speaker_is_kept(nlp) -> None:
    # A sign that "read" something is a source (PolNeAR counts it); a bare notice is not.
    text = "Rain fell all week.\n\n“Closed until further notice.”\n\nThe shops stayed dark."
    quote = _holding(_quotes(nlp, text), "Closed until further notice")
    assert quote.speaker_name is None


@pytest.mark.parametrize(
    ("sample", "words", "speaker"),
    [
        ("000_e63656aad12f7183.txt", "The best guarantee of security", "Dmytro Kuleba"),
        ("000_e63656aad12f7183.txt", "use the level of relations", "Dmytro Kuleba"),
        ("000_e63656aad12f7183.txt", "deeply regrets", "Wang Yi"),
        ("000_e63656aad12f7183.txt", "make every effort to end the war", "Wang Yi"),
        ("003_7962d71c0f30091b.txt", "deeply regrets that conflict has broken out", "Wang Yi"),
        ("003_7962d71c0f30091b.txt", "paying extreme attention", "Wang Yi"),
        ("003_7962d71c0f30091b.txt", "find a way to resolve the issue", "Wang Yi"),
        ("003_7962d71c0f30091b.txt", "respects the sovereignty", "Xi"),
    ],
)
def test_sample_speakers(nlp, sample: str, words: str, speaker: str) -> None:
    text = require_shared("samples", sample).read_text(encoding="utf-8")
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker_name == speaker
    assert quote.speaker_key is not None and quote.speaker_key.startswith("person:")


def test_sample_role_speaker_stays_a_role(nlp) -> None:
    text = require_shared("samples", "003_7962d71c0f30091b.txt").read_text(encoding="utf-8")
    quote = _holding(_quotes(nlp, text), "it had been initiated by Mr Kuleba")
    assert quote.speaker_name is not None
    assert "foreign ministry" in quote.speaker_name.lower()


def _bench():
    """bench/quotes.py as a module (bench/ is scripts, not a package)."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "quotes.py"
    spec = importlib.util.spec_from_file_location("bench_quotes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module is executed.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("threshold", "matched", "speaker_right"),
    [(0.3, 2, 1), (0.8, 1, 1)],
)
def test_bench_scoring_on_a_hand_made_example(threshold, matched, speaker_right) -> None:
    bench = _bench()
    gold = [
        # A quote split by its attribution: content in two pieces, 40 characters in all.
        bench.Gold(content=((10, 30), (50, 70)), source=((35, 40),)),
        bench.Gold(content=((100, 140),), source=((90, 95),)),
        bench.Gold(content=((200, 220),)),
    ]
    predicted = [
        bench.Predicted(content=(10, 70), speaker=(36, 39)),  # covers all of gold 1
        bench.Predicted(content=(100, 115), speaker=(80, 85)),  # 15/40 of gold 2, wrong speaker
        bench.Predicted(content=(300, 320)),  # matches nothing
    ]
    tally = bench.score(predicted, gold, threshold)
    assert (tally.predicted, tally.gold) == (3, 3)
    assert tally.matched == matched
    assert tally.speaker_right == speaker_right
    assert tally.with_source == matched


def test_bench_reads_brat_attributions(tmp_path) -> None:
    bench = _bench()
    ann = tmp_path / "story_abcd.ann"
    ann.write_text(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 40 50\ty\nT6\tAttribution 51 55\tz\nE2\tAttribution-no-source:T6 Content:T5\n",
        encoding="utf-8",
    )
    gold = bench.read_ann(ann)
    assert gold[0] == bench.Gold(content=((11, 20), (25, 30)), source=((0, 5),))
    assert gold[1] == bench.Gold(content=((40, 50),), source=())


def test_an_attribution_is_not_taken_for_what_was_said(nlp) -> None:
    """Regression: 'X said tests had shown ...' gave a quote whose content was 'X said'."""
    text = (
        "Chief Fire Officer Adaeze Okafor said air-quality tests carried out through the day "
        "had shown chlorine levels back within safe limits."
    )
    quotes = _quotes(nlp, text)
    assert all(not q.content.text.endswith("said") for q in quotes)
    assert any(
        q.speaker_name == "Adaeze Okafor" and "chlorine levels" in q.content.text for q in quotes
    )


def test_the_next_paragraphs_attribution_does_not_take_a_quote(nlp) -> None:
    """Regression: the parser ran a quote's sentence over the paragraph break into the
    interviewer's reply, so the candidate's words went to the interviewer, and her reply
    was counted twice (once as a quotation, once as reported speech)."""
    text = (
        '"Nobody gave us a chance in the spring," Moreau said in an interview with the Ledger\'s '
        'Dana Whitfield aired on "Morning Desk." "No money, no staff, no name recognition, and '
        'a rival who had run the county for twelve years."\n\n'
        '"That would be Commissioner Hale," Whitfield said.'
    )
    quotes = _quotes(nlp, text)
    assert _holding(quotes, "No money, no staff").speaker_name != "Dana Whitfield"
    reply = [q for q in quotes if "Commissioner Hale" in q.content.text]
    assert len(reply) == 1
    assert reply[0].speaker_name == "Dana Whitfield"


def test_that_said_is_not_anyone_speaking(nlp) -> None:
    text = (
        "Turnout rose in every ward. That said, organisers say they expect a harder fight "
        "in the autumn."
    )
    quotes = _quotes(nlp, text)
    assert all(q.speaker is None or q.speaker.text.lower() != "that" for q in quotes)


def test_reported_speech_does_not_run_over_a_quotations_attribution(nlp) -> None:
    text = (
        '"Her usual manner is gruff," she said, but despite the sharper tone, "I think she '
        'will do it," said Ostrova, who has criticised the senator.'
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if "she said" in q.content.text]
    assert _holding(quotes, "I think she will do it").speaker_name == "Ostrova"


def test_a_name_and_a_colon_open_what_that_speaker_said(nlp) -> None:
    """A headline or transcript paragraph "Name: words" is the named speaker's (not a label's)."""
    text = (
        "Alma Reyes: Farm Subsidies Must Be Cut Before the Harvest\n\n"
        "Contributing: Dana Whitfield and Omar Nasser of the Ledger.\n\n"
        "Q: Did the county ever answer your letters about the flooding?\n\n"
        "The senator spoke to reporters on Monday."
    )
    quotes = _quotes(nlp, text)
    headline = _holding(quotes, "Farm Subsidies Must Be Cut")
    assert headline.speaker is not None and headline.speaker.text == "Alma Reyes"
    question = _holding(quotes, "Did the county ever answer")
    assert question.speaker is not None and question.speaker.text == "Q"
    assert not [q for q in quotes if "Dana Whitfield" in q.content.text]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Marta Olsen sees the tax cut as a gift to the wealthy.", "as a gift", "Marta Olsen"),
        ("Ilse Brandt accused the council of ignoring the warnings.", "of ignoring", "Ilse Brandt"),
        (
            "Ilse Brandt described the budget as a fantasy built on borrowed money.",
            "as a fantasy",
            "Ilse Brandt",
        ),
        (
            "A poll by the Ledger shows Petra Vance with a twelve-point lead among older voters.",
            "with a twelve-point lead",
            "poll",
        ),
    ],
)
def test_an_object_with_what_it_is_seen_as_or_accused_of(
    nlp, text: str, words: str, speaker: str
) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker is not None and speaker in quote.speaker.text


def test_seeing_someone_is_not_reporting(nlp) -> None:
    """A naming verb reports only its object with a complement; the last quote guards that."""
    quotes = _quotes(nlp, "We saw the governor at the fair. Ivo Laine sees the fair as a waste.")
    assert [q.content.text for q in quotes] == ["the fair as a waste"]


def test_a_quoted_epithet_is_one_quote_with_the_object_it_names(nlp) -> None:
    """Regression: the quotation's closing period lay past the reported speech, so the
    epithet was counted twice, once with its object and once alone."""
    text = 'Councillor Dev Anand called the new bridge "a monument to waste."'
    quotes = _quotes(nlp, text)
    assert len([q for q in quotes if "monument to waste" in q.content.text]) == 1
    assert "the new bridge" in _holding(quotes, "monument to waste").content.text


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # An aside inside or after the clause it reports.
        (
            "Cutting the budget so early, most economists say, slowed the recovery.",
            "slowed the recovery",
            "economists",
        ),
        (
            "The mayor had already met the union, as the Ledger reported on Sunday.",
            "met the union",
            "Ledger",
        ),
        # A noted object; what a speaker refers to.
        ("Ilse Brandt noted the gap between the two budgets.", "the gap", "Ilse Brandt"),
        (
            '"The bridge is a scandal," Ilse Brandt said, referring to the new river crossing.',
            "the new river crossing",
            "Ilse Brandt",
        ),
    ],
)
def test_asides_and_objects_report_speech(nlp, text: str, words: str, speaker: str) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker is not None and speaker in quote.speaker.text


def test_reportedly_marks_an_unnamed_source(nlp) -> None:
    text = "The Harlow group is reportedly spending two million dollars on radio ads."
    quote = _holding(_quotes(nlp, text), "spending two million dollars")
    assert quote.cue is not None and quote.cue.text == "reportedly"
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "In a new poll by the Ledger, forty percent of voters backed Ilse Brandt.",
            "forty percent of voters",
            "poll",
        ),
        ("In his view, the river crossing was built too soon.", "built too soon", "his"),
    ],
)
def test_a_poll_or_a_view_is_the_source_of_its_clause(
    nlp, text: str, words: str, speaker: str
) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker is not None and speaker in quote.speaker.text


def test_what_was_told_is_not_the_attribution_of_the_main_clause(nlp) -> None:
    """Regression (PolNeAR): "expects" under "told" made the whole main clause a quote."""
    text = (
        "Shortly after Walsh was declared the winner in Ohio, Moreno told a cheering crowd in "
        "West Virginia that he expects to win that state's May 20 primary and he is doing "
        "better against Tom Baker in general election polls than Walsh is."
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q.content.text.startswith("Shortly after")]
    assert _holding(quotes, "he expects to win").cue.text == "told"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The ad calls her “Crooked Hillary” in every spot.", "Crooked Hillary"),
        ("Her show, “World News Tonight”, drew a record audience.", "World News Tonight"),
        ('The post read <tweet author="tedcruz"> at first.', "tedcruz"),
    ],
)
def test_a_few_quoted_words_that_are_no_sentence_are_not_a_quote(
    nlp, text: str, fragment: str
) -> None:
    # Regression: titles, slogans and markup attributes were quotes (PolNeAR train: quotations
    # under four words were right one time in five).
    assert all(fragment not in q.content.text for q in _quotes(nlp, text))


def test_a_short_quoted_sentence_is_a_quote(nlp) -> None:
    quotes = _quotes(nlp, "“We will win,” Ms. Ortiz said on Monday.")
    assert any("We will win" in q.content.text for q in quotes)


def test_nested_reported_speech_is_one_quote(nlp) -> None:
    text = "Senator Ana Ruiz said that her staff believes the budget will pass next week."
    quotes = [q for q in _quotes(nlp, text) if "the budget will pass" in q.content.text]
    assert len(quotes) == 1
    assert quotes[0].speaker_name == "Ana Ruiz"


def test_a_document_and_the_person_it_quotes_both_stand(nlp) -> None:
    text = (
        "According to a readout from the ministry, Mr. Tanaka said Japan would send aid"
        " to the region within days."
    )
    speakers = {q.speaker_name for q in _quotes(nlp, text) if "send aid" in q.content.text}
    assert "Tanaka" in speakers


def test_she_goes_to_the_woman_not_the_man_named_last(nlp) -> None:
    text = (
        "Senator Maria Lopez met Governor John Hartley in Austin on Monday.\n\n"
        "Hartley praised the deal. She said the state would pay for half of the new road."
    )
    quote = _holding(_quotes(nlp, text), "the state would pay")
    assert quote.speaker_name == "Maria Lopez"


def test_an_honorific_tells_the_gender_of_a_surname(nlp) -> None:
    text = (
        "Ms. Okafor stood by the door after the vote.\n\n"
        "Mr. Brandt spoke first. She said the committee would meet again in March."
    )
    quote = _holding(_quotes(nlp, text), "the committee would meet")
    assert quote.speaker_name == "Okafor"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        (
            "Lawyers for Halvorsen Chemicals said the plant had met every safety rule.",
            "met every safety rule",
            "Halvorsen Chemicals",
        ),
        (
            "A spokeswoman for the Marrenland Water Authority said the dam was safe.",
            "the dam was safe",
            "Marrenland Water Authority",
        ),
    ],
)
def test_a_spokesperson_or_lawyers_speak_for_the_organisation(
    nlp, text: str, words: str, name: str
) -> None:
    quote = _holding(_quotes(nlp, text), words)
    assert quote.speaker_name is not None and name in quote.speaker_name
    assert quote.speaker_key is not None and not quote.speaker_key.startswith("person:")


def test_a_persons_lawyers_are_not_that_person(nlp) -> None:
    text = "Donald Halvorsen owns the plant. Halvorsen's lawyers said the fine was unlawful."
    quote = _holding(_quotes(nlp, text), "the fine was unlawful")
    assert quote.speaker_name != "Donald Halvorsen"


def test_an_interviewers_question_is_not_the_answer_givers(nlp) -> None:
    text = (
        "“We will rebuild the bridge by June,” Mayor Ana Ruiz told the radio host.\n\n"
        "“And if the money does not come?”\n\n"
        "“Then we will find it ourselves,” Ruiz said."
    )
    question = _holding(_quotes(nlp, text), "if the money does not come")
    assert question.speaker_name != "Ana Ruiz"


def test_a_quote_paragraph_after_reported_speech_is_that_speakers(nlp) -> None:
    text = (
        "Mara Lind said on Tuesday that the ferry levy would be scrapped by spring.\n\n"
        "“We have listened to the islanders and we will not make them pay twice.”"
    )
    quotes = _quotes(nlp, text)
    follow = _holding(quotes, "We have listened to the islanders")
    assert follow.speaker_name == "Mara Lind"


def test_a_quote_running_on_into_the_next_paragraph_is_one_quote(nlp) -> None:
    text = (
        "“The levy is dead,” Mara Lind told the council.\n\n"
        "“We will find the money somewhere else, and we will start this week.”"
    )
    quotes = _quotes(nlp, text)
    joined = _holding(quotes, "We will find the money somewhere else")
    assert "The levy is dead" in joined.content.text
    assert joined.speaker_name == "Mara Lind"
    assert len([q for q in quotes if "We will find the money" in q.content.text]) == 1


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Mara Lind spoke for an hour. She told her audience, to loud applause:\n\n"
            "“I can say with confidence that no one has ever been better prepared.”",
            "I can say with confidence",
            "Mara Lind",
        ),
        (
            "Gordon Ashby issued the following statement:\n\n"
            "“Our thoughts are with the families of the crew.”",
            "Our thoughts are with the families",
            "Gordon Ashby",
        ),
    ],
)
def test_a_paragraph_ending_in_a_colon_attributes_the_quote_under_it(
    nlp, text: str, words: str, speaker: str
) -> None:
    assert _holding(_quotes(nlp, text), words).speaker_name == speaker


def test_a_word_of_the_quotation_parsed_as_subject_is_not_the_speaker(nlp) -> None:
    quotes = _quotes(
        nlp,
        '"Anybody who attacks him, it\'s like buyer beware," said Louise Harlow, who has known'
        " Ashby since the 1970s and worked closely with him.",
    )
    quote = _holding(quotes, "buyer beware")
    assert quote.speaker_name == "Louise Harlow"


def test_bench_cache_gives_the_figures_of_a_fresh_parse_and_refuses_other_texts(
    tmp_path, capsys
) -> None:
    import json

    bench = _bench()
    data = tmp_path / "data"
    (data / "text").mkdir(parents=True)
    (data / "attributions").mkdir()
    text = "Mayor Lena Ortiz said that the bridge would reopen in May after the repairs."
    (data / "text" / "a.txt").write_text(text, encoding="utf-8")
    content = text.index("that the bridge")
    (data / "attributions" / "a_1.ann").write_text(
        f"T1\tSource 0 16\tMayor Lena Ortiz\nT2\tCue 17 21\tsaid\n"
        f"T3\tContent {content} {len(text) - 1}\t{text[content:-1]}\n"
        "E1\tAttribution:T2 Source:T1 Content:T3\n",
        encoding="utf-8",
    )
    cache = tmp_path / "parsed.spacy"
    runs = []
    for _ in range(2):  # the first run parses and writes the cache, the second reads it
        assert bench.main(["--data", str(data), "--cache", str(cache)]) == 0
        runs.append(json.loads(capsys.readouterr().out)["newsprism"])
    assert cache.exists()
    assert runs[0]["t0.3"] == runs[1]["t0.3"]
    assert runs[0]["t0.3"]["matched"] == 1 and runs[0]["speaker_acc"] == 1.0

    (data / "text" / "a.txt").write_text(text.replace("May", "June"), encoding="utf-8")
    with pytest.raises(SystemExit) as refused:
        bench.main(["--data", str(data), "--cache", str(cache)])
    assert "parsed.spacy" in str(refused.value) and "other texts" in str(refused.value)


def test_a_short_reply_with_its_own_attribution_is_a_quote(nlp) -> None:
    quotes = _quotes(nlp, "Ashby was asked about the levy.\n\n“Absolutely not,” the senator said.")
    reply = [q for q in quotes if q.content.text.startswith("Absolutely not")]
    assert reply, [q.content.text for q in quotes]
    assert reply[0].speaker is not None and reply[0].speaker.text == "the senator"


def test_a_short_scare_quote_inside_a_sentence_is_still_no_quote(nlp) -> None:
    quotes = _quotes(nlp, "The board called the harbour plan a “bold step,” the minutes show.")
    assert not any(q.content.text.startswith("bold step") for q in quotes)


def test_markup_left_in_a_scraped_page_is_no_quote(nlp) -> None:
    # An embedded post's tag: "tweet" and "author" read as cues, the attributes as content.
    text = (
        '<tweet pic="" author="HarbourGazette" timestamp="1449075600" tweet_id="67">Praying for'
        " all those hurt in the harbour fire</tweet>\n\nThe mayor said the ferry would run."
    )
    texts = [q.content.text for q in _quotes(nlp, text)]
    assert not any("author=" in t for t in texts), texts
    assert "the ferry would run" in texts, texts
