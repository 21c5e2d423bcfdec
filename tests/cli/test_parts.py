"""A run over parts (scale.pieced) writes the very reports of a whole run, whatever the jobs or the
engine, takes unchanged events from the cache, and sends input it cannot place, or input with a
problem, back to the whole load, which reports it exactly."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.cli.test_scale import generated, needs_dask, report, scheduler
from tests.conftest import ROOT, Runner, generate_corpus

__all__ = ["generated", "scheduler"]  # (fixtures, shared with test_scale)

PIECED_FORMATS = ["json", "concise", "github"]


@pytest.fixture
def over_parts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every run over parts, however small; yields the number of parts each run over parts checked."""
    from recoupe.scale import pieced

    monkeypatch.setenv("RECOUPE_PARTS_MIN_CLAIMS", "0")
    seen: list[int] = []
    real = pieced._run_parts

    def counted(runner, settings, plan, parts, say):  # type: ignore[no-untyped-def]
        seen.append(len(parts))
        return real(runner, settings, plan, parts, say)

    monkeypatch.setattr(pieced, "_run_parts", counted)
    yield seen


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 claims over 20 events of 4 sources, as one JSON Lines file with its texts."""
    return generate_corpus(tmp_path_factory.mktemp("jsonl"), 20, 3000, "jsonl", seed=5).parent


def whole(
    run: Runner, corpus: str, tmp: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, bytes, str]:
    with monkeypatch.context() as m:
        m.setenv("RECOUPE_PARTS_MIN_CLAIMS", str(10**12))
        return report(run, tmp, corpus, tmp, *args)


def test_the_bundled_corpus_over_parts_gives_the_golden_report(
    run: Runner, over_parts: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    golden = (ROOT / "tests" / "golden" / "seed-report.json").read_bytes()
    said = "recoupe: 0 errors, 9 warnings, 58 info; nothing at or above error; wrote <out> (json)\n"
    assert report(run, ROOT, "claims/", tmp_path, "--jobs", "1") == (0, golden, said)
    assert report(run, ROOT, "claims/", tmp_path, "--jobs", "2") == (0, golden, said)
    assert over_parts == [1, 1]  # one event: one part, even with two workers


@pytest.mark.parametrize("fmt", PIECED_FORMATS)
def test_every_pieced_format_over_parts_is_the_whole_report(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, over_parts: list[int]
) -> None:
    monkeypatch.chdir(jsonl)

    def written(*args: str) -> bytes:
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}.out"
        result = run("check", "claims.jsonl", "--no-cache", "--format", fmt, "--output", str(out), *args)
        assert result.exit_code == 1, result.stderr
        return out.read_bytes()

    with monkeypatch.context() as m:
        m.setenv("RECOUPE_PARTS_MIN_CLAIMS", str(10**12))
        one = written("--jobs", "1")
    assert over_parts == []
    assert written("--jobs", "1") == one
    assert written("--jobs", "2") == one
    assert over_parts == [1, 8]  # all in one part on one core; 4 parts a worker on two


@pytest.mark.parametrize("corpus", ["yaml", "jsonl"])
def test_jobs_over_parts_on_thousands_of_claims(
    run: Runner,
    generated: Path,
    jsonl: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    over_parts: list[int],
    corpus: str,
) -> None:
    path = str(generated) if corpus == "yaml" else str(jsonl / "claims.jsonl")
    monkeypatch.chdir(tmp_path)
    one = whole(run, path, tmp_path, monkeypatch, "--jobs", "1")
    assert one[0] == 1 and one[1].count(b'"code": "CMP004"') > 50
    for jobs in ("1", "2", "3"):
        assert report(run, tmp_path, path, tmp_path, "--jobs", jobs) == one
    assert over_parts == [1, 8, 12]


@needs_dask
def test_dask_over_parts(
    run: Runner,
    jsonl: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scheduler: str,
    over_parts: list[int],
) -> None:
    path = str(jsonl / "claims.jsonl")
    monkeypatch.chdir(tmp_path)
    one = whole(run, path, tmp_path, monkeypatch, "--jobs", "1")
    assert (
        report(run, tmp_path, path, tmp_path, "--engine", "dask", "--scheduler", scheduler, "--jobs", "2")
        == one
    )
    assert over_parts == [8]


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _edit_claim(corpus: Path, after: int, having: str, **changes: str) -> int:
    """Change the first claim past line `after` of corpus/claims.jsonl that has the key `having`;
    its line's index."""
    lines = _lines(corpus / "claims.jsonl")
    n = next(i for i, line in enumerate(lines) if f'"{having}"'.encode() in line and i > after)
    record = orjson.loads(lines[n])
    record.update(changes)
    lines[n] = orjson.dumps(record) + b"\n"
    (corpus / "claims.jsonl").write_bytes(b"".join(lines))
    return n


def _copy(jsonl: Path, tmp_path: Path) -> Path:
    out = tmp_path / "corpus"
    shutil.copytree(jsonl, out)
    return out


def test_a_line_the_index_cannot_read_is_reported_by_the_whole_load(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = _copy(jsonl, tmp_path)
    lines = _lines(corpus / "claims.jsonl")
    lines[40] = lines[40][:30] + b"\n"  # cut short: not JSON
    (corpus / "claims.jsonl").write_bytes(b"".join(lines))
    monkeypatch.chdir(corpus)
    got = report(run, corpus, "claims.jsonl", tmp_path, "--jobs", "2")
    assert got[0] == 2
    assert got[2].startswith("error: claims.jsonl:41:25: not valid JSON: unterminated string [syntax]\n")
    assert over_parts == []  # never indexed into parts
    assert got == whole(run, "claims.jsonl", tmp_path, monkeypatch, "--jobs", "2")


def test_a_problem_a_part_finds_is_reported_by_the_whole_load(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = _copy(jsonl, tmp_path)
    n = _edit_claim(corpus, 1000, "quote", quote="words that no text of this corpus holds")
    monkeypatch.chdir(corpus)
    got = report(run, corpus, "claims.jsonl", tmp_path, "--jobs", "2")
    assert got[0] == 2 and got[2].startswith(f"error: claims.jsonl:{n + 1}:")
    assert "/quote" in got[2] and got[2].endswith("1 problem found\n")
    assert len(over_parts) == 1  # the parts ran, one failed, and the whole load said why
    assert got == whole(run, "claims.jsonl", tmp_path, monkeypatch, "--jobs", "2")


def test_a_source_file_claim_about_another_event_sends_the_run_whole(
    run: Runner, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(generated, corpus)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    other = folders[-1].name
    source = sorted(p for p in folders[0].glob("*.yaml") if p.name != "event.yaml")[0]
    text = source.read_text("utf-8")
    source.write_text(text.replace("  - id: ", f"  - event: {other}\n    id: ", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    got = report(run, tmp_path, str(corpus), tmp_path, "--jobs", "1")
    assert len(over_parts) == 1  # tried over parts; the part saw a claim it cannot keep to itself
    assert got == whole(run, str(corpus), tmp_path, monkeypatch, "--jobs", "1")
    assert got[0] == 1


def _cached_run(run: Runner, corpus: Path, tmp_path: Path, *args: str) -> tuple[int, bytes, dict[str, str]]:
    out = tmp_path / f"c{len(list(tmp_path.glob('c*.json')))}.json"
    result = run("check", "claims.jsonl", "-v", "--format", "json", "--output", str(out), *args)
    stats = dict(
        line.split(": ", 1) for line in result.stderr.splitlines() if line.startswith(("events_", "cache_"))
    )
    return result.exit_code, out.read_bytes(), stats


def test_unchanged_events_come_from_the_cache(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = _copy(jsonl, tmp_path)
    monkeypatch.chdir(corpus)
    expected = whole(run, "claims.jsonl", tmp_path, monkeypatch)[1]
    first = _cached_run(run, corpus, tmp_path, "--jobs", "2")
    assert first == (1, expected, {"events_checked": "20", "events_cached": "0"})
    again = _cached_run(run, corpus, tmp_path, "--jobs", "1")  # (--jobs changes no output: same entries)
    assert again == (1, expected, {"events_checked": "0", "events_cached": "20"})
    assert over_parts == [8, 0]  # the second run checked no part

    # one claim edited: its event, and only it, is checked again
    _edit_claim(corpus, 1000, "quote", note="checked again")
    edited = _cached_run(run, corpus, tmp_path)
    assert edited == (
        1,
        whole(run, "claims.jsonl", tmp_path, monkeypatch)[1],
        {"events_checked": "1", "events_cached": "19"},
    )

    # a text edited: the events of its source are checked again (its quotes may no longer be there)
    text = sorted((corpus / "texts").iterdir())[0]
    text.write_text(text.read_text("utf-8") + "\nUne phrase de plus.\n", "utf-8")
    after = _cached_run(run, corpus, tmp_path)
    assert after[2]["events_checked"] == "1"
    assert after[:2] == whole(run, "claims.jsonl", tmp_path, monkeypatch)[:2]


def test_a_damaged_piece_in_the_cache_is_made_again(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = _copy(jsonl, tmp_path)
    monkeypatch.chdir(corpus)
    first = _cached_run(run, corpus, tmp_path)
    pieces = [
        p for p in (corpus / ".recoupe_cache").rglob("*.json") if b'"kind":"piece"' in p.read_bytes()[:200]
    ]
    assert len(pieces) == 20
    for p in pieces[:3]:
        p.write_bytes(p.read_bytes()[:-10])  # truncated
    again = _cached_run(run, corpus, tmp_path)
    assert again[:2] == first[:2]
    # (an entry is read when its piece is written: the damaged ones are made again then)
    assert again[2] == {"events_checked": "0", "events_cached": "20", "events_remade": "3"}


def _folder(index: Path) -> dict[str, bytes]:
    files = {index.name: index.read_bytes()}
    pages = index.with_name(index.stem + "_files")
    files.update({f"{pages.name}/{p.name}": p.read_bytes() for p in sorted(pages.iterdir())})
    return files


def test_the_html_folder_over_parts_is_the_whole_one(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    monkeypatch.chdir(jsonl)
    args = ("check", "claims.jsonl", "--no-cache", "--format", "html", "--output")
    with monkeypatch.context() as m:
        m.setenv("RECOUPE_PARTS_MIN_CLAIMS", str(10**12))
        assert run(*args, str(tmp_path / "whole.html")).exit_code == 1
    assert run(*args, str(tmp_path / "parts.html"), "--jobs", "2").exit_code == 1
    assert over_parts == [8]
    whole_files, part_files = _folder(tmp_path / "whole.html"), _folder(tmp_path / "parts.html")
    assert len(part_files) == 21  # the index and a page per event
    assert [n.replace("whole", "parts") for n in whole_files] == list(part_files)
    assert list(whole_files.values()) == [
        b.replace(b"parts_files", b"whole_files") for b in part_files.values()
    ]


def test_an_html_report_small_enough_for_one_page_runs_whole(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    monkeypatch.chdir(jsonl)
    out = tmp_path / "one.html"
    result = run(
        "check",
        "claims.jsonl",
        "--no-cache",
        "--format",
        "html",
        "--output",
        str(out),
        "--html-split",
        "1000",
    )
    assert result.exit_code == 1 and out.is_file() and not (tmp_path / "one_files").exists()
    assert over_parts == []  # a single page needs the whole run's data: not tried over parts


def test_sources_in_one_file_and_claims_in_another_are_indexed_together(
    run: Runner, jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    corpus = _copy(jsonl, tmp_path)
    lines = _lines(corpus / "claims.jsonl")
    (corpus / "claims.jsonl").unlink()
    data = corpus / "data"
    data.mkdir()
    # records first, claims after, in a file that sorts before them: claims name sources not yet read
    (data / "b-records.jsonl").write_bytes(b"".join(x for x in lines if b'"record":' in x))
    (data / "a-claims.jsonl").write_bytes(b"".join(x for x in lines if b'"record":' not in x))
    shutil.move(corpus / "texts", data / "texts")
    monkeypatch.chdir(corpus)
    got = report(run, corpus, "data", tmp_path, "--jobs", "2")
    assert over_parts == [8]  # placed over parts, not sent whole
    assert got == whole(run, "data", tmp_path, monkeypatch, "--jobs", "2")
    assert got[0] == 1 and got[1].count(b'"file": "data/a-claims.jsonl"') > 1000


@needs_dask
def test_a_problem_a_dask_part_finds_is_reported_by_the_whole_load(
    run: Runner,
    jsonl: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scheduler: str,
    over_parts: list[int],
) -> None:
    corpus = _copy(jsonl, tmp_path)
    n = _edit_claim(corpus, 2000, "slot", slot="no-such-slot")
    monkeypatch.chdir(corpus)
    got = report(
        run, corpus, "claims.jsonl", tmp_path, "--engine", "dask", "--scheduler", scheduler, "--jobs", "2"
    )
    assert got[0] == 2
    assert got[2].startswith(
        f"error: claims.jsonl:{n + 1}: unknown slot 'no-such-slot' at /slot [unknown-slot]\n"
    )
    assert over_parts == [8]
    assert got == whole(run, "claims.jsonl", tmp_path, monkeypatch, "--jobs", "1")


def test_an_html_report_of_event_folders_is_one_page_or_a_folder_by_the_counts_of_the_run(
    run: Runner, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, over_parts: list[int]
) -> None:
    # source files are weighed, not counted: the parts run, and the counts they give decide
    monkeypatch.chdir(tmp_path)
    args = ("check", str(generated), "--no-cache", "--format", "html", "--output")
    assert run(*args, str(tmp_path / "one.html"), "--html-split", "1000").exit_code == 1
    assert over_parts == [1] and not (tmp_path / "one_files").exists()  # one page, by the whole run
    assert run(*args, str(tmp_path / "pages.html"), "--html-split", "1").exit_code == 1
    assert over_parts == [1, 1] and len(list((tmp_path / "pages_files").iterdir())) == 25


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_source_with_claims_about_two_events_is_read_once_by_a_part_that_has_both(
    run: Runner,
    jsonl: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    over_parts: list[int],
    jobs: str,
) -> None:
    corpus = _copy(jsonl, tmp_path)
    lines = _lines(corpus / "claims.jsonl")
    events = [orjson.loads(x)["id"] for x in lines if b'"record":"event"' in x]
    # a claim of the first event's first source, about the second event (which sorts next to it)
    n = next(i for i, x in enumerate(lines) if b'"record"' not in x and orjson.loads(x)["event"] == events[0])
    record = orjson.loads(lines[n])
    record["event"] = events[1]
    lines[n] = orjson.dumps(record) + b"\n"
    (corpus / "claims.jsonl").write_bytes(b"".join(lines))
    monkeypatch.chdir(corpus)
    out = tmp_path / f"parts{jobs}.json"
    result = run(
        "check", "claims.jsonl", "--no-cache", "-v", "--jobs", jobs, "--format", "json", "--output", str(out)
    )
    assert "events_checked: 20" in result.stderr  # over parts to the end, not sent to the whole load
    assert (result.exit_code, out.read_bytes()) == whole(run, "claims.jsonl", tmp_path, monkeypatch)[:2]
