"""The Jinja2 environment of the HTML report's pages: its templates (package data, autoescape on),
their inline style and script, and the Content-Security-Policy that forbids loading anything."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from recoupe.reporters._common import SEVERITIES, VERDICT_LABELS, VERDICTS, plural, status_line, verdict_of

if TYPE_CHECKING:
    import jinja2

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# A line break followed by indentation is not output: in the templates, a line that starts with
# spaces continues the one above, so that markup can be nested readably and come out on one line.
_CONTINUATION = re.compile(r"\n[ \t]+")


@functools.cache
def environment() -> jinja2.Environment:
    # jinja2 is loaded only when a page is rendered
    import jinja2
    import jinja2.ext

    class Continuations(jinja2.ext.Extension):
        def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
            return _CONTINUATION.sub("", source)

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("recoupe.reporters", "templates/html"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[Continuations],
    )
    assert env.loader is not None
    env.globals.update(
        # the page's CSS and script: files of the templates folder, not templates (output `|safe`)
        style=env.loader.get_source(env, "style.css")[0],
        script=env.loader.get_source(env, "script.js")[0],
        csp=CSP,
        severities=[sv.value for sv in SEVERITIES],
        verdicts=VERDICTS,
        verdict_labels=VERDICT_LABELS,
        verdict_of=verdict_of,
        plural=plural,
        status_line=status_line,
    )
    return env
