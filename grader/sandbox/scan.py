"""A static scan of the hand-in's code (parsed, never run) for what a homework network never needs.

Student code shares an interpreter with the grader's measuring code; a hand-in that reaches for
the interpreter's machinery (``sys.modules``, ``gc``, ``ctypes``, frames, ``/proc``, the request
file), or carries a large table of constants (test labels, say), is sent to a person with
the evidence: a flag is a reason to look, not a verdict. Only the code the child runs is
scanned (the definitions ``loader`` keeps).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from grader.sandbox.loader import definitions_only

MODULES = {"gc", "ctypes", "inspect", "importlib", "builtins", "marshal", "subprocess", "socket", "mmap", "cffi",
           "tracemalloc", "faulthandler", "grader"}
ATTRIBUTES = {"modules", "_getframe", "__subclasses__", "__globals__", "__code__", "__builtins__", "f_back",
              "f_locals", "f_globals", "gi_frame", "tb_frame", "__closure__", "cell_contents", "settrace",
              "setprofile", "meta_path", "path_hooks", "addaudithook"}
CALLS = {"eval", "exec", "compile", "__import__", "globals", "vars", "breakpoint"}
STRINGS = ("/proc", "/dev/fd", "request.json", "plan.json", "data.json", "cached.pt", "test_images", "init_images",
           "labels-idx", "grader.sandbox")
# nn.Module's own machinery: a network that redefines these can report a network it is not
MODULE_MACHINERY = {"parameters", "named_parameters", "buffers", "named_buffers", "state_dict", "modules",
                    "named_modules", "children", "named_children", "__getattr__", "__getattribute__", "__setattr__",
                    "__dir__", "__class__", "_apply", "_named_members", "_save_to_state_dict", "__torch_function__",
                    "__torch_dispatch__", "numel", "size"}
LIBRARIES = {"torch", "nn", "F", "np", "numpy", "sys", "os", "builtins", "json", "io", "math", "random"}
SETTINGS = ("torch.backends.",)  # documented switches an honest script sets (cudnn.deterministic)
LARGE_CONSTANT = 2_000  # characters of one constant, or elements of one literal
LARGE_IN_ALL = 12_000  # the same, summed over the file: a table cut into pieces (a network needs a few hundred)


@dataclass(frozen=True)
class Flag:
    """Something a homework never needs, with where it is."""

    reason: str
    evidence: str

    def as_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "evidence": self.evidence}


def scan(source: str, filename: str = "code") -> list[Flag]:
    """The flags of ``source``'s executed part, at most one per reason and line."""
    try:
        tree, _ = definitions_only(source, filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []  # the child reports a file that does not parse
    flags: dict[tuple[str, int], Flag] = {}
    carried = 0
    try:
        for node in ast.walk(tree):
            carried += _constant_size(node)
            for reason, what in _node_flags(node):
                line = getattr(node, "lineno", 0)
                flags.setdefault((reason, line), Flag(reason, f"line {line}: {what}"))
    except RecursionError:
        flags[("nesting", 0)] = Flag("code nested too deep to scan", "the whole file")
    if carried > LARGE_IN_ALL and not any(f.reason == "carries a large embedded constant" for f in flags.values()):
        flags[("constants", 0)] = Flag("carries a large embedded constant",
                                       f"constants of {carried:,} characters or elements in all, in small pieces")
    return list(flags.values())[:20]


def _constant_size(node: ast.AST) -> int:
    """What one node carries as data: a text's characters, a number's hex digits, a literal's elements."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, bytes)):
            return len(node.value)
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value.bit_length() // 4
        return 1
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return len(node.elts)
    if isinstance(node, ast.Dict):
        return len(node.keys)
    return 0


def _node_flags(node: ast.AST) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        for name in names:
            if name.split(".")[0] in MODULES:
                out.append(("imports a module a network never needs", f"import {name}"))
    elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
        out.append(("reaches into the interpreter's internals", f".{node.attr}"))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
        out.append(("runs code built at run time", f"{node.func.id}(…)"))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
        out.append(("changes attributes chosen at run time", f"{node.func.id}(…)"))
    elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        out.extend(("patches a library at run time", what) for what in _patched(node))
    elif isinstance(node, ast.ClassDef):
        redefined = [f.name for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and f.name in MODULE_MACHINERY]
        if redefined:
            out.append(("redefines how nn.Module reports its layers", f"class {node.name}: {', '.join(redefined)}"))
    elif isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
        if len(text) > LARGE_CONSTANT:
            out.append(("carries a large embedded constant", f"a text of {len(text):,} characters"))
        for needle in STRINGS:
            if needle in text:
                out.append(("names the grader's files", repr(needle)))
    elif isinstance(node, ast.Constant) and type(node.value) is int and node.value.bit_length() // 4 > LARGE_CONSTANT:
        out.append(("carries a large embedded constant", f"a number of {node.value.bit_length() // 4:,} hex digits"))
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and len(node.elts) > LARGE_CONSTANT:
        out.append(("carries a large embedded constant", f"a literal of {len(node.elts):,} elements"))
    elif isinstance(node, ast.Dict) and len(node.keys) > LARGE_CONSTANT:
        out.append(("carries a large embedded constant", f"a table of {len(node.keys):,} entries"))
    return out


def _patched(node: ast.AST) -> list[str]:
    """``torch.save = ...``, ``nn.Module.x = ...``, ``F.relu.__code__ = ...``: a target that is an attribute of
    an imported library (not of ``self`` or a local object)."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.Delete):
        targets = node.targets
    else:
        targets = [node.target]  # type: ignore[attr-defined]
    out = []
    for target in targets:
        for t in target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]:
            root = t
            while isinstance(root, ast.Attribute):
                root = root.value
            name = ast.unparse(t)
            if t is not root and isinstance(root, ast.Name) and root.id in LIBRARIES \
                    and not name.startswith(SETTINGS):
                out.append(f"{name} = …")
    return out
