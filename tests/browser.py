"""Headless Chromium driven by Selenium, for the pages' browser tests (skipped where it is not installed)."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# What a page's script would set if a hand-in's text ever ran: it must stay unset.
CANARY = "return window.canary === undefined ? null : String(window.canary)"

# Text outside KaTeX's output in the answers: no raw `$` may be left there once math is rendered.
RAW_DOLLARS = """
const out = [];
for (const el of document.querySelectorAll('.answer')) {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.parentElement.closest('.katex') && n.nodeValue.includes('$')) out.push(n.nodeValue);
  }
}
return out;"""


def chromium_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def open_chromium(width: int = 1280, height: int = 900) -> Iterator:
    """A headless Chromium session; the test is skipped when Chromium or its driver is missing."""
    paths = chromium_paths()
    if paths is None:
        pytest.skip("chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver, name: str) -> None:
    """Save a picture for the README when $GRADER_SCREENSHOTS names a folder (docs/pictures)."""
    folder = os.environ.get("GRADER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / name))


def wait_for(driver, condition_js: str, timeout: float = 10.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(condition_js))
