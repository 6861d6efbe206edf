"""The toolkit: the book's methods on any folder of articles (a "story").

    new-story DIR   prepare a story folder (articles/, articles.csv, README)
    propose DIR     propose coding tables (claims, sources, labels, frames) for the student to check
    report DIR      validate the folder and write report/: an executed notebook and a standalone HTML page

``cli.main(argv)`` is the command line; each command is one function (``new_story``, ``propose``, ``report``).
Every method comes from ``newsreader.methods``; this package only applies them to a folder.
"""
