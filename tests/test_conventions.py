"""The README's commands are the ones CI runs; every page file is registered in app.py."""

from __future__ import annotations

import re

from etl.paths import PROJECT_DIR


def readme_commands() -> list[str]:
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", text, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_two_commands():
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert text.index("```") < 400, "the commands come first"
    assert readme_commands() == ["./dev run", "./dev test"]


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_DIR / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.startswith(readme_commands()[1]) for line in ci.splitlines())


def test_every_page_is_registered():
    app = (PROJECT_DIR / "app.py").read_text(encoding="utf-8")
    for page in (PROJECT_DIR / "pages").glob("*.py"):
        assert f"pages/{page.name}" in app, page.name
