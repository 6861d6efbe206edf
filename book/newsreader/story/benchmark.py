"""Time the toolkit on invented stories of N articles: ``python -m newsreader.story.benchmark [N ...]``.

Each article is invented by drawing paragraphs from the invented corpus in tests/story_corpus (numbers changed at
random, a fixed seed), about 600 words, like a news article. The budget (DESIGN.md): propose and report on 200
articles in under 30 s, growing linearly with the number of articles.
"""
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from .contract import EXAMPLE
from .folder import load_story
from .propose import propose
from .report import report

WORDS_PER_ARTICLE = 600


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


def timed(step, folder) -> float:
    start = time.perf_counter()
    step(folder)
    return time.perf_counter() - start


def benchmark(sizes=(50, 100, 200)) -> list[tuple[int, float, float]]:
    """(articles, seconds to propose, seconds to report) for each size, printed as it goes."""
    results = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "story"
            invent_story(folder, n)
            proposing, reporting = timed(propose, folder), timed(report, folder)
        results.append((n, proposing, reporting))
        print(f"{n:4d} articles: propose {proposing:5.1f} s, report {reporting:5.1f} s, "
              f"together {proposing + reporting:5.1f} s ({(proposing + reporting) / n * 1000:.0f} ms per article)",
              flush=True)
    return results


if __name__ == "__main__":
    benchmark([int(n) for n in sys.argv[1:]] or (50, 100, 200))
