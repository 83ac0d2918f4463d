"""Checksums for identifier candidates (python-stdnum where it has one)."""

from __future__ import annotations

import re
from collections.abc import Callable

from stdnum import imei as _imei
from stdnum import luhn as _luhn
from stdnum.ca import sin as _sin
from stdnum.fr import nir as _nir
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


def ca_sin(value: str) -> bool:
    """Canadian social insurance number (NAS): nine digits with the Luhn check."""
    return _sin.is_valid(re.sub(r"\D", "", value))


def ramq(value: str) -> bool:
    """Quebec health insurance number: 4 letters, then YYMMDD (month + 50 for women) and two digits.
    python-stdnum has no RAMQ module; the check is on the date, the number has no check digit."""
    v = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{4}\d{8}", v):
        return False
    month, day = int(v[6:8]), int(v[8:10])
    return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31


def ohip(value: str) -> bool:
    """Ontario health card: ten digits whose last is a Luhn check digit, and an optional version code."""
    digits = re.sub(r"\D", "", value)
    return len(digits) == 10 and len(set(digits)) > 1 and _luhn.is_valid(digits)  # not a placeholder ("0000-000-000")


def fr_nir(value: str) -> bool:
    """French social security number (NIR, "numéro de sécurité sociale"): 13 digits and a two-digit key."""
    return _nir.is_valid(re.sub(r"\s", "", value))


VALIDATORS: dict[str, Callable[[str], bool]] = {"vin": vin, "ssn": ssn, "imei": imei, "luhn": luhn, "ca_sin": ca_sin, "ramq": ramq, "ohip": ohip, "fr_nir": fr_nir}
