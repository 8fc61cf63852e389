"""The package's templates and static files (KaTeX is vendored under ``static/katex``).

One Jinja2 environment with autoescaping on for every template: everything a hand-in
says reaches a page escaped. KaTeX runs with ``trust`` off and size and macro-expansion
limits (``KATEX_OPTIONS``), so a hostile formula can neither link nor blow up a page.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources
from pathlib import Path

import jinja2

KATEX_OPTIONS = {"throwOnError": False, "trust": False, "strict": "ignore", "maxSize": 6, "maxExpand": 1000}


def package_dir(name: str) -> Path:
    return Path(str(resources.files("grader.review") / name))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(package_dir("templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)  # a missing detail renders empty, never fails
    env.filters["pts"] = points
    return env


def points(value: object) -> str:
    """``1.5``, ``2``; empty for anything that is not a number (a hand-edited file may hold anything)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return f"{float(value):g}"


def static_text(*parts: str) -> str:
    return package_dir("static").joinpath(*parts).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def katex_css_inline() -> str:
    """KaTeX's stylesheet with its woff2 fonts as data URLs (the other formats dropped): one file, offline."""
    css = static_text("katex", "katex.min.css")
    css = re.sub(r',url\(fonts/[^)]+\.woff\) format\("woff"\)|,url\(fonts/[^)]+\.ttf\) format\("truetype"\)', "",
                 css)
    fonts = package_dir("static") / "katex" / "fonts"

    def data_url(m: re.Match[str]) -> str:
        font = (fonts / m.group(1)).read_bytes()
        return f"url(data:font/woff2;base64,{base64.b64encode(font).decode()})"

    return re.sub(r"url\(fonts/([A-Za-z0-9_-]+\.woff2)\)", data_url, css)


@functools.lru_cache(maxsize=1)
def inline_scripts() -> tuple[str, str]:
    """The page's one inline script (KaTeX, auto-render, our renderer) and its CSP hash source."""
    script = "\n".join(static_text(*p) for p in (("katex", "katex.min.js"), ("katex", "auto-render.min.js"),
                                                 ("math.js",)))
    script = script.replace("</", "<\\/")  # never closes the script element early
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return script, f"'sha256-{digest}'"
