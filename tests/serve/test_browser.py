"""The pages in a real browser: Debian's chromium, headless, driven by Selenium against a real
server on 127.0.0.1. CI installs chromium (``.ci/run``); elsewhere these tests say why they skip."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import httpx
import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=1200,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def story_ids(browser: webdriver.Chrome) -> list[str]:
    return [
        e.get_attribute("data-story") for e in browser.find_elements(By.CSS_SELECTOR, ".story-card")
    ]


def test_the_stories_page_renders_right_to_left_with_arabic_outlet_names(
    browser: webdriver.Chrome, live_server: str
) -> None:
    browser.get(f"{live_server}/?min_outlets=1")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    direction = browser.execute_script(
        "return getComputedStyle(document.querySelector('.story-card')).direction"
    )
    assert direction == "rtl"
    badges = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".story-card .badge")}
    assert {"هاف بوست عربي", "ارفع صوتك", "دويتشه فيله عربية", "البيان"} <= badges
    assert len(story_ids(browser)) == 3


def test_choosing_an_outlet_narrows_the_list(browser: webdriver.Chrome, live_server: str) -> None:
    browser.get(f"{live_server}/?min_outlets=1")
    before = story_ids(browser)
    Select(browser.find_element(By.NAME, "outlet")).select_by_visible_text("دويتشه فيله عربية (1)")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "outlet=DW+Arabic" in b.current_url)
    after = story_ids(browser)
    assert len(after) == 1 and set(after) < set(before)


def test_a_section_link_keeps_the_outlet_filter_and_narrows_to_the_section(
    browser: webdriver.Chrome, live_server: str
) -> None:
    browser.get(f"{live_server}/?min_outlets=1&outlet=DW+Arabic")
    browser.find_element(By.CSS_SELECTOR, 'nav.sections a[data-section="world"]').click()
    WebDriverWait(browser, 10).until(lambda b: "section=world" in b.current_url)
    assert "outlet=DW+Arabic" in browser.current_url and len(story_ids(browser)) == 1
    current = browser.find_element(By.CSS_SELECTOR, 'nav.sections a[aria-current="page"]')
    assert current.text == "عربي ودولي"
    browser.find_element(By.CSS_SELECTOR, 'nav.sections a[data-section="sports"]').click()
    WebDriverWait(browser, 10).until(lambda b: "section=sports" in b.current_url)
    assert story_ids(browser) == [] and browser.find_element(By.ID, "empty").is_displayed()


def test_an_outlet_chip_opens_the_outlets_own_sentence(
    browser: webdriver.Chrome, live_server: str
) -> None:
    browser.get(f"{live_server}/?min_outlets=1")
    browser.find_element(By.CSS_SELECTOR, ".story-card h2 a").click()
    WebDriverWait(browser, 10).until(lambda b: "/stories/" in b.current_url)
    chip = browser.find_element(By.CSS_SELECTOR, "details.chip")
    quote = chip.find_element(By.TAG_NAME, "blockquote")
    assert not quote.is_displayed()
    chip.find_element(By.TAG_NAME, "summary").click()
    assert quote.is_displayed() and len(quote.text) > 20


def test_a_merge_made_in_the_page_is_there_after_a_reload(
    browser: webdriver.Chrome, live_server: str
) -> None:
    listing = httpx.get(f"{live_server}/api/stories", params={"min_outlets": 1}).json()["stories"]
    bayan = next(s["id"] for s in listing if s["outlets"] == ["Al-Bayan"])
    into = next(s["id"] for s in listing if "DW Arabic" in s["outlets"])
    browser.get(f"{live_server}/stories/{bayan}")
    browser.find_element(By.CSS_SELECTOR, "#merge input[name=into]").send_keys(str(into))
    browser.find_element(By.CSS_SELECTOR, "#merge button").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith(f"/stories/{into}"))
    browser.refresh()
    badges = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".story .outlets .badge")}
    assert "البيان" in badges
    assert "دمج" in browser.find_element(By.CSS_SELECTOR, ".history").text
    browser.get(f"{live_server}/stories/{bayan}")
    gone = WebDriverWait(browser, 10).until(lambda b: b.find_element(By.TAG_NAME, "main").text)
    assert "لا توجد قصة" in gone


def test_an_article_holding_script_shows_it_as_text_and_runs_nothing(
    browser: webdriver.Chrome, live_server: str
) -> None:
    hostile = '<script>window.pwned=1;alert(1)</script><img src=x onerror="window.pwned=2">'
    answer = httpx.post(
        f"{live_server}/api/articles",
        json={
            "text": "افتتح أمير المنطقة معرض الكتاب بمشاركة 500 دار نشر عربية.",
            "title": hostile,
        },
        headers={"host": live_server.removeprefix("http://")},
    )
    article = answer.json()["articles"][0]["id"]
    browser.get(f"{live_server}/articles/{article}")
    assert browser.find_element(By.TAG_NAME, "h1").text == hostile
    assert browser.execute_script("return window.pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
