"""audit.json: the records as they are, in a stable, diff-friendly layout."""
from __future__ import annotations

import json
import math


def plain(value):
    """JSON-safe plain types: NaN and infinities become null, NumPy scalars their Python value."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return plain(value.item())
    return value


def render_json(records: dict) -> str:
    # allow_nan=False: a NaN that slipped past plain() fails loudly instead of writing invalid JSON.
    return json.dumps(plain(records), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
