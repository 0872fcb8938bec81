"""The parsing half: a file in, a ParsedReport out. Pure Python, no Django.

from lawreports.parsing import parse_file, parse_bytes, parse_text, parse_address, ParseError
"""

from lawreports.parsing.address import parse_address
from lawreports.parsing.model import ParsedItem, ParsedReport, ParsedSection, ParseError
from lawreports.parsing.pipeline import parse_bytes, parse_file, parse_text

__all__ = [
    "ParseError",
    "ParsedItem",
    "ParsedReport",
    "ParsedSection",
    "parse_address",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
