"""The folders are the architecture: each layer imports only what its rule allows.

crawler/page        pure page core: no Scrapy, no store, no component, no CLI, no test bed
crawler/store       archive stores: no Scrapy, no settings (crawler.defaults), no component
crawler/components  Scrapy components: no CLI, no test bed
crawler/commands    the project's Scrapy commands: no CLI, no pipelines, no test bed
spiders, pipelines  thin Scrapy shell: no CLI, no test bed
the product         never imports testbed/ or bench/ (they are not shipped)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("crawler", "spiders", "pipelines")
# layer folder -> module prefixes it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "crawler/page": ("scrapy", "twisted", "crawler.store", "crawler.components", "crawler.cli",
                     "crawler.seeds", "crawler.settings", "spiders", "pipelines", "sqlite3",
                     "redis", "warcio"),
    "crawler/store": ("scrapy", "twisted", "crawler.defaults", "crawler.settings",
                      "crawler.components", "crawler.cli", "spiders", "pipelines"),
    "crawler/components": ("crawler.cli", "spiders", "pipelines"),
    "crawler/commands": ("crawler.cli", "pipelines"),
    "spiders": ("crawler.cli", "pipelines"),
    "pipelines": ("crawler.cli", "spiders"),
}  # fmt: skip
NOT_SHIPPED = ("testbed", "bench", "tests")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("folder", FORBIDDEN)
def test_layer_imports_only_what_its_rule_allows(folder: str) -> None:
    assert _violations(folder, FORBIDDEN[folder]) == []


@pytest.mark.parametrize("package", PRODUCT)
def test_the_product_never_imports_the_test_bed(package: str) -> None:
    assert _violations(package, NOT_SHIPPED) == []


def test_every_layer_folder_states_its_rule() -> None:
    for folder in ("crawler/page", "crawler/store", "crawler/components", "crawler/commands",
                   "testbed"):  # fmt: skip
        doc = ast.get_docstring(ast.parse((ROOT / folder / "__init__.py").read_text("utf-8")))
        assert doc and "import" in doc.lower(), folder


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "layer" / "bad.py"
    module.parent.mkdir()
    module.write_text("from scrapy.http import Request\nimport crawler.cli.verify\n", "utf-8")
    assert imported_modules(module) >= {"scrapy.http", "crawler.cli.verify"}
