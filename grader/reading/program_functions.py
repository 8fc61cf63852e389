"""Small functions a student defines in R, Julia or MATLAB to write a formula down, read as that formula.

``d_w3 <- function(w, x) sigma(w[2] * sigma(w[1] * x))`` says ``d_w3(w, x) = sigma(w[2] * sigma(w[1] * x))``;
a body of assignments ending in the value (R's last expression, Julia's ``return``, MATLAB's output variable)
says its steps, then the name equal to that value. Only a body of plain assignments is read so: a function that
branches, loops or prints is a program and stays as it is. Never run. Each rewrite keeps the block's length
(padded), so offsets after it keep their place.
"""
from __future__ import annotations

import re

R = {"r"}
JULIA = {"julia", "jl"}
MATLAB = {"matlab", "octave", "m"}
LANGUAGES = R | JULIA | MATLAB

_NAME = r"[A-Za-z_∂∇\u0391-\u03c9][\w.∂∇′!]*"  # Julia's own: ∂f∂w₂, ∇L, σ′, step!
_STEP = rf"[ \t]*(?:(?:#|%)[^\n]*|{_NAME}[ \t]*(?:<-|\.?=(?!=))[^\n]*)\n"  # a comment or an assignment
_R_ONE_LINE = re.compile(rf"^([ \t]*)({_NAME})[ \t]*(?:<-|=)[ \t]*function[ \t]*\(([^()\n]*)\)[ \t]*"
                         r"(?!\{)([^\n{}]+?)[ \t]*(?:#[^\n]*)?$", re.M)
_R_BLOCK = re.compile(rf"^([ \t]*)({_NAME})[ \t]*(?:<-|=)[ \t]*function[ \t]*\(([^()\n]*)\)[ \t]*\{{[ \t]*\n"
                      rf"((?:{_STEP})*)[ \t]*(?:return[ \t]*\(([^\n{{}}]+)\)|([^\n{{}}]+?))[ \t]*(?:#[^\n]*)?\n"
                      r"[ \t]*\}[ \t]*$",
                      re.M)
_JULIA_BLOCK = re.compile(rf"^([ \t]*)function[ \t]+({_NAME})[ \t]*\(([^()\n]*)\)[ \t]*\n"
                          rf"((?:{_STEP})*)[ \t]*(?:return[ \t]+)?([^\n]+?)[ \t]*(?:#[^\n]*)?\n[ \t]*end[ \t]*$", re.M)
_MATLAB_BLOCK = re.compile(rf"^([ \t]*)function[ \t]+(\w+)[ \t]*=[ \t]*({_NAME})[ \t]*\(([^()\n]*)\)[ \t]*\n"
                           rf"((?:{_STEP})*?)[ \t]*\2[ \t]*=[ \t]*([^\n;]+?)[ \t]*;?[ \t]*(?:%[^\n]*)?\n"
                           r"[ \t]*end(?:function)?[ \t]*$", re.M)
_CONTROL = re.compile(r"\b(?:if|for|while|print|println|cat|disp|fprintf|return)\b")


def functions_as_formulas(body: str, language: str) -> str:
    """``body`` (a fenced block's text in ``language``) with each small function written as its formula."""
    language = language.lower()
    if language not in LANGUAGES or "function" not in body:
        return body
    if language in R:
        out = _R_BLOCK.sub(lambda m: _formula(m, 2, 3, 4, 5 if m.group(5) else 6), body)
        out = _R_ONE_LINE.sub(lambda m: m.group(0) if _CONTROL.search(m.group(4)) else
                              f"{m.group(1)}{named(m.group(2), m.group(3), m.group(4))} = {m.group(4)}", out)
    elif language in JULIA:
        out = _JULIA_BLOCK.sub(lambda m: _formula(m, 2, 3, 4, 5), body)
    else:
        out = _MATLAB_BLOCK.sub(lambda m: _formula(m, 3, 4, 5, 6), body)
    if len(out) > len(body):
        return body
    pad = " " * (len(body) - len(out))  # on the last line's end, not before a fence's closing line
    return f"{out[:-1]}{pad}\n" if out.endswith("\n") else out + pad


def _formula(m: re.Match[str], name: int, args: int, steps: int, value: int) -> str:
    """A function's steps, one to a line, then its name equal to its value (``name`` … ``value``: the groups of
    ``m`` that hold them; group 1 is the indent); the function as written when a step or the value does what only
    a program does (a branch, a loop, a printout)."""
    indent, said_value = m.group(1), m.group(value)
    lines = [part.strip() for ln in m.group(steps).split("\n") if ln.strip() and not ln.strip().startswith(("#", "%"))
             for part in re.sub(r"[ \t]+[#%].*$", "", ln).split(";") if part.strip()]
    if _CONTROL.search(said_value) or any(_CONTROL.search(ln) for ln in lines):
        return m.group(0)
    said = "".join(f"{indent}{ln}\n" for ln in lines)
    return f"{said}{indent}{named(m.group(name), m.group(args), said_value)} = {said_value.strip()}"


def named(name: str, args: str, value: str = "") -> str:
    """``d_w3``, ``df_dw2``, ``grad_f`` (a derivative's name: its arguments are the point it is taken at) alone;
    a step of descent (``gd_step(w, D, alpha)`` returning ``w - alpha * …``) as the next value of what it steps,
    ``w_new``; any other function with its arguments (``sig(u)``)."""
    if _DERIVATIVE_NAME.fullmatch(name):
        return name
    first = args.split(",")[0].strip()
    if _STEP_NAME.search(name) and re.fullmatch(r"[A-Za-z]\w{0,5}", first) \
            and re.match(rf"\s*{re.escape(first)}\s*[-+−]", value):
        return f"{first}_new"
    return f"{name}({args})"


_STEP_NAME = re.compile(r"(?:^|_)(?:step|update|descent)(?:_|$)|^(?:gd|sgd|step|update)", re.IGNORECASE)
_DERIVATIVE_NAME = re.compile(r"d[A-Za-z]{1,8}_?d[A-Za-z]{1,6}\d?|d_?[A-Za-z]\d|grad\w*")  # df_dw2, d_w3, grad_f
