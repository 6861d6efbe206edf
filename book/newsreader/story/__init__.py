"""The toolkit: the book's methods on any folder of articles (a "story").

    new-story DIR   prepare a story folder (articles/, articles.csv, README)
    propose DIR     propose coding tables (claims, sources, labels, frames) for the student to check
    report DIR      validate the folder and write report/: an executed notebook and a standalone HTML page

``cli.main(argv)`` is the command line; each command is one function (``new_story``, ``propose``, ``report``).
Every method comes from ``newsreader.methods``; this package applies them to a folder, with the readers a real news
text needs: ``quantities`` (numbers, units, hedges), ``speakers`` (attributions) and ``extract`` (spans).
``evaluate`` measures the proposals against hand-coded tables (the book's and the real news in ``evaluation/``);
``benchmark`` times them.
"""
