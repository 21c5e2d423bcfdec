"""Outputs: a report that cannot be written is refused before any work, a write that fails later is
the write's failure with its path, a killed write leaves the old file whole and its temporary file
is removed by the next run, and values reach text and Markdown logs with control characters escaped."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from recoupe.errors import InputError
from recoupe.outfile import write_atomic
from tests.conftest import Runner


def refused(run: Runner, *args: str) -> str:
    # the corpus does not exist: a refusal of the output proves it came first
    result = run("check", "no-such-corpus", *args)
    assert result.exit_code == 2
    assert "no such file or folder" not in result.stderr
    [line] = result.stderr.splitlines()
    return line


def test_a_folder_a_missing_folder_and_a_file_as_folder_are_refused_first(
    run: Runner, tmp_path: Path
) -> None:
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "file").write_text("x", "utf-8")
    # (click refuses a folder itself, as a usage error: exit 2 too)
    result = run("check", "no-such-corpus", "--output", "dir.json")
    assert result.exit_code == 2 and "'dir.json' is a directory" in result.stderr
    assert (
        refused(run, "--output", "nope/r.json")
        == "error: nope/r.json: cannot write: the folder nope does not exist [write]"
    )
    assert (
        refused(run, "--output", "file/r.json")
        == "error: file/r.json: cannot write: file is not a folder [write]"
    )


@pytest.mark.usefixtures("bounded")
def test_a_fifo_nobody_reads_is_refused_without_waiting(run: Runner, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    assert refused(run, "--output", "pipe.json") == (
        "error: pipe.json: cannot write: a named pipe (FIFO) that nobody reads: refused [write]"
    )


def test_a_name_too_long_and_a_place_no_file_can_be_made_are_refused(run: Runner) -> None:
    long = "r" * 300 + ".json"
    assert refused(run, "--output", long) == f"error: {long}: cannot write: the file name is too long [write]"
    line = refused(run, "--output", "/proc/recoupe-report.json")
    assert line.startswith("error: /proc/recoupe-report.json: cannot write: ") and line.endswith(" [write]")


def test_baseline_create_checks_its_output_first(run: Runner, tmp_path: Path) -> None:
    result = run("baseline", "create", "no-such-corpus", "--output", "gone/b.json", "--reason", "r")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: gone/b.json: cannot write: the folder gone does not exist [write]\n1 problem found\n",
    )


def test_a_write_failing_later_is_the_writes_failure_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", "utf-8")

    def full_disk() -> Iterator[bytes]:
        yield b"new, half"
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(InputError) as info:
        write_atomic(target, full_disk())
    assert [str(p) for p in info.value.problems] == [
        f"{target}: cannot write: No space left on device [write]"
    ]
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


WRITER = """
import sys, time
from pathlib import Path
from recoupe.outfile import write_atomic

def chunks():
    for i in range(10_000):
        if i == 5:
            print("writing", flush=True)
        yield b"x" * 1000
        time.sleep(0.01)

write_atomic(Path(sys.argv[1]), chunks())
"""


@pytest.mark.usefixtures("bounded")
def test_a_killed_write_leaves_the_old_file_and_the_next_write_removes_its_temp(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("the old report", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(target)], stdout=subprocess.PIPE, env=env
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert target.read_text("utf-8") == "the old report"
    [temp] = [p.name for p in tmp_path.iterdir() if p.name != "report.json"]
    assert temp.startswith(f".report.json.{child.pid}.") and temp.endswith(".tmp")
    write_atomic(tmp_path / "other.json", "new")  # any write into the folder cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.json", "report.json"]


CONTROLS = r"""{"record":"event","id":"e","title":"T\u001b]0;pwned\u0007"}
{"record":"source","id":"a","event":"e","title":"A"}
{"record":"source","id":"b","event":"e","title":"B"}
{"source":"a","event":"e","id":"c1","slot":"place","value":"Rabat\u001b[2J\u0000"}
{"source":"b","event":"e","id":"c2","slot":"place","value":"Niamey"}
"""


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_control_characters_reach_text_and_markdown_escaped(run: Runner, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "c.jsonl").write_text(CONTROLS, "utf-8")
    result = run("check", "c.jsonl", "--no-cache", "--show-info", "--format", fmt, "--fail-on", "never")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout and "\x07" not in result.stdout
    if fmt == "text":
        assert "T\\x1b]0;pwned\\x07" in result.stdout and "Rabat\\x1b[2J\\x00" in result.stdout
    else:  # (Markdown escapes the backslash and the bracket themselves)
        assert "T\\\\x1b\\]0;pwned\\\\x07" in result.stdout
    assert "pwned" in result.stdout


def test_an_error_message_quotes_at_most_a_few_hundred_characters(run: Runner, tmp_path: Path) -> None:
    big = "x" * 5_000_000
    (tmp_path / "c.jsonl").write_text(
        '{"source":"a","event":"e","id":"c1","slot":"place","value":"v","hedged":"' + big[:900_000] + '"}\n',
        "utf-8",
    )
    result = run("check", "c.jsonl", "--no-cache")
    assert result.exit_code == 2
    assert len(result.stderr) < 2_000
    assert "... (900,002 characters)" in result.stderr


@pytest.mark.parametrize(
    ("cache_dir", "why"),
    [("/proc/nope", "No such file or directory"), ("recoupe.toml/x", "{root}/recoupe.toml is not a folder")],
)
def test_a_cache_dir_that_cannot_be_written_is_refused_at_its_line(
    run: Runner, seed_copy: Path, tmp_path: Path, cache_dir: str, why: str
) -> None:
    (tmp_path / "recoupe.toml").write_text(f'paths = ["claims"]\ncache-dir = "{cache_dir}"\n', "utf-8")
    result = run("check", "claims")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {tmp_path / 'recoupe.toml'}:2: cache-dir '{cache_dir}' cannot be written "
        f"({why.format(root=tmp_path)}); set another, or run with --no-cache at /cache-dir [write]"
    )


def test_init_under_a_file_is_the_writes_failure(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", "utf-8")
    result = run("init", "afile/x")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2,
        "error: afile/x/recoupe.toml: cannot write: Not a directory [write]",
    )
