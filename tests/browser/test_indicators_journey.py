"""A leader reads a tertial's indicators, drills down to the breaching pathways and
downloads the Excel file. Axe on each page."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.test_worklist_journey import axe_violations

pytestmark = pytest.mark.browser


def test_leader_reads_a_tertial_drills_down_and_downloads_excel(sign_in, demo_server,
                                                                tmp_path):
    page = sign_in("leder")
    page.get_by_role("link", name="Indikatorer").click()
    page.get_by_role("heading", level=2, name="Klinisk beslutning innen forløpstid").wait_for()
    assert axe_violations(page) == []
    assert "nevneren er under 5" in page.inner_text("main")

    # The demo's pathways are drawn relative to today: take the newest tertial with a
    # service-caused breach behind a figure.
    tertials = [o for o in page.locator("#periode option").all_inner_texts() if "tertial" in o]
    breach = page.get_by_role("link", name="brudd med tjenesteårsak")
    for tertial in tertials:
        page.get_by_label("Periode (tertial eller måned)").select_option(label=tertial)
        page.get_by_role("button", name="Vis").click()
        page.get_by_role("heading", name=f"Indikatorer: {tertial}").wait_for()
        if breach.count():
            break
    assert breach.count() > 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned Excel").first.click()
    path = tmp_path / "indikatorer.xlsx"
    download.value.save_as(path)
    book = load_workbook(io.BytesIO(path.read_bytes()))
    assert book.worksheets[0].cell(1, 1).value == "Enhet eller nivå"

    breach.first.click()
    page.get_by_role("heading", level=1).wait_for()
    results = page.locator("tbody td:last-child").all_inner_texts()
    assert results
    assert all(r.startswith("Brudd") for r in results)
    assert axe_violations(page) == []
