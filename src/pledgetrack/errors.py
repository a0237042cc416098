"""Errors that pledgetrack reports to its users as one clear line."""


class PledgetrackError(Exception):
    """Base class: the message is shown to the user as is, with a non-zero exit."""


class InputError(PledgetrackError):
    """A file cannot be used: missing, unreadable, empty, binary, not English or too large."""


class ModelNotFoundError(PledgetrackError):
    """No spaCy English model is installed."""
