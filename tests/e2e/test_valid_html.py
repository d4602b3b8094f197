"""Every page type is valid HTML by the Nu Html Checker (vnu, from the npm package vnu-jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_every_page import PAGES, SPANISH_PAGES
from tests.factories import form_data

VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def vnu_problems(pages: dict[str, bytes], folder: Path) -> list[str]:
    """The Nu Html Checker's errors for each page (name -> HTML); [] when all are valid."""
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        pytest.fail("The Nu Html Checker needs Java and `npm ci` (vnu-jar); .ci/run installs both.")
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(html)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # vnu exits 0 only when every file is valid; its JSON report says why when it is not. A
    # checker that failed to run (no report) must fail the test, not pass it.
    report = json.loads(result.stderr) if result.stderr.strip().startswith("{") else None
    assert report is not None, f"vnu gave no report (exit {result.returncode}): {result.stderr}"
    problems = [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '')}]"
        for m in report["messages"]
    ]
    assert (result.returncode == 0) == (not problems)
    return problems


def test_every_page_type_is_valid_html(client, site, tmp_path):
    every = PAGES | SPANISH_PAGES
    pages = {name: client.get(path).content for name, path in every.items()}
    for prefix, suffix in (("", ""), ("/es", "-es")):
        form = prefix + "/request-appointment/"
        pages["request-form-errors" + suffix] = client.post(form, {"first_name": ""}).content
        client.post(form, form_data())
        pages["thanks" + suffix] = client.get(form + "thanks/").content
    # Every page type in both languages, the form with errors and the thanks.
    assert len(pages) == len(every) + 4
    problems = vnu_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)
