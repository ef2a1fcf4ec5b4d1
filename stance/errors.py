"""Named exceptions of stance.

Library code raises these and never prints or exits; the command line turns
each into one line on stderr and exit code 2.  Every message says what was
received, what was expected and what to do next.
"""

from __future__ import annotations

__all__ = [
    "StanceError",
    "InputError",
    "EncodingError",
    "LexiconError",
    "OptionError",
    "ModelError",
]


class StanceError(Exception):
    """Base class of every error stance raises on purpose."""


class InputError(StanceError):
    """An input path or stream cannot be read as a corpus."""


class EncodingError(InputError):
    """The bytes of an input cannot be decoded with any supported encoding."""


class OptionError(StanceError, ValueError):
    """An option value is not one of the accepted ones."""


class LexiconError(StanceError):
    """A lexicon file is malformed.

    ``problems`` holds one ``file:line: message`` string per problem found;
    the loader reports all of them at once instead of stopping at the first.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        head = self.problems[0] if self.problems else "invalid lexicon"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(head + suffix)


class ModelError(StanceError):
    """A trained model cannot be saved, found, verified or loaded.

    Raised before anything is unpickled when a model's manifest is missing or
    malformed, when the model file's hash differs from the manifest, or when
    the model was made for another format, feature set, lexicon version or
    scikit-learn version.
    """
