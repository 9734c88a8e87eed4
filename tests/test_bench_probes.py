"""``curator bench probes``: probe pages built in memory from an annotated folder (made-up pages)."""

from __future__ import annotations

import json
from pathlib import Path

from curator.bench.probes import build, main, read_pages, run

SIDEBAR = ("On 3 April 2031, the council of border agencies approved a plan of joint patrols for the summer.\n"
           "From 5 to 9 April 2031, instructors of the rescue units trained together near Balkhash lake.\n"
           "On April 11, 2031, the working group on veterinary control discussed the rules of animal transit.\n"
           "On 12 April 2031, the heads of the civil aviation services agreed on common rules for drones.\n")
PAGES = {
    "001": ("Rescue divers of five states met at Lake Issyk-Kul", "14.04.2031",
            "On 14 April 2031, rescue divers of five states met at Lake Issyk-Kul for a seminar on cold water.\n"
            "The divers practised searching the lake bed with sonar and drones for two days."),
    "002": ("Border guards closed a smuggling route in the mountains", "15.04.2031",
            "On 15 April 2031, border guards of three states closed a smuggling route in the mountains.\n"
            "The operation was coordinated from a joint headquarters in the valley below the pass."),
}


def _folder(tmp: Path) -> Path:
    (tmp / "pages").mkdir()
    (tmp / "blocks").mkdir()
    rows = ["file\turl\tchars\tmain_title\tmain_date\tkind\tsame_as\tvariants\tnotes"]
    for doc, (title, date, body) in PAGES.items():
        text = f"{SIDEBAR}{title}\n{title} {date}\n{body}"
        (tmp / "pages" / f"{doc}.txt").write_text(text, encoding="utf-8")
        blocks, pos = [], 0
        for i, line in enumerate(text.split("\n")):
            label = "teaser" if i < 4 else ("title", "dateline", "lead")[i - 4] if i < 7 else "paragraph"
            blocks.append({"i": i, "start": pos, "end": pos + len(line), "label": label, "main": i >= 4,
                           "speaker": None})
            pos += len(line) + 1
        gold = {"doc": doc, "title": title, "date": date, "kind": "news", "main_start": len(SIDEBAR),
                "main_end": len(text), "events": [], "blocks": blocks}
        (tmp / "blocks" / f"{doc}.json").write_text(json.dumps(gold), encoding="utf-8")
        rows.append(f"pages/{doc}.txt\thttp://x/{doc}\t{len(text)}\t{title}\t{date}\tnews\t\t\t")
    (tmp / "index.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp


def test_probe_families_are_built_from_the_gold_and_parsed(tmp_path: Path) -> None:
    pages = read_pages(str(_folder(tmp_path)))
    assert [p.title for p in pages] == [t for t, _, _ in PAGES.values()]
    assert pages[0].body == pages[0].text.index("On 14 April")
    probes = {pr.name: pr for pr in build(pages)}
    dot = probes[f"dot:{pages[0].id}"]
    assert dot.title == PAGES["001"][0] + "." and (PAGES["001"][0] + ".\n") in dot.text
    nodate = probes[f"nodate:{pages[0].id}"]
    assert "14.04.2031" not in nodate.text and nodate.text.count(PAGES["001"][0]) == 1
    repeat = probes[f"repeatnodate:{pages[0].id}"]
    assert "14.04.2031" not in repeat.text and repeat.text.count(PAGES["001"][0]) == 2
    head = probes[f"headless:{pages[0].id}"]
    assert head.title is None and head.text.startswith("On 14 April")
    assert all(pr.title is None for pr in probes.values() if pr.family == "side")
    tallies = run(list(probes.values()))
    for mode in ("corpus", "alone"):
        assert tallies[("nodate", mode)].right == tallies[("nodate", mode)].n == 2
        assert tallies[("side", mode)].right == tallies[("side", mode)].n


def test_a_half_reads_only_its_pages_and_a_wrong_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    folder = _folder(tmp_path)
    assert [p.id for p in read_pages(f"{folder}:even")] == [f"{folder.name}/002"]
    assert main([str(tmp_path / "nowhere")]) == 2
    assert main([f"{folder}:odd", "--family", "dot"]) == 0
    out = capsys.readouterr().out
    assert "dot" in out and "swap" not in out
