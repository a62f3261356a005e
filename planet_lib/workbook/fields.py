"""Turning what a person typed into values, with a message that says what to type instead.

Each `Field` knows how to read one column or key (`parse`) and how to write it (`format`).
`parse` raises `Unusable` with the expected form in plain words; the reader collects these
into one `WorkbookError`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field as _dc_field
from typing import Any, Callable

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_LIST_SPLIT = re.compile(r"\s*[;,]\s*")
YES = {"yes", "y", "true", "1", "x", "si", "sí", "sì", "tak", "ja", "da", "oui"}
NO = {"no", "n", "false", "0", "", "nie", "nej", "nu", "non"}


class Unusable(ValueError):
    """A value that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Field:
    """One column of a CSV file or key of a YAML mapping."""

    name: str
    parse: Callable[[str], Any]
    format: Callable[[Any], str] = str
    required: bool = False  # a value must be given
    default: Any = None
    aliases: tuple[str, ...] = _dc_field(default=())


def text(raw: str) -> str:
    return raw.strip()


def ident(raw: str) -> str:
    value = raw.strip()
    if value and not ID_PATTERN.match(value):
        raise Unusable("an id made of letters, digits, '_', '-' or '.', with no spaces (e.g. P3)")
    return value


def ident_list(raw: str) -> tuple[str, ...]:
    parts = [p for p in _LIST_SPLIT.split(raw.strip()) if p]
    for part in parts:
        if not ID_PATTERN.match(part):
            raise Unusable("a list of ids separated by ';' (e.g. P2;P5)")
    return tuple(parts)


def format_ident_list(values: tuple[str, ...] | str) -> str:
    if isinstance(values, str):  # "P2;P5" given as text from code: keep the ids whole
        values = ident_list(values)
    return ";".join(values)


def yes_no(raw: str) -> bool:
    value = raw.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise Unusable("'yes' or leave it empty")


def format_yes_no(value: bool) -> str:
    return "yes" if value else ""


def whole_number(low: int | None = None, high: int | None = None, blank_ok: bool = True):
    """A parser for whole numbers, optionally within [low, high]."""
    if low is not None and high is not None:
        wanted = f"a whole number from {low} to {high}"
    elif low is not None:
        wanted = f"a whole number of at least {low}"
    else:
        wanted = "a whole number"

    def parse(raw: str) -> int | None:
        value = raw.strip()
        if not value:
            if blank_ok:
                return None
            raise Unusable(wanted)
        number = _number(value)
        if number is None or number != int(number):
            raise Unusable(wanted)
        number = int(number)
        if (low is not None and number < low) or (high is not None and number > high):
            raise Unusable(wanted)
        return number

    return parse


def amount(raw: str) -> float | None:
    """A decimal amount as a person in any partner country types it."""
    value = raw.strip()
    if not value:
        return None
    number = _number(value)
    if number is None:
        raise Unusable("a number such as 1500 or 1500.50 (no currency sign)")
    if _ambiguous(value):
        raise Unusable(f"a number without a thousands separator: write {value.replace(',', '')} "
                       f"or {value.replace(',', '.')}, whichever you mean")
    if number < 0:
        raise Unusable("a number of 0 or more")
    return number


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


_NUMBER = re.compile(r"^[+-]?[0-9][0-9 .,'\u00a0\u202f]*$")


def _ambiguous(value: str) -> bool:
    """'1,500' may be one and a half or fifteen hundred: ask rather than guess."""
    return bool(re.fullmatch(r"[0-9]{1,3},[0-9]{3}", value))


def _number(value: str) -> float | None:
    """Read 1500, 1500.5, 1500,5, 1.500,50, 1,500.50, 1 500,50 and 1'500.50."""
    value = value.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if value.startswith("+"):
        value = value[1:]
    if not value or not _NUMBER.match(value):
        return None
    value = value.replace(" ", "").replace("'", "")
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        value = value.replace(thousands, "").replace(decimal, ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1 or value.count(".") > 1:
        sep = "," if value.count(",") > 1 else "."
        groups = value.split(sep)
        if not all(len(g) == 3 for g in groups[1:]):
            return None
        value = "".join(groups)
    try:
        return float(value)
    except ValueError:
        return None


def choice(*options: str, blank: str | None = None):
    """A parser for one of a few words, case-insensitive."""
    wanted = " or ".join(repr(o) for o in options)

    def parse(raw: str) -> str | None:
        value = raw.strip().lower()
        if not value:
            if blank is not None:
                return blank
            raise Unusable(f"one of {wanted}")
        if value not in options:
            raise Unusable(f"one of {wanted}")
        return value

    return parse


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def year_month(raw: str) -> str | None:
    """A month as YYYY-MM (also accepts a full date, which spreadsheets like to add)."""
    value = str(raw).strip()
    if not value:
        return None
    if isinstance(raw, (_dt.date, _dt.datetime)):
        return f"{raw.year:04d}-{raw.month:02d}"
    m = _MONTH.match(value) or re.match(r"^(\d{4})-(\d{1,2})-\d{1,2}", value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise Unusable("a month written YYYY-MM, e.g. 2013-03")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def country_code(raw: str) -> str:
    value = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise Unusable("a two-letter country code such as IT, PL, ES, SE or RO (ISO 3166-1)")
    return value


def email(raw: str) -> str:
    value = raw.strip()
    if value and not re.fullmatch(r"[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}", value):
        raise Unusable("an e-mail address such as name@example.org")
    return value
