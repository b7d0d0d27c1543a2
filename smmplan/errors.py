"""One error hierarchy: the CLI turns every ``SmmplanError`` into a message and an exit code."""

from __future__ import annotations


class SmmplanError(Exception):
    """Base of every error smmplan raises on purpose (user input, data, build)."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as lines, one per problem, ready to print."""
        return [str(self)]


class BriefError(SmmplanError):
    """A brief (or a file it names) is invalid. Carries one line per problem."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    def lines(self) -> list[str]:
        return self.problems


class UsageError(SmmplanError):
    """The command was used wrongly (e.g. it would overwrite a user's file)."""

    exit_code = 2


class DataError(SmmplanError):
    """A client data file cannot be used: names the file, the column and what is wrong."""

    exit_code = 2


class BuildError(SmmplanError):
    """A plan could not be built (kernel, timeout, failing cell, export)."""

    exit_code = 1


class TranslationError(SmmplanError):
    """A client-facing key is missing from a language catalogue."""
