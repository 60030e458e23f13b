"""The trained entity tagger: the shipped model, its training script, and its place in the facts."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from bench import train_tagger

from khulasa.cli import main
from khulasa.facts.crf_features import tag_tokens
from khulasa.facts.entities import EntityRecognizer, extract_entities
from khulasa.facts.gazetteer import load_gazetteer
from khulasa.facts.tagger import EntityTagger, load_tagger
from khulasa.facts.text import key
from tests.facts.helpers import story_of

from ..conftest import EXAMPLE_MANIFEST


def spans(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in load_tagger().tag(text)]


def test_shipped_model_tags_a_minister_a_city_and_an_organisation() -> None:
    found = spans("وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن بلاده سترد")
    assert found == [("PER", "سيرغي لافروف"), ("LOC", "موسكو")]
    found = spans("وأعلنت منظمة الصحة العالمية أن الوباء انتشر في غينيا")
    assert found == [("ORG", "منظمة الصحة العالمية"), ("LOC", "غينيا")]
    found = spans("وأكد رئيس الوزراء اليوناني ألكسيس تسيبراس أن الاتحاد الأوروبي وافق على الخطة")
    assert found == [("PER", "ألكسيس تسيبراس"), ("ORG", "الاتحاد الأوروبي")]


def test_shipped_model_tags_names_no_list_knows() -> None:
    text = "والتقى المدرب البرتغالي جوزيه بيسيرو اللاعبين في مدينة الطائف"
    gazetteer = load_gazetteer()
    assert not any(gazetteer.lookup((key(w),)) for w in ("جوزيه", "بيسيرو"))
    assert key("جوزيه") not in gazetteer.first_names
    assert ("PER", "جوزيه بيسيرو") in spans(text)
    assert ("LOC", "الطائف") in spans(text)
    found = spans("وقال المتحدث باسم وزارة الداخلية اللواء منصور التركي إن الشرطة قبضت على المتهم")
    assert ("ORG", "وزارة الداخلية") in found
    assert ("PER", "منصور التركي") in found


def test_spans_point_at_the_sentence_and_carry_a_probability() -> None:
    text = "أعلنت وزارة الداخلية السعودية أن الشرطة اعتقلت المشتبه به في الرياض."
    for span in load_tagger().tag(text):
        assert text[span.start : span.end] == span.text
        assert 0.0 < span.probability <= 1.0
    assert ("LOC", "الرياض") in spans(text)


def test_punctuation_is_a_token_of_its_own() -> None:
    assert [t.text for t in tag_tokens("قال (رويترز): «نعم».")] == [
        "قال", "(", "رويترز", ")", ":", "«", "نعم", "»", ".",
    ]


def test_missing_model_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"ner-ar\.crfsuite"):
        EntityTagger(tmp_path / "ner-ar.crfsuite")


# A few sentences written for this test in the corpus's layout: token<TAB>label, LRM marks,
# the conjunction و written apart, a blank line between sentences.
_SENTENCES = [
    [("قال", "O"), ("الرئيس", "O"), ("محمود", "B-Politician"), ("عباس", "I-Politician"),
     ("في", "O"), ("رام", "B-Population-Center"), ("الله", "I-Population-Center"), (".", "O")],
    [("و", "O"), ("زار", "O"), ("وزير", "O"), ("الخارجية", "O"), ("جون", "B-Politician"),
     ("كيري", "I-Politician"), ("القاهرة", "B-Population-Center"), (".", "O")],
    [("اعلنت", "O"), ("الامم", "B-Non-Governmental"), ("المتحدة", "I-Non-Governmental"),
     ("ان", "O"), ("المساعدات", "O"), ("وصلت", "O"), ("الى", "O"), ("اليمن", "B-Nation"),
     (".", "O")],
    [("و", "O"), ("فاز", "O"), ("نادي", "B-Sports"), ("الهلال", "I-Sports"), ("على", "O"),
     ("النصر", "B-Sports"), ("في", "O"), ("الرياض", "B-Population-Center"), (".", "O")],
]


def _write_corpus(path: Path, copies: int = 6) -> None:
    lines = []
    for _ in range(copies):
        for sentence in _SENTENCES:
            lines += [f"\u200e{word}\t{label}" for word, label in sentence]
            lines.append("\t")
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")


def test_training_reads_the_corpus_layout(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    _write_corpus(corpus, copies=1)
    sentences = train_tagger.read_corpus(corpus)
    words, labels = sentences[1]
    assert words[0] == "وزار"  # the conjunction glued back on, as running text writes it
    assert labels == ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "O"]
    assert sentences[3][1][1:3] == ["B-ORG", "I-ORG"]


def test_training_is_deterministic_and_learns(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    _write_corpus(corpus)
    digests = []
    for n in range(2):
        model = tmp_path / f"model-{n}.crfsuite"
        args = ["--corpus", str(corpus), "--model", str(model), "--c1", "0.01", "--c2", "0.01"]
        assert train_tagger.main([*args, "--iterations", "30"]) == 0
        digests.append(hashlib.sha256(model.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    tagger = EntityTagger(tmp_path / "model-0.crfsuite")
    found = [(s.label, s.text) for s in tagger.tag("قال الرئيس محمود عباس في رام الله.")]
    assert found == [("PER", "محمود عباس"), ("LOC", "رام الله")]


def test_mentions_record_what_found_them() -> None:
    recognizer = EntityRecognizer(tagger=True)
    text = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن التحالف سيواصل عملياته"
    found = {m.surface: m.found_by for m in recognizer.mentions(text)}
    assert found["سيرغي لافروف"] == "gazetteer"
    assert found["موسكو"] == "gazetteer"
    assert EntityRecognizer(tagger=False).mentions(text)[0].found_by != "crf"


def test_tagger_adds_a_name_the_rules_miss() -> None:
    text = "وتابع الجمهور مباراة فريق برشلونة أمام فريق اشبيلية التي انتهت بالتعادل."
    story = story_of(("Outlet", text, date(2015, 8, 9)))
    rules = {e.name for e in extract_entities(story, tagger=False)}
    both = extract_entities(story, tagger=True)
    crf = {e.name for e in both if all(m.found_by == "crf" for m in e.mentions)}
    assert crf - rules, "the tagger found nothing the rules had not"
    assert rules <= {e.name for e in both}  # the rules' own entities stay


def test_tagger_is_off_by_default_and_on_by_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert EntityRecognizer().use_tagger is False
    assert main(["facts", str(EXAMPLE_MANIFEST)]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert main(["facts", str(EXAMPLE_MANIFEST), "--tagger"]) == 0
    both = json.loads(capsys.readouterr().out)

    def found_by(data: dict) -> set[str]:
        return {m["found_by"] for e in data["entities"] for m in e["mentions"]}

    assert "crf" not in found_by(rules)
    assert {"gazetteer", "given-name"} <= found_by(rules)
    assert {e["name"] for e in rules["entities"]} <= {e["name"] for e in both["entities"]}
