"""Hostile hand-ins, round 2 (more routes of the classes already seen): a count forged through the
network's own methods or torch's classes, restatements in other notations, evaluation bombs in other
shapes, and a class folder of hostile names and archives. Report-only or probe-only: nothing trains."""
from __future__ import annotations

import dataclasses
import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from grader.batch import grade_batch
from grader.pipeline import Options, grade_submission
from grader.sandbox.limits import GiB, Limits
from grader.sandbox.scan import scan
from tests.conftest import ROOT
from tests.helpers import grade_report_item, without_training
from tests.helpers import GOOD_NET

LIMITS = Limits(import_s=60, probe_s=30, memory_bytes=2 * GiB)
REFERENCE_SHAPES = {"conv1.weight": [20, 1, 5, 5], "conv1.bias": [20], "conv2.weight": [50, 20, 5, 5],
                    "conv2.bias": [50], "fc1.weight": [500, 800], "fc1.bias": [500], "fc2.weight": [10, 500],
                    "fc2.bias": [10]}
FAKE = f"""
def fake():
    return {{n: nn.Parameter(torch.zeros(s)) for n, s in {REFERENCE_SHAPES!r}.items()}}
"""
# a one-layer net that says, through its own methods, it is the reference network (no sys.modules, no gc)
OVERRIDDEN = FAKE + """
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
    def forward(self, x):
        return self.fc(x.flatten(1))
    def named_parameters(self, *a, **k):
        yield from fake().items()
    def state_dict(self, *a, **k):
        return fake()
"""
# the same, by patching torch's own classes from __init__ (what the child measures with)
PATCHED = FAKE + """
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        real = nn.Module.named_parameters
        nn.Module.named_parameters = lambda m, *a, **k: iter(fake().items()) if type(m) is Net else real(m, *a, **k)
        nn.Module.state_dict = lambda m, *a, **k: fake()
        torch.Tensor.numel = lambda t: 431080
        self.fc = nn.Linear(784, 10)
    def forward(self, x):
        return self.fc(x.flatten(1))
"""


@pytest.fixture(scope="module")
def probe_rubric(rubric):
    return without_training(rubric)


@pytest.mark.parametrize("code, reason", [(OVERRIDDEN, "redefines how nn.Module reports its layers"),
                                          (PATCHED, "patches a library at run time")], ids=["overridden", "patched"])
def test_a_count_forged_through_the_networks_methods_does_not_pass(probe_rubric, tmp_path: Path, code: str,
                                                                    reason: str) -> None:
    folder = tmp_path / "mallory"
    folder.mkdir()
    (folder / "DeepMNIST.py").write_text(code)
    result = grade_submission(folder, probe_rubric, Options(limits=LIMITS))
    params = result.check("code.params")
    assert params.score == 0 and "7,850 parameters" in params.feedback, params.feedback
    assert result.check("code.shapes").score == 0
    assert reason in {f["reason"] for f in result.measurements["integrity"]}


def test_the_scan_flags_patches_and_redefined_machinery_but_not_honest_settings() -> None:
    honest = "import os, torch\nos.environ['A'] = '1'\ntorch.backends.cudnn.deterministic = True\n" + GOOD_NET
    assert scan(honest) == []
    assert {f.reason for f in scan(OVERRIDDEN)} == {"redefines how nn.Module reports its layers"}
    flags = scan(PATCHED)
    assert {f.reason for f in flags} == {"patches a library at run time"}
    assert any("torch.Tensor.numel" in f.evidence for f in flags)
    assert any("setattr" in f.evidence for f in scan("class Net(nn.Module):\n    setattr(nn.Module, 'x', 1)\n"))


def test_the_state_read_in_the_child_matches_torchs_own_for_honest_networks() -> None:
    import torch
    from torch import nn

    from grader.sandbox import own_state

    net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Sequential(nn.ReLU(), nn.BatchNorm2d(2)), nn.Flatten())
    net.register_buffer("scratch", torch.zeros(3), persistent=False)
    net.tied = net[0]  # a module reached twice is counted once, as torch counts it
    assert [n for n, _ in own_state.state(net)] == [n for n, _ in [*net.named_parameters(), *net.named_buffers()]]
    saved = dict(own_state.state(net, persistent_only=True))  # state_dict's tensors, each once
    assert set(saved) <= set(net.state_dict()) and "scratch" not in saved
    assert {id(t) for t in saved.values()} == {id(t) for t in net.state_dict(keep_vars=True).values()}
    assert own_state.measure(net[0].weight) == ([2, 1, 3, 3], 18)


# --- restatements and evaluation bombs in other notations ---------------------------------------------

D = "## Problem 1\n\n### (d)\n\n$$\\frac{\\partial f_w}{\\partial w_3} = %s$$\n"
B = "## Problem 1\n\n### (b)\n\n(i) $$\\frac{d\\sigma_1}{du} = %s$$\n"


@pytest.mark.parametrize("item, report", [
    ("p1.d", D % r"\frac{d f_w}{d w_3}"), ("p1.d", D % r"\frac{\partial}{\partial w_3} f_w(x)"),
    ("p1.d", D % r"f_w'(w_3)"), ("p1.d", D % r"\frac{\partial f_w}{\partial x_3}\frac{\partial x_3}{\partial w_3}"),
    ("p1.d", D % r"\frac{\partial}{\partial w_3}\left(w_3 \sigma_2(x_2)\right)"),
    ("p1.b.i", B % r"\frac{d}{du}\sigma_1(u)"), ("p1.b.i", B % r"\dot{\sigma}_1(u)"),
    ("p1.b.i", B % r"\lim_{h\to 0}\frac{\sigma_1(u+h)-\sigma_1(u)}{h}"),
])
def test_restating_the_question_in_other_notations_earns_nothing(rubric, item: str, report: str) -> None:
    result = grade_report_item(rubric, item, report)
    assert result.score == 0 and result.status in ("fail", "review"), result.feedback


@pytest.mark.parametrize("answer", [
    r"\sigma_2(x_2) + 0\cdot 10^{10^{10}}", r"\sigma_2(x_2) + 9^{9^{9}} - 9^{9^{9}}",
    r"\frac{1}{" * 300 + "x" + "}" * 300, r"\sqrt{" * 500 + "x" + "}" * 500,
    r"\sigma_2(x_2)" + "+ (" * 2000 + "0" + ")" * 2000, r"\Gamma(10^{10})", r"(\sigma_2(x_2)+100)!!",
    r"\sum_{i=1}^{10^{9}}\sum_{j=1}^{10^9}\sum_{k=1}^{10^9} \sigma_2(x_2)/10^{27}",
    "\u03c3\u200d_2(x_2)", "\u202e\\sigma_2(x_2)",
])
def test_bombs_and_hidden_characters_never_pass_and_finish_fast(rubric, answer: str) -> None:
    started = time.perf_counter()
    result = grade_report_item(rubric, "p1.d", D % answer)
    assert time.perf_counter() - started < 10
    assert result.score == 0 and result.status in ("fail", "review"), result.feedback


# --- a class folder of hostile names and archives -------------------------------------------------------

def _zip(path: Path, files: dict[str, str], links: tuple[tuple[str, str], ...] = ()) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)


def test_hostile_names_links_and_archives_cost_only_their_own_hand_in(rubric, tmp_path: Path) -> None:
    report = (ROOT / "submissions" / "example-report" / "report.md").read_text()
    klass, out = tmp_path / "class", tmp_path / "out"
    klass.mkdir()
    for name in ("new\nline", "cr\rret", "x" * 250, "-=1+2", "# heading", "<!--"):
        (klass / name).mkdir()
        (klass / name / "report.md").write_text(report)
    _zip(klass / "slip.zip", {"../../escaped/report.md": report})
    _zip(klass / "link.zip", {}, (("report.md", "/etc/passwd"),))
    _zip(klass / "bomb.zip", {"report.md": report, "pad.bin": "\0" * (200 << 20)})
    os.symlink("/etc", klass / "linked-folder")
    (klass / "linked-file").mkdir()
    (klass / "linked-file" / "report.md").symlink_to("/etc/passwd")
    few = dataclasses.replace(rubric, items=[i for i in rubric.items if i.id == "p1.d"])
    by = {e.id: e for e in grade_batch(klass, few, Options(), out, workers=2)}
    assert len(by) == 11 and all("\n" not in i and "\r" not in i and "#" not in i and len(i) < 200 for i in by)
    assert not (tmp_path / "escaped").exists() and not (klass.parent / "escaped").exists()
    assert "unsafe path" in by["slip"].error and "unsafe path" in by["link"].error and "larger" in by["bomb"].error
    assert by["linked-file"].result.check("p1.d").status != "pass"
    assert by["linked-folder"].result is None or by["linked-folder"].result.check("p1.d").status != "pass"
    honest = [e for i, e in by.items() if i not in ("slip", "link", "bomb", "linked-file", "linked-folder")]
    assert len(honest) == 6 and all(e.result.check("p1.d").status == "pass" for e in honest)
    assert (out / "gradebook.csv").is_file() and (out / "summary.md").is_file()


def test_a_table_cut_into_small_constants_or_one_long_number_is_flagged() -> None:
    """Test labels packed into pieces under the one-constant limit, or into one hex number, still show."""
    pieces = "".join(f'T{i} = "{"0123456789" * 190}"\n' for i in range(8)) + GOOD_NET
    numbers = "T = [" + ",".join("[" + ",".join(["7"] * 1500) + "]" for _ in range(10)) + "]\n" + GOOD_NET
    one_number = f"T = {hex(1 << 40_000)}\n" + GOOD_NET
    for code in (pieces, numbers, one_number):
        flags = [f for f in scan(code) if f.reason == "carries a large embedded constant"]
        assert flags and flags[0].evidence, code[:80]
    assert scan(GOOD_NET + '\n"""' + "a docstring of honest length. " * 60 + '"""\n') == []


# --- answer sources: every one found, none silently left out --------------------------------------------

REPORT = (ROOT / "submissions" / "example-report" / "report.md").read_text()
WRONG_D = REPORT.replace(r"= \sigma_2(x_2) = \sigma_2\left(w_2\,\sigma_1(w_1 x)\right)$$", r"= \sigma_1(x_1)$$")
STUB = "## Problem 1\n\n### (d)\n\n$$\\frac{\\partial f_w}{\\partial w_3} = \\sigma_2(x_2)$$\n\nThe rest: see the other file.\n"


@pytest.fixture(scope="module")
def few_items(rubric):
    return dataclasses.replace(rubric, items=[i for i in rubric.items if i.id in ("p1.d", "p1.e.w1", "p2.a")])


@pytest.mark.parametrize("files, expected, note", [
    ({"report.md": STUB, "report.tex": REPORT}, "pass", "report.tex also holds answers"),  # a stub hid the .tex
    ({"report.md": STUB, "Report.MD": REPORT}, "pass", "Report.MD also holds answers"),  # and another spelling
    ({"final/report.md": REPORT}, "pass", "read from final/"),  # answers one folder down were "missing"
    ({"report.md": REPORT, "report.txt": WRONG_D}, "review", "report.txt also holds answers"),  # silently ignored
    ({"report.md": REPORT, "Answers.toml": '"p1.d" = "σ1(x1)"\n'}, "review", "report.md also holds answers"),
    ({"report.md": REPORT, "v2/report.md": WRONG_D}, "pass", "subfolders were not read (the top of the hand-in has its own): v2/report.md"),
])
def test_every_answer_source_is_found_and_none_is_silently_left_out(few_items, tmp_path: Path,
                                                                    files: dict[str, str], expected: str,
                                                                    note: str) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = grade_submission(tmp_path, few_items, Options())
    statuses = [result.check(i).status for i in ("p1.d", "p1.e.w1", "p2.a")]
    assert statuses[0] == expected and statuses[1:] == ["pass", "pass"], (statuses, result.notes)
    assert any(note in n for n in result.notes), result.notes


def test_one_answer_file_answering_an_item_twice_goes_to_review(few_items, tmp_path: Path) -> None:
    """``"p1.d"`` and ``p1.d`` are two TOML keys for one item: the second was never looked at."""
    toml = (ROOT / "submissions" / "example-correct" / "answers.toml").read_text()
    (tmp_path / "answers.toml").write_text(toml.replace('"p1.d" = "σ2(x2)"', '"p1.d" = "σ2(x2)"\np1.d = "σ1(x1)"'))
    d = grade_submission(tmp_path, few_items, Options()).check("p1.d")
    assert d.status == "review" and d.score == 0 and "its answer 2 to p1.d" in d.feedback, d.feedback
    (tmp_path / "answers.toml").write_text(toml.replace('"p1.d" = "σ2(x2)"', '"p1.d" = "σ2(x2)"\np1.d = "σ2(x2)"'))
    assert grade_submission(tmp_path, few_items, Options()).check("p1.d").status == "pass"  # agreeing: no review


@pytest.mark.parametrize("chain", [r"w_3 = \sigma_2(x_2)", r"\sigma_1(x_1) = w_2 = x_2 = \sigma_2(x_2)"])
def test_a_chain_of_guesses_ending_on_the_right_one_is_not_a_derivation(rubric, chain: str) -> None:
    result = grade_report_item(rubric, "p1.d", D % chain)
    assert result.score == 0 and result.status == "review" and "earlier step" in result.feedback, result.feedback


def test_a_true_derivation_still_earns_full_marks(rubric) -> None:
    steps = r"\frac{\partial}{\partial w_3}\left(w_3\,\sigma_2(x_2)\right) = \sigma_2(x_2) = \sigma_2(w_2\,\sigma_1(w_1 x))"
    assert grade_report_item(rubric, "p1.d", D % steps).status == "pass"
    assert grade_report_item(rubric, "p1.b.i", B % r"-(1+e^{-u})^{-2} \cdot e^{-u} \cdot (-1) = "
                             r"\dfrac{e^{-u}}{\left(1+e^{-u}\right)^{2}}").status == "pass"
