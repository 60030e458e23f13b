"""Closed word lists the extractors share: speech verbs, negation cues, weekdays, stops.

Kept in code (not the gazetteer file) because they are grammar, not world knowledge: they do not
grow with the news, and the rules that use them are written around their exact forms.
"""

from __future__ import annotations

import json
from importlib import resources

from khulasa.facts.text import key, lexicon_values


def _keys(*words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words)


def _denial_verbs() -> frozenset[str]:
    """The forms of نفى, from the one lexicon the claim aligner reads too
    (``khulasa/align/data/cues.json``, entry ``deny.nafa``), so the list has one copy."""
    path = resources.files("khulasa").joinpath("align/data/cues.json")
    entries = json.loads(path.read_text(encoding="utf-8"))["denial"]
    return _keys(*next(e["words"] for e in entries if e["id"] == "deny.nafa"))


DENIAL_VERBS = _denial_verbs()


# Speech verbs in the forms news prose uses (perfect 3rd person, imperfect, with ت for feminine
# or plural subjects). Conjunction clitics (و، ف) are peeled off before lookup.
SPEECH_VERBS = _keys(
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "قالوا",
    "أكد",
    "أكدت",
    "يؤكد",
    "تؤكد",
    "أعلن",
    "أعلنت",
    "يعلن",
    "تعلن",
    "أضاف",
    "أضافت",
    "يضيف",
    "تضيف",
    "نفى",
    "نفت",
    "ينفي",
    "تنفي",
    "أوضح",
    "أوضحت",
    "يوضح",
    "اعتبر",
    "اعتبرت",
    "يعتبر",
    "ذكر",
    "ذكرت",
    "يذكر",
    "أفاد",
    "أفادت",
    "أشار",
    "أشارت",
    "يشير",
    "صرح",
    "صرحت",
    "تابع",
    "تابعت",
    "أبلغ",
    "أبلغت",
    "أورد",
    "أوردت",
    "كشف",
    "كشفت",
    "نقل",
    "نقلا",
    "نقلت",
    "رأى",
    "رأت",
    "يرى",
    "ترى",
    "لفت",
    "لفتت",
    "شدد",
    "شددت",
    "حذر",
    "حذرت",
    "أقر",
    "أقرت",
    "زعم",
    "زعمت",
    "اتهم",
    "اتهمت",
    "نوه",
    "أردف",
    "استبعد",
    "استبعدت",
    "دعا",
    "دعت",
    "طالب",
    "طالبت",
    "وصف",
    "وصفت",
    "أعرب",
    "أعربت",
    "يزعم",
    "تزعم",
    "كرر",
    "كررت",
)
# The verbs that, with no subject of their own, continue the previous speaker (وأضاف، وتابع).
CONTINUATION_VERBS = _keys(
    "أضاف",
    "أضافت",
    "تابع",
    "تابعت",
    "أردف",
    "استطرد",
    "مضى",
    "اعتبر",
    "اعتبرت",
    "أوضح",
    "أوضحت",
    "قال",
    "قالت",
    "أكد",
    "أكدت",
    "استبعد",
    "نوه",
    "اكتفى",
    "كرر",
    "كررت",
)
# Present-tense speech verbs: they continue the previous speaker only with nothing at all
# between them and their إن/أن or quotation, and no noun right before them that could be their
# subject ("وفيما يتعلق في هذا يقول ان …" continues; "أنباء تقول إن" does not).
PRESENT_CONTINUATION_VERBS = _keys("يقول", "تقول", "يضيف", "تضيف", "يتابع", "تتابع")
# Complementisers that open reported speech: قال إن …، أكد أن …، أعلن أنه …
COMPLEMENTISERS = _keys(
    "إن",
    "أن",
    "أنه",
    "أنها",
    "أنهم",
    "إنه",
    "إنها",
    "إنهم",
    "بأن",
    "بأنه",
    "إننا",  # وقال فيرلوم "اننا …": the first person plural opens speech too
    "أننا",
)
# Words that open an attribution with no verb: بحسب X، وفق X، نقلا عن X.
ATTRIBUTION_MARKERS = _keys("بحسب", "حسب", "وفق", "وفقا", "طبقا")

# Negation and denial cues for contradictions, with how far (in tokens) each reaches; a scope
# also ends at the end of its clause. غير and دون are left out: they mostly negate an adjective
# (اجتماعين غير رسميين، شروط غير مقبولة), not a reported event.
NEGATION_CUES = {
    **dict.fromkeys(DENIAL_VERBS, 25),
    **dict.fromkeys(_keys("لم", "لن", "ليس", "ليست", "ولم", "فلم", "ولن", "فلن", "وليس"), 25),
    **dict.fromkeys(_keys("لا", "ولا", "فلا"), 6),
}
# "لا يزال"، "لا تزال"، "ما زال": still — continuation, not negation.
NOT_NEGATION_AFTER = _keys(
    "يزال", "تزال", "يزالون", "زال", "زالت", "سيما", "نزال", "أزال", "تزالون"
)
# Words that end a negation's reach: a new clause starts (لم يسفر … لكن نُقل أن …).
SCOPE_ENDS = _keys("لكن", "ولكن", "لكنه", "لكنها", "بل", "بينما", "فيما", "حيث", "إلا", "بعد")
# Sentences that report a dispute rather than take a side in it.
DISPUTE_WORDS = _keys("تضارب", "تضاربت", "تناقض", "تناقضت", "تباين", "تباينت")
# Verbs and nouns of rejection: a sentence with one is no plain assertion to contradict.
# (عدم is left out of the cues for the same reason: "مبدأ عدم التدخل" names a principle.)
REJECTION_WORDS = _keys(
    "رفض",
    "رفضت",
    "يرفض",
    "ترفض",
    "رفضها",
    "رفضه",
    "رفضهم",
    "أنكر",
    "أنكرت",
    "استبعد",
    "استبعدت",
    "عدم",
    "يستبعد",
    "تستبعد",
)
# "غير صحيح", "لا أساس له" and similar whole-claim denials.
DENIAL_PHRASES = (("غير", "صحيح"), ("غير", "صحيحه"), ("لا", "اساس"), ("عار", "عن", "الصحه"))

# Verbs that say something stopped vs. went on; a claim that fighting stopped and one that it
# went on contradict each other when they are about the same place.
HALT_VERBS = _keys("أوقف", "أوقفت", "توقف", "توقفت", "توقفت", "أوقفوا", "يتوقف", "تتوقف")
# The nouns "stopping" count only when not a proposal or purpose (اقتراح وقف، لوقف، حول وقف).
HALT_NOUNS = _keys("وقف", "إيقاف", "ايقاف")
HALT_NOUN_BLOCKERS = _keys(
    "في", "حول", "بشأن", "شأن", "اقتراح", "محاولة", "مسعى", "إلى", "الى", "على", "بخصوص"
)
CONTINUE_WORDS = _keys(
    "مستمرة",
    "متواصلة",
    "مستمرون",
    "تواصل",
    "يتواصل",
    "تتواصل",
    "تواصلت",
    "واصل",
    "واصلت",
    "يواصل",
    "تواصل",
    "استمر",
    "استمرت",
    "يستمر",
    "تستمر",
    "استمرار",
    "مستمر",
    "متواصل",
    "تجدد",
    "يتجدد",
    "تجددت",
    "متجدد",
)
# Words for fighting, so "operations stopped" meets "the bombing was renewed".
FIGHTING_WORDS = _keys(
    "المعركة",
    "معركة",
    "الحرب",
    "حرب",
    "القصف",
    "قصف",
    "المعارك",
    "معارك",
    "القتال",
    "العمليات",
    "عمليات",
    "عملياته",
    "عملياتها",
    "القتالية",
    "العسكرية",
    "الغارات",
    "غارات",
    "الهجوم",
    "هجوم",
    "هجمات",
    "الاشتباكات",
    "اشتباكات",
    "القتالية",
    "الهجمات",
    "الضربات",
    "ضربات",
)

# Weekday names by weekday number, Monday 0 (language/data/ar_weekdays.json).
WEEKDAYS = lexicon_values("weekdays", int)

# Tokens that end a name or a role phrase: function words, time words, speech nouns.
NAME_STOPS = _keys(
    "في",
    "داخل",  # كوباني داخل سوريا: inside
    "خارج",
    # "عن عمر يناهز 74 عاما": at the age of (عمر is also the name Omar)
    "يناهز",
    "ناهز",
    "الآن",
    "والآن",
    "إن",
    "أن",
    "أنه",
    "إنه",
    "قد",
    "اليوم",
    "أمس",
    "غدا",
    "عن",
    "على",
    "إلى",
    "الى",
    "من",
    "مع",
    "بعد",
    "قبل",
    "خلال",
    "قوله",
    "للصحفيين",
    "للصحافيين",
    "الذي",
    "التي",
    "وهو",
    "هو",
    "كما",
    "لكن",
    "بين",
    "عند",
    "أمام",
    "حول",
    "بشأن",
    "مساء",
    "صباح",
    "يوم",
    "نظيره",
    "نظيرته",
    "مؤخرا",
    "سابقا",
    "لاحقا",
    "أيضا",
    "حاليا",
    "مجددا",
    "كذلك",
    "فقط",
    # participles that carry speech on (وتابع قائلا “…”، مضيفا أن …), never a speaker's name
    "قائلا",
    "قائلة",
    "مضيفا",
    "مضيفة",
    "موضحا",
    "موضحة",
    "مؤكدا",
    "مؤكدة",
    "معتبرا",
    "معتبرة",
    "مشيرا",
    "مشيرة",
)

# Nouns that make an unnamed speaker: مسؤول أميركي، مصادر سورية، الدبلوماسي الأميركي، أحد الجنود.
# Shared by the quote reader (speakers) and the entity rules (never the first word of a name).
SOURCE_NOUNS = _keys(
    "مسؤول",
    "مسؤولة",
    "مسؤولون",
    "مسؤولين",
    "المسؤول",
    "مصدر",
    "مصادر",
    "المصادر",
    "المصدر",
    "تقارير",
    "التقارير",
    "دبلوماسي",
    "الدبلوماسي",
    "دبلوماسيون",
    "شهود",
    "ناشطون",
    "ناشطين",
    "مراقبون",
    "خبراء",
    "محللون",
    "سكان",
    "بيان",
    "البيان",
    "السلطات",
    "الشرطة",
    "متحدث",
    "ناطق",
    "وسائل",
    "مراسل",
    "الفصائل",
    "فصائل",
    "الناشطون",
    "الأهالي",
    "المتظاهرون",
    "المحتجون",
    "المسلحون",
    "أحد",
    "إحدى",
    "البعض",  # يقول البعض إن …: some people, as a speaker
)
# Titles written right before a personal name, whatever the name (الكابتن أبو القاسم أمانجاه،
# السيد بلير، الشيخ …). Unlike office titles (وزير الخارجية …) nothing stands between them and
# the name, so the word after them is a name even when no list knows it.
NAME_TITLES = _keys(
    "السيد",
    "السيدة",
    "الشيخ",
    "الشيخة",
    "الدكتور",
    "الدكتورة",
    "الكابتن",
    "العقيد",
    "اللواء",
    "العميد",
    "الجنرال",
    "المشير",
    "الملك",
    "الملكة",
    "الأمير",
    "الأميرة",
    "النبي",
    "الأستاذ",
    "المهندس",
    "القس",
    "الحاخام",
    "دكتور",
    "شيخ",
    "نقيب",
    "النقيب",
    "الرائد",
    "المقدم",
    # professions written before a name as a title (الفنان سامح الصريطي، المخرج حسني صالح)
    "الفنان",
    "الفنانة",
    "المخرج",
    "المخرجة",
    "الممثل",
    "الممثلة",
    "المطرب",
    "المطربة",
    "الشاعر",
    "الشاعرة",
    "الكاتب",
    "الكاتبة",
    "الروائي",
    "الموسيقار",
    "الملحن",
    "الإعلامي",
    "الإعلامية",
    "اللاعب",
    "اللاعبة",
    "المدرب",
    "الخبير",
    "الخبيرة",
    "المحلل",
    "المعلق",
    "الصحفي",
    "الصحفية",
    "المحامي",
    "المحامية",
    "الباحث",
    "الباحثة",
    "الناقد",
)
# Heads of organisation names built as a construct (إضافة): the head, then a definite complement
# or a noun + definite complement, then nisba adjectives: وزارة الدفاع البريطانية، حرس الحدود
# الإيراني، قيادة قوات التحالف، سلاح الجو الملكي البريطاني.
ORG_CONSTRUCT_HEADS = _keys(
    "وزارة",
    "هيئة",
    "شرطة",
    "تنظيم",
    "جبهة",
    "مجلس",
    "سلاح",
    "حرس",
    "محكمة",
    "جامعة",
    "قيادة",
    "لجنة",
    "منظمة",
    "مؤسسة",
    "اتحاد",
    "سفارة",
    "قنصلية",
    "نقابة",
    "نادي",
    "مستشفى",
    "بورصة",
    "رئاسة",
    "مفوضية",
    "وكالة",
    "وفد",  # وفد الولايات المتحدة: a state's delegation speaks for it
    "حزب",  # حزب الشعب الجمهوري، حزب العمال الكردستاني
)
# Heads that name a body only with a scope or nationality adjective (مركز البحوث الحرجية
# الدولية، برنامج الأغذية العالمي، المعهد الوطني للصحة); without one they are common nouns
# (مركز المدينة، برنامج الزيارة، صندوق السيارة).
QUALIFIED_ORG_HEADS = _keys("مركز", "صندوق", "برنامج", "معهد", "شبكة", "مجموعة", "منتدى", "مكتب")
# Adjectives of scope that close an organisation's name like a nationality does.
SCOPE_ADJECTIVES = _keys(
    "الدولي",
    "الدولية",
    "العالمي",
    "العالمية",
    "الوطني",
    "الوطنية",
    "الإقليمي",
    "الإقليمية",
    "الأممي",
    "الأممية",
)
# Kinship nouns of an apposition: "راي كوبر عم آدم سبيري"، "جدته مارغريت سبيري". A name may end
# right before one, and one may stand right before a name.
KINSHIP_NOUNS = _keys(
    "عم",
    "عمه",
    "خال",
    "خاله",
    "والد",
    "والده",
    "والدة",
    "شقيق",
    "شقيقة",
    "شقيقه",
    "زوج",
    "زوجة",
    "زوجته",
    "ابن",
    "ابنة",
    "ابنه",
    "جدته",
)
# Speech verbs whose next words are their subject (قال شون ماكورماك، صرح المتحدث …), unlike
# يرى/أعلن/كشف/نفى, which are as often followed by their object (ترى وجود غرابة، يعلن هدنة).
SUBJECT_FIRST_VERBS = _keys(
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أضاف",
    "أضافت",
    "صرح",
    "صرحت",
    "أوضح",
    "أوضحت",
    "ذكر",
    "ذكرت",
    "أفاد",
    "أفادت",
    "تابع",
    "أردف",
    "دعا",  # ودعا هانز فيرلوم ، مدير …: the caller is named first
    "دعت",
    "أكد",  # أكد هارلان واتسون من وفد …: أكد takes its subject before its أن
    "أكدت",
)
# Prepositional nouns that sit between a role and a name (المتحدث باسم …) but are never a name.
NOT_NAME_WORDS = _keys(
    "باسم", "لدى", "عبر", "ضد", "نحو", "إثر", "عقب", "جراء", "بسبب", "وجود", "مركز"
)
# Words before which an unknown word is a place: "ولد في جميكا"، "مقيم في أيليسبري".
PLACE_CUES = frozenset(
    tuple(key(w) for w in cue.split())
    for cue in (
        "ولد في",
        "ولدت في",
        "مقيم في",
        "مقيمة في",
        "يقيم في",
        "تقيم في",
        "نشأ في",
        "من مواليد",
        "من سكان",
    )
)
# Words after which the word before them is a place: "ديوسبري، على بعد ثمانية أميال".
PLACE_AFTER = (key("على"), key("بعد"))
# Kinship nouns with a pronoun, which stand right before the relative's name (جدته مارغريت
# سبيري). Bare forms are left out: جدة is also Jeddah, عم also "about what".
KINSHIP_TITLES = _keys(
    "جدته",
    "والده",
    "والدته",
    "شقيقه",
    "شقيقته",
    "زوجته",
    "ابنه",
    "ابنته",
    "خاله",
    "خالته",
    "عمته",
)
