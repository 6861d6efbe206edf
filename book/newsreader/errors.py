"""The one exception the loaders raise: a message that names the file and the problem."""


class DataError(Exception):
    """A file in data/ is missing, unreadable or does not follow its contract."""
