"""What a person does, in headless Chromium against a served app: open every page, change a
filter, export a chart image, upload a GBK file and see it on the gap page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from etl import paths

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")
ARTIFACTS = paths.PROJECT_DIR / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["overview", "compare", "trends", "gap", "map", "sources", "upload"]

if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (./dev installs it as root)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, session_db_dir):
    db_dir = tmp_path_factory.mktemp("served")
    shutil.copy(session_db_dir / "targets.duckdb", db_dir / "targets.duckdb")
    port = free_port()
    env = {**os.environ, "KJ_DB_DIR": str(db_dir)}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--server.address", "127.0.0.1",
                                "--server.port", str(port), "--server.fileWatcherType", "none"],
                               cwd=paths.PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
    yield context.new_page()
    context.close()


def settle(page: Page) -> None:
    """Connected, script finished, no skeletons; charts drawn if there are any."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=30000)
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    page.wait_for_function('!document.querySelector(\'[data-testid="stSkeleton"]\')', timeout=30000)
    if page.query_selector(".js-plotly-plot"):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
        page.wait_for_timeout(1500)


def assert_no_error(page: Page) -> None:
    assert not page.query_selector_all('[data-testid="stException"]')
    assert not page.query_selector_all('[data-testid="stAlertContentError"]')


@pytest.mark.parametrize("name", PAGES)
def test_open_every_page(server, page, name):
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) and not r.url.startswith("data:") else None)
    page.goto(f"{server}/{name}")
    settle(page)
    assert_no_error(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert page.locator("h1").first.inner_text().strip()
    assert not external, external  # works on an intranet: nothing fetched from outside


def test_change_a_filter(server, page):
    page.goto(f"{server}/compare?indicator=hightech_enterprises&year=2023")
    settle(page)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("高新技术企业数")
    page.get_by_label("指标").first.click()
    page.get_by_role("option", name="全社会研发经费投入").first.click()
    page.wait_for_timeout(300)
    settle(page)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("全社会研发经费投入")
    assert "indicator=rd_expenditure" in page.url
    assert_no_error(page)


def test_export_a_chart_image(server, page):
    page.goto(f"{server}/compare?indicator=hightech_enterprises&year=2023")
    settle(page)
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="下载 PNG").click()
    target = ARTIFACTS / "export_compare.png"
    download.value.save_as(target)
    assert download.value.suggested_filename == "hightech_enterprises_2023_level_compare.png"
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30000


def test_upload_gbk_then_see_it_on_the_gap_page(server, page):
    page.goto(f"{server}/upload")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(paths.PROJECT_DIR / "tests" / "good_files" / "long_gbk.csv"))
    page.wait_for_timeout(500)
    settle(page)
    expect(page.get_by_text("预览 Preview")).to_be_visible()
    page.get_by_role("button", name="确认导入 Confirm").click()
    page.wait_for_timeout(500)
    settle(page)
    expect(page.get_by_text("Saved batch")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "upload_done.png"), full_page=True)
    page.goto(f"{server}/gap?indicator=hightech_enterprises&year=2023")
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "gap_after_upload.png"), full_page=True)
    # The table is drawn on a canvas; the attainment chart carries the status in its text.
    expect(page.locator(".js-plotly-plot").first).to_contain_text("✔ 已完成")
    expect(page.locator(".js-plotly-plot").first).to_contain_text("✔ 105%")  # 40 against 38
    assert_no_error(page)


def test_find_a_commitment_outside_the_catalogue(server, page):
    """An analyst looks for a county's commitment the indicator catalogue does not know."""
    page.goto(f"{server}/sources")
    settle(page)
    page.get_by_text("目录外", exact=True).click()
    page.wait_for_timeout(300)
    settle(page)
    page.get_by_label("搜索（地区、指标或原文）").fill("外国人才")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    settle(page)
    expect(page.get_by_text("«外国人才»").first).to_be_visible()
    assert "catalogue=out" in page.url
    page.get_by_text("«外国人才»").first.click()  # opens the quote in its paragraph
    expect(page.locator("mark").first).to_contain_text("外国人才")
    page.screenshot(path=str(ARTIFACTS / "sources_uncatalogued.png"), full_page=True)
    page.goto(f"{server}/overview?lang=en&label_region=430524")
    settle(page)
    expect(page.get_by_text("Targets and results outside the catalogue")).to_be_visible()
    assert_no_error(page)


@pytest.mark.parametrize("name, query, kept", [
    ("overview", "label_region=430524", "label_region=430524"),
    ("trends", "indicator=rd_expenditure&regions=433101&regions=433122", "regions=433122"),
    ("sources", "regions=433101&catalogue=out", "regions=433101"),
    ("compare", "indicator=hightech_enterprises&year=2023", "indicator=hightech_enterprises"),
])
def test_switch_language_back_and_forth(server, page, name, query, kept):
    """中文 → English → 中文, then change nothing: no error, the view and its URL are kept."""
    page.goto(f"{server}/{name}?{query}" if name != "overview" else f"{server}/?{query}")
    settle(page)
    for language in ("English", "中文", "English"):
        page.locator('[data-testid="stSidebar"] button', has_text=language).click()
        page.wait_for_timeout(300)
        settle(page)
        assert_no_error(page)
        assert kept in page.url, page.url
    page.locator('[data-testid="stSidebar"] button', has_text="中文").click()
    page.wait_for_timeout(300)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"language_switch_{name}.png"), full_page=True)
    assert_no_error(page)
    assert kept in page.url, page.url
