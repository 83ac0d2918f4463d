"""Checksums for identifier candidates (python-stdnum where it has one)."""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import imei as _imei
from stdnum import luhn as _luhn
from stdnum.us import ssn as _ssn

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin(value: str) -> bool:
    """North-American VIN check digit (49 CFR 565.15). python-stdnum has no VIN module."""
    v = value.upper()
    if len(v) != 17 or any(c not in _VIN_VALUES for c in v):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS))
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


def ssn(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return _ssn.is_valid(digits)


def imei(value: str) -> bool:
    return _imei.is_valid(re.sub(r"\D", "", value))


def luhn(value: str) -> bool:
    return _luhn.is_valid(re.sub(r"\D", "", value))


VALIDATORS: dict[str, Callable[[str], bool]] = {"vin": vin, "ssn": ssn, "imei": imei, "luhn": luhn}
