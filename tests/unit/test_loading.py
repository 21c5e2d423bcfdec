"""The loader: every error kind with its exact location, and claims with their lines and offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recoupe.errors import InputError, Problem
from recoupe.load import load_corpus
from tests.conftest import TEXT, sha, write

GOOD_CLAIM = """
- id: c1
  slot: instrument
  value: déclaration d'entente
  quote: "une déclaration d'entente"
"""


def problems(paths: list[Path]) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_corpus(paths)
    return info.value.problems


def where(p: Problem) -> tuple[str, int | None, int | None, str, str]:
    return (Path(p.file).name, p.line, p.column, p.pointer, p.kind)


def test_loads_claims_with_line_type_and_offsets(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + "- {id: c2, slot: place, value: Rabat, quote: à Rabat}\n")
    corpus = load_corpus([root])
    c1, c2 = corpus.claims
    assert (c1.id, c1.source, c1.event, c1.subject, c1.type, c1.line) == ("c1", "src", "ev", "", "term", 8)
    # the quote uses a straight apostrophe; the text a typographic one: still found, at the right offsets
    assert TEXT[c1.start : c1.end] == "une déclaration d\u2019entente"
    assert (c2.type, c2.line, TEXT[c2.start : c2.end]) == ("entity", 12, "à Rabat")
    assert list(corpus.events) == ["ev"]


def test_unknown_key_says_did_you_mean(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM.replace("quote:", "qoute:"))
    [p] = problems([root])
    assert where(p) == ("src.yaml", 11, 5, "/claims/0/qoute", "unknown-key")
    assert p.message == "unknown key 'qoute' (did you mean 'quote'?)"


def test_unknown_slot_says_did_you_mean(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM.replace("slot: instrument", "slot: instrumnet"))
    [p] = problems([root])
    assert where(p) == ("src.yaml", 9, 11, "/claims/0/slot", "unknown-slot")
    assert p.message == "unknown slot 'instrumnet' (did you mean 'instrument'?)"


def test_wrong_type(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + "  hedged: maybe\n")
    [p] = problems([root])
    assert where(p) == ("src.yaml", 12, 13, "/claims/0/hedged", "type")
    assert p.message.startswith("input should be a valid boolean")
    assert "'maybe'" in p.message


def test_duplicate_claim_id(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + GOOD_CLAIM)
    [p] = problems([root])
    assert where(p) == ("src.yaml", 13, 5, "/claims/1/id", "duplicate-id")
    assert p.message == "duplicate claim id 'c1' in source 'src'"


def test_unknown_event_override(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + "  event: evv\n")
    [p] = problems([root])
    assert where(p) == ("src.yaml", 8, 5, "/claims/0/event", "unknown-event")
    assert p.message == "claim 'c1' names unknown event 'evv' (did you mean 'ev'?)"


def test_jsonl_unknown_source_and_bad_lines(tmp_path: Path, make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM)
    write(
        root / "bulk.jsonl",
        """
        {"source": "src", "event": "ev", "id": "b1", "slot": "date", "value": "ce lundi"}
        {"source": "scr", "event": "ev", "id": "b2", "slot": "date", "value": "ce lundi"}
        {"source": "src", "event": "ev", "id": "b3", "slot": "date", "value": "x", "hedgd": true}
        {not json
        {"record": "source", "id": "other", "language": "fr", "event": "ev"}
        """,
    )
    ps = problems([root])
    assert [(Path(p.file).name, p.line, p.pointer, p.kind) for p in ps] == [
        ("bulk.jsonl", 2, "/source", "unknown-source"),
        ("bulk.jsonl", 3, "/hedgd", "unknown-key"),
        ("bulk.jsonl", 4, "", "syntax"),
    ]
    assert ps[0].message == "claim 'b2' names unknown source 'scr' (did you mean 'src'?)"
    assert ps[1].message == "unknown key 'hedgd' (did you mean 'hedged'?)"


def test_jsonl_records_declare_events_and_sources(tmp_path: Path) -> None:
    write(
        tmp_path / "bulk.jsonl",
        """
        {"record": "event", "id": "e1", "date": "2022-08-01"}
        {"record": "source", "id": "s1", "event": "e1"}
        {"source": "s1", "event": "e1", "id": "c1", "slot": "quantity:dead", "value": "23"}
        """,
    )
    corpus = load_corpus([tmp_path / "bulk.jsonl"])
    [c] = corpus.claims
    assert (c.source, c.event, c.type, c.line, c.slot) == ("s1", "e1", "quantity", 3, "quantity:dead")


def test_missing_text_file(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM)
    (root / "ev" / "src.txt").unlink()
    [p] = problems([root])
    assert where(p) == ("src.yaml", 5, 9, "/text/path", "missing-text")
    assert p.message.startswith("text file 'src.txt' not found")


def test_text_path_naming_a_folder_is_a_missing_text(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM)
    (root / "ev" / "src.txt").unlink()
    (root / "ev" / "src.txt").mkdir()
    [p] = problems([root])
    assert where(p) == ("src.yaml", 5, 9, "/text/path", "missing-text")


def test_files_are_named_from_the_display_root_through_links(tmp_path: Path) -> None:
    """Folders are resolved once each; a text file that is itself a link is named by its target."""
    from recoupe.load.loader import Loader

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "texts").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "b.txt").symlink_to(tmp_path / "real" / "a.txt")
    loader = Loader(display_root=tmp_path.resolve())
    assert loader._show(tmp_path / "texts" / "a.txt") == "real/a.txt"
    assert loader._show(tmp_path / "texts" / "b.txt") == "real/a.txt"
    assert loader._show(tmp_path / "texts" / ".." / "texts" / "a.txt") == "real/a.txt"
    outside = Path("/") / "elsewhere" / "c.txt"
    assert loader._show(outside) == str(outside)


def test_stale_text_is_flagged_not_compared(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM)
    (root / "ev" / "src.txt").write_text(TEXT.replace("Rabat", "Tunis"), encoding="utf-8")
    corpus = load_corpus([root])
    [stale] = corpus.stale_sources()
    assert stale.actual_sha256 == sha(TEXT.replace("Rabat", "Tunis"))
    # its claims are kept (to be reported as stale), but not placed in a text that changed
    assert [(c.id, c.start) for c in corpus.claims] == [("c1", None)]


def test_invalid_yaml(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + "  note: [unclosed\n")
    [p] = problems([root])
    assert (Path(p.file).name, p.line, p.kind) == ("src.yaml", 13, "syntax")
    assert p.message.startswith("not valid YAML")


def test_duplicate_yaml_key(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM + "  slot: place\n")
    [p] = problems([root])
    assert where(p) == ("src.yaml", 12, 5, "/claims/0/slot", "duplicate-key")


def test_quote_not_found_shows_closest_passage(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM.replace("une déclaration d'entente", "contre le trafic des êtres humains"))
    [p] = problems([root])
    assert where(p) == ("src.yaml", 11, 12, "/claims/0/quote", "quote")
    assert "closest passage" in p.message
    assert "«contre la traite des êtres humains»" in p.message
    assert "the quote has 'le trafic' where the text has 'la traite'" in p.message


def test_ambiguous_quote_needs_occurrence(make_source: Callable[..., Path]) -> None:
    root = make_source("- {id: c1, slot: instrument, value: déclaration, quote: La déclaration}\n")
    [p] = problems([root])
    assert where(p) == ("src.yaml", 8, 59, "/claims/0/quote", "quote")
    assert p.message == "quote occurs 2 times in the text; say which with 'occurrence' (1 to 2)"


def test_occurrence_picks_the_right_one(make_source: Callable[..., Path]) -> None:
    root = make_source(
        "- {id: c1, slot: instrument, value: déclaration, quote: La déclaration, occurrence: 2}\n"
    )
    [c] = load_corpus([root]).claims
    assert TEXT[c.start : c.end] == "La déclaration"
    assert c.start == TEXT.rindex("La déclaration")


def test_nbsp_and_line_breaks_fold(make_source: Callable[..., Path]) -> None:
    # the text has "humains.\nLa\u00a0déclaration"; the quote plain spaces
    root = make_source(
        "- {id: c1, slot: content, value: formation, quote: humains. La déclaration prévoit}\n"
    )
    [c] = load_corpus([root]).claims
    assert TEXT[c.start : c.end] == "humains.\nLa\u00a0déclaration prévoit"


def test_collects_every_problem_across_files(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM.replace("slot: instrument", "slot: instrumnet"))
    make_source(GOOD_CLAIM.replace("quote:", "qoute:"), source_id="other")
    assert sorted(p.kind for p in problems([root])) == ["unknown-key", "unknown-slot"]


def test_missing_path(tmp_path: Path) -> None:
    [p] = problems([tmp_path / "nope"])
    assert (p.kind, p.message) == ("io", "no such file or folder")


def test_invalid_json_source_file(tmp_path: Path) -> None:
    write(
        tmp_path / "ev" / "s.json",
        '{"id": "s",\n "claims": [\n  {"id": "c1", "slot": "place", "value": "Rabat",}\n ]\n}\n',
    )
    [p] = problems([tmp_path / "ev"])
    assert (Path(p.file).name, p.line, p.column, p.kind) == ("s.json", 3, 50, "syntax")
    assert p.message == "not valid JSON: expecting property name enclosed in double quotes"


def test_json_source_file_loads(tmp_path: Path) -> None:
    write(
        tmp_path / "ev" / "s.json",
        '{"id": "s", "claims": [{"id": "c1", "slot": "place", "value": "Rabat"}]}\n',
    )
    [c] = load_corpus([tmp_path / "ev"]).claims
    assert (c.source, c.event, c.id, c.line, c.type) == ("s", "ev", "c1", 1, "entity")


def test_jsonl_is_streamed_so_large_files_load_and_long_lines_are_refused(tmp_path: Path) -> None:
    from recoupe.load.json_lines import MAX_LINE_BYTES

    head = '{"record": "event", "id": "e"}\n{"record": "source", "id": "s"}\n'
    claims = "".join(
        f'{{"source": "s", "event": "e", "id": "c{i}", "slot": "place", "value": "Rabat"}}\n'
        for i in range(3)
    )
    long = (
        '{"source": "s", "event": "e", "id": "big", "slot": "note", "value": "'
        + "x" * MAX_LINE_BYTES
        + '"}\n'
    )
    (tmp_path / "c.jsonl").write_text(head + claims + long, "utf-8")
    [p] = problems([tmp_path / "c.jsonl"])
    assert (p.line, p.kind, p.message) == (6, "size", "line longer than 1024 KiB")
    (tmp_path / "c.jsonl").write_text(head + claims, "utf-8")
    assert [c.id for c in load_corpus([tmp_path / "c.jsonl"]).claims] == ["c0", "c1", "c2"]


def test_jsonl_claims_of_a_source_taken_from_the_cache_still_have_their_quotes_placed(
    make_source: Callable[..., Path], tmp_path: Path
) -> None:
    """A source file restored from the cache brings no folded text: a JSON Lines claim about it is
    still placed, and a wrong quote still found out."""
    from recoupe.load import store_in_cache
    from recoupe.load.cache import Cache

    root = make_source(GOOD_CLAIM)
    bulk = tmp_path / "more.jsonl"
    good = '{"source": "src", "event": "ev", "id": "c9", "slot": "place", "value": "Rabat", "quote": "à Rabat"}\n'
    bulk.write_text(good, "utf-8")
    cache = Cache(tmp_path / "cache")
    store_in_cache(load_corpus([root, bulk], cache=cache), cache)
    corpus = load_corpus([root, bulk], cache=cache)
    assert cache.hits == 1
    c9 = corpus.claim("src", "c9")
    assert c9 is not None and TEXT[c9.start : c9.end] == "à Rabat"
    bulk.write_text(good.replace("à Rabat", "à Tunis"), "utf-8")
    [p] = problems([root, bulk])  # (no cache: the same problem either way)
    with pytest.raises(InputError) as info:
        load_corpus([root, bulk], cache=cache)
    assert (
        [where(q) for q in info.value.problems] == [where(p)] == [("more.jsonl", 1, None, "/quote", "quote")]
    )


def test_quotes_are_placed_when_claims_come_back_to_a_source_whose_folded_text_was_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the texts folded last are kept while quotes are placed; a source met again is folded
    again, and its quotes land at the same offsets."""
    from recoupe.load import texts as folding

    texts = {"a": "Il pleut à Rabat.\u202fLe ministre l\u2019a dit.", "b": "Le soleil brille\n\n sur Niamey."}
    lines = ['{"record": "event", "id": "e"}']
    for sid, text in texts.items():
        (tmp_path / f"{sid}.txt").write_text(text, "utf-8")
        lines.append(
            f'{{"record": "source", "id": "{sid}", "text": {{"path": "{sid}.txt", "sha256": "{sha(text)}"}}}}'
        )
    quotes = [("a", "à Rabat"), ("b", "sur Niamey"), ("a", "l'a dit"), ("b", "brille sur")]
    for n, (sid, quote) in enumerate(quotes):
        lines.append(
            f'{{"source": "{sid}", "event": "e", "id": "c{n}", "slot": "place", "value": "x", "quote": "{quote}"}}'
        )
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    folds: list[str] = []
    real_fold = folding.fold_source

    def counting_fold(text: str) -> object:
        folds.append(text)
        return real_fold(text)

    monkeypatch.setattr(folding, "fold_source", counting_fold)
    monkeypatch.setattr(folding, "FOLDED_CHARS", 40)  # room for one folded text at a time
    corpus = load_corpus([tmp_path / "c.jsonl"])
    spans = [(c.source, texts[c.source][c.start : c.end]) for c in corpus.claims]
    assert spans == [("a", "à Rabat"), ("b", "sur Niamey"), ("a", "l\u2019a dit"), ("b", "brille\n\n sur")]
    assert folds == [texts["a"], texts["b"], texts["a"], texts["b"]]
    folds.clear()
    monkeypatch.setattr(folding, "FOLDED_CHARS", 10_000)  # room for both: each is folded once
    assert [(c.start, c.end) for c in load_corpus([tmp_path / "c.jsonl"]).claims] == [
        (c.start, c.end) for c in corpus.claims
    ]
    assert folds == [texts["a"], texts["b"]]


def test_a_text_and_a_claims_file_that_are_not_utf8_are_located(make_source: Callable[..., Path]) -> None:
    root = make_source(GOOD_CLAIM)
    (root / "ev" / "src.txt").write_bytes("Le Maroc\net le Niger ont signé".encode() + b" \xe9 Rabat.\n")
    (root / "ev" / "other.yaml").write_bytes(b"id: other\ntitle: \x93Test\x94\n")
    ps = sorted(problems([root]), key=lambda p: p.file)
    assert [(Path(p.file).name, p.line, p.column, p.message, p.kind) for p in ps] == [
        ("other.yaml", 2, 8, "not UTF-8 at byte 17 (0x93)", "encoding"),
        # « signé » is one character and two bytes: the bad byte is column 23 of line 2
        ("src.txt", 2, 23, "not UTF-8 at byte 32 (0xE9)", "encoding"),
    ]


def test_jsonl_lines_that_are_not_json_say_why_at_their_column(
    tmp_path: Path, make_source: Callable[..., Path]
) -> None:
    root = make_source(GOOD_CLAIM)
    good = '{"source": "src", "event": "ev", "id": "b1", "slot": "date", "value": "ce lundi"}'
    lines = [
        good.encode(),
        # a claim line cut short: the column is where its last string starts
        '{"source": "src", "event": "ev", "id": "b2", "slot": "date", "value": "lundi 1er août'.encode(),
        # « é » is two bytes: the stray comma is character 17, byte 18
        '{"record": "é", , "id": "x"}'.encode(),
        b'{"source": "src", "event": "ev", "id": "b3", "slot": "date", "value": "ao\xfbt"}',
        b'{"record": "source", "id": "s\xff"}',
    ]
    (root / "bulk.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    assert [(Path(p.file).name, p.line, p.column, p.message, p.kind) for p in problems([root])] == [
        ("bulk.jsonl", 2, 71, "not valid JSON: unterminated string", "syntax"),
        ("bulk.jsonl", 3, 17, "not valid JSON: expecting property name enclosed in double quotes", "syntax"),
        ("bulk.jsonl", 4, 74, "not UTF-8 (byte 0xFB)", "encoding"),
        ("bulk.jsonl", 5, 30, "not UTF-8 (byte 0xFF)", "encoding"),
    ]
