"""Free text: read a knee story in everyday words into intake fields.

>>> from kneewise import load_knowledge
>>> from kneewise.language import parse
>>> parse("30M, twisted my knee playing basketball, no fever", load_knowledge()).intake().fever
False
"""

from kneewise.language.model import ParsedField, ParsedIntake
from kneewise.language.parser import parse

__all__ = ["ParsedField", "ParsedIntake", "parse"]
