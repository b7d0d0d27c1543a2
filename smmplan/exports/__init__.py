"""The client's own files, one reader per export kind.

``table`` reads any export as text (encoding, separator, comment lines, XLSX) once per file
version; ``values`` parses numbers, dates and flags as exports write them; ``columns``
finds a column from the brief's map or the aliases of ``data/columns.yaml``. Each kind has
its reader: ``posts``, ``ads``, ``web``, ``comments``, ``competitors`` (the audience table's
reader is ``smmplan.audience.load_audience``, which also types it for modelling). Every
chapter and ``smmplan track`` get a kind's rows only from its reader.
"""

from .columns import find_column
from .table import file_version, read_header, read_table
from .values import parse_dates, parse_numbers

__all__ = ["file_version", "find_column", "parse_dates", "parse_numbers", "read_header",
           "read_table"]
