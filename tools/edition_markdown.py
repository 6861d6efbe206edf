"""The student edition's markdown, made for JupyterLab: the book's cross-references become links that JupyterLab
follows, and each chapter numbers its exercises as the book does.

jupyterlab-myst renders each notebook on its own, so a {term}, {cite:p}, {doc} or {ref} that points outside the
notebook showed as a raw key with a warning sign ("Cross reference target was not found"). ``adapt(folder)`` rewrites
the markdown of the edition's notebooks in ``folder/book`` and adds, in ``book/reference/``, the pages they point to:

- {term}`hedge` -> [hedge](reference/glossary.ipynb#cell-id=term-hedge): the glossary comes as a notebook, a cell per
  term, and JupyterLab opens a notebook at the cell that an address's ``#cell-id=...`` names;
- {cite:p}`key` -> [[Latin Times, 2025](reference/references.ipynb#cell-id=key)], in brackets as in the book: the
  references come as a notebook, each work written as the book's references page writes it (pybtex, plain style);
- {ref}`label` -> [its heading](the.ipynb#cell-id=...), even within a notebook (jupyterlab-myst resolves a label only
  once the cell that holds it is drawn); {doc}`name` -> [its title](name.ipynb), or the online book's page when the
  edition does not hold it;
- every notebook names the kernel as ipykernel's own spec names it, with the book's language_info: JupyterLab wrote
  its kernel's name ("Python 3 (ipykernel)") over the book's ("Python 3") as it opened a notebook, which then showed
  as modified, and asked on closing it whether to save changes the student never made;
- a numbered chapter starts with MyST front matter ``numbering: {enumerator: "2.%s"}``: "Exercise 2.1", as in the book;
- a value the book glues into its text ({glue:text}`n_claims`, which JupyterLab cannot show, and which the edition
  does not hold, since it comes without outputs) is written as its text, taken from the book's executed notebook: the
  value that the student's run of the same cells computes. A value that an exercise's check accepts as its answer
  (as it is, or a percentage as its fraction), or that an exercise declares states its answer in words
  (``Exercise.stated_in``: a summary's "002: quality of life"), stays a name in code, `timeline_own_longest`, and the
  notebook's first cell says what such a name stands for.
"""
import ast
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from ipykernel.kernelspec import KERNEL_NAME, get_kernel_dict
from myst_nb.core.variables import format_plain_text
from pybtex.database import parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

ROOT = Path(__file__).resolve().parents[1]
ROLE = re.compile(r"\{(term|cite:p|ref|doc)\}`([^`]+)`")
GLUED = re.compile(r"\{glue(?::text)?\}`([^`:]+):?([^`]*)`")  # {glue:text}`name`, {glue}`name`, {glue:text}`name:.1f`
PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")  # a share glued as text: 74%
EXPLICIT_TITLE = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)  # {role}`text <target>`
TARGET = re.compile(r"^\(([^()\s]+)\)=[ \t]*\n(?:#+[ \t]+(.+))?", re.M)  # a MyST target, and the heading after it
# The book's pages that the edition adds as notebooks (their names in book/), and where it puts them (in its book/).
GLOSSARY, REFERENCES = "reference/glossary", "reference/references"
ADDED = {"glossary": GLOSSARY, "references": REFERENCES}


@dataclass(frozen=True)
class Target:
    """Where a link goes: a notebook of the edition and a cell in it (an address relative to book/)."""
    title: str
    address: str


def adapt(folder: Path, keys, source: Path = ROOT) -> None:
    """Rewrite the notebooks in ``folder/book`` for JupyterLab, and add the glossary and references notebooks. ``keys``
    (a newsreader KeyBook) tells which glued values are answers."""
    book = folder / "book"
    chapters = {path.stem: nbformat.read(path, as_version=4) for path in sorted(book.glob("*.ipynb"))}
    glossary, terms = glossary_notebook(source / "book" / "glossary.md")
    references, citations = references_notebook(source / "book" / "references.md", source / "book" / "references.bib")
    notebooks = {**chapters, GLOSSARY: glossary, REFERENCES: references}
    links = Links(terms, citations, labels(chapters), titles(source), set(notebooks), site_address(source))
    numbers = chapter_numbers(source / "_toc.yml")
    kernel = kernel_metadata(next(iter(chapters.values())))
    stating = answer_stating_values()
    for name, notebook in notebooks.items():
        values = glued_values(source / "book" / f"{name}.ipynb") if name in chapters else {}
        markdown = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
        withheld = sorted({glued for cell in markdown for glued, _ in GLUED.findall(cell.source)
                           if glued in stating or answers_an_exercise(values.get(glued, ""), keys)})
        for cell in markdown:
            cell.source = with_glued_values(links.rewrite(cell.source, posixpath.dirname(name)), values, name, withheld)
        if withheld:
            notebook.cells[0].source += withheld_values_note(withheld[0])
        if f"book/{name}" in numbers:
            notebook.cells[0].source = front_matter(numbers[f"book/{name}"]) + notebook.cells[0].source
        notebook.metadata.update(kernel)  # opens without asking which kernel, and unmodified
        (book / name).parent.mkdir(exist_ok=True)
        nbformat.write(notebook, book / f"{name}.ipynb")


def kernel_metadata(chapter: nbformat.NotebookNode) -> dict:
    """The kernelspec that JupyterLab writes into a notebook as the kernel starts (ipykernel's), and the chapter's
    language_info (Python's, as the kernel reports it)."""
    spec = get_kernel_dict()
    return {"kernelspec": {"display_name": spec["display_name"], "language": spec["language"], "name": KERNEL_NAME},
            "language_info": chapter.metadata["language_info"]}


def front_matter(chapter: int) -> str:
    """MyST front matter that numbers the notebook's exercises (and figures) "2.1", "2.2", ... as the book does."""
    return f'---\nnumbering:\n  enumerator: "{chapter}.%s"\n---\n'


def glued_values(notebook: Path) -> dict[str, str]:
    """Each value an executed notebook glues (myst_nb.glue: a display output named in its "scrapbook" metadata), as
    its text/plain."""
    outputs = [output for cell in nbformat.read(notebook, as_version=4).cells for output in cell.get("outputs", [])]
    return {output.metadata.scrapbook.name: output.data[output.metadata.scrapbook.mime_prefix + "text/plain"]
            for output in outputs if "scrapbook" in output.get("metadata", {})}


def answer_stating_values() -> set[str]:
    """The names of the glued values that some exercise declares state its answer in words."""
    from newsreader.exercises import EXERCISES  # the book's package, on the path that student_edition set
    return {name for exercise in EXERCISES.values() for name in exercise.stated_in}


def answers_an_exercise(text: str, keys) -> bool:
    """Whether a glued value (its text/plain), or a percentage's fraction, is what some exercise's check accepts as
    the right answer."""
    from newsreader.keys import CORRECT, assess  # the book's package, on the path that student_edition set
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        value = text
    share = PERCENT.fullmatch(value) if isinstance(value, str) else None
    values = [value, float(share[1]) / 100] if share else [value]
    return any(assess(exercise_id, each, keys)[0] == CORRECT for exercise_id in keys.exercises for each in values)


def with_glued_values(markdown: str, values: dict[str, str], notebook: str, withheld=()) -> str:
    """The markdown with each glue role written as its value, formatted as MyST-NB writes it in the book; a withheld
    value as its name in code."""
    def value(match):
        if match.group(1) in withheld:
            return f"`{match.group(1)}`"
        if match.group(1) not in values:
            raise ValueError(f"book/{notebook}.ipynb glues no value named {match.group(1)!r}: execute it, then retry")
        return format_plain_text(values[match.group(1)], match.group(2) or "s")
    return GLUED.sub(value, markdown)


def withheld_values_note(example: str) -> str:
    """What a name in code within the text stands for, said once, at the top of the notebook."""
    return (f"\n\n*In this notebook, a name in code within the text, such as `{example}`, stands for a value that an "
            "exercise asks you to find; the notebook's cells compute it under that name.*")


def chapter_numbers(toc: Path) -> dict[str, int]:
    """The book's chapter numbers (_toc.yml): the chapters of the numbered parts, counted on across parts, as Jupyter
    Book numbers them with use_multitoc_numbering."""
    parts = yaml.safe_load(toc.read_text(encoding="utf-8"))["parts"]
    chapters = [chapter["file"] for part in parts if part.get("numbered") for chapter in part["chapters"]]
    return {name: number for number, name in enumerate(chapters, start=1)}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def directive(name: str, text: str) -> re.Match:
    """The first ```{name} block of a MyST page: its whole extent, and its content (group 1)."""
    return re.search(r"^```\{%s\}[^\n]*\n(.*?)^```[ \t]*$" % name, text, re.M | re.S)


def notebook_of(page: Path, directive_name: str, cells: list) -> nbformat.NotebookNode:
    """A notebook made of the page's text before its directive (a cell named after the page), then these cells."""
    text = page.read_text(encoding="utf-8")
    introduction = text[:directive(directive_name, text).start()].strip()
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(introduction, id=page.stem), *cells])


def glossary_notebook(page: Path) -> tuple[nbformat.NotebookNode, dict[str, str]]:
    """The glossary as a notebook, a cell per term (id term-<slug>) headed by the term; and each term's cell id."""
    terms, cells = {}, []
    for entry in re.split(r"\n(?=\S)", directive("glossary", page.read_text(encoding="utf-8")).group(1).strip()):
        term, _, definition = (part.strip() for part in entry.partition("\n"))
        terms[term.lower()] = f"term-{slug(term)}"
        definition = re.sub(r"\n[ \t]+", "\n", definition)  # without the glossary's indentation
        cells.append(nbformat.v4.new_markdown_cell(f"### {term}\n\n{definition}", id=terms[term.lower()]))
    return notebook_of(page, "glossary", cells), terms


def references_notebook(page: Path, bibliography: Path) -> tuple[nbformat.NotebookNode, dict[str, str]]:
    """The references as a notebook, a cell per work (id: its key) written in the book's bibliography style; and each
    work's author-year label, as the book cites it."""
    works = parse_file(str(bibliography))
    markdown = find_plugin("pybtex.backends", "markdown")()
    formatted = find_plugin("pybtex.style.formatting", "plain")().format_bibliography(works)
    cells = [nbformat.v4.new_markdown_cell(entry.text.render(markdown), id=entry.key) for entry in formatted]
    return notebook_of(page, "bibliography", cells), {key: author_year(entry) for key, entry in works.entries.items()}


def author_year(entry) -> str:
    """"Latin Times, 2025", "Landis and Koch, 1977", "Boydstun *et al.*, 2014": the book's citations."""
    names = [Text.from_latex(" ".join(person.last_names)).render_as("text") for person in entry.persons["author"]]
    authors = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} *et al.*"
    return f"{authors}, {entry.fields['year']}"


def labels(notebooks: dict[str, nbformat.NotebookNode]) -> dict[str, Target]:
    """Each MyST target of the notebooks, as a link to its cell titled by the heading it stands before."""
    found = {}
    for name, notebook in notebooks.items():
        for cell in notebook.cells:
            for label, heading in TARGET.findall(cell.source) if cell.cell_type == "markdown" else []:
                found[label] = Target(heading.strip() or label, f"{name}.ipynb#cell-id={cell.id}")
    return found


def titles(source: Path) -> dict[str, str]:
    """Each page of the book (by its name relative to book/, as the chapters' {doc} roles name it) and its title."""
    pages = {}
    for path in sorted((source / "book").rglob("*")):
        if path.suffix in (".md", ".ipynb") and not path.name.startswith("_") and ".ipynb_checkpoints" not in path.parts:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":
                text = "\n".join(cell.source for cell in nbformat.reads(text, as_version=4).cells[:1])
            heading = re.search(r"^# (.+)$", text, re.M)
            pages[path.relative_to(source / "book").with_suffix("").as_posix()] = heading.group(1) if heading else path.stem
    return pages


def site_address(source: Path) -> str:
    """Where the book is published (_config.yml: html.baseurl), with a final slash; "" if nowhere."""
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    address = (config.get("html") or {}).get("baseurl") or ""
    return address.rstrip("/") + "/" if address else ""


@dataclass
class Links:
    """Every target a role of the book can point to, as a link the edition can follow."""
    terms: dict[str, str]  # term (lower case) -> glossary cell id
    citations: dict[str, str]  # bibliography key -> author-year label
    labels: dict[str, Target]  # MyST label -> its cell
    titles: dict[str, str]  # page name (relative to the book's book/) -> title
    notebooks: set[str]  # the edition's notebooks (relative to its book/, without .ipynb)
    site: str  # the online book's address

    def rewrite(self, markdown: str, folder: str = "") -> str:
        """The markdown with its roles as links, for a notebook in this folder of the edition's book/."""
        def replace(match):
            link = self.link(*match.groups())
            return match.group(0) if link is None else re.sub(
                r"\]\((?!https?:)([^)#]*)", lambda path: "](" + posixpath.relpath(path.group(1), folder or "."), link)
        return ROLE.sub(replace, markdown)

    def link(self, role: str, content: str) -> str | None:
        """The markdown for one role, addresses relative to book/; None (the role stays) for a target the edition does
        not know, which the book's strict build keeps from happening."""
        explicit = EXPLICIT_TITLE.match(content)
        text, target = explicit.groups() if explicit else (None, content)
        if role == "cite:p":
            keys = [key.strip() for key in target.split(",")]
            if all(key in self.citations for key in keys):
                cited = "; ".join(f"[{self.citations[key]}]({REFERENCES}.ipynb#cell-id={key})" for key in keys)
                return f"\\[{cited}\\]"  # in brackets, as the book cites
        elif role == "term" and target.lower() in self.terms:
            return f"[{text or target}]({GLOSSARY}.ipynb#cell-id={self.terms[target.lower()]})"
        elif role == "ref" and target in self.labels:
            return f"[{text or self.labels[target].title}]({self.labels[target].address})"
        elif role == "doc":
            return self.document(text, target.removeprefix("/book/").removeprefix("./"))
        return None

    def document(self, text: str | None, name: str) -> str | None:
        """A link to a page: its notebook in the edition, else its page in the online book, else its title."""
        if name not in self.titles:
            return None
        title = text or self.titles[name]
        if ADDED.get(name, name) in self.notebooks:
            return f"[{title}]({ADDED.get(name, name)}.ipynb)"
        return f"[{title}]({self.site}book/{name}.html)" if self.site else title
