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
PAGES = ["overview", "compare", "trends", "gap", "map", "region", "sources", "upload", "documents"]

if CHROMIUM is None:
    pytest.skip("Debian chromium is not installed (./dev installs it as root)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, log_name: str = "server.log", env: dict | None = None,
                 arguments: tuple[str, ...] = (), port: int | None = None):
    """The app served from ``folder`` (its database, plan documents and review files)."""
    port = port or free_port()
    env = {**os.environ, "KJ_DB_DIR": str(folder), "KJ_RAW_DIR": str(folder / "raw"),
           "KJ_REVIEW_DIR": str(folder / "review"), **(env or {})}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    process = subprocess.Popen([sys.executable, "-m", "dashboard.serve", "--server.address", "127.0.0.1",
                                "--server.port", str(port), "--server.fileWatcherType", "none", *arguments],
                               cwd=paths.PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    return process, log, url


def stop_server(process, log) -> None:
    process.terminate()
    process.wait(timeout=10)
    log.close()


def served_copy(folder: Path, session_db_dir: Path) -> Path:
    """A private copy of the seed database and documents: what a browser test changes stays here."""
    shutil.copy(session_db_dir / "targets.duckdb", folder / "targets.duckdb")
    shutil.copytree(paths.PROJECT_DIR / "data" / "raw", folder / "raw")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory, session_db_dir):
    folder = served_copy(tmp_path_factory.mktemp("served"), session_db_dir)
    process, log, url = start_server(folder)
    yield url
    stop_server(process, log)


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
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached", timeout=30000)
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


def test_the_overview_by_its_name_keeps_its_filters(server, page):
    """/overview (a link written by the page's name) opens the overview with its query."""
    page.goto(f"{server}/overview?lang=en&label_region=430524")
    settle(page)
    assert_no_error(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator("h1").first).to_contain_text("S&T innovation targets")
    expect(page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]')).to_contain_text("Overview")
    assert "label_region=430524" in page.url and "/overview" not in page.url


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
    assert download.value.suggested_filename == "hightech_enterprises_2023_level_433100_compare.png"
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30000


def test_upload_gbk_then_see_it_on_the_gap_page(server, page):
    page.goto(f"{server}/upload")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(paths.PROJECT_DIR / "tests" / "good_files" / "long_gbk.csv"))
    page.wait_for_timeout(500)
    settle(page)
    expect(page.get_by_text("预览", exact=True)).to_be_visible()
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_timeout(500)
    settle(page)
    expect(page.get_by_text("已保存批次")).to_be_visible()
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


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label."""
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).first.click()
    page.wait_for_timeout(200)


def test_add_review_and_keep_decisions_across_a_restart(tmp_path, session_db_dir, browser):
    """An analyst adds a Word document and a GBK text, corrects one number, rejects one, adds a
    missed one, maps a label, and after a restart of the app every decision is still there."""
    from docx import Document as WordDocument

    folder = served_copy(tmp_path, session_db_dir)
    word = WordDocument()
    for line in ["示范县2025年科技创新工作要点", "一、主要目标",
                 "2025年，全县新增高新技术企业12家，技术合同成交额达到2.5亿元，"
                 "新建省级以上研发平台3个。"]:
        word.add_paragraph(line)
    word.save(tmp_path / "plan.docx")
    (tmp_path / "gbk.txt").write_bytes("邵东市2024年科技工作要点\n2024年，力争全市高新技术企业总数达到150家。\n"
                                       .encode("gbk"))
    process, log, url = start_server(folder, "server_review.log")
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    try:
        for file, region, year, expected in [("plan.docx", "隆回县", "2025", "3 个目标"),
                                             ("gbk.txt", "", "", "1 个目标")]:
            page.goto(f"{url}/documents")
            settle(page)
            page.get_by_role("tab", name="添加文件").click()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / file))
            page.wait_for_timeout(500)
            settle(page)
            if region:
                page.get_by_label("地区（可不填，自动识别）").fill(region)
                page.get_by_label("年份或期间（可不填）").fill(year)
                page.keyboard.press("Enter")
                settle(page)
            page.get_by_role("button", name="预览提取结果").click()
            settle(page)
            expect(page.get_by_text(expected).first).to_be_visible()
            page.get_by_role("button", name="保存文件并重建").click()
            settle(page)
            expect(page.get_by_text("已重建").first).to_be_visible()
            assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / "documents_added.png"), full_page=True)
        added = sorted(p for p in (folder / "raw").glob("00[56]_*.txt") if ".orig" not in p.name)
        assert len(added) == 2
        document = added[0].name
        # correct the first row's value, then reject the next one
        page.goto(f"{url}/documents?doc={document}")
        settle(page)
        page.get_by_label("审核人（记入每条决定）").fill("王分析")
        page.keyboard.press("Enter")
        settle(page)
        page.get_by_text("更正一个字段").click()
        choose(page, "字段", "数值")
        page.get_by_label("新值").fill("13")
        page.locator('input[aria-label="理由（更正、驳回、添加时必填）"]').first.fill("原文为13家")
        page.get_by_role("button", name="保存决定并重建").click()
        settle(page)
        expect(page.get_by_text("已保存，已重建").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "documents_corrected.png"), full_page=True)
        assert_no_error(page)
    finally:
        context.close()
        stop_server(process, log)
    # a new server on the same files: the correction is still applied
    process, log, url = start_server(folder, "server_restarted.log")
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    try:
        page.goto(f"{url}/documents?doc={document}")
        settle(page)
        page.screenshot(path=str(ARTIFACTS / "documents_after_restart.png"), full_page=True)
        expect(page.locator("sup", has_text="✔").first).to_be_visible()
        assert_no_error(page)
    finally:
        context.close()
        stop_server(process, log)
    decisions = (folder / "review" / "corrections.jsonl").read_text(encoding="utf-8")
    assert '"who": "王分析"' in decisions and '"new": "13.0"' in decisions


def test_download_slides_and_memo_of_a_view(server, page):
    """The analyst's one click before a meeting: the roll-up view as slides and as a memo."""
    from docx import Document as WordDocument
    from pptx import Presentation

    page.goto(f"{server}/trends?indicator=hightech_enterprises&prefecture=433100")
    settle(page)
    for label, suffix in [("下载幻灯片（PPTX）", "pptx"), ("下载简报（DOCX）", "docx")]:
        with page.expect_download(timeout=120000) as download:
            page.get_by_role("button", name=label).click()
        target = ARTIFACTS / f"trends_briefing.{suffix}"
        download.value.save_as(target)
        assert download.value.suggested_filename == f"hightech_enterprises_trends_{'slides' if suffix == 'pptx' else 'memo'}.{suffix}"
        if suffix == "pptx":
            slides = list(Presentation(str(target)).slides)
            assert sum(shape.shape_type == 13 for s in slides for shape in s.shapes) == 2
        else:
            text = "\n".join(p.text for p in WordDocument(str(target)).paragraphs)
            assert "比本级目标280家少38家" in text
    assert_no_error(page)


def test_after_a_language_switch_choices_show_in_the_new_language(server, page):
    """中文 → English on Compare: the indicator reads in English and a peers option stays chosen."""
    page.goto(f"{server}/compare?indicator=hightech_enterprises&year=2023")
    settle(page)
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    page.wait_for_timeout(300)
    settle(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stSelectbox"] input').first).to_have_value("High-tech enterprises")
    checked = main.locator('[data-testid="stRadio"] input[type="radio"]:checked')
    assert checked.count() >= 2  # peers and sort both still chosen
    page.screenshot(path=str(ARTIFACTS / "compare_after_switch_en.png"), full_page=True)
    assert_no_error(page)


def test_a_damaged_actuals_file_shows_a_banner_and_the_targets(browser, tmp_path, session_db_dir):
    """Overwritten actuals: every page still shows its targets, under a banner saying why."""
    folder = served_copy(tmp_path, session_db_dir)
    (folder / "actuals.duckdb").write_bytes(b"\x00garbage" * 5000)
    process, log, url = start_server(folder, "damaged.log")
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    try:
        for name in ("compare", "trends", "gap"):
            page.goto(f"{url}/{name}")
            settle(page)
            expect(page.get_by_text("实际值数据库已损坏").first).to_be_visible()
            assert not page.query_selector_all('[data-testid="stException"]')
        page.goto(f"{url}/compare?indicator=hightech_enterprises&year=2023")
        settle(page)
        expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("高新技术企业数")
    finally:
        context.close()
        stop_server(process, log)


def test_team_mode_sign_in_with_the_organisations_provider(browser, tmp_path, session_db_dir, monkeypatch):
    """Team mode against a mock OpenID Connect provider running in the test: a visitor who has
    not signed in sees no uploader and no undo; alice signs in at the provider, is an analyst
    (granted beforehand), uploads a file, and the audit trail has her upload."""
    import oidc_provider_mock

    from etl import accounts, audit

    folder = served_copy(tmp_path, session_db_dir)
    monkeypatch.setattr(paths, "DB_DIR", folder)
    accounts.add("alice@example.org", "analyst", "oidc", None, audit.Actor.command_line())
    with oidc_provider_mock.run_server_in_thread() as provider:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(f"""[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "{os.urandom(24).hex()}"
[auth.corp]
client_id = "dashboard"
client_secret = "test-only"
server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"
""", encoding="utf-8")
        process, log, _ = start_server(folder, "server_team.log", {"KJ_TEAM": "1"},
                                       ("--secrets.files", str(secrets)), port)
        url = f"http://localhost:{port}"  # the host the redirect comes back to, for the cookie
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        try:
            page.goto(f"{url}/upload?lang=en")
            settle(page)
            expect(page.get_by_text("Sign in (in the sidebar) as an analyst")).to_be_visible()
            assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
            assert page.get_by_role("button", name="Undo").count() == 0
            page.screenshot(path=str(ARTIFACTS / "team_signed_out.png"), full_page=True)
            page.get_by_role("button", name="Sign in with corp").click()
            page.wait_for_url(f"http://localhost:{provider.server_port}/oauth2/authorize**", timeout=30000)
            page.fill("input[name=sub]", "alice@example.org")
            page.get_by_role("button", name="Authorize").click()
            page.wait_for_url(f"{url}/**", timeout=30000)
            page.goto(f"{url}/upload?lang=en")
            settle(page)
            expect(page.get_by_text("alice@example.org · analyst (single sign-on)")).to_be_visible()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                str(paths.PROJECT_DIR / "tests" / "good_files" / "long_gbk.csv"))
            page.wait_for_timeout(500)
            settle(page)
            page.get_by_role("button", name="Confirm", exact=True).click()
            page.wait_for_timeout(500)
            settle(page)
            expect(page.get_by_text("Saved batch")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "team_signed_in_upload.png"), full_page=True)
            assert page.get_by_role("button", name="Undo").count() == 1  # her own batch
            assert_no_error(page)
        finally:
            context.close()
            stop_server(process, log)
    trail = audit.events()
    assert list(trail["action"][:3]) == ["batch_stored", "sign_in", "account_added"]
    stored = trail.iloc[0]
    assert (stored["who"], stored["role"], stored["via"], stored["address"]) == \
        ("alice@example.org", "analyst", "oidc:corp", "localhost")


def test_a_hostile_file_is_refused_while_another_visitor_is_served(browser, tmp_path, session_db_dir):
    """Visitor A uploads an XLSX that would unpack to 1.2 M rows while visitor B opens Compare:
    A is told why it was refused, B's page renders, and the server grows by less than 200 MB."""
    from bench.bench_scale import _status_kb
    from bench.synthetic import excel_bomb

    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(excel_bomb(1_200_000))
    (tmp_path / "served").mkdir()
    folder = served_copy(tmp_path / "served", session_db_dir)
    process, log, url = start_server(folder, "server_hostile.log")
    attacker, visitor = browser.new_context(), browser.new_context(viewport={"width": 1400, "height": 1200})
    try:
        a, b = attacker.new_page(), visitor.new_page()
        for tab, path in ((a, "upload"), (b, "compare?indicator=hightech_enterprises&year=2025")):
            tab.goto(f"{url}/{path}")  # both pages once, so that what they load is counted before
            settle(tab)
        before_mb = _status_kb(process.pid, "VmRSS") // 1024
        a.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bomb))
        b.reload()
        settle(b)
        expect(b.locator(".js-plotly-plot").first).to_be_visible()
        settle(a)
        expect(a.get_by_text("1 个问题")).to_be_visible()
        # the reason is in the problems table, drawn on a canvas: its cell is in the page, not visible
        expect(a.get_by_text("Excel 文件解压后有")).to_have_count(1)
        assert a.get_by_role("button", name="确认导入").is_disabled()
        growth_mb = _status_kb(process.pid, "VmHWM") // 1024 - before_mb
        a.screenshot(path=str(ARTIFACTS / "hostile_refused.png"), full_page=True)
        assert growth_mb < 200, growth_mb
        assert_no_error(b)
    finally:
        attacker.close()
        visitor.close()
        stop_server(process, log)
