"""Imported once by the sandbox's fork server: the parser and the reference tables are loaded
there, so that each child forked for a file starts with them ready."""

from etl import upload  # noqa: F401  (the parser and pandas, imported once)
from etl.reference import load_reference

load_reference()
