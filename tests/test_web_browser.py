"""Browser tests: the pages driven in a real headless Chromium (Debian's ``chromium`` with
Playwright's Python package; Playwright's own browser download is not used). They take the
screenshots (desktop 1280 wide, phone 390 wide; into docs/screenshots with `make screenshots`).

Skipped when /usr/bin/chromium or playwright is missing, unless PLEDGETRACK_REQUIRE_BROWSER=1
(CI), where they fail instead."""
from __future__ import annotations

import json
import os
import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
import webseed  # noqa: E402

CHROMIUM = os.environ.get("PLEDGETRACK_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("PLEDGETRACK_REQUIRE_BROWSER") == "1"
# Screenshots go to a temporary folder; `make screenshots` sets this variable to refresh docs/screenshots.
SHOTS_ENV = "PLEDGETRACK_SCREENSHOT_DIR"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright; no browser download needed)"
    return None


_why = _missing()
if _why and REQUIRED:
    raise RuntimeError(f"PLEDGETRACK_REQUIRE_BROWSER=1 but {_why}")
pytestmark = pytest.mark.skipif(_why is not None, reason=_why or "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from pledgetrack.web import WebConfig, create_app
    cfg = WebConfig(secret="browser-tests")
    cfg.add_editors("alice:wonderland")
    app = create_app(webseed.copy_to(tmp_path_factory.mktemp("browser")), config=cfg)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.js_errors = errors
    yield pg
    assert not dialogs, f"a dialog opened (script ran?): {dialogs}"
    assert not errors, f"JavaScript errors: {errors}"
    context.close()


def shot(pg, name: str, *, full_page: bool = False) -> None:
    folder = Path(os.environ.get(SHOTS_ENV) or Path(tempfile.gettempdir()) / "pledgetrack-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000  # a real rendering, not a blank page


def sign_in(pg, base: str, next_path: str = "/review") -> None:
    pg.goto(f"{base}/login?next={next_path}")
    pg.fill("input[name=username]", "alice")
    pg.fill("input[name=password]", "wonderland")
    pg.click("form.login button[type=submit]")
    pg.wait_for_url(f"{base}{next_path}*")


def test_collection(page, server):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Collection"
    assert page.locator("table.heatmap tbody tr").count() > 3
    assert page.locator("table.docs a", has_text="Security Consultative Meeting").count() >= 2
    shot(page, "collection")
    page.locator("table.heatmap td a").first.click()
    page.wait_for_url("**/statements?topic=*")
    assert page.locator("article.card").count() > 0


def test_search_and_filter(page, server):
    page.goto(server + "/statements")
    page.fill("input[name=q]", "extended deterrence")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=extended+deterrence*")
    assert page.locator("article.card mark").count() > 0
    marked = {m.lower() for m in page.locator("article.card mark").all_inner_texts()}
    assert marked & {"extended", "deterrence"}
    page.locator("section.facet[data-facet=act] a", has_text="reaffirm").first.click()
    page.wait_for_url("**act=reaffirm*")
    acts = page.locator("article.card .meta .act").all_inner_texts()
    assert acts and set(acts) == {"reaffirm"}
    assert "extended deterrence" in page.locator("input[name=q]").input_value()
    shot(page, "statements")
    page.locator("a.chip.on", has_text="act: reaffirm").click()
    page.wait_for_load_state()
    assert "act=" not in page.url


def test_sort_date_range_and_next_page(page, server):
    page.goto(server + "/statements")
    page.select_option("select[name=sort]", "-date")
    page.fill("input[name=from]", "2015")
    page.fill("input[name=to]", "2020-06")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**sort=-date*")
    dates = [m.group(0) for t in page.locator("article.card .where").all_inner_texts()
             if (m := re.search(r"\d{4}-\d{2}-\d{2}", t))]
    assert dates and dates == sorted(dates, reverse=True) and all("2015-01-01" <= d <= "2020-06-31" for d in dates)
    first = page.locator("article.card").first.get_attribute("id")
    page.locator("nav.pager a[rel=next]").click()
    page.wait_for_url("**after=*")
    assert page.locator("article.card").count() > 0
    assert page.locator("article.card").first.get_attribute("id") != first
    assert "2015" in page.locator("input[name=from]").input_value()
    assert page.locator("nav.pager a", has_text="first page").count() == 1


def test_reader_details_on_click_and_glossary(page, server):
    page.goto(server + "/documents/scm51-2019.txt")
    sentence = page.locator("#text .st.commit").first
    sentence.click()
    panel = page.locator("#panel-body")
    assert "Commitment" in panel.inner_text() and "yes" in panel.inner_text()
    abbr = page.locator("abbr.gl").first
    assert abbr.get_attribute("title")
    abbr.hover()
    shot(page, "reader")


def test_script_in_a_document_is_shown_as_text(page, server):
    page.goto(server + "/documents/script-test.txt")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert "<b onmouseover" in page.locator("#text").inner_text()
    assert page.locator("#text b:not(.trig)").count() == 0
    page.locator("#text .st").first.hover()
    # page fixture asserts that no dialog opened


def test_thread(page, server):
    page.goto(server + "/threads")
    first = page.locator("li.thread a.title").first
    first.click()
    page.wait_for_url("**/threads/T-*")
    assert page.locator("ol.timeline li.step").count() >= 2
    assert page.locator("ol.timeline .label").count() >= 2
    assert page.locator("form[action$='/status']").count() == 0
    shot(page, "thread")


def test_diff(page, server):
    page.goto(server + "/diff")
    page.select_option("select[name=old]", "scm50-2018.txt")
    page.select_option("select[name=new]", "scm51-2019.txt")
    page.click("form.pick button[type=submit]")
    page.wait_for_url("**old=scm50-2018.txt*")
    rows = page.locator("tr.change:visible")
    shown = rows.count()
    assert shown > 0 and page.locator("tr.change.change-reaffirmed:visible").count() == 0
    page.check("#only-commitments")
    assert page.locator("tr.change:visible").count() < shown
    page.uncheck("#only-commitments")
    shot(page, "diff")


def test_review_as_editor(page, server):
    sign_in(page, server, "/review")
    assert page.locator("h1").inner_text().startswith("Review")
    shot(page, "review")
    card = page.locator("article.card").first
    sid = card.get_attribute("id")[1:]
    page.locator(".reviewbox").first.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert f"Statement {sid} accepted by alice" in page.locator(".flash").inner_text()
    page.goto(f"{server}/statements/{sid}")
    assert "accepted" in page.locator(".card .meta").inner_text()
    # Correct another statement through the form.
    page.goto(f"{server}/statements/{int(sid) + 1}")
    page.locator("details.correct summary").click()
    page.fill("details.correct input[name=topics]", "space, cyber")
    page.click("details.correct button[type=submit]")
    page.wait_for_load_state()
    assert "corrected" in page.locator(".card .meta").inner_text()
    assert "space" in page.locator(".card .meta").inner_text()


def test_a_reader_cannot_write(page, server):
    page.goto(server + "/review")
    page.wait_for_url("**/login?next=/review")
    page.goto(server + "/statements/5")
    assert page.locator("form[action^='/review']").count() == 0
    status = page.evaluate("""async () => {
        const body = new URLSearchParams({action: 'reject', csrf_token: 'forged'});
        const form = await fetch('/review/5', {method: 'POST', body});
        const api = await fetch('/api/statements/5/review', {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body: JSON.stringify({action: 'reject'})});
        return [form.status, api.status];
    }""")
    assert status == [403, 401]
    page.goto(server + "/api/statements/5")
    assert json.loads(page.locator("body").inner_text())["review"] is None


def test_phone_width(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    for name, path in (("collection", "/"), ("statements", "/statements?commitment=true"),
                       ("reader", "/documents/scm51-2019.txt"), ("diff", "/diff?old=scm50-2018.txt&new=scm51-2019.txt")):
        pg.goto(server + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} scrolls sideways on a phone ({width}px)"
        shot(pg, f"phone-{name}")
    pg.goto(server + "/threads")
    pg.locator("li.thread a.title").first.click()
    pg.wait_for_url("**/threads/T-*")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 392
    shot(pg, "phone-thread")
    context.close()


def _console_errors(pg) -> list[str]:
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_charts_from_the_collection_and_a_thread(page, server):
    console = _console_errors(page)
    page.goto(server + "/")
    page.locator("h3", has_text="SCM").locator("a.chip", has_text="charts").click()
    page.wait_for_url("**/charts?series=SCM")
    images = page.locator("img.chart")
    assert images.count() == 3
    page.wait_for_function("() => [...document.querySelectorAll('img.chart')].every(i => i.complete && i.naturalWidth > 300)")
    shot(page, "charts", full_page=True)
    page.goto(server + "/threads")
    page.locator("ul.threads a").first.click()
    page.wait_for_selector("#thread-chart img.chart")
    page.wait_for_function("() => { const i = document.querySelector('#thread-chart img'); return i.complete && i.naturalWidth > 300; }")
    page.locator(".exports a", has_text="Markdown").wait_for()
    assert console == [], console  # no failed request (a favicon included)


def test_review_queue_keyboard_and_bulk_accept(page, server):
    sign_in(page, server, "/review")
    cards = page.locator("#queue .queued")
    first, second = cards.nth(0).get_attribute("data-id"), cards.nth(1).get_attribute("data-id")
    page.keyboard.press("j")
    assert "focus" in (cards.nth(0).locator(".card").get_attribute("class") or "")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator("input[name=ids]:checked").count() == 2
    page.get_by_role("button", name="Accept selected").click()
    page.locator(".flash", has_text="2 statements accepted by alice").wait_for()
    for sid in (first, second):
        assert page.evaluate(f"async () => (await (await fetch('/api/statements/{sid}')).json()).review") == "accepted"
    page.keyboard.press("j")
    third = page.locator("#queue .queued").nth(0).get_attribute("data-id")
    page.keyboard.press("r")
    page.locator(".flash", has_text=f"Statement {third} rejected by alice").wait_for()
