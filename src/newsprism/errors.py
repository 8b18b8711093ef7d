"""The one exception tree of newsprism. Messages say what was wrong and how to fix it.

The CLI maps these to exit codes; library code raises them and never exits.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Root of every error newsprism raises on purpose."""


class ConfigError(NewsprismError):
    """A setting is unknown or has a value it cannot take."""


class InputError(NewsprismError):
    """A source, file or record cannot be read as an article.

    `where` names the file (and line or record) so the message can point at it.
    """

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class ModelError(NewsprismError):
    """The spaCy model is missing or cannot be loaded."""


class StoreError(NewsprismError):
    """The database cannot be opened, migrated or written."""


class QueryError(NewsprismError):
    """A search query or filter is not valid; the message shows the syntax that works."""


class NotFoundError(NewsprismError):
    """An article, story or person asked for by id or name does not exist."""


class EditError(NewsprismError):
    """A correction to stories (merge, move) cannot be made as asked."""
