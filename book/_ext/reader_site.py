"""What the site gives its readers, beyond the theme: the student edition, and fixes a browser audit asked for.

- The student edition (tools/student_edition.py) is built with the book, so `jupyter-book build .` works on a
  clean clone and the how-to page's zip is always current; each chapter's download button gives that chapter's
  answer-free notebook instead of the full one.
- book/_static/reader.css and reader.js: the sidebar button, tables and long lines on phones.
- Pages: no script written twice (sphinx-thebe's settings), no empty table header cell (pandas' index corner),
  and a role that assistive technology still knows for each reference.
"""
import importlib.util
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).resolve().parents[1] / "_static"


def load_student_edition():
    """tools/student_edition.py, imported from its file (tools/ is not a package on the path)."""
    spec = importlib.util.spec_from_file_location("student_edition", ROOT / "tools" / "student_edition.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


student_edition = load_student_edition()
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


def describe_download_button(app, pagename, templatename, context, doctree):
    """Say on the chapter download button that the notebook comes without answers."""
    if pagename not in CHAPTERS:
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("label") == "download-source-button":
                button["tooltip"] = "Download this chapter's notebook, without the answers"


EMPTY_HEADER_CELL = re.compile(r"<th([^>]*)>(?:\s|&nbsp;)*</th>")


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
    if "body" in context:
        # pandas leaves the corner of a table's header empty: that cell heads nothing, so it is a data cell.
        body = EMPTY_HEADER_CELL.sub(r"<td\1></td>", context["body"])
        # doc-biblioentry is deprecated in ARIA: the references list needs list items.
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def add_static_files(app):
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("reader.css")
    app.add_js_file("reader.js", defer="defer")


def setup(app):
    app.connect("builder-inited", add_static_files)
    app.connect("builder-inited", build_student_edition)
    app.connect("html-page-context", describe_download_button, priority=600)  # after the theme's buttons
    app.connect("html-page-context", repair_page)
    app.connect("build-finished", serve_student_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
