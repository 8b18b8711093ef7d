"""Hostile input to every reader (issue 6, point 1): random bytes, hostile unicode, very long
lines, deep HTML, truncated gzip and WARC, broken CSV quoting, JSON with wrong types.

What must hold for any input: no exception escapes `read_sources`; every Skipped names the
file (and the line or record where the file holds many) and says in plain words what was
wrong, never a bare exception; every Article has a non-empty body within
settings.max_article_bytes that the database can store; and the good records around a bad
one are still read. Articles are also written to a real SQLite store, because a string the
store cannot encode (a lone surrogate) would end a whole ingest.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.ingest import read_sources
from newsprism.model import Article, Skipped, article_id
from newsprism.pipeline import IngestReport, store_articles
from newsprism.store.sqlite import SQLiteStore

# FUZZ_EXAMPLES raises the budget for a deeper run outside the suite (e.g. 500).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
EXTENSIONS = [
    ".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".rss", ".xml", ".warc",
    ".txt.gz", ".jsonl.gz", ".csv.gz", ".warc.gz", ".dat",
]  # fmt: skip

# Written for these tests: three ordinary news paragraphs that readers must always get back.
GOOD = [
    "The council approved the new bus routes on Monday after a long debate, officials said.",
    "Harbour authorities reopened the north pier on Friday once repairs were finished.",
    "The school board said enrolment rose by 3 percent this year, the first rise since 2019.",
]
# Characters that break naive text handling: right-to-left text and marks, zero-width and
# invisible characters, C0/C1 controls, line and paragraph separators, combining marks,
# lone surrogates (written with surrogatepass), astral characters, and quoting characters.
HOSTILE = (
    "\u202e\u202d\u200f\u200e\u061c"
    "مرحبا بالعالم שלום עולם"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f"
    "\u2028\u2029\r\n\t"
    "e\u0301\u0338\u20dd"
    "\ud800\udbff\udc00\udfff"
    "😀𝔘𝔫𝔦"
    "\"',;<>&{}[]\\"
)
hostile_text = st.text(alphabet=st.sampled_from(HOSTILE + "abc XYZ 123."), max_size=300)

# A reason in plain words: not a bare exception from the readers' catch-all.
_CATCH_ALL = re.compile(r"^unreadable: \w+: ")


def _write(path: Path, text: str) -> Path:
    data = text.encode("utf-8", errors="surrogatepass")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def read_checked(path: Path, chosen: Settings | None = None) -> list[Article | Skipped]:
    """Everything read from `path`, checked against the invariants above, stored for real."""
    chosen = chosen or Settings()
    items = list(read_sources([str(path)], chosen))
    for item in items:
        if isinstance(item, Skipped):
            assert item.where.startswith(str(path)), item
            assert item.reason.strip() and "\n" not in item.reason, item
            assert not _CATCH_ALL.match(item.reason), f"reader crashed: {item}"
            assert "Traceback" not in item.reason
        else:
            assert isinstance(item, Article)
            assert item.source.startswith(str(path))
            assert item.body.strip()
            assert len(item.body.encode("utf-8")) <= chosen.max_article_bytes
            assert item.id == article_id(item.body)
            for text in (item.title, item.body, item.url or "", item.author or "", item.outlet):
                text.encode("utf-8")  # raises on a lone surrogate the store could not write
    with SQLiteStore(path.parent / "fuzz.db") as store:
        report = IngestReport()
        store_articles(iter(items), store, report)
        assert report.read == len(report.new) + len(report.duplicate)
    return items


def _articles(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _skipped(items: list[Article | Skipped]) -> list[Skipped]:
    return [item for item in items if isinstance(item, Skipped)]


def _all_text(items: list[Article | Skipped]) -> str:
    return "\n".join(a.title + "\n" + a.body for a in _articles(items))


# --- random bytes and random unicode, every extension ------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("extension", EXTENSIONS)
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_crash_a_reader(tmp_path: Path, extension: str, data: bytes) -> None:
    path = tmp_path / f"input{extension}"
    path.write_bytes(gzip.compress(data) if extension.endswith(".gz") else data)
    items = read_checked(path)
    assert items, "every file gives at least one Article or Skipped"


@pytest.mark.slow
@pytest.mark.parametrize("extension", [".txt", ".html", ".rss", ".jsonl", ".csv", ".json"])
@FUZZ
@given(text=hostile_text)
def test_hostile_unicode_file_never_crashes_a_reader(
    tmp_path: Path, extension: str, text: str
) -> None:
    items = read_checked(_write(tmp_path / f"input{extension}", text))
    assert items


# --- a bad record between good ones -------------------------------------------------------------


def _jsonl(records: list[object]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"


@FUZZ
@given(noise=hostile_text, title=hostile_text)
def test_jsonl_hostile_record_between_good_ones(tmp_path: Path, noise: str, title: str) -> None:
    text = (
        _jsonl([{"text": GOOD[0]}])
        + json.dumps({"title": title, "text": noise}, ensure_ascii=False)
        + "\n"
        + noise.replace("\n", " ")
        + "\n"
        + _jsonl([{"text": GOOD[1]}])
    )
    items = read_checked(_write(tmp_path / "mixed.jsonl", text))
    assert GOOD[0] in _all_text(items)
    assert GOOD[1] in _all_text(items)


@FUZZ
@given(noise=hostile_text)
def test_csv_hostile_cell_between_good_rows(tmp_path: Path, noise: str) -> None:
    text = f'title,body\nFirst,"{GOOD[0]}"\nNoise,{noise}\nLast,"{GOOD[1]}"\n'
    items = read_checked(_write(tmp_path / "mixed.csv", text))
    assert GOOD[0] in _all_text(items)


@FUZZ
@given(cut=st.integers(min_value=1, max_value=200), quote_at=st.integers(min_value=0, max_value=80))
def test_csv_stray_quote_loses_no_other_record(tmp_path: Path, cut: int, quote_at: int) -> None:
    body = GOOD[2][:quote_at] + '"' + GOOD[2][quote_at:]
    rows = [f'A,"{GOOD[0]}",x', f"B,{body},y", f'C,"{GOOD[1]}",z', "D,Plain unquoted body text.,w"]
    items = read_checked(_write(tmp_path / "stray.csv", "title,body,tag\n" + "\n".join(rows)))
    text = _all_text(items)
    for good in (GOOD[0], GOOD[1], "Plain unquoted body text."):
        assert good in text
    # Nothing was merged: no article holds two records' text.
    assert all(sum(g in a.body for g in GOOD[:2]) <= 1 for a in _articles(items))


BROKEN_CSV = [
    ('title,body\nA,"unclosed body\nB,"{g1}"\n', "unclosed quote before a good row"),
    ('title,body\nA,"{g0}"\nB,"unclosed body till the end\n', "unclosed quote in the last row"),
    ('title,body\nA,"a ""doubled"" quote, fine"\nB,"{g1}"\n', "doubled quotes are valid"),
    ('title,body\nA,x"y"z\nB,"{g1}"\n', "quote inside an unquoted cell"),
    ('title,body\nA,"{g0}" trailing\nB,"{g1}"\n', "text after a closing quote"),
    ('title,body\nA\nB,"{g1}",extra,cells\n', "ragged rows"),
    ('"title,body\nA,"{g1}"\n', "header with an unclosed quote"),
]


@pytest.mark.parametrize(("template", "case"), BROKEN_CSV)
def test_broken_csv_quoting(tmp_path: Path, template: str, case: str) -> None:
    path = _write(tmp_path / "broken.csv", template.format(g0=GOOD[0], g1=GOOD[1]))
    items = read_checked(path)
    expected = [g for key, g in (("{g0}", GOOD[0]), ("{g1}", GOOD[1])) if key in template]
    if case.startswith("header"):
        assert _skipped(items), case
        return
    for good in expected:
        assert good in _all_text(items), case


WRONG_TYPES = [
    ({"text": 42}, "body is a number"),
    ({"text": None}, "body is null"),
    ({"text": True}, "body is a boolean"),
    ({"text": {"nested": "object"}}, "body is an object"),
    ({"text": [1, 2, None]}, "body is a list of non-strings"),
    ({"text": GOOD[2], "title": 7, "url": ["x"], "date": {"y": 1}, "author": 3.5}, "meta types"),
    ({"text": GOOD[2], "date": "not a date", "language": 12}, "bad date and language"),
    ({"text": GOOD[2], "date": 10**30}, "timestamp out of range"),
    ({"text": GOOD[2], "date": -(10**12)}, "negative timestamp"),
    (17, "a number, not an object"),
    ("just a string", "a string, not an object"),
    (None, "null"),
    ([GOOD[2]], "a list"),
]


@pytest.mark.parametrize(("record", "case"), WRONG_TYPES)
def test_json_lines_with_wrong_types(tmp_path: Path, record: object, case: str) -> None:
    path = _write(tmp_path / "types.jsonl", _jsonl([{"text": GOOD[0]}, record, {"text": GOOD[1]}]))
    items = read_checked(path)
    assert GOOD[0] in _all_text(items) and GOOD[1] in _all_text(items), case
    if GOOD[2] not in _all_text(items):
        assert [s.where for s in _skipped(items)] == [f"{path}:2"], case


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("17", "a top-level number"),
        ('"a string"', "a top-level string"),
        ("null", "top-level null"),
        ("true", "top-level boolean"),
        ("[1, 2, 3]", "an array of numbers"),
        (json.dumps([{"text": GOOD[0]}, 5, None, {"text": GOOD[1]}]), "mixed array"),
        (json.dumps([{"text": GOOD[0]}, {"text": 5}])[:-1], "array cut before its end"),
        (json.dumps({"text": GOOD[0]}, indent=2)[:-3], "object cut before its end"),
        ("[" * 100_000, "deeply nested arrays"),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, "deeply nested objects"),
        (json.dumps({"articles": [{"text": GOOD[0]}, 3, {"text": GOOD[1]}]}), "wrapped list"),
    ],
)
def test_json_documents_with_wrong_types(tmp_path: Path, text: str, case: str) -> None:
    items = read_checked(_write(tmp_path / "doc.json", text))
    assert items, case
    if "mixed" in case or "wrapped" in case:
        assert GOOD[0] in _all_text(items) and GOOD[1] in _all_text(items)
        assert len(_skipped(items)) == (2 if "mixed" in case else 1)


# --- long lines, deep HTML, truncated gzip and WARC ---------------------------------------------


@pytest.mark.parametrize("extension", [".txt", ".jsonl", ".csv", ".html"])
def test_very_long_line(tmp_path: Path, extension: str) -> None:
    words = ("word " * 400_000).strip()  # 2 MB on one line, no newline anywhere
    if extension == ".jsonl":
        text = _jsonl([{"text": GOOD[0]}, {"text": words}, {"text": GOOD[1]}])
    elif extension == ".csv":
        text = f'title,body\nA,"{GOOD[0]}"\nB,{words}\nC,"{GOOD[1]}"\n'
    elif extension == ".html":
        text = f"<html><body><article><p>{GOOD[0]}</p><p>{words}</p></article></body></html>"
    else:
        text = f"{GOOD[0]}\n\n{words}"
    small = Settings(max_article_bytes=1_000_000)
    items = read_checked(_write(tmp_path / f"long{extension}", text), small)
    if extension in (".jsonl", ".csv"):
        assert GOOD[0] in _all_text(items) and GOOD[1] in _all_text(items)
    assert any("max_article_bytes" in s.reason for s in _skipped(items)) or not _articles(items)


@pytest.mark.parametrize("depth", [300, 5_000, 50_000])
def test_deeply_nested_html(tmp_path: Path, depth: int) -> None:
    page = (
        "<html><body>" + "<div>" * depth + f"<p>{GOOD[0]}</p>" + "</div>" * depth + "</body></html>"
    )
    items = read_checked(_write(tmp_path / "deep.html", page))
    assert len(items) == 1
    feed_body = "&lt;div&gt;" * depth + f"&lt;p&gt;{GOOD[1]}&lt;/p&gt;"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Deep</title><description>{feed_body}</description></item>"
        f"<item><title>Plain</title><description>{GOOD[0]}</description></item>"
        "</channel></rss>"
    )
    items = read_checked(_write(tmp_path / "deep.rss", feed))
    assert GOOD[0] in _all_text(items)


def _warc(pages: list[str]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for number, text in enumerate(pages):
        html = f"<html><head><title>Page {number}</title></head><body><article>"
        html += "".join(f"<p>{p}</p>" for p in [text] * 3) + "</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example.org/{number}",
            "response",
            payload=io.BytesIO(html.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    return out.getvalue()


@FUZZ
@given(fraction=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_warc_keeps_pages_before_the_cut(tmp_path: Path, fraction: float) -> None:
    data = _warc(GOOD)
    cut = data[: int(len(data) * fraction)]
    items = read_checked(_write_bytes(tmp_path / "cut.warc.gz", cut))
    assert items
    if not _articles(items):
        assert _skipped(items)


@FUZZ
@given(fraction=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_gzip_jsonl_keeps_records_before_the_cut(tmp_path: Path, fraction: float) -> None:
    records = [{"text": f"{GOOD[n % 3]} Item {n}."} for n in range(60)]
    data = gzip.compress(_jsonl(records).encode())
    items = read_checked(_write_bytes(tmp_path / "cut.jsonl.gz", data[: int(len(data) * fraction)]))
    read = [int(a.body.rsplit("Item ", 1)[1].rstrip(".")) for a in _articles(items)]
    assert read == list(range(len(read))), "the records before the cut are read, in order"
    assert len(read) == 60 or _skipped(items), "a cut file says it was cut"


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- hostile XML: external entities and entity expansion ------------------------------------


def _entity_bomb(levels: int = 9) -> str:
    lines = ['<!ENTITY e0 "lol">']
    lines += [f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("extension", [".rss", ".xml", ".html"])
@pytest.mark.parametrize("attack", ["external entity", "entity expansion"])
def test_xml_entity_attacks_are_not_resolved(tmp_path: Path, extension: str, attack: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    if attack == "external entity":
        doctype, ref = f'<!ENTITY x SYSTEM "file://{secret}">', "&x;"
    else:
        doctype, ref = _entity_bomb(), "&e9;"
    if extension == ".html":
        text = (
            f"<!DOCTYPE html [{doctype}]><html><body><article><p>{GOOD[0]} {ref}</p>"
            f"<p>{GOOD[1]}</p></article></body></html>"
        )
    else:
        text = (
            f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{doctype}\n]>\n<rss version="2.0">'
            f"<channel><title>T</title><item><title>A</title><description>{ref} {GOOD[0]}"
            f"</description></item><item><title>B</title><description>{GOOD[1]}</description>"
            "</item></channel></rss>"
        )
    items = read_checked(_write(tmp_path / f"attack{extension}", text))
    everything = _all_text(items) + " ".join(str(s) for s in _skipped(items))
    assert "TOP-SECRET-TOKEN" not in everything
    assert "lollollollol" not in everything
    assert GOOD[1] in _all_text(items)
