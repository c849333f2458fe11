"""String columns for the calculators' batches: what the native module reads as one UTF-8 buffer
with offsets (a list or an object array of ``str``), from lists, numpy arrays and pandas Series
(object, ``string`` or ``category`` dtype). A missing value (None, NA, NaN) is refused by the native
layer naming its row."""

from __future__ import annotations

from typing import Any

from .errors import WrongType

__all__ = ["string_values", "progress_callback"]


def string_values(values: Any, field: str) -> Any:
    """``values`` as a list or an object ndarray of ``str`` (missing values as None), or a 1-D
    native-order contiguous numpy 'U' / 'S' array (read by the native layer from its buffer)."""
    if isinstance(values, (str, bytes)):
        raise WrongType(f"{field}: expected a sequence of strings, got one string", field=field)
    import numpy as np  # here, not at import: `import provident` (a CLI, a JSON service) needs no numpy
    try:
        import pandas as pd
        if isinstance(values, (pd.Series, pd.Index)) or isinstance(values, pd.api.extensions.ExtensionArray):
            # one object array, missing values (None, NA, NaN) as None, without a per-row Python step
            return np.asarray(pd.Series(values, copy=False).to_numpy(dtype=object, na_value=None), dtype=object)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(values, np.ndarray):
        if values.dtype.kind in ("U", "S"):
            if values.ndim != 1:
                return values.tolist()
            # read from the array's buffer by the native layer: no Python object per row
            return np.ascontiguousarray(values, dtype=values.dtype.newbyteorder("="))
        if values.dtype.kind != "O":
            raise WrongType(f"{field}: expected strings, not dtype {values.dtype}", field=field)
        return values
    if isinstance(values, (list, tuple)):
        return values
    return list(values)


def progress_callback(progress: Any) -> Any:
    """``progress`` (a callable ``(done, total)``) or None, checked before any work."""
    if progress is not None and not callable(progress):
        raise WrongType("progress: expected a callable (done, total) or None", field="progress")
    return progress
