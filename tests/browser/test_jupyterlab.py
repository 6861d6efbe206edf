"""The student edition in JupyterLab (with jupyterlab-myst), as a student opens it: a chapter draws its exercises,
numbered as in the book, its citations, glossary terms and section references as links that lead somewhere, and
logs no error. JupyterLab runs on the edition that tools/student_edition.py builds (conftest.py)."""
import re
import subprocess

import nbformat
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import BIN, ROOT
from test_site import DEVICES

CHAPTER = "02-the-numbers"  # a chapter with every kind of cross-reference: citations, terms, sections, chapters
EXERCISE_NUMBER = re.compile(r"Exercise [\d.]+")
READ_THROUGH = """async (lastCell) => {
    // Scroll the open notebook down to its last cell, as a reader does. JupyterLab adds a cell to the page only when it
    // comes near the screen, and jupyterlab-myst draws it later still: each step waits for the cells in view.
    const scroller = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer");
    const seen = {exercises: [], text: "", citations: []};
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const drawn = () => [...scroller.querySelectorAll(".jp-MarkdownCell")].every((cell) => {
        const box = cell.getBoundingClientRect(), view = scroller.getBoundingClientRect();
        return box.bottom < view.top || box.top > view.bottom || cell.querySelector(".myst > *");
    });
    for (let step = 0; step < 500; step++) {
        await pause(100);
        for (let wait = 0; wait < 50 && !drawn(); wait++) await pause(100);
        for (const title of scroller.querySelectorAll(".myst-exercise-title")) {
            if (!seen.exercises.includes(title.textContent.trim())) seen.exercises.push(title.textContent.trim());
        }
        for (const cell of scroller.querySelectorAll(".jp-MarkdownCell")) seen.text += "\\n" + cell.innerText;
        for (const link of scroller.querySelectorAll(".jp-MarkdownCell a[href*='references.ipynb'][href*='#cell-id=']")) {
            seen.citations.push(link.textContent.split(/\\s+/).join(" ").trim());
        }
        if (scroller.querySelector(`[data-windowed-list-index="${lastCell}"]`)) return seen;
        scroller.scrollTop += scroller.clientHeight / 2;
    }
    return seen;
}"""


def read_through(page, notebook) -> dict:
    """What reading the notebook open on the page, down to its last cell, showed."""
    return page.evaluate(READ_THROUGH, len(nbformat.read(notebook, as_version=4).cells) - 1)


@pytest.fixture(scope="module")
def chapter_in_jupyterlab(browser, jupyterlab, student_edition_folder):
    """The chapter opened in JupyterLab and read to its end: the page, what was seen, and the errors logged."""
    context = browser.new_context(**DEVICES["desktop"])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{jupyterlab}lab/tree/book/{CHAPTER}.ipynb")
    expect(page.locator(".jp-MarkdownCell aside.myst-exercise").first).to_be_visible(timeout=60_000)
    seen = read_through(page, student_edition_folder / "book" / f"{CHAPTER}.ipynb")
    yield page, seen, errors
    context.close()


def in_the_book(site, selector: str) -> list[str]:
    """The text of each element of the chapter's page in the built book that the CSS selector selects."""
    page = BeautifulSoup((site / "book" / f"{CHAPTER}.html").read_text(encoding="utf-8"), "html.parser")
    return [" ".join(element.get_text().split()) for element in page.select(selector)]


pytestmark = pytest.mark.xdist_group("jupyterlab")  # one JupyterLab, one reading of the chapter


def test_a_chapter_logs_no_error(chapter_in_jupyterlab):
    assert chapter_in_jupyterlab[2] == []


def test_exercises_are_numbered_as_in_the_book(chapter_in_jupyterlab, site):
    seen = [EXERCISE_NUMBER.search(title).group(0) for title in chapter_in_jupyterlab[1]["exercises"]]
    assert seen == [EXERCISE_NUMBER.search(title).group(0) for title in in_the_book(site, ".exercise .caption-number")]


def test_citations_read_as_in_the_book(chapter_in_jupyterlab, site):
    book = in_the_book(site, "a.reference.internal[href^='references.html#']")
    assert set(chapter_in_jupyterlab[1]["citations"]) == set(book) and book


def test_no_key_or_label_shows_instead_of_a_link(chapter_in_jupyterlab):
    """jupyterlab-myst shows a reference it cannot resolve as its key: a work's key, a section's label, a role."""
    text = chapter_in_jupyterlab[1]["text"]
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"), re.M)
    labels = {label for notebook in (ROOT / "book").glob("*.ipynb")
              for label in re.findall(r'"\(([^()\s]+)\)=', notebook.read_text(encoding="utf-8"))}
    assert keys and labels
    assert [name for name in keys + sorted(labels) if name in text] + re.findall(r"\{[a-z:]+\}`", text) == []


def test_a_glossary_term_opens_the_glossary_at_the_term(chapter_in_jupyterlab, student_edition_folder):
    """A click on a term opens the glossary notebook; once the glossary is drawn, a click on a term brings the term
    into view. (JupyterLab 4.5 opens a notebook it is still drawing at its top, or a few cells off: it scrolls to a
    cell by the heights it has measured so far.)"""
    page = chapter_in_jupyterlab[0]
    chapter_tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=f"{CHAPTER}.ipynb")
    chapter_tab.click()
    term = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell a[href*='glossary.ipynb']").first
    name = term.text_content()
    term.click()
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")).to_contain_text("glossary.ipynb")
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) h1", has_text="Glossary")).to_be_visible()
    read_through(page, student_edition_folder / "book" / "reference" / "glossary.ipynb")  # a reader has read it
    chapter_tab.click()
    term.click()
    heading = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) h3", has_text=re.compile(rf"^{re.escape(name)}", re.I))
    expect(heading.first).to_be_in_viewport()


def test_jupyterlab_myst_is_declared_compatible_with_jupyterlab():
    listing = subprocess.run([BIN / "jupyter", "labextension", "list"], capture_output=True, text=True)
    extensions = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)  # without its colours
    assert re.search(r"jupyterlab-myst v[\d.]+ .*enabled.* OK", extensions) and "not compatible" not in extensions


def test_no_notebook_opens_modified(chapter_in_jupyterlab):
    """JupyterLab marks a notebook modified when the kernel it starts is named otherwise than in the notebook's
    metadata (the edition's said "Python 3", ipykernel says "Python 3 (ipykernel)"): closing it asked to save."""
    page = chapter_in_jupyterlab[0]
    expect(page.locator(".jp-StatusBar-Widget", has_text="Idle").first).to_be_visible(timeout=30_000)  # kernel started
    assert page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty").all_inner_texts() == []
