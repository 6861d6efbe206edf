"""Prepare a story folder: articles/, an articles.csv with its header, and a README of the steps."""
from pathlib import Path

from ..files import WriteRefused, write_file
from .contract import STORY_COLUMNS
from .folder import StoryError

ARTICLES_HEADER = ",".join((*STORY_COLUMNS, "notes")) + "\n"

README = """# My story

A folder for the book's toolkit ("Bring your own story", chapter 6 of *Reading the News on CECOT*).

## The steps

1. **Choose** three to five articles on one event, from different outlets.
2. **Add them.** Save each article's text as UTF-8 in `articles/`, one file each: `articles/<id>.txt`, where the id
   is short and unique (`01_outlet`). Paste only the article: headline and body, no menus or adverts.
3. **Describe them** in `articles.csv`, one row each: `id` (the file name without `.txt`), `outlet`,
   `published` (YYYY-MM-DD), `title`, and `notes` (where you found it, what is not confirmed). Write
   "not confirmed" where you could not establish a fact.
4. **Propose:** `python3 tasks.py propose <this folder>` writes `claims.csv`, `sources.csv`, `labels.csv` and
   `frames.csv`. Every row is a machine's guess with `status` = `proposed`.
5. **Check** every row against the article and the codebooks (`data/codebooks/` in the book): change `status` to
   `checked` (right as proposed), `corrected` (you changed a code or the span), `rejected` (not a fact of that
   kind; keep the row, the report counts it) or `added` (a row you wrote for something the proposer missed).
   A `span` must stay the exact words of the article.
6. **Report:** `python3 tasks.py report <this folder>` checks the folder and writes `report/report.html` and
   `report/report.ipynb`. Each section says whether it still rests on proposals. The report counts speakers by
   `speaker_id`: when you correct `speaker_as_written`, correct `speaker_id` too.
7. **Write up** your findings (the assignment is at the end of chapter 6).

Optional files: `cleaning_rules.csv` (rule, pattern, what_it_removes: text to remove before analysis, as in the
book's `data/`) and `label_terms.csv` (term, refers_to: the labels to look for in your story).
The toolkit never overwrites a file you wrote: a new proposal for a table that exists goes to `NAME.proposed.csv`.
It reads English news of up to 2 MB per article; it warns by name about an article in another language, articles
with the same or nearly the same text, characters you cannot see or that were garbled, and a hard-wrapped article (a
line break inside sentences, as in a wire or a PDF copy), whose lines it joins into paragraphs: a paragraph ends at a
blank line or before an indented line. To compare two figures, write what each covers in the `scope` column of `claims.csv`
(the same words for the same thing): the report compares only figures of the same quantity, unit and scope.
"""


def new_story(folder) -> list[str]:
    """Create the story folder's skeleton; keep (never overwrite) anything that exists. One line per item.

    A folder that is a file, or an ``articles`` that is not a folder, raises StoryError with one line saying so."""
    folder = Path(folder)
    for path in (folder, folder / "articles"):
        if path.exists() and not path.is_dir():
            raise StoryError([f"{path}: is a file, not a folder; choose another name for the story folder"])
    articles = folder / "articles"
    messages = ["articles/: exists, kept" if articles.is_dir() else "articles/: created (put one .txt per article here)"]
    articles.mkdir(parents=True, exist_ok=True)
    for name, content in (("articles.csv", ARTICLES_HEADER), ("README.md", README)):
        try:
            write_file(folder, name, content, fallbacks=lambda name: ())
            messages.append(f"{name}: created")
        except WriteRefused:
            messages.append(f"{name}: exists, kept unchanged")
    return messages
