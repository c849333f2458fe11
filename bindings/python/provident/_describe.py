"""Self-description (schemas/README.md): what an operation takes, answers and can deny."""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

__all__ = ["DescribeCalls"]


class DescribeCalls:
    """``describe`` (mixed into :class:`provident.Engine`)."""

    _run: Callable[..., Dict[str, Any]]  # provided by Engine

    def describe(self, op: Optional[str] = None) -> Dict[str, Any]:
        """The schema of ``op``: ``{"op", "kind", "reviewable", "summary", "args", "result",
        "violations"}``, where ``args`` and ``result`` are object fields of the schema language
        (``args["members"]["base"] == {"type": "money", "required": True, "doc": …}``).
        Without ``op``: ``{"operations": [{"op", "kind", "reviewable", "summary"}, …]}``.

        Raises:
            provident.NotFound: no such operation (the message names the nearest one).
        """
        args: Dict[str, Any] = {} if op is None else {"op": op}
        return self._run("describe", args)["result"]
