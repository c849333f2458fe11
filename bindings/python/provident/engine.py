"""provident.Engine: the engine, its JSON protocol, and (mixed in) the typed API (_typed.py,
_claims.py) and the population batches (_batches.py)."""

from __future__ import annotations

import json
import os
import warnings
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _provident
from ._batches import BatchCalls
from ._describe import DescribeCalls
from ._claims import ClaimCalls
from ._convert import as_of_text
from ._typed import DateLike, MonthLike, TypedCalls
from .errors import PolicyError, Rejected, WrongType, error_from_response
from .types import Violation

__all__ = ["Engine", "DateLike", "MonthLike"]


class Engine(TypedCalls, ClaimCalls, BatchCalls, DescribeCalls):
    """A provident engine: loaded policy profiles and (optionally) a store.

    Args:
        policy: the default profile, a shipped name (``"national"``, ``"taiyuan"``, …) or the path
            of a profile file. Requests may name another one in their ``policy`` member.
        db: None for an in-memory store, or the path of a SQLite file.
        overlay: a reform: the path (``str`` or ``os.PathLike``) of a policy overlay file (TOML in
            the profile format, holding only the keys it changes). The engine's default policy is
            the profile with the overlay applied; the shipped profile itself is never changed.
        overlay_text: the same overlay given as TOML text instead of a file (not both).
            A ``str`` given as ``overlay`` is a path, never parsed as TOML, with one exception kept
            for older callers: a ``str`` holding a line break (which no path does) is taken as
            TOML text with a ``FutureWarning`` asking for ``overlay_text=``.
        lenient: carry the last value of a parameter forward instead of answering
            POLICY_NOT_IN_FORCE (responses then say so).
        readonly: open the store read-only.
        strict: refuse provisional figures (carried forward from an earlier period until the
            period's own figure is published, 暂按上年度标准执行) with POLICY_NOT_IN_FORCE instead of
            using them; by default they are used and responses name them in
            ``policy["provisional"]``.

    Raises:
        provident.PolicyError: the profile or the overlay does not load (the message names the
            file, key and line).
        provident.StoreError: the database cannot be opened.

    One engine may be shared by threads: calculators, stateless requests and the batches run
    concurrently with the GIL released; store-mode requests are serialised inside the engine.

    Example::

        >>> import provident, datetime
        >>> eng = provident.Engine("national")
        >>> eng.min_contribution_months(provident.Month(2033, 4))
        204
    """

    def __init__(self, policy: Union[str, os.PathLike] = "national", db: Optional[Union[str, os.PathLike]] = None,
                 overlay: Optional[Union[str, os.PathLike]] = None, *, overlay_text: Optional[str] = None,
                 lenient: bool = False, readonly: bool = False, strict: bool = False):
        if isinstance(policy, os.PathLike):
            policy = os.fspath(policy)
        if not isinstance(policy, str):
            raise WrongType(f"policy: expected a profile name or path, got {type(policy).__name__}")
        if isinstance(db, os.PathLike):
            db = os.fspath(db)
        if db is not None and not isinstance(db, str):
            raise WrongType(f"db: expected a path or None, got {type(db).__name__}")
        text, origin = overlay_source(overlay, overlay_text)
        try:
            self._native = _provident.Engine(policy or "national", db, text, bool(lenient), bool(readonly),
                                             bool(strict))
        except PolicyError as e:
            if origin is None or e.field != "overlay":
                raise
            raise PolicyError(e.message_en.replace("<overlay>", origin), code=e.code, field=e.field,
                              message=e.message.replace("<overlay>", origin)) from None
        self._policy_arg = policy or "national"
        # A profile file is pickled by its absolute path (read where the copy is opened).
        self._policy_pickled = (self._policy_arg if self._policy_arg in _provident.shipped_profiles()
                                else os.path.abspath(self._policy_arg))
        # What pickling needs to open the same engine elsewhere (see __reduce__).
        self._overlay_text = text
        self._options = (bool(lenient), bool(strict))
        self._db = db

    # ------------------------------------------------------------------------------ basics

    @property
    def profile(self) -> str:
        """The default profile's name (``"national"``); ``"national+overlay"`` with an overlay."""
        return self._native.profile

    @property
    def closed(self) -> bool:
        return self._native.closed

    def close(self) -> None:
        """Closes the engine (and its store). Calls in flight on other threads finish first."""
        self._native.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<provident.Engine profile={self.profile!r}{state}>"

    # ------------------------------------------------------------------------------ pickling

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        """Pickles the engine as the arguments that open it again: the profile (a shipped name, or
        the path of a profile file, which the unpickling process must be able to read), the
        overlay as its TOML text (so an overlay read from a file needs no shared file system),
        ``lenient`` and ``strict``. That is what a Dask worker receives (docs/dask.md).

        The engine's in-memory store does not travel: the copy opens an empty one.

        Raises:
            provident.WrongType (a TypeError): the engine has a store file (``db=``) — a store
                connection cannot travel to another process; open an engine on the database in
                each worker instead — or the engine is closed.
        """
        if self._db is not None:
            raise WrongType(f"an Engine with a store (db={self._db!r}) cannot be pickled: a store connection "
                            "cannot travel to another process; pickle a store-less engine (db=None) for "
                            "calculations, or open Engine(db=...) in each worker", field="db")
        if self.closed:
            raise WrongType("a closed Engine cannot be pickled")
        lenient, strict = self._options
        return (_unpickle_engine, (self._policy_pickled, self._overlay_text, lenient, strict))

    def __dask_tokenize__(self) -> Tuple[Any, ...]:
        """Dask's key for the engine: equal for engines that would pickle alike; an engine with a store
        is itself (it runs only in this process, on the threaded scheduler)."""
        store = (self._db, id(self)) if self._db is not None else None
        return ("provident.Engine", self._policy_pickled, self._overlay_text, self._options, store)

    @staticmethod
    def shipped_profiles() -> List[str]:
        """The names of the profiles compiled into the library."""
        return list(_provident.shipped_profiles())

    # ------------------------------------------------------------------------------ protocol

    def execute(self, request: Mapping[str, Any]) -> Dict[str, Any]:
        """Runs one request of the JSON protocol (protocol.md §1) and returns its response.

        The request is a dict of JSON values (money and rates are strings: ``"376.00"``,
        ``"12%"``); it is serialised, run by the engine, and the response parsed back, so the result
        is exactly what ``provident exec`` prints for the same request. Business denials
        (``violations``) and request errors (``error``) are part of the response: this method does
        not raise for them.

        Raises:
            provident.WrongType: the request is not a dict, or holds a value JSON has no form for
                (a Decimal, a date: write them as strings).
        """
        if not isinstance(request, Mapping):
            raise WrongType(f"execute() takes a dict, got {type(request).__name__}; "
                            "use execute_json() for JSON text")
        try:
            text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
        except TypeError as e:
            raise WrongType(f"the request holds a value with no JSON form ({e}); in the protocol money, rates, "
                            "dates and months are strings (\"376.00\", \"12%\", \"2026-07-03\", \"2026-07\")") from None
        except ValueError as e:  # circular references
            raise WrongType(f"the request cannot be written as JSON: {e}") from None
        return json.loads(self._native.execute_json(text.encode("utf-8", "surrogatepass")),
                          parse_float=Decimal)

    def execute_json(self, request: Union[str, bytes]) -> str:
        """Runs one request given as JSON text and returns the response as JSON text (one line),
        byte for byte what ``provident exec`` prints."""
        if isinstance(request, str):
            request = request.encode("utf-8", "surrogatepass")
        if not isinstance(request, (bytes, bytearray, memoryview)):
            raise WrongType(f"execute_json() takes str or bytes, got {type(request).__name__}")
        return self._native.execute_json(bytes(request))

    def _run(self, op: str, args: Dict[str, Any], *, as_of: Any = None, policy: Optional[str] = None,
             raise_violations: bool = True) -> Dict[str, Any]:
        request: Dict[str, Any] = {"op": op}
        if as_of is not None:
            request["as_of"] = as_of_text(as_of)
        if policy is not None:
            if not isinstance(policy, str):
                raise WrongType(f"policy: expected a profile name, got {type(policy).__name__}")
            request["policy"] = policy
        request["args"] = args
        response = self.execute(request)
        if response.get("error") is not None:
            raise error_from_response(response)
        if raise_violations and response.get("violations"):
            vs = tuple(Violation.from_json(v) for v in response["violations"])
            raise Rejected("; ".join(f"{v.code}: {v.message_en}" for v in vs), violations=vs,
                           field=vs[0].field, message="；".join(v.message for v in vs), response=response)
        return response


def _unpickle_engine(policy: str, overlay_text: Optional[str], lenient: bool, strict: bool) -> Engine:
    return Engine(policy, overlay_text=overlay_text, lenient=lenient, strict=strict)


# ---------------------------------------------------------------------------------- overlays

def overlay_source(overlay: Any, overlay_text: Any) -> Tuple[Optional[str], Optional[str]]:
    """(TOML text, the file it came from) of ``Engine(overlay=…, overlay_text=…)``.

    ``overlay`` is a path (``str`` or ``os.PathLike``); ``overlay_text`` is TOML text. A ``str``
    overlay holding a line break is TOML text of an older caller: accepted with a FutureWarning.
    """
    if overlay is not None and overlay_text is not None:
        raise WrongType("give overlay= (a path) or overlay_text= (TOML text), not both", field="overlay")
    if overlay_text is not None:
        if not isinstance(overlay_text, str):
            raise WrongType(f"overlay_text: expected TOML text (str), got {type(overlay_text).__name__}",
                            field="overlay_text")
        return overlay_text, None
    if overlay is None:
        return None, None
    if isinstance(overlay, str) and ("\n" in overlay or "\r" in overlay):
        warnings.warn("Engine(overlay=...) takes a path; TOML text belongs in overlay_text=... "
                      "(a str with a line break is still read as TOML text, for now)", FutureWarning, stacklevel=3)
        return overlay, None
    if not isinstance(overlay, (str, os.PathLike)):
        raise WrongType(f"overlay: expected the path of an overlay file (str or os.PathLike), got "
                        f"{type(overlay).__name__}; TOML text goes in overlay_text=", field="overlay")
    path = os.fspath(overlay)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        hint = "; overlay= takes a path: pass TOML text as overlay_text=" if isinstance(e, FileNotFoundError) else ""
        raise PolicyError(f"cannot read the overlay file {path!r}: {reason}{hint}", field="overlay",
                          message=f"无法读取政策覆盖文件 {path!r}：{reason}") from None
