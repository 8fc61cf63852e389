"""TeX's other dialects, as the LaTeX the reader understands.

Plain TeX, AMS-TeX and ConTeXt write what LaTeX writes in other words: ``\\item{(a)}`` and AMS-TeX's ``\\item"(i)"``
are items labelled (a) and (i); ``\\beginsection``, ``\\head … \\endhead`` and ``\\subhead … \\endsubhead`` headings;
``\\proclaim{…} … \\endproclaim`` a statement under its title; ConTeXt's ``\\startformula … \\stopformula`` a display,
``\\startitemize`` a list, ``\\starttyping`` verbatim text. Each is rewritten to its LaTeX form (the math itself is
left as written: ``\\over`` and ``\\eqno`` are read where formulas are read).
"""
from __future__ import annotations

import re

# a sign that the source is one of these dialects, not LaTeX
_DIALECT = re.compile(r"\\(?:bye|eqno|leqno|beginsection|endproclaim|endsubhead|endhead|starttext|startformula"
                      r"|startitemize|documentstyle\s*\{\s*amsppt)(?![A-Za-z])|\\item\s*[{\"]")
_REWRITES = (
    (re.compile(r"\\(?:item|itemitem)\s*\{([^{}\n]{1,20})\}"), r"\\item[\1]"),  # \item{(a)}
    (re.compile(r"\\item\s*\"([^\"\n]{1,20})\""), r"\\item[\1]"),  # AMS-TeX's \item"(i)"
    (re.compile(r"\\beginsection\s+([^\n]{1,120}?)\s*(?:\\par\b|\n\s*\n)"), r"\\section*{\1}\n\n"),
    (re.compile(r"\\head\s+([^\n]{0,120}?)\s*\\endhead"), r"\\section*{\1}"),
    (re.compile(r"\\subhead\s+([^\n]{0,120}?)\s*\\endsubhead"), r"\\subsection*{\1}"),
    (re.compile(r"\\proclaim\s*\{([^{}\n]{0,80})\}"), r"\\textbf{\1} "),
    (re.compile(r"\\startsection\s*\[\s*title\s*=\s*\{([^{}\n]{0,120})\}[^\]\n]*\]"), r"\\section*{\1}"),
    (re.compile(r"\\startsubsection\s*\[\s*title\s*=\s*\{([^{}\n]{0,120})\}[^\]\n]*\]"), r"\\subsection*{\1}"),
    (re.compile(r"\\startformula(?![A-Za-z])"), r"\\["),
    (re.compile(r"\\stopformula(?![A-Za-z])"), r"\\]"),
    (re.compile(r"\\startitemize(?:\s*\[[^\]\n]*\])?"), r"\\begin{itemize}"),
    (re.compile(r"\\stopitemize(?![A-Za-z])"), r"\\end{itemize}"),
    (re.compile(r"\\starttyping(?![A-Za-z])"), r"\\begin{verbatim}"),
    (re.compile(r"\\stoptyping(?![A-Za-z])"), r"\\end{verbatim}"),
    (re.compile(r"\\(?:endproclaim|enddemo|endtitle|endauthor|endaffil|endtopmatter|bye|starttext|stoptext"
                r"|stopsection|stopsubsection|topmatter|document|enddocument)(?![A-Za-z])"), ""),
)


def is_tex_dialect(text: str) -> bool:
    """Whether a TeX source is written in plain TeX, AMS-TeX or ConTeXt (its own commands in it)."""
    return _DIALECT.search(text[:200_000]) is not None


def latex_of_dialect(text: str) -> str:
    """The source with the dialect's structure rewritten as LaTeX's (see the module's doc)."""
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text
