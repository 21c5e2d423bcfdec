"""`recoupe --help` stays instant: it imports the command modules and nothing heavy behind them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import recoupe.cli

# Run in a fresh interpreter: what this test session already imported would hide an import.
# Modules that the environment (.pth files) brings are taken before recoupe starts; click, which
# imports parts of itself while it writes the help, is the one third-party package allowed.
HELP = """
import json, sys
import click
before = set(sys.modules)
from recoupe.cli import main
try:
    main(["--help"])
except SystemExit as e:
    status = e.code
added = sorted(m for m in set(sys.modules) - before if m.split(".")[0] not in {*sys.stdlib_module_names, "click"})
print(json.dumps({"status": status, "added": added}), file=sys.stderr)
"""


def test_help_imports_the_commands_and_nothing_heavy() -> None:
    done = subprocess.run([sys.executable, "-c", HELP], capture_output=True, text=True, check=True)
    seen = json.loads(done.stderr.strip().splitlines()[-1])
    commands = {f"recoupe.cli.{p.stem}" for p in Path(recoupe.cli.__file__).parent.glob("*.py")} - {
        "recoupe.cli.__init__"
    }
    assert seen["status"] == 0
    # the reporters' registry names the --format choices without importing a reporter or rich
    assert set(seen["added"]) == {
        "recoupe",
        "recoupe.cli",
        "recoupe.reporters",
        "recoupe.reporters.registry",
        *commands,
    }
    assert "Usage: recoupe [OPTIONS] COMMAND [ARGS]..." in done.stdout
