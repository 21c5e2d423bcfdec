"""`python benchmarks/generate ...`, or `python -m generate` from benchmarks/: the generator's command line."""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # Run as a folder, sys.path starts with the folder itself; the package is imported from its parent.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate.cli import main

sys.exit(main())
