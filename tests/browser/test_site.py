"""Every page of the built book in Chromium, at desktop and phone width, as a reader meets it.

Each page is visited once per width, in a fresh browser context (a first visit: nothing cached). The visit records
what the reader gets, then clicks what a reader would (the menu on a phone, a solution's button); each test below
checks one property of that visit. The tests of a page form one pytest-xdist group, so that the page is visited
once whichever worker runs them (`--dist loadgroup`). The sidebar and search tests click through their own page.
"""
import functools
import json
import re
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

import student_edition

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "_build" / "screenshots"
DEVICES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
BLOCKING_IMPACTS = {"serious", "critical"}
# label-content-name-mismatch (a control whose accessible name differs from the words it shows, which a voice-control
# user says) is experimental in axe 4, so off unless asked for. empty-table-header is only "minor" and region
# ("moderate": content outside every landmark) below serious, but both are barriers this site is prone to: every pandas
# table has an empty header cell over its index, and a screen reader that moves by landmarks skips content outside them.
AXE_RULES = {"label-content-name-mismatch": {"enabled": True}}
# Every rule but contrast runs on the whole page at both widths. Colours do not change with the width, so contrast,
# by far the slowest rule, runs on the desktop visit only, and once per style of text rather than once per element:
# on the first visible element with text of its own for each colour, colour behind it, size and weight (the inputs of
# a contrast ratio). The rules that read colours run again in dark mode (the reader's system setting, which the
# theme follows).
OTHER_RULES = {"resultTypes": ["violations"], "rules": {**AXE_RULES, "color-contrast": {"enabled": False}}}
CONTRAST = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast"]}}
COLOUR_RULES = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
STYLE_SAMPLES = {"include": [["[data-style-sample]"]]}
MARK_STYLE_SAMPLES = """() => {
    document.querySelectorAll("[data-style-sample]").forEach((element) => element.removeAttribute("data-style-sample"));
    const seen = new Set();
    const behind = (element) => {  // the first colour painted behind the element's text
        for (let painted = element; painted; painted = painted.parentElement) {
            const colour = getComputedStyle(painted).backgroundColor;
            if (colour !== "rgba(0, 0, 0, 0)") return colour;
        }
        return "";
    };
    for (const element of document.body.querySelectorAll("*")) {
        const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
        const own = getComputedStyle(element), style = [own.color, behind(element), own.fontSize, own.fontWeight].join();
        if (ownText && element.checkVisibility() && !seen.has(style)) {
            seen.add(style);
            element.setAttribute("data-style-sample", "");
        }
    }
}"""
ALWAYS_BLOCKING = {"empty-table-header", "region"}
FIRST_VISIT_BUDGET = 1_000_000  # bytes, uncompressed, everything the first visit of a page loads
# Chrome DevTools' "Fast 3G" (front_end/core/sdk/NetworkManager.ts): 562.5 ms added to each request, 1.44 Mb/s down.
FAST_3G = {"offline": False, "latency": 150 * 3.75, "downloadThroughput": 1.6e6 / 8 * .9,
           "uploadThroughput": 750e3 / 8 * .9}
FIRST_PAINT_BUDGET = 3_000  # ms from the start of the navigation to the first text or image on screen
FIRST_PAINT_PAGES = ["book/intro.html", "book/02-the-numbers.html"]  # the book's door, and its heaviest chapter
KNOWN_WORD = "CECOT"
GENERIC_ALT = re.compile(r"^(image|img|figure|picture|graph|chart|plot|output|[0-9a-f]{16,}\S*|\S+\.(png|svg|jpe?g))$",
                         re.IGNORECASE)


def toc_pages() -> list[str]:
    """The site's pages, in the order of _toc.yml, then the search and index pages."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [f"{name}.html" for name in [toc["root"], *toc_files(toc["parts"])]] + ["search.html", "genindex.html"]


def toc_files(entries) -> list[str]:
    """The files of a _toc.yml list of parts, chapters or sections, sections after their chapter."""
    files = []
    for entry in entries:
        files += [entry["file"]] if "file" in entry else []
        files += toc_files(entry.get("chapters", []) + entry.get("sections", []))
    return files


def grouped(pages) -> list:
    """Each page as a parameter in its own pytest-xdist group: all the tests of a page run where it was visited."""
    return [pytest.param(page, marks=pytest.mark.xdist_group(page)) for page in pages]


PAGES = toc_pages()
CHAPTERS = [page for page in PAGES if re.fullmatch(r"book/\d\d-.*", page)]


@dataclass
class Visit:
    """What one first visit to a page showed."""
    console_errors: list = field(default_factory=list)
    requested: list = field(default_factory=list)
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)
    violations: list = field(default_factory=list)
    bytes_uncompressed: int = 0  # the files' own sizes
    bytes_transferred: int = 0  # what came over the network (gzip-compressed, as GitHub Pages sends it)
    contents_hidden_at_first: bool = False  # phone: the table of contents waits for the menu button
    contents_opened: bool = False  # phone: ... and the button opens it
    solutions: int = 0  # chapters: how many solutions there are
    solution_bodies_shown: list = field(default_factory=list)  # ... whether each one's body shows at first
    solution_opened: bool = False  # ... whether a click on the last one's button shows it
    solution_opened_by_bar: bool = False  # ... and whether a tap (phone) or click on the link in the middle of the
    # first one's title bar shows it, the page staying where it is
    icons: list = field(default_factory=list)  # desktop: [font family, weight, character] of each icon drawn
    printed: dict = field(default_factory=dict)  # desktop: what the page looks like printed on A4
    ticks_run_together: list = field(default_factory=list)  # desktop chapters: a figure's tick labels that touch


@pytest.fixture(scope="module")
def open_page(browser, server):
    """open_page(path, device): the page, loaded in a new browser context of that device."""
    contexts = []

    def load(path, device):
        contexts.append(browser.new_context(**DEVICES[device]))
        contexts[-1].set_default_timeout(10_000)
        page = contexts[-1].new_page()
        page.goto(server + path, wait_until="domcontentloaded")  # the scripts have run; images may still come
        return page

    yield load
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def visit(browser, server):
    """visit(path, device): the page's Visit, recorded once, with a screenshot of each chapter and a record of each
    visit in _build/screenshots."""
    visits = {}

    def record(path, device):
        if (path, device) not in visits:
            context = browser.new_context(**DEVICES[device])
            context.set_default_timeout(10_000)
            try:
                visits[path, device] = record_visit(context.new_page(), server + path, device, path in CHAPTERS)
                keep_record(path, device, visits[path, device])
            except PlaywrightError as error:  # kept, so that the page's other tests fail at once, not after a retry
                visits[path, device] = error
            finally:
                context.close()
        if isinstance(visits[path, device], PlaywrightError):
            raise visits[path, device]
        return visits[path, device]

    return record


def keep_record(path, device, seen: Visit) -> None:
    """The visit's weight and findings, every impact included, beside the screenshots for a reader of the test."""
    findings = {"bytes uncompressed": seen.bytes_uncompressed, "bytes transferred": seen.bytes_transferred,
                "console errors": seen.console_errors,
                "axe violations": {violation["id"]: violation["impact"] for violation in seen.violations}}
    record = SCREENSHOTS / "visits" / f"{path.removesuffix('.html').replace('/', '--')}-{device}.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(findings, indent=1), encoding="utf-8")


def record_visit(page, url, device, chapter: bool) -> Visit:
    """What a first visit shows; then, on a chapter, a solution's button is clicked, and on a phone the menu's."""
    seen = first_look(page, url)
    if chapter:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{Path(url).stem}-{device}.jpeg", full_page=True, type="jpeg",
                        quality=70)  # JPEG: 3 times faster
    seen.violations = axe(page, seen, options=OTHER_RULES)
    if device == "desktop":
        seen.icons = page.evaluate(ICONS_DRAWN)
        page.evaluate(MARK_STYLE_SAMPLES)
        seen.violations += axe(page, seen, context=STYLE_SAMPLES, options=CONTRAST)
        seen.violations += in_dark_mode(page, lambda: axe(page, seen, context=STYLE_SAMPLES, options=COLOUR_RULES))
    if chapter and device == "desktop":
        seen.ticks_run_together = page.evaluate(RUN_TOGETHER_TICK_LABELS)
    if chapter:
        seen.solutions, seen.solution_bodies_shown, seen.solution_opened, seen.solution_opened_by_bar = open_solutions(
            page, device)
    if device == "desktop":  # last: the page is laid out for paper
        seen.printed = print_on_a4(page)
    if device == "phone":  # last: the open contents cover the page
        seen.wide_label_columns = page.evaluate(WIDE_LABEL_COLUMNS)
        seen.figure_cells = page.evaluate(FIGURE_CELLS)
        seen.sections, seen.page_contents = open_page_contents(page)
        seen.page_contents_closing = tap_a_page_contents_entry(page, seen.sections)
        seen.contents_hidden_at_first, seen.contents_opened = open_contents(page)
    return seen


def in_dark_mode(page, check) -> list:
    """The violations that check() finds with the reader's system in dark mode (marked "in dark mode")."""
    in_colour_mode(page, "dark")
    page.evaluate(MARK_STYLE_SAMPLES)
    violations = [{**violation, "id": f"{violation['id']} in dark mode"} for violation in check()]
    in_colour_mode(page, "light")
    return violations


def in_colour_mode(page, mode: str) -> None:
    """The reader's system set to this colour mode, and the theme's colours changed: at once, without the transitions
    the theme would draw (checked half-way, they gave false contrast findings)."""
    page.evaluate(f"document.head.insertAdjacentHTML('beforeend', '<style id=\"instant\">{NO_TRANSITIONS}</style>')")
    page.emulate_media(color_scheme=mode)
    page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
    page.evaluate("document.getElementById('instant').remove()")


NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"


def axe(page, seen: Visit, **run) -> list:
    """axe's violations on the page. What axe logs is not the page's doing: it fetches each style sheet again and
    resolves their @import against the page's address (a 404 for the theme's "../basic.css")."""
    errors_before = len(seen.console_errors)
    violations = Axe().run(page, **run).response["violations"]
    del seen.console_errors[errors_before:]
    return violations


def first_look(page, url) -> Visit:
    console_errors, requested = [], []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="load")
    return Visit(
        console_errors=console_errors,  # and every error while the visit clicks through the page
        requested=list(requested),  # a copy: what axe fetches for itself is not the page's doing
        links=page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"),
        images=page.eval_on_selector_all(
            "img", "images => images.map(image => ({src: image.src, alt: image.getAttribute('alt')}))"),
        bytes_uncompressed=page.evaluate(TOTAL % "decodedBodySize"),
        bytes_transferred=page.evaluate(TOTAL % "transferSize"),
    )


ICONS_DRAWN = """() => {
    const icons = new Set();
    for (const element of document.querySelectorAll("*")) {
        for (const pseudo of ["::before", "::after"]) {
            const style = getComputedStyle(element, pseudo);
            if (!style.fontFamily.includes("Font Awesome") || !style.content.startsWith('"')) continue;
            for (const character of style.content.slice(1, -1)) {
                icons.add(JSON.stringify([style.fontFamily.replaceAll('"', ""), style.fontWeight, character]));
            }
        }
    }
    return [...icons].map((icon) => JSON.parse(icon));
}"""
TOTAL = "performance.getEntries().reduce((sum, entry) => sum + (entry.%s || 0), 0)"  # the page and every file it loaded


def open_solutions(page, device) -> tuple[int, list, bool, bool]:
    """How many solutions, whether each body shows at first, whether the last one's button shows it, and whether a
    tap or click on the link in the middle of the first one's title bar shows that one without leaving the place."""
    solutions = page.locator(".solution")
    bodies = page.locator(".solution > section")
    shown_at_first = [body.is_visible() for body in bodies.all()]
    by_button = in_time(solutions.last.locator("button.toggle-button").click) and bodies.last.is_visible()
    bar = solutions.first.locator(".admonition-title")
    bar.scroll_into_view_if_needed()
    target = bar.locator("a").first.bounding_box() or bar.bounding_box()
    x, y = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    address = page.url
    page.touchscreen.tap(x, y) if device == "phone" else page.mouse.click(x, y)
    by_bar = in_time(bodies.first.wait_for) and page.url == address
    return solutions.count(), shown_at_first, by_button, by_bar


def open_contents(page) -> tuple[bool, bool]:
    """Whether the table of contents is hidden at first, and whether the menu button opens it."""
    contents = page.locator("nav.bd-docs-nav").filter(visible=True)
    hidden = contents.count() == 0
    return hidden, in_time(page.locator(".primary-toggle").filter(visible=True).first.click) and in_time(
        contents.first.wait_for)


# Each SVG figure of the page (matplotlib's: an axis is <g id="matplotlib.axis_N">, each tick <g id="xtick_N"> with its
# label in <g id="text_N"><text>25,000</text>), drawn out of sight in the page's fonts: the pairs of tick labels of one
# axis that overlap or come closer than 4 px, which read as one ("25,00050,000"), and any other text of the figure (a
# title, an annotation, a legend's entry) that touches another ("oval officewsj report").
RUN_TOGETHER_TICK_LABELS = """async () => {
    const found = [], holder = document.createElement("div");
    holder.style.cssText = "position: absolute; left: 0; top: 0; visibility: hidden";
    document.body.append(holder);
    const apart = (a, b, across, down) => a.right + across <= b.left || b.right + across <= a.left
        || a.bottom + down <= b.top || b.bottom + down <= a.top;
    const pairs = (texts, across, down, image) => texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
        if (!apart(a.getBoundingClientRect(), b.getBoundingClientRect(), across, down)) {
            found.push(`${image.alt.slice(0, 40)}...: "${a.textContent.trim()}" and "${b.textContent.trim()}"`);
        }
    }));
    for (const image of document.querySelectorAll("div.cell_output img[src$='.svg']")) {
        const svg = new DOMParser().parseFromString(await (await fetch(image.src)).text(), "image/svg+xml");
        holder.replaceChildren(document.importNode(svg.documentElement, true));
        for (const axis of holder.querySelectorAll("g[id^='matplotlib.axis']")) {
            pairs([...axis.querySelectorAll(":scope > g[id*='tick'] > g[id^='text']")], 4, 4, image);
        }
        const texts = [...holder.querySelectorAll("g[id^='text']")].filter((text) => text.textContent.trim());
        const ticks = new Set(holder.querySelectorAll("g[id*='tick'] > g[id^='text']"));
        // side by side, 2 px apart at least; one above the other, their boxes (a line high) may share 4 px of blank
        pairs(texts.filter((text) => !ticks.has(text)), 2, -4, image);
    }
    holder.remove();
    return found;
}"""
FIGURE_CELLS = """() => [...document.querySelectorAll("div.cell")].filter((cell) => cell.querySelector(".cell_output img"))
    .map((cell) => ({code: cell.querySelector(".cell_input").checkVisibility(),
                     tap_shows_full_size: [...cell.querySelectorAll(".cell_output img")].every(
                         (image) => image.closest("a[href]")?.href === image.src),
                     toggle: [...cell.querySelectorAll("summary")].some((summary) => summary.checkVisibility())}))"""
FIGURE_LESSONS = {"book/00-python-basics.html"}  # chapter 0 teaches how a figure is drawn: its code is the lesson
WIDE_LABEL_COLUMNS = """() => {
    const wide = [];
    const contentWidth = (cell) => {
        const range = document.createRange(), style = getComputedStyle(cell);
        range.selectNodeContents(cell);
        return range.getBoundingClientRect().width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
            + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    };
    for (const table of document.querySelectorAll("table.dataframe")) {
        const cells = [...table.querySelectorAll("th, td")].filter((cell) => cell.colSpan === 1);
        for (const label of new Set(table.querySelectorAll("tbody th"))) {
            const left = label.getBoundingClientRect().left;
            const column = cells.filter((cell) => Math.abs(cell.getBoundingClientRect().left - left) < 1);
            const content = Math.max(...column.map(contentWidth));
            if (label.getBoundingClientRect().width > content + 2) {
                wide.push(`${label.textContent.trim()}: ${Math.round(label.getBoundingClientRect().width)} px for ${Math.round(content)} px of content`);
            }
        }
    }
    return [...new Set(wide)];
}"""
A4_WIDTH = round((210 - 2 * 12) / 25.4 * 96)  # CSS px between the side margins of reader.css's @page (12 mm)
PRINTED = """(onScreen) => {
    const shown = (element) => element.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const boxes = [...document.querySelectorAll("pre, table, div.highlight, div.cell_output .output, img")];
    const hints = [...document.querySelectorAll(".toggle-button, summary")].filter((element) => shown(element) && (
        element.tagName === "SUMMARY" || !["none", "normal", '""'].includes(getComputedStyle(element, "::before").content)));
    const title = [...document.querySelectorAll("h1")].find(shown);
    if (onScreen) return title.textContent.replace("#", "").trim();
    return {
        cut: boxes.filter((box) => shown(box) && (box.scrollWidth > box.clientWidth + 1
            || box.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .map((box) => `${box.tagName}: ${box.textContent.trim().slice(0, 50)}`),
        hints: hints.map((hint) => hint.textContent.trim() || getComputedStyle(hint, "::before").content),
        title: title ? title.textContent.replace("#", "").trim() : "",
    };
}"""


def print_on_a4(page) -> dict:
    """What a printout on A4 shows: the boxes whose content is cut at their edge or at the paper's, the toggle hints
    printed, and the title. The browser prints as it would (print media, "beforeprint", which opens the solutions)."""
    title = page.evaluate(PRINTED, True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_WIDTH, "height": 1000})
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return {**page.evaluate(PRINTED, False), "title on screen": title}


def open_page_contents(page) -> tuple[list, list]:
    """The #ids of the page's sections, and the #links that a tap on the page-contents button shows (then closed)."""
    sections = page.eval_on_selector_all("article.bd-article > section > section[id]", "all => all.map(s => '#' + s.id)")
    button = page.locator(".bd-header-article .secondary-toggle")
    if not sections or not in_time(button.tap):
        return sections, []
    dialog = page.locator("#pst-secondary-sidebar-modal[open]")
    if not in_time(dialog.wait_for):
        return sections, []
    links = dialog.locator("a[href^='#']").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    page.keyboard.press("Escape")
    return sections, links


def tap_a_page_contents_entry(page, sections) -> dict:
    """After a first look at the page's contents (closed with Escape): whether Escape closed them, and whether a tap
    on the last section's entry closes them and shows that section on the screen; then Escape again."""
    dialog = page.locator("#pst-secondary-sidebar-modal")

    def closed() -> bool:
        return in_time(lambda: page.wait_for_function("!document.getElementById('pst-secondary-sidebar-modal')?.open",
                                                      timeout=3000))

    closed_by_escape = closed()
    if not sections or not in_time(page.locator(".bd-header-article .secondary-toggle").tap):
        return {"closed by Escape": closed_by_escape}
    in_time(lambda: dialog.locator(f"a[href='{sections[-1]}']").tap())
    closed_by_tap = closed()
    shown = in_time(lambda: page.wait_for_function(  # the theme scrolls smoothly
        "([id, height]) => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < height; }", arg=[sections[-1][1:], page.viewport_size["height"]], timeout=3000))
    page.keyboard.press("Escape")
    return {"closed by Escape": closed_by_escape, "closed by a tap on an entry": closed_by_tap, "section shown": shown}


def in_time(action) -> bool:
    """Do a Playwright action (a click, a wait); False if it timed out: nothing to click, or nothing shown."""
    try:
        action()
        return True
    except PlaywrightTimeoutError:
        return False


@functools.cache
def fetch(url) -> tuple[int, bytes]:
    """Status and body of a local address (each fetched once for all pages)."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def same_host(url, server) -> bool:
    return urlparse(url).netloc == urlparse(server).netloc


@pytest.fixture(params=DEVICES)
def device(request):
    return request.param


@pytest.mark.parametrize("path", grouped(PAGES))
def test_no_console_errors(visit, path, device):
    assert visit(path, device).console_errors == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_no_request_to_another_host(visit, server, path, device):
    requested = visit(path, device).requested
    assert [url for url in requested if not url.startswith("data:") and not same_host(url, server)] == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_no_serious_accessibility_violation(visit, path, device):
    blocking = [f"{violation['impact']}: {violation['id']} ({len(violation['nodes'])} elements): "
                f"{violation['nodes'][0]['html'][:120]}"
                for violation in visit(path, device).violations
                if violation["impact"] in BLOCKING_IMPACTS or violation["id"].split()[0] in ALWAYS_BLOCKING]
    assert blocking == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_every_image_has_meaningful_alt_text(visit, path):
    images = visit(path, "desktop").images
    assert [image["src"] for image in images
            if not (image["alt"] or "").strip() or GENERIC_ALT.match(image["alt"].strip())] == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_internal_links_and_images_resolve(visit, server, path):
    seen = visit(path, "desktop")
    targets = {url for url in seen.links + [image["src"] for image in seen.images] if same_host(url, server)}
    broken = []
    for url in sorted(targets):
        address, fragment = urldefrag(url)
        status, body = fetch(address)
        if status != 200:
            broken.append(f"{url} ({status})")
        elif fragment and f'id="{fragment}"'.encode() not in body:
            broken.append(f"{url} (no #{fragment} there)")
    assert broken == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_table_of_contents_opens_on_a_phone(visit, path):
    seen = visit(path, "phone")
    assert seen.contents_hidden_at_first, "the table of contents should wait for the menu button on a phone"
    assert seen.contents_opened, "the menu button does not open the table of contents"


@pytest.mark.parametrize("path", grouped(PAGES))
def test_page_contents_open_on_a_phone(visit, path):
    """A tap on the page-contents button shows a list of the page's sections."""
    seen = visit(path, "phone")
    assert set(seen.sections) <= set(seen.page_contents)


@pytest.mark.parametrize("path", grouped(PAGES))
def test_page_contents_close_on_a_phone(visit, path):
    """Escape closes the page's contents; a tap on an entry closes them and shows its section (contents left open
    would cover the section)."""
    closing = visit(path, "phone").page_contents_closing
    assert all(closing.values()), closing


def header_controls_that_show_no_focus(page) -> list[str]:
    """The article header's controls that look the same focused from the keyboard as not focused: each one compared
    in a picture of it and the 4 px around it, tooltips hidden."""
    page.add_style_tag(content=".tooltip { display: none !important; }")
    unmarked = []
    for control in page.locator(".bd-header-article :is(a[href], button)").filter(visible=True).all():
        box = control.bounding_box()
        around = {"x": box["x"] - 4, "y": box["y"] - 4, "width": box["width"] + 8, "height": box["height"] + 8}
        unfocused = page.screenshot(clip=around, animations="disabled")
        control.focus()
        page.keyboard.press("Shift+Tab")  # away and back with the keyboard: the focus a keyboard user sees
        page.keyboard.press("Tab")
        if page.screenshot(clip=around, animations="disabled") == unfocused:
            unmarked.append(control.get_attribute("aria-label") or control.get_attribute("title") or control.inner_text())
        page.evaluate("document.activeElement.blur()")
    return unmarked


def test_every_header_control_shows_its_focus(open_page, device):
    page = open_page(CHAPTERS[1], device)  # a chapter: every header control (launch, download, ...)
    assert header_controls_that_show_no_focus(page) == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_printed_pages_keep_everything_inside_and_no_toggle_hints(visit, path):
    printed = visit(path, "desktop").printed
    assert printed["cut"] == [], "content cut off on A4"
    assert printed["hints"] == [], "toggle hints printed"
    assert printed["title"] == printed["title on screen"]


@pytest.mark.parametrize("path", grouped(CHAPTERS))
def test_figure_code_waits_behind_a_toggle(visit, path):
    """A reader scrolls past a figure's plotting code only if the figure is the lesson; elsewhere a toggle shows it.
    A tap on the figure opens it at full size."""
    expected = {"code": True, "toggle": False} if path in FIGURE_LESSONS else {"code": False, "toggle": True}
    expected["tap_shows_full_size"] = True  # a figure is a link to its image, where small labels can be read
    assert all(cell == expected for cell in visit(path, "phone").figure_cells)


@pytest.mark.parametrize("path", grouped(CHAPTERS))
def test_no_tick_labels_run_together_in_a_figure(visit, path):
    """Nor does any other text of a figure overlap another (Fig. 1.2's event labels did, at every width)."""
    assert visit(path, "desktop").ticks_run_together == []


@pytest.mark.parametrize("path", grouped(PAGES))
def test_row_labels_take_no_more_room_than_they_need_on_a_phone(visit, path):
    assert visit(path, "phone").wide_label_columns == []


def test_a_tooltip_leaves_after_a_tap_on_a_phone(open_page):
    page = open_page(CHAPTERS[1], "phone")
    page.locator(".bd-header-article .btn-fullscreen-button").tap()
    tooltip = page.locator(".tooltip.show")
    expect(tooltip).to_have_count(1)  # a tap shows the button's name ...
    expect(tooltip).to_have_count(0, timeout=3_000)  # ... for a moment, not until the next tap somewhere else


SCROLL_DOWN_THEN_UP = """async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    window.scrollTo(0, 3000);
    await frame();
    window.scrollTo(0, 2700);  // the theme shows "Back to top" while the reader scrolls up
    await frame();
}"""
UNDER_BACK_TO_TOP = """() => {
    const button = document.getElementById("pst-back-to-top"), box = button.getBoundingClientRect();
    const under = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
        .find((element) => !button.contains(element));
    return under.closest("article") ? under.outerHTML.slice(0, 80) : "";
}"""


def test_back_to_top_covers_nothing_of_the_page(open_page):
    page = open_page(CHAPTERS[1], "phone")
    page.evaluate(SCROLL_DOWN_THEN_UP)
    expect(page.locator("#pst-back-to-top")).to_be_visible()
    assert page.evaluate(UNDER_BACK_TO_TOP) == ""


def test_menu_button_collapses_the_sidebar_on_desktop(open_page):
    page = open_page(CHAPTERS[0], "desktop")  # the same theme button on every page
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.locator(".primary-toggle").filter(visible=True).click()
    sidebar.wait_for(state="hidden")


@pytest.mark.parametrize("path", grouped(CHAPTERS))
def test_solutions_are_hidden_until_clicked(visit, path, device):
    seen = visit(path, device)
    assert seen.solutions > 0
    assert seen.solution_bodies_shown == [False] * seen.solutions
    assert seen.solution_opened, "the solution stays hidden after a click on its button"
    assert seen.solution_opened_by_bar, "a tap on the middle of a solution's bar does not open it, or leaves the place"


def test_search_finds_a_known_word(open_page, device):
    page = open_page(PAGES[0], device)
    page.locator(".search-button, .search-button-field").filter(visible=True).first.click()
    page.keyboard.type(KNOWN_WORD)
    page.keyboard.press("Enter")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for()
    assert results.count() > 0
    results.first.locator("a").first.click()  # the page of the first result marks the word where it occurs
    marked = page.locator("article span.highlighted").filter(has_text=re.compile(KNOWN_WORD, re.IGNORECASE))
    expect(marked.filter(visible=True).first).to_be_visible()


def solutions_in(notebook) -> list[str]:
    """The cells that give an answer away: solution blocks, and answer cells not reduced to `name = ...`."""
    return [cell.source[:60] for cell in notebook.cells
            if student_edition.is_solution_marker(cell)
            or "answer" in cell.metadata.get("tags", []) and (
                student_edition.placeholder(cell.source) != cell.source or cell.get("outputs"))]


def downloadable_notebooks(site: Path):
    """(name, notebook) for every notebook a reader can download: the site's .ipynb files and those in its zips."""
    for path in site.rglob("*.ipynb"):
        yield str(path.relative_to(site)), nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    for archive in site.rglob("*.zip"):
        with zipfile.ZipFile(archive) as bundle:
            for name in bundle.namelist():
                if name.endswith(".ipynb"):
                    yield f"{archive.name}/{name}", nbformat.reads(bundle.read(name).decode(), as_version=4)


def test_no_downloadable_notebook_holds_a_solution(site):
    notebooks = dict(downloadable_notebooks(site))
    assert notebooks, "the site offers no notebook to download"
    assert {name: solutions_in(notebook) for name, notebook in notebooks.items() if solutions_in(notebook)} == {}


@pytest.mark.parametrize("path", grouped(CHAPTERS))
def test_download_button_gives_the_student_notebook(visit, server, path):
    notebooks = [url for url in visit(path, "desktop").links if url.endswith(".ipynb") and same_host(url, server)]
    assert notebooks, "no notebook to download on a chapter page"
    for url in notebooks:
        status, body = fetch(url)
        assert status == 200 and solutions_in(nbformat.reads(body.decode(), as_version=4)) == [], url


@pytest.mark.parametrize("path", grouped(PAGES))
def test_the_first_visit_stays_light(visit, path, device):
    """The page's first visit, all files included, uncompressed, within budget."""
    assert visit(path, device).bytes_uncompressed <= FIRST_VISIT_BUDGET


# Font Awesome's own names for its fonts, which the site keeps for the cut-down fonts it ships.
ICON_FONT_FILES = {("Font Awesome 6 Free", "900"): "fa-solid-900", ("Font Awesome 6 Free", "400"): "fa-regular-400",
                   ("Font Awesome 6 Brands", "400"): "fa-brands-400"}


@functools.cache
def characters_in(font: Path) -> set[str]:
    return set(map(chr, TTFont(font).getBestCmap()))


@pytest.mark.parametrize("path", grouped(PAGES))
def test_every_icon_is_in_the_icon_fonts_the_page_loads(visit, site, path):
    """The site ships icon fonts cut to the icons it uses: each icon drawn is in them, and the page loads no other
    icon font or script (a browser falls back to the theme's whole fonts for a character missing from the cut)."""
    seen = visit(path, "desktop")
    loaded = [urlparse(url).path for url in seen.requested]
    assert [url for url in loaded if re.search(r"fontawesome|fa-[a-z]+-\d+", url) and "/reader-icons/" not in url] == []
    fonts = site / "_static" / "reader-icons"
    missing = [(family, weight, f"U+{ord(character):04X}") for family, weight, character in seen.icons
               if character not in characters_in(fonts / f"{ICON_FONT_FILES[family, weight]}.woff")]
    assert seen.icons and missing == []


@pytest.mark.parametrize("path", FIRST_PAINT_PAGES)
def test_first_paint_on_a_slow_phone(browser, server, path):
    """On a phone with Chromium's fast-3G throttling and nothing cached, the page shows within budget. The server
    compresses as GitHub Pages does (conftest.PagesLikeHandler), but speaks HTTP/1.0, one request per connection."""
    context = browser.new_context(**DEVICES["phone"])
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", FAST_3G)
    page.goto(server + path, wait_until="commit")
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length", timeout=20_000)
    first_paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    context.close()
    assert first_paint <= FIRST_PAINT_BUDGET


@pytest.mark.parametrize("path", PAGES)
def test_one_viewport_and_no_underlined_space_in_a_solution_title(site, path):
    """The page sets its viewport once (it had three <meta name="viewport">), and a solution's title link starts
    with its words, not with a space that the link underlined (" Exercise 2.1")."""
    page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    assert len(page.select('meta[name="viewport"]')) == 1
    assert [link.text for link in page.select(".solution .admonition-title a") if link.text != link.text.lstrip()] == []
