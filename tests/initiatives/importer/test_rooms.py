"""The importer stays in rooms one can hold in one's head (issue 14): no function over 60 lines
and no module over 400 lines in initiatives/importer/."""

import ast
from pathlib import Path

import initiatives.importer

ROOT = Path(initiatives.importer.__file__).parent
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400


def _modules():
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_walk_finds_the_importer_and_its_packages():
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert {"pipeline.py", "proposal.py", "classify/mention.py", "discover/titles.py"} <= names


def test_no_function_is_longer_than_60_lines():
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                lines = node.end_lineno - start + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert not long, "split these functions: " + "; ".join(long)


def test_no_module_is_longer_than_400_lines():
    big = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not big, f"split these modules: {big}"
