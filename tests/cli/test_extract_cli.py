"""`quotedesk extract` through the real entry point: the JSON Lines contract and its errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seeds" / "putin-trump-call.txt"
KEYS = {"start", "end", "text", "speaker", "kind", "cue", "confidence"}


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "quotedesk", "extract", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


def _check_doc(doc, text):
    assert set(doc) >= {"id", "quotes"}
    starts = [q["start"] for q in doc["quotes"]]
    assert starts == sorted(starts)
    for q in doc["quotes"]:
        assert KEYS <= set(q)
        assert 0 <= q["start"] <= q["end"] <= len(text)
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert 0.0 <= q["confidence"] <= 1.0
        assert q["speaker"] is None or isinstance(q["speaker"], (str, list))


def test_txt_file_to_stdout(tmp_path):
    art = tmp_path / "rivera-budget.txt"
    text = ("City budget passes\n\nMayor Ana Rivera defended the budget on Monday.\n\n"
            "\u201cWe kept every promise,\u201d Ms. Rivera said.\n")
    art.write_text(text, encoding="utf-8")
    res = run(art)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["id"] == "rivera-budget"
    quote = lines[0]["quotes"][0]
    assert quote["text"] == "We kept every promise,"
    assert quote["speaker"] == "Ana Rivera"
    assert quote["cue"] == "said"


def test_seed_txt_with_out_file(tmp_path):
    out = tmp_path / "out.jsonl"
    res = run(SEED, "--out", out)
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["id"] == "putin-trump-call"
    # offsets refer to the text as read by the ingest layer; for this plain file it is the file
    _check_doc(doc, SEED.read_text(encoding="utf-8"))
    assert len(doc["quotes"]) >= 6


def test_jsonl_offsets_refer_to_given_text(tmp_path):
    texts = {
        "a": "\u00e9t\u00e9 \U0001F600 \u201cCode points, not bytes,\u201d the ministry said.",
        "b": "Nothing quoted here.",
        "c": "Police said the road would reopen on Friday after repairs.\r\n\"It is safe,\" he said.",
    }
    src = tmp_path / "batch.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()),
                   encoding="utf-8")
    res = run(src)
    assert res.returncode == 0, res.stderr
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "b", "c"]
    for d in docs:
        _check_doc(d, texts[d["id"]])
    assert docs[0]["quotes"][0]["text"] == "Code points, not bytes,"
    assert docs[1]["quotes"] == []
    assert docs[2]["quotes"][0]["speaker"] == "Police"


def test_several_inputs_one_line_each(tmp_path):
    a = tmp_path / "one.txt"
    a.write_text("\"Yes, we will,\" she said.", encoding="utf-8")
    b = tmp_path / "two.jsonl"
    b.write_text(json.dumps({"id": 7, "text": "No quotes."}) + "\n\n", encoding="utf-8")
    res = run(a, b)
    assert res.returncode == 0, res.stderr
    ids = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert ids == ["one", "7"]


def test_missing_file_is_a_clear_error(tmp_path):
    res = run(tmp_path / "nope.txt")
    assert res.returncode == 2
    assert "no such file" in res.stderr and "nope.txt" in res.stderr
    assert "Traceback" not in res.stderr


def test_bad_json_line_names_the_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "ok"}) + "\n{not json\n", encoding="utf-8")
    res = run(src)
    assert res.returncode == 2
    assert "line 2" in res.stderr and "Traceback" not in res.stderr


def test_jsonl_line_without_text(tmp_path):
    src = tmp_path / "notext.jsonl"
    src.write_text(json.dumps({"id": "a", "body": "x"}) + "\n", encoding="utf-8")
    res = run(src)
    assert res.returncode == 2 and "line 1" in res.stderr and "text" in res.stderr


def test_binary_file_is_refused(tmp_path):
    src = tmp_path / "blob.txt"
    src.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    res = run(src)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and res.stderr.strip()


def test_unsupported_suffix(tmp_path):
    src = tmp_path / "data.csv"
    src.write_text("a,b\n", encoding="utf-8")
    res = run(src)
    assert res.returncode == 2 and ".csv" in res.stderr


def test_bench_extract_small(tmp_path):
    res = subprocess.run([sys.executable, "-m", "quotedesk", "bench", "extract", "--articles", "20",
                          "--runs", "1", "--json"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout)
    assert figures["in_process"]["articles_per_s"] > 0
    assert figures["process"]["articles_per_s"] > 0
    assert figures["linearity"]["ratio"] > 0


def test_markdown_article_goes_through_the_ingest_reader(tmp_path):
    art = tmp_path / "council-vote.md"
    art.write_text("# Council approves transit plan\n\n"
                   "Councillor Maria Lopez said the vote was a turning point for the city.\n\n"
                   "> \u201cWe finally have a plan that riders can believe in,\u201d Lopez said.\n",
                   encoding="utf-8")
    res = run(art)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["id"] == "council-vote"
    texts = [q["text"] for q in doc["quotes"]]
    assert any("riders can believe in" in t for t in texts)
    assert all(q["speaker"] == "Maria Lopez" for q in doc["quotes"])


def test_empty_jsonl_text_gives_no_quotes(tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text(json.dumps({"id": "e", "text": ""}) + "\n", encoding="utf-8")
    res = run(src)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {"id": "e", "quotes": []}


def test_lone_surrogates_in_jsonl_survive(tmp_path):
    src = tmp_path / "odd.jsonl"
    src.write_text('{"id": "s", "text": "\\"We will win \\ud800 today,\\" she said."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run(src, "--out", out)
    assert res.returncode == 0, res.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["quotes"][0]["text"] == "We will win \ud800 today,"
