"""Time the toolkit: ``python -m newsreader.story.benchmark [N ...]`` (the project's benchmark command runs it for 200).

Two measurements, each against its budget (DESIGN.md):

- **one long article**: ``propose`` on a story of one article of 1 MB, made of the evaluation set's real articles one
  after another (under 2 s: the cost must grow linearly with the length of a text);
- **many articles**: ``propose`` and ``report`` on invented stories of N articles, each drawn from the paragraphs of
  the invented corpus in tests/story_corpus (numbers changed at random, a fixed seed), about 600 words like a news
  article (200 articles under 10 s, growing linearly with the number of articles).
"""
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from .contract import EXAMPLE
from .evaluate import EVALUATION
from .folder import load_story
from .propose import propose
from .report import report

WORDS_PER_ARTICLE = 600
BUDGETS = {"long article": 2.0, "articles": 10.0}  # seconds: a 1 MB article proposed; 200 articles proposed and reported
LONG_ARTICLE_BYTES = 1_000_000


def invented_paragraphs() -> list[str]:
    texts = load_story(EXAMPLE).articles["text"]
    return [paragraph for text in texts for paragraph in text.split("\n\n")]


def invent_story(folder: Path, n: int, seed: int = 0) -> None:
    """Write a story folder of ``n`` invented articles into ``folder``."""
    rng, paragraphs = random.Random(seed), invented_paragraphs()
    (folder / "articles").mkdir(parents=True)
    rows = ["id,outlet,published,title"]
    for i in range(n):
        chosen, length = [], 0
        while length < WORDS_PER_ARTICLE:
            paragraph = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), rng.choice(paragraphs))
            chosen.append(paragraph)
            length += len(paragraph.split())
        (folder / "articles" / f"a{i:04d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        rows.append(f"a{i:04d},Outlet {i % 7},2030-03-{11 + i % 3},Invented article {i}")
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def long_article(size: int = LONG_ARTICLE_BYTES) -> str:
    """A text of about ``size`` bytes: the evaluation set's English articles, one after another, as often as needed."""
    story = load_story(EVALUATION)
    texts = story.articles.loc[story.articles["language"] == "en", "text"].tolist()
    article, n = [], 0
    while n < size:
        text = texts[len(article) % len(texts)]
        article.append(text)
        n += len(text.encode("utf-8")) + 2
    return "\n\n".join(article) + "\n"


def write_long_story(folder: Path, size: int = LONG_ARTICLE_BYTES) -> None:
    """A story folder with one article of about ``size`` bytes."""
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "long.txt").write_text(long_article(size), encoding="utf-8")
    (folder / "articles.csv").write_text("id,outlet,published,title\nlong,Many outlets,2019-11-04,One long text\n",
                                         encoding="utf-8")


def seconds(step, folder) -> float:
    """How long ``step(folder)`` takes, in seconds of wall-clock time."""
    start = time.perf_counter()
    step(folder)
    return time.perf_counter() - start


def verdict(measured: float, budget: float) -> str:
    return f"budget {budget:.0f} s, {'within budget' if measured <= budget else 'OVER BUDGET'}"


def benchmark(sizes=(50, 100, 200)) -> list[tuple[str, float]]:
    """(what was timed, seconds) for the long article and each number of articles, printed as it goes."""
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "long"
        write_long_story(folder)
        proposing = seconds(propose, folder)
    results.append(("a 1 MB article", proposing))
    print(f"a 1 MB article: propose {proposing:5.2f} s ({verdict(proposing, BUDGETS['long article'])})", flush=True)
    for n in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "story"
            invent_story(folder, n)
            proposing, reporting = seconds(propose, folder), seconds(report, folder)
        together = proposing + reporting
        results.append((f"{n} articles", together))
        budget = BUDGETS["articles"] * n / 200
        print(f"{n:4d} articles: propose {proposing:5.1f} s, report {reporting:5.1f} s, together {together:5.1f} s "
              f"({together / n * 1000:.0f} ms per article; {verdict(together, budget)})", flush=True)
    return results


if __name__ == "__main__":
    benchmark([int(n) for n in sys.argv[1:]] or (50, 100, 200))
