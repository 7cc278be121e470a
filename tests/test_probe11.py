"""Three fresh reports written to try the bot as a new user would (probe11-*), and what they
broke: «تأکید کرد» spelled with its hamza was no verb of saying, a list lettered «الف) ب)»
was no list, «سرکار خانم» hid a speaker, «خانم موسوی» could not be told from «سید احمد
موسوی», and answers showed a role twice, a speaker's name twice («X: X …») or a quotation
mark nothing closed.
"""

from __future__ import annotations

from pathlib import Path

from bot.answering.person_lookup import people_named
from embeddings.chunker import ChunkingSettings, sentence_spans
from embeddings.documents import Document, repair_hard_wraps
from embeddings.structure import DocumentStructure, analyze, starts_of_lines

REPORTS = Path(__file__).resolve().parent / "data/reports"
COUNCIL = REPORTS / "probe11-lorestan-education-council.txt"
RELEASE = REPORTS / "probe11-energy-ministry-release.txt"


def read(path: Path) -> tuple[list[str], DocumentStructure]:
    text = repair_hard_wraps(path.read_text("utf-8"))
    spans = sentence_spans(Document(path.name, text, ""), ChunkingSettings())
    sentences = [text[s:e] for s, e in spans]
    return sentences, analyze(sentences, starts_of_lines(text, spans))


def _speakers(structure: DocumentStructure) -> dict[int, str]:
    return {a.sentence: structure.people[a.person].label for a in structure.attributions}


def test_emphasis_spelled_with_hamza_is_a_verb_of_saying():
    sentences, structure = read(COUNCIL)
    number = next(n for n, s in enumerate(sentences) if "تأکید کرد که" in s)
    assert _speakers(structure)[number] == "احمد موسوی"
    # the same with a colon was read only by luck, as an interview label «X: …»
    plain = analyze(["نشست برگزار شد.", "معاون استاندار تأکید کرد: آب شرب تأمین می‌شود."])
    assert plain.attributions[0].quote is not None


def test_a_list_lettered_alef_be_is_read_as_decisions():
    _, structure = read(RELEASE)
    assert [d.items for d in structure.decisions][1] == [
        "صنایع بزرگ یک روز در هفته مصرف خود را به نصف کاهش دهند",
        "شهرک‌های صنعتی با ساعات کاری شبانه از تعرفه ترجیحی استفاده کنند",
    ]


def test_a_speaker_introduced_as_sarkar_khanom_is_attributed():
    structure = analyze(
        [
            "نشست شورای سلامت برگزار شد.",
            "سرکار خانم مریم احمدی، معاون بهداشت دانشگاه، گفت: واکسن به اندازه کافی موجود است.",
        ]
    )
    assert _speakers(structure) == {1: "مریم احمدی"}
    assert structure.people[0].roles == ["معاون بهداشت دانشگاه"]


def test_a_title_tells_two_people_of_one_surname_apart():
    _, structure = read(COUNCIL)
    names = [p.name for p in structure.people]
    woman, man = names.index("زهرا موسوی"), names.index("احمد موسوی")
    assert people_named(structure, "خانم موسوی") == [woman]
    assert people_named(structure, "آقای موسوی") == [man]
    assert people_named(structure, "سید موسوی") == [man]
    assert sorted(people_named(structure, "موسوی")) == sorted([woman, man])
