"""smmplan: from a client brief and the client's data to a client-ready social media plan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smmplan")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
