from __future__ import annotations

import gzip
import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import FIXTURES, fixture_names, load_expected, load_html, load_meta
from ukrinform_crawler.extract import ArticleParseError, extract_article, main
from ukrinform_crawler.items import Article

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "ukrinform_crawler" / "article.schema.json"
NAMES = fixture_names("article")
POL = "uk-polytics-4044058"
CHALLENGE = (
    '<html><head></head><body><script src="https://cdn.infisecure.com/barracuda.js"></script>'
    "</body><script>var _0xcaad=[];</script></html>"
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def without_scraped_at(record: dict[str, Any]) -> dict[str, Any]:
    scraped_at = record.pop("scraped_at")
    assert isinstance(scraped_at, str)
    return record


@pytest.mark.parametrize("name", NAMES)
def test_extract_article_matches_expected(name: str) -> None:
    record = extract_article(load_html("article", name), load_meta("article", name)["url"])
    assert list(record) == [f.name for f in fields(Article)]  # feed order
    assert without_scraped_at(record) == load_expected("article", name)


def test_extract_accepts_str_and_gzip() -> None:
    url = load_meta("article", POL)["url"]
    raw = load_html("article", POL)
    expected = load_expected("article", POL)
    assert without_scraped_at(extract_article(raw.decode("utf-8"), url)) == expected
    assert without_scraped_at(extract_article(gzip.compress(raw), url)) == expected


def test_extract_rejects_non_article_pages() -> None:
    with pytest.raises(ValueError, match="not an article"):
        extract_article(CHALLENGE, "https://www.ukrinform.net/rubric-ato/1-x.html")


def test_extract_rejects_articles_missing_required_fields() -> None:
    html = load_html("article", POL).decode("utf-8")
    for needle in ('"datePublished"', "datetime=", "05.10.2025 17:57"):
        html = html.replace(needle, "x")
    with pytest.raises(ValueError, match="missing published_at"):
        extract_article(html, load_meta("article", POL)["url"])


@pytest.mark.parametrize("name", NAMES)
def test_expected_records_follow_the_schema(
    name: str, validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(load_expected("article", name))


def test_extracted_record_with_scraped_at_follows_the_schema(
    validator: jsonschema.Draft202012Validator,
) -> None:
    validator.validate(extract_article(load_html("article", POL), load_meta("article", POL)["url"]))


def test_schema_covers_every_article_field(validator: jsonschema.Draft202012Validator) -> None:
    properties = set(validator.schema["properties"])
    assert properties == {f.name for f in fields(Article)}
    assert set(validator.schema["required"]) == properties - {"scraped_at"}


def test_schema_rejects_boilerplate_shapes(validator: jsonschema.Draft202012Validator) -> None:
    record = load_expected("article", POL)
    for field, bad in [
        ("published_at", "2025-10-05 17:57"),
        ("body", "one\n\n\ntwo"),
        ("title", " padded "),
        ("url", "http://ukrinform.ua/rubric-polytics/4044058-x.html?fbclid=1"),
    ]:
        assert not validator.is_valid({**record, field: bad}), field


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    page = FIXTURES / "article" / f"{POL}.html.gz"
    assert main([str(page), "--url", load_meta("article", POL)["url"]]) == 0
    record = json.loads(capsys.readouterr().out)
    assert without_scraped_at(record) == load_expected("article", POL)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # our own module, fixed arguments
        [sys.executable, "-m", "ukrinform_crawler.extract", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def test_cli_prints_one_json_object() -> None:
    name = "en-news-3999860"
    page = FIXTURES / "article" / f"{name}.html.gz"
    result = run_cli(str(page), "--url", load_meta("article", name)["url"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert "Nausėda" in result.stdout  # ensure_ascii=False
    assert without_scraped_at(json.loads(result.stdout)) == load_expected("article", name)


def test_cli_without_url_uses_the_canonical_link(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(load_html("article", POL))
    result = run_cli(str(page))
    assert result.returncode == 0, result.stderr
    assert without_scraped_at(json.loads(result.stdout)) == load_expected("article", POL)


def test_cli_fails_on_a_non_article_page(tmp_path: Path) -> None:
    page = tmp_path / "challenge.html"
    page.write_text(CHALLENGE, encoding="utf-8")
    result = run_cli(str(page), "--url", "http://127.0.0.1:8000/rubric-ato/1-x.html")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "not an article" in result.stderr


def test_cli_fails_on_a_missing_file(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "nope.html"))
    assert result.returncode != 0
    assert "cannot read" in result.stderr


TOO_DEEP = (
    '<html><head><link rel="canonical" href="https://www.ukrinform.net/rubric-ato/1-x.html">'
    '</head><body><article class="news"><h1 class="newsTitle">T</h1><div class="newsText"><div>'
    + "<ul><li>" * 3000
    + "x"
    + "</li></ul>" * 3000
    + "</div></div></article></body></html>"
)
"""Markup nested deeper than the parser reads, even with nested divs and spans flattened."""


def test_extract_raises_a_parse_error_for_unreadable_markup() -> None:
    with pytest.raises(ArticleParseError, match="nested deeper"):
        extract_article(TOO_DEEP, "https://www.ukrinform.net/rubric-ato/1-x.html")


def test_cli_prints_one_error_line_for_unreadable_markup(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(TOO_DEEP, encoding="utf-8")
    result = run_cli(str(page), "--url", "https://www.ukrinform.net/rubric-ato/1-x.html")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: cannot parse https://www.ukrinform.net/rubric-ato/")
    assert "Traceback" not in result.stderr


def test_deeply_nested_divs_are_delivered() -> None:
    html = TOO_DEEP.replace(
        "<ul><li>" * 3000 + "x" + "</li></ul>" * 3000,
        "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000,
    )
    html = html.replace("</h1>", '</h1><div class="newsDate"><time>01.02.2025 10:00</time></div>')
    record = extract_article(html, "https://www.ukrinform.net/rubric-ato/1-x.html")
    assert record["body"] == "Deep text."
