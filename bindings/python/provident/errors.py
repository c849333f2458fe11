"""Exceptions of the provident package.

Every exception the package raises derives from :class:`provident.Error`::

    Error
    ├── InputError (also ValueError)         the request cannot be evaluated as given
    │   ├── MalformedRequest                 REQ_MALFORMED
    │   ├── UnknownOperation                 REQ_UNKNOWN_OP
    │   ├── MissingField                     REQ_MISSING_FIELD
    │   ├── BadValue                         REQ_BAD_VALUE (a batch row: BatchError, with .row)
    │   ├── TooLarge                         REQ_TOO_LARGE
    │   ├── NotFound (also LookupError)      REQ_NOT_FOUND
    │   ├── Rejected                         the engine answered with violations (.violations)
    │   └── PolicyError                      a profile or overlay that does not load
    ├── PolicyNotInForce                     POLICY_NOT_IN_FORCE: no policy value on the date asked
    ├── IdConflict                           REQ_ID_CONFLICT
    ├── StoreError                           STORE_ERROR, or a store that cannot be opened
    ├── InternalError                        INTERNAL
    └── WrongType (also TypeError)           a Python value of the wrong type
        └── FloatNotAllowed                  a float where money, a rate or an exact integer is needed

:meth:`provident.Engine.execute` never raises these for protocol errors: it returns the response,
whose ``error`` member carries the code. The typed API raises them.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

__all__ = [
    "Error", "InputError", "MalformedRequest", "UnknownOperation", "MissingField", "BadValue",
    "BatchError", "TooLarge", "NotFound", "Rejected", "PolicyError", "PolicyNotInForce", "IdConflict",
    "StoreError", "InternalError", "WrongType", "FloatNotAllowed", "error_from_response",
]


def _mask(text: str) -> str:
    from . import _provident  # the native module (imported late: it imports this module)
    return _provident.mask_echo(text)


class Error(Exception):
    """Root of every provident exception.

    Attributes:
        code: the protocol's error code (``"REQ_BAD_VALUE"``, ``"POLICY_NOT_IN_FORCE"``, …), or a
            code of the Python layer (``"FLOAT_NOT_ALLOWED"``, ``"WRONG_TYPE"``, ``"VIOLATIONS"``).
        field: the JSON path of the value concerned (``"args.base"``), or None.
        message: the Chinese message.
        message_en: the English message (also ``str(exc)``).
        response: the engine's response (a dict) when the error came from one, else None.
        problems: every problem the operation's schema found in the request's arguments
            (the response's ``error.problems``: dicts with ``code``, ``field``, ``message``,
            ``message_en``), the error's own first; empty when the schema found none.
    """

    default_code = "ERROR"

    def __init__(self, message_en: str = "", *, code: Optional[str] = None, field: Optional[str] = None,
                 message: Optional[str] = None, response: Optional[Mapping[str, Any]] = None,
                 problems: Sequence[Mapping[str, Any]] = ()):
        # Messages echo what the caller gave (a category, a column, a value): personal numbers in
        # them are masked with the engine's own function, whatever raised the exception.
        message_en = _mask(message_en)
        message = _mask(message) if message is not None else None
        field = _mask(field) if field else field
        super().__init__(message_en)
        self.code = code or self.default_code
        self.field = field or None
        self.message_en = message_en
        self.message = message if message is not None else message_en
        self.response = response
        self.problems = tuple(problems)

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        more = "".join(f"\n  also {p.get('code')} [{p.get('field')}]: {p.get('message_en')}" for p in self.problems[1:])
        return f"{self.code}{where}: {self.message_en}{more}"


class InputError(Error, ValueError):
    """The request (or an argument of a typed call) cannot be evaluated as given."""

    default_code = "REQ_BAD_VALUE"


class MalformedRequest(InputError):
    """REQ_MALFORMED: not JSON, not an object, duplicate keys, invalid UTF-8, NUL."""

    default_code = "REQ_MALFORMED"


class UnknownOperation(InputError):
    """REQ_UNKNOWN_OP: the engine has no such operation."""

    default_code = "REQ_UNKNOWN_OP"


class MissingField(InputError):
    """REQ_MISSING_FIELD: a required member is absent."""

    default_code = "REQ_MISSING_FIELD"


class BadValue(InputError):
    """REQ_BAD_VALUE: a value of the wrong JSON type, outside the grammar of its type, or beyond a limit."""

    default_code = "REQ_BAD_VALUE"


class BatchError(BadValue):
    """A row of a batch is invalid; ``row`` is its 0-based index. The calculators' batches wrote
    nothing; ``hpf_deposit_batch``'s outputs are unspecified (it checks and computes in blocks)."""

    def __init__(self, message_en: str = "", *, row: Optional[int] = None, **kw: Any):
        super().__init__(message_en, **kw)
        self.row = row


class TooLarge(InputError):
    """REQ_TOO_LARGE: the request exceeds 16 MiB."""

    default_code = "REQ_TOO_LARGE"


class NotFound(InputError, LookupError):
    """REQ_NOT_FOUND: the subject of the request (account, unit, bill, case, person) is unknown."""

    default_code = "REQ_NOT_FOUND"


class Rejected(InputError):
    """A typed call was answered with violations instead of a result.

    Used where the violations mean the input is wrong (an ID number with a bad check character, a
    category that contradicts the ID's gender). Operations whose violations are the answer itself
    (:func:`provident.check_claim`) return them instead.

    Attributes:
        violations: the violations, as :class:`provident.Violation` objects.
    """

    default_code = "VIOLATIONS"

    def __init__(self, message_en: str = "", *, violations: Sequence[Any] = (), **kw: Any):
        super().__init__(message_en, **kw)
        self.violations = tuple(violations)


class PolicyError(InputError):
    """A profile or an overlay that does not load (when an Engine is opened)."""

    default_code = "POLICY_LOAD"


class PolicyNotInForce(Error):
    """POLICY_NOT_IN_FORCE: a parameter has no value in force on the date the rule reads.

    Profiles are strict: outside the window a profile covers, there is no answer rather than an
    extrapolated one. Open the engine with ``lenient=True`` to carry the last value forward.
    """

    default_code = "POLICY_NOT_IN_FORCE"


class IdConflict(Error):
    """REQ_ID_CONFLICT: the request_id was used before with different content."""

    default_code = "REQ_ID_CONFLICT"


class StoreError(Error):
    """STORE_ERROR: the store failed or is not available (also: a database that cannot be opened)."""

    default_code = "STORE_ERROR"


class InternalError(Error):
    """INTERNAL: a fault inside the engine. Please report it with the request."""

    default_code = "INTERNAL"


class WrongType(Error, TypeError):
    """A Python value of the wrong type (a bool for money, an object array, …)."""

    default_code = "WRONG_TYPE"


class FloatNotAllowed(WrongType):
    """A float was given for money, a rate or an exact integer.

    Binary floating point cannot hold 0.1 exactly, so provident refuses it rather than guess. Use
    ``decimal.Decimal("0.12")``, a string (``"0.12"``, ``"12%"``), an int (whole yuan), or int64 arrays
    of fen / millionths for batches.
    """

    default_code = "FLOAT_NOT_ALLOWED"


_BY_CODE = {
    "REQ_MALFORMED": MalformedRequest,
    "REQ_UNKNOWN_OP": UnknownOperation,
    "REQ_MISSING_FIELD": MissingField,
    "REQ_BAD_VALUE": BadValue,
    "REQ_NOT_FOUND": NotFound,
    "REQ_ID_CONFLICT": IdConflict,
    "REQ_TOO_LARGE": TooLarge,
    "POLICY_NOT_IN_FORCE": PolicyNotInForce,
    "STORE_ERROR": StoreError,
    "INTERNAL": InternalError,
    "FLOAT_NOT_ALLOWED": FloatNotAllowed,
    "WRONG_TYPE": WrongType,
    "ENGINE_POLICY": PolicyError,
    "ENGINE_STORE": StoreError,
    "MISUSE": Error,
}


def error_from_response(response: Mapping[str, Any]) -> Error:
    """The exception for a response whose ``error`` member is set."""
    err = response["error"]
    cls = _BY_CODE.get(err.get("code"), Error)
    return cls(err.get("message_en") or "", code=err.get("code"), field=err.get("field"),
               message=err.get("message"), response=response, problems=err.get("problems") or ())


def _from_native(code: str, field: str, message: str, message_en: str, row: Optional[int]) -> Error:
    """Called by the native module to build the exception it raises."""
    if row is not None and code == "REQ_BAD_VALUE":
        return BatchError(message_en, row=row, code=code, field=field, message=message)
    cls = _BY_CODE.get(code, Error)
    code_out = {"ENGINE_STORE": "STORE_ERROR", "ENGINE_POLICY": "POLICY_LOAD"}.get(code, code)
    exc = cls(message_en, code=code_out, field=field, message=message)
    if row is not None:
        exc.row = row  # type: ignore[attr-defined]
    return exc
