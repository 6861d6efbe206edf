"""What the site gives its readers, beyond the theme: the student edition, and fixes a browser audit asked for.

- The student edition (tools/student_edition.py) is built with the book, so `jupyter-book build .` works on a
  clean clone and the how-to page's zip is always current; each chapter's download button gives that chapter's
  answer-free notebook instead of the full one; launch buttons (which open the edition's branch) are only on pages
  whose notebook the edition holds.
- book/_static/reader.css and reader.js: the sidebar buttons, solutions, tooltips, tables and long lines on phones,
  keyboard focus, print, dark mode.
- Light pages: no script or style sheet a page does not use, figures loaded as the reader reaches them, and of the
  theme's icon fonts only the icons the site shows.
- Pages: no script written twice (sphinx-thebe's settings), no empty table header cell (pandas' index corner), a
  folded cell's toggle named by its words, and a role that assistive technology still knows for each reference.
"""
import re
import shutil
import sys
from itertools import chain
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).resolve().parents[1] / "_static"


sys.path.insert(0, str(ROOT / "tools"))  # the instructor tools, as tests and tasks.py run them (not a package)
import student_edition  # noqa: E402

EDITION = student_edition.OUTPUT / student_edition.NAME
CHAPTERS = {f"book/{chapter.stem}" for chapter in student_edition.chapters()}


def build_student_edition(app):
    """Write _build/student-edition/ before the pages are read: the how-to page links its zip."""
    student_edition.build(student_edition.OUTPUT)


def serve_student_notebooks(app, exception):
    """Replace each chapter's copied source, which the download button links, by its answer-free notebook."""
    sources = Path(app.outdir) / "_sources"
    if exception is None and app.builder.format == "html" and sources.is_dir():
        for docname in CHAPTERS:
            shutil.copyfile(EDITION / f"{docname}.ipynb", sources / f"{docname}.ipynb")


def launch_only_what_the_edition_holds(app, pagename, templatename, context, doctree):
    """Drop the launch buttons of a page whose notebook the student edition lacks (the instructors' pages): they
    would open a missing file on the edition's branch."""
    if not (EDITION / f"{pagename}.ipynb").is_file():
        context["header_buttons"] = [group for group in context.get("header_buttons", [])
                                     if group.get("label") != "launch-buttons"]


def describe_download_button(app, pagename, templatename, context, doctree):
    """Say on the chapter download button that the notebook comes without answers."""
    if pagename not in CHAPTERS:
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("label") == "download-source-button":
                button["tooltip"] = "Download this chapter's notebook, without the answers"


# --- Light pages ------------------------------------------------------------------------------------------------
# pydata-sphinx-theme 0.17 puts on every page a script that draws all 2,000 Font Awesome icons (fontawesome.js,
# 1.49 MB), although its style sheet draws the same icons from web fonts; and Sphinx's search index with its search
# tools, which only the search page uses (loaded elsewhere, they also kept sphinx_highlight.js from marking the
# searched words on the page a result leads to). book/_templates/layout.html drops them with `without_scripts`, and
# lets the page show before its scripts have run with `deferred`.

def without_scripts(html: str, *names: str) -> str:
    """The HTML without the <script src=...> tags that load a file of one of these names."""
    files = "|".join(map(re.escape, names))
    return re.sub(rf'<script[^>]*\ssrc="(?:[^"]*/)?(?:{files})(?:\?[^"]*)?"[^>]*></script>\s*', "", html)


def deferred(html: str) -> str:
    """The HTML with each <script src=...> that would stop the page from showing until it has run marked `defer`:
    deferred scripts still run in their order, after the page is read."""
    return re.sub(r"<script(?![^>]*\s(?:defer|async)\b)(?=[^>]*\ssrc=)", "<script defer", html)


def add_template_filters(app):
    if hasattr(app.builder, "templates"):
        app.builder.templates.environment.filters.update(without_scripts=without_scripts, deferred=deferred)


DESIGN_CLASS = re.compile(r'class="[^"]*\bsd-')


def unused_assets(app, context) -> set[str]:
    """Files that Jupyter Book puts on every page and this page does not use: sphinx-design's on a page without its
    classes (no page has them today), sphinx-thebe's without a Live Code launch button."""
    unused = set()
    if not DESIGN_CLASS.search(context.get("body", "")):
        unused |= {"_static/sphinx-design.min.css", "_static/design-tabs.js"}
    if not app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        unused |= {"_static/sphinx-thebe.css", "_static/sphinx-thebe.js"}
    return unused


def drop_unused_assets(app, pagename, templatename, context, doctree):
    unused = unused_assets(app, context)
    for key in ("css_files", "script_files"):
        context[key] = [asset for asset in context.get(key, []) if asset.filename not in unused]


ICON_CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]+)"\}')
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
CSS_ICON_CHARACTER = re.compile(r'\\([ef][0-9a-fA-F]{3})\b|([\ue000-\uf8ff])')  # Font Awesome's, escaped or not
ICON_FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")  # reader.css draws the icons from these subsets
ICON_SCRIPT = "scripts/fontawesome.js"


def icon_characters(site: Path) -> set[int]:
    """The Font Awesome characters the site can show: those of the `fa-` classes in its pages and scripts, and every
    character its style sheets name outside the theme's all-icons class list (admonition icons, external links)."""
    static = site / "_static"
    css = "\n".join(path.read_text(encoding="utf-8") for path in static.rglob("*.css"))
    class_character = {selector.removeprefix(".").split(":")[0]: int(code, 16)
                       for selectors, code in ICON_CLASS_RULE.findall(css) for selector in selectors.split(",")}
    used = {name for path in chain(site.rglob("*.html"), static.rglob("*.js")) if not path.match(f"*/{ICON_SCRIPT}")
            for name in ICON_CLASS.findall(path.read_text(encoding="utf-8"))}
    named = {int(code, 16) if code else ord(character)
             for code, character in CSS_ICON_CHARACTER.findall(ICON_CLASS_RULE.sub("", css))}
    return {class_character[name] for name in used if name in class_character} | named


def ship_only_the_icons_used(app, exception):
    """Icon fonts with only the site's icons (a few kB instead of 275 kB), and no all-icons script."""
    site = Path(app.outdir)
    if exception is not None or app.builder.format != "html":
        return
    characters = icon_characters(site)
    fonts, target = site / "_static" / "vendor" / "fontawesome" / "webfonts", site / "_static" / "reader-icons"
    target.mkdir(exist_ok=True)
    for name in ICON_FONTS:
        font = TTFont(fonts / f"{name}.ttf")
        subsetter = subset.Subsetter(subset.Options(flavor="woff"))
        subsetter.populate(unicodes=characters)
        subsetter.subset(font)
        font.save(target / f"{name}.woff")
    for path in (site / "_static").glob(f"{ICON_SCRIPT}*"):  # the script, its source map and licence
        path.unlink()


LAZY_IMAGE = re.compile(r"<img(?![^>]*\sloading=)")

# --- Repairs -------------------------------------------------------------------------------------------------------

EMPTY_HEADER_CELL = re.compile(r"<th([^>]*)>(?:\s|&nbsp;)*</th>")
SOLUTION_TITLE_LINK = re.compile(r'(class="admonition-title">Solution to)(<a [^>]*>) ')
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
FIGURE_IMAGE = re.compile(r'<img [^>]*src="((?:\.\./)*_images/[^"]+)"[^>]*>')  # a notebook's figure, in _images/


def without_repeats(scripts):
    """The page's scripts, each once. An inline script added while the builder runs is listed as added (filename
    None) and again as re-read from Sphinx's registry (filename ""): sphinx-thebe's `const THEBE_JS_URL` ran twice."""
    unique = {}
    for script in scripts:
        unique.setdefault((script.filename or "", *sorted(script.attributes.items())), script)
    return list(unique.values())


def repair_page(app, pagename, templatename, context, doctree):
    """What the audit found wrong on every page, mended in the page's scripts and body."""
    if "script_files" in context:
        context["script_files"] = without_repeats(context["script_files"])
    if "metatags" in context:  # the viewport is set once, by Sphinx's layout: docutils set it again
        context["metatags"] = VIEWPORT.sub("", context["metatags"])
    if "body" in context:
        # pandas leaves the corner of a table's header empty: that cell heads nothing, so it is a data cell.
        body = EMPTY_HEADER_CELL.sub(r"<td\1></td>", context["body"])
        # A figure far down the page is loaded when the reader comes near it, not with the page.
        body = LAZY_IMAGE.sub('<img loading="lazy"', body)
        # sphinx-exercise puts the space of "Solution to Exercise 2.1" inside the link, which underlined it.
        body = SOLUTION_TITLE_LINK.sub(r"\1 \2", body)
        # A figure is a link to its image at full size, where a reader on a phone can read the smallest labels.
        body = FIGURE_IMAGE.sub(r'<a class="full-size-figure" href="\1">\g<0></a>', body)
        # MyST-NB names the toggle of folded code "Toggle hidden content" while it reads "Show code cell source":
        # its visible words are its name (axe: label-content-name-mismatch).
        body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
        # doc-biblioentry is deprecated in ARIA: the references list needs list items.
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def add_static_files(app):
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("reader.css")
    app.add_js_file("reader.js", defer="defer")


def setup(app):
    app.connect("builder-inited", add_static_files)
    app.connect("builder-inited", build_student_edition)
    app.connect("builder-inited", add_template_filters)
    app.connect("html-page-context", describe_download_button, priority=600)  # after the theme's buttons
    app.connect("html-page-context", launch_only_what_the_edition_holds, priority=600)
    app.connect("html-page-context", repair_page)
    app.connect("html-page-context", drop_unused_assets)
    app.connect("build-finished", serve_student_notebooks)
    app.connect("build-finished", ship_only_the_icons_used)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
