"""The review app: the queue, grading with history, bulk grading, the token, and a real browser.

The class is four report-only hand-ins graded without training (one correct, one with a
chain-rule slip, one hostile, one whose (d) needs a person), so no test trains a network.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from grader.batch import BatchEntry, grade_batch
from grader.cli import main
from grader.overrides import apply_overrides
from grader.pipeline import Options
from grader.report.files import read_report
from grader.report.gradebook import gradebook_csv
from grader.review import audit
from grader.review.app import build_app
from grader.review.cli import build_parser
from grader.review.server import prepare, start_in_thread
from grader.review.store import ReviewStore
from grader.sandbox.limits import Limits
from tests.browser import CANARY, RAW_DOLLARS, open_chromium, screenshot, wait_for
from tests.conftest import ROOT
from tests.helpers import without_training

TOKEN = "test-token-0123456789"
EXAMPLE = (ROOT / "submissions" / "example-report" / "report.md").read_text(encoding="utf-8")
D_LINE = r"$$\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2) = \sigma_2\left(w_2\,\sigma_1(w_1 x)\right)$$"
HOSTILE_C = r"""### (c)

<script>window.canary = "script"</script> The forward pass <img src=x onerror="window.canary='img'"> computes
the output; [a link](javascript:window.canary='md-link') and <a href="javascript:window.canary='a'">this</a>.
Math that tries too much: $\href{javascript:window.canary='href'}{click}$, $\url{javascript:alert(1)}$,
$\htmlClass{x}{y}$, $\rule{100000em}{100000em}$ and $\def\a{\a\a}\a$. "quotes" & ampersands </div></main>

### (d)"""


def write_class(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "alice.md").write_text(EXAMPLE, encoding="utf-8")
    slip = EXAMPLE.replace(r"\left(1-\sigma_1(x_1)\right) \cdot x$$", r"\left(1-\sigma_1(x_1)\right)$$")
    assert slip != EXAMPLE
    (folder / "bob.md").write_text(slip, encoding="utf-8")
    start, end = EXAMPLE.index("### (c)"), EXAMPLE.index("### (d)") + len("### (d)")
    (folder / "carol.md").write_text(EXAMPLE[:start] + HOSTILE_C + EXAMPLE[end:], encoding="utf-8")
    ambiguous = EXAMPLE.replace(D_LINE, r"$$\frac{\partial f_w}{\partial w_3} = \sigma_2(w_2 \sigma_1(wx))$$")
    assert ambiguous != EXAMPLE
    (folder / "dave.md").write_text(ambiguous, encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory, rubric):
    base = tmp_path_factory.mktemp("review-class")
    write_class(base / "submissions")
    probe_only = without_training(rubric)
    grade_batch(base / "submissions", probe_only, Options(limits=Limits(import_s=20, probe_s=6)), base / "reports",
                workers=2)
    return base / "submissions", base / "reports", probe_only


@pytest.fixture
def reports(graded, tmp_path) -> Path:
    return Path(shutil.copytree(graded[1], tmp_path / "reports"))


@pytest.fixture
def store(graded, reports) -> ReviewStore:
    return ReviewStore(reports, graded[2], "ta-one", graded[0])


def client_of(store: ReviewStore, login: bool = True) -> TestClient:
    client = TestClient(build_app(store, TOKEN), base_url="http://127.0.0.1")
    if login:
        assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


def gradebook_row(reports: Path, sid: str) -> dict[str, str]:
    lines = (reports / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    return next(dict(zip(header, line.split(","))) for line in lines if line.startswith(sid + ","))


def test_the_queue_holds_review_and_manual_items_and_takes_filters(store) -> None:
    rows = store.rows()
    assert sorted(r.key for r in rows) == sorted([(s, i) for s in ("alice", "bob", "carol", "dave")
                                                  for i in ("p1.a", "p1.c")] + [("dave", "p1.d")])
    assert [r.grader_status for r in rows if r.key == ("dave", "p1.d")] == ["review"]
    failed = store.rows(item="p1.e.w1", status="partial")
    assert [r.sid for r in failed] == ["bob"]
    assert [r.sid for r in store.rows(sort="handin")][:2] == ["alice", "alice"]
    page = client_of(store).get("/", params={"item": "p1.e.w1", "status": "partial"}).text
    assert "/a/bob/p1.e.w1" in page and "/a/alice/" not in page


def test_every_request_needs_the_token_and_a_post_needs_it_in_the_form(store, reports) -> None:
    anonymous = client_of(store, login=False)
    for path in ("/", "/a/alice/p1.a", "/student/alice", "/static/review.js", f"/?token=wrong{TOKEN}"):
        assert anonymous.get(path).status_code == 403, path
    first = anonymous.get(f"/a/alice/p1.a?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/a/alice/p1.a"  # the token leaves the URL
    cookie = first.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    client = client_of(store)
    form = {"points": "2", "reason": "forged", "seen": "", "q": ""}
    assert client.post("/a/alice/p1.a", data=form).status_code == 403
    assert client.post("/bulk/alice/p1.c", data={**form, "sid": ["alice"]}).status_code == 403
    foreign = client.post("/a/alice/p1.a", data={**form, "token": TOKEN}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert not (reports / "alice" / "overrides.toml").exists()
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding
    csp = client.get("/").headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'" and "frame-ancestors 'none'" in csp


def test_points_are_saved_with_who_and_history_and_the_class_files_follow(store, reports) -> None:
    client = client_of(store)
    saved = client.post("/a/alice/p1.a", data={"token": TOKEN, "points": "1.5", "reason": "arrows missing",
                                               "seen": "", "q": ""}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/a/bob/p1.a")
    entry = audit.read_overrides(reports / "alice" / "overrides.toml")["p1.a"]
    assert entry["points"] == 1.5 and entry["who"] == "ta-one" and entry["when"].endswith("Z")
    assert gradebook_row(reports, "alice")["p1.a"] == "1.5"
    stored = json.loads((reports / "alice" / "report.json").read_text(encoding="utf-8"))
    assert next(c for c in stored["checks"] if c["id"] == "p1.a")["score"] == 1.5
    assert "arrows missing" in (reports / "alice" / "report.md").read_text(encoding="utf-8")
    page = (reports / "alice" / "report.html").read_text(encoding="utf-8")
    assert "Points set by a person" in page and "ta-one" in page and "arrows missing" in page

    # A second TA whose page still shows no override is asked, and nothing is lost either way.
    other = ReviewStore(reports, store.rubric, "ta-two")
    stale = client_of(other).post("/a/alice/p1.a", data={"token": TOKEN, "points": "2", "reason": "fine",
                                                         "seen": "", "q": ""})
    assert stale.status_code == 409 and "arrows missing" in stale.text and "ta-one" in stale.text
    assert audit.read_overrides(reports / "alice" / "overrides.toml")["p1.a"]["points"] == 1.5
    seen = re.search(r'name="seen" value="([^"]*)"', stale.text).group(1)
    mine = client_of(other).post("/a/alice/p1.a", data={"token": TOKEN, "points": "2", "reason": "fine",
                                                        "seen": seen.replace("&#34;", '"'), "q": ""},
                                 follow_redirects=False)
    assert mine.status_code == 303
    entry = audit.read_overrides(reports / "alice" / "overrides.toml")["p1.a"]
    assert (entry["points"], entry["who"]) == (2, "ta-two")
    assert [(h["points"], h["who"], h["reason"]) for h in entry["history"]] == [(1.5, "ta-one", "arrows missing")]
    assert gradebook_row(reports, "alice")["p1.a"] == "2"
    assert "1.5: arrows missing (ta-one" in client.get("/a/alice/p1.a").text


def test_bulk_grading_shows_who_wrote_the_same_then_applies_to_those_ticked(store, reports) -> None:
    client = client_of(store)
    preview = client.get("/bulk/alice/p1.c").text
    ticks = re.findall(r'name="sid" value="([^"]+)"', preview)
    assert ticks == ["alice", "bob", "dave"]  # carol wrote something else
    done = client.post("/bulk/alice/p1.c", data={"token": TOKEN, "points": "2", "reason": "clear and complete",
                                                 "sid": ["alice", "dave", "carol"], "q": ""}, follow_redirects=False)
    assert done.status_code == 303
    assert [gradebook_row(reports, s)["p1.c"] for s in ("alice", "bob", "carol", "dave")] == ["2", "0", "0", "2"]
    assert not (reports / "carol" / "overrides.toml").exists()  # not the same answer: never changed in bulk


def clone_class(reports: Path, size: int) -> list[str]:
    """``size`` stored hand-ins made from the four graded ones (a class of 30 without grading 30)."""
    originals = sorted(p.name for p in reports.iterdir() if (p / "report.json").is_file())
    ids = []
    for n in range(size):
        sid = f"student{n:02d}"
        data = json.loads((reports / originals[n % len(originals)] / "report.json").read_text(encoding="utf-8"))
        data["submission"] = sid
        (reports / sid).mkdir()
        (reports / sid / "report.json").write_text(json.dumps(data), encoding="utf-8")
        ids.append(sid)
    for name in originals:
        shutil.rmtree(reports / name)
    (reports / "gradebook.csv").unlink()
    return ids


def test_a_ta_resolves_a_class_of_30_in_the_app_and_the_gradebook_equals_hand_written_overrides(
        graded, tmp_path) -> None:
    app_dir = Path(shutil.copytree(graded[1], tmp_path / "app"))
    ids = clone_class(app_dir, 30)
    hand_dir = Path(shutil.copytree(app_dir, tmp_path / "by-hand"))
    store = ReviewStore(app_dir, graded[2], "ta-one")
    client = client_of(store)
    todo = len(store.rows())
    assert todo == 30 * 2 + 7  # every hand-in's two manual items, and (d) of each copy of dave
    url, given = re.search(r'href="(/a/[^"]+)"', client.get("/?todo=1").text).group(1).replace("&amp;", "&"), {}
    while url.startswith("/a/"):
        page = client.get(url).text
        sid, item = url.split("?")[0].split("/")[2:4]
        points = 1 if len(given) % 3 else 0.5
        response = client.post(f"/a/{sid}/{item}", data={
            "token": TOKEN, "points": str(points), "reason": f"r{len(given)}", "q": "todo=1",
            "seen": re.search(r'name="seen" value="([^"]*)"', page).group(1)}, follow_redirects=False)
        assert response.status_code == 303
        given[(sid, item)] = (points, f"r{len(given)}")
        url = response.headers["location"]
    assert len(given) == todo and store.rows(todo=True) == []
    assert "needs review" not in (app_dir / "gradebook.csv").read_text(encoding="utf-8")

    entries = []  # the same points, written by hand and applied the way `grade` applies them
    for sid in ids:
        lines = [f'["{item}"]\npoints = {p}\nreason = "{r}"\n' for (s, item), (p, r) in given.items() if s == sid]
        (hand_dir / sid / "overrides.toml").write_text("\n".join(lines), encoding="utf-8")
        result = read_report(hand_dir / sid / "report.json")
        apply_overrides(result, hand_dir / sid / "overrides.toml")
        entries.append(BatchEntry(sid, result=result))
    assert (app_dir / "gradebook.csv").read_bytes().decode("utf-8") == gradebook_csv(entries, graded[2])
    store.flush()
    index = (app_dir / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{sid}/report.html"' in index for sid in ids) and (app_dir / "scores.png").is_file()


def test_the_review_command_binds_this_machine_only_and_exports_pages(graded, reports, tmp_path) -> None:
    args = build_parser().parse_args([str(reports)])
    assert args.host == "127.0.0.1" and not args.show_solutions
    running, sock = prepare(ReviewStore(reports, graded[2], "ta"), port=0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1" and "token=" in running.url
        try:
            outside = socket.gethostbyname(socket.gethostname())
        except OSError:
            outside = "127.0.0.1"
        if not outside.startswith("127."):
            with pytest.raises(OSError):
                socket.create_connection((outside, sock.getsockname()[1]), timeout=2)
    finally:
        sock.close()
    assert main(["review", str(tmp_path / "nowhere"), "--no-browser"]) == 2
    rubric_file = tmp_path / "rubric.toml"  # the rubric these reports were graded with: no accuracy item
    text = graded[2].path.read_text(encoding="utf-8")
    start = text.index('id = "code.accuracy"')
    rubric_file.write_text(text[:text.rindex("[[item]]", 0, start)] + text[text.index("[[item]]", start):],
                           encoding="utf-8")
    for page in reports.glob("*/report.html"):
        page.unlink()
    assert main(["review", str(reports), "--rubric", str(rubric_file), "--export", "--show-solutions"]) == 0
    page = (reports / "bob" / "report.html").read_text(encoding="utf-8")
    assert "Reference answer" in page and "index.html" not in page
    assert 'href="bob/report.html"' in (reports / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    yield from open_chromium()


def test_in_a_real_browser_a_ta_grades_two_answers_with_the_keyboard(browser, store, reports) -> None:
    from selenium.webdriver.common.by import By

    running = start_in_thread(store)
    try:
        browser.get(running.url)
        assert "token" not in browser.current_url
        left = int(browser.find_element(By.ID, "left").text)
        screenshot(browser, "review-queue.png")
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        body.send_keys("\ue007")  # Enter: open the selected answer
        wait_for(browser, "return location.pathname === '/a/alice/p1.a'")
        wait_for(browser, "return document.documentElement.dataset.math === 'rendered'")
        assert browser.find_elements(By.CSS_SELECTOR, ".answer .katex")
        assert browser.execute_script(RAW_DOLLARS) == []
        browser.find_element(By.TAG_NAME, "body").send_keys("2")
        wait_for(browser, "return location.pathname === '/a/bob/p1.a'")
        browser.find_element(By.TAG_NAME, "body").send_keys("1")
        wait_for(browser, "return location.pathname === '/a/carol/p1.a'")
        browser.get(running.base + "/")
        browser.refresh()
        assert int(browser.find_element(By.ID, "left").text) == left - 2
        points = {r.find_element(By.CSS_SELECTOR, "a").text + " " + r.find_element(By.TAG_NAME, "code").text:
                  r.find_element(By.CSS_SELECTOR, ".points").text for r in browser.find_elements(By.CSS_SELECTOR, "tr.row")}
        assert points["alice p1.a"] == "2 / 2" and points["bob p1.a"] == "1 / 2" and points["carol p1.a"] == "– / 2"
        assert gradebook_row(reports, "alice")["p1.a"] == "2" and gradebook_row(reports, "bob")["p1.a"] == "1"

        # The browser holds the cookie, yet a POST without the form's token changes nothing.
        status = browser.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/a/dave/p1.a', {method: 'POST', body: new URLSearchParams({points: '2', reason: 'x', seen: ''})})
              .then(r => done(r.status), e => done(String(e)));""")
        assert status == 403 and gradebook_row(reports, "dave")["p1.a"] == "0"
        browser.get(running.base + "/a/dave/p1.d")  # a formula the grader could not settle alone
        wait_for(browser, "return document.documentElement.dataset.math === 'rendered'")
        assert len(browser.find_elements(By.CSS_SELECTOR, ".answer.tex .katex")) == 2  # the answer and the reference
        screenshot(browser, "review-answer.png")

        for page in (running.base + "/a/carol/p1.c", running.base + "/student/carol",
                     (reports / "carol" / "report.html").as_uri()):
            browser.get(page)
            wait_for(browser, "return document.documentElement.dataset.math === 'rendered'")
            for link in browser.find_elements(By.CSS_SELECTOR, ".answer a"):
                link.click()
            assert browser.execute_script(CANARY) is None, page
            assert not browser.find_elements(By.CSS_SELECTOR, ".answer script, .answer img, .answer [onerror]")
            assert browser.find_elements(By.CSS_SELECTOR, ".answer .katex")
            widest = browser.execute_script(
                "return Math.max(...[...document.querySelectorAll('.answer .katex')].map(e => e.getBoundingClientRect().width))")
            assert widest < 1000, page  # the huge \rule is capped
        browser.execute_script("document.getElementById('item-4').scrollIntoView()")  # carol's (c)
        screenshot(browser, "student-page.png")
    finally:
        running.stop()
