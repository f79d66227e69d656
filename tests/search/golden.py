"""Golden files for data tests (Elasticsearch mapping and request bodies).

`assert_golden(name, data)` compares `data` with tests/search/golden/<name>.json. After an
intended change, regenerate with `WERKSTATT_UPDATE_GOLDEN=1 pytest tests/search -k elasticsearch`
and review the diff like code.
"""

import json
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"


def assert_golden(name, data):
    path = GOLDEN_DIR / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("WERKSTATT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} fehlt: mit WERKSTATT_UPDATE_GOLDEN=1 erzeugen und prüfen"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(text) == expected, f"{name}: differs from {path} (see its docstring)"
