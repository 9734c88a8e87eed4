"""Parser resources: the registry's ids are stable slugs, the gazetteer covers the member states."""

from __future__ import annotations

import json

import pytest

from curator.bench.parse import main as bench_main
from curator.core.parse.people import default_registry, slugify
from curator.core.parse.rules import load_gazetteer, load_rules
from curator.core.resources import resource_path
from curator.core.taxonomy import default_taxonomy


def test_registry_ids_are_slugs_of_names_and_unique() -> None:
    data = json.loads(resource_path("speakers.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["speakers"]]
    assert len(ids) == len(set(ids))
    for entry in data["speakers"]:
        assert entry["id"] == slugify(entry["name"])
    assert set(default_registry().people) == set(ids)


def test_gazetteer_has_the_member_state_capitals() -> None:
    gaz = load_gazetteer()
    for city in ("Yerevan", "Minsk", "Astana", "Bishkek", "Moscow", "Dushanbe", "Almaty"):
        assert gaz.by_form[city].kind == "city"
    assert gaz.by_form["Nur-Sultan"].name == "Astana"  # older spelling maps to the canonical name
    for country in ("Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"):
        assert gaz.by_form[country].kind == "country"


def test_event_rules_use_taxonomy_types_only() -> None:
    types = set(default_taxonomy().event_type_names)
    assert {r.type for r in load_rules().event_rules} <= types


def test_bench_prints_its_figures(capsys, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Title of the page\n\nTitle of the page 01.02.2020\n\nThe lead said so.",
                                    encoding="utf-8")
    assert bench_main(["--docs", "20", "--sizes", "1,2", "--jobs", "1", "--repeat", "1", "--site-docs", "5",
                       "--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "MB/s" in out and "docs/s" in out
    assert "seconds per MB across sizes" in out
    assert "dates (DD.MM.YYYY + prose regexes)" in out and "names (registry" in out
    # the cost per page on the bench's pages, the site's layout and the folder given, alone and with context
    rows = [line for line in out.splitlines() if "ms/page" in line and "fixed" in line]
    assert len(rows) == 6 and sum("generated site layout" in r for r in rows) == 2
    assert sum(str(tmp_path)[:40] in r and " 1 pages" in r for r in rows) == 2
    with pytest.raises(FileNotFoundError, match="no .txt pages"):
        bench_main(["--docs", "5", "--corpus", str(tmp_path / "none")])
