"""Write the hostile corpus: small files a careless or hostile source could hand Khulasa.

Run ``python tests/hostile/make_corpus.py`` to regenerate ``tests/hostile/corpus/``; the output
is committed so ``make test`` reads exactly these bytes. Every file is a few KB at most. Cases
that cannot live in git (symbolic links, file names with a newline or an escape sequence,
unwritable folders) are made by the tests in ``tmp_path``.
"""

from __future__ import annotations

import codecs
import io
import json
import struct
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

# Arabic news sentences written for this corpus (a made-up report, not from any outlet).
ARABIC = (
    "أعلنت وزارة الصحة في العاصمة الأردنية عمّان، يوم الأحد، افتتاح مستشفى جديد في مدينة إربد "
    "بسعة مئتي سرير. وقال وزير الصحة في مؤتمر صحفي إن المستشفى سيخدم أكثر من نصف مليون نسمة في "
    "شمال المملكة. وأضاف الوزير أن الحكومة خصصت ثلاثين مليون دينار لتجهيز الأقسام الطبية. "
    "وأشار مدير المستشفى إلى أن العمل سيبدأ في قسم الطوارئ خلال الأسبوع المقبل."
)
ARABIC_2 = (
    "افتتح المعرض الدولي للكتاب في مدينة الرياض أبوابه أمام الزوار مساء الخميس بمشاركة أكثر "
    "من ألف دار نشر من ثلاثين دولة. وقالت اللجنة المنظمة إن المعرض يستمر عشرة أيام ويضم ندوات "
    "فكرية وأمسيات شعرية. وأوضح رئيس اللجنة أن عدد الزوار في العام الماضي تجاوز مليون زائر."
)
# Written for this corpus: a Persian and an Urdu news paragraph (Arabic script, not Arabic).
PERSIAN = (
    "وزیر امور خارجه ایران روز یکشنبه در تهران گفت که مذاکرات هسته‌ای با کشورهای اروپایی "
    "ادامه خواهد یافت. او افزود که دولت برای رسیدن به توافق تلاش می‌کند و این گفتگوها هفته "
    "آینده در ژنو برگزار می‌شود. سخنگوی وزارت خارجه نیز گفت که پیشنهادهای تازه‌ای از سوی "
    "طرف مقابل دریافت شده است."
)
URDU = (
    "پاکستان کے وزیر اعظم نے اسلام آباد میں ایک پریس کانفرنس سے خطاب کرتے ہوئے کہا ہے کہ "
    "حکومت عوام کی خدمت کے لیے نئے منصوبے شروع کرے گی۔ انہوں نے کہا کہ ملک میں بجلی کی "
    "قیمتوں میں کمی کی جائے گی اور نوجوانوں کو روزگار کے مواقع فراہم کیے جائیں گے۔ وزیر "
    "خزانہ نے بتایا کہ اگلے مالی سال کا بجٹ جون میں پیش کیا جائے گا۔"
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
LINK_BREAK = "x) [click](javascript:alert(1)"
PAYLOAD = f"{SCRIPT} {IMG} [a]({JS_URL}) [b]({DATA_URL}) {LINK_BREAK}"


def news_record(content: str, n: int, **extra: object) -> dict[str, object]:
    """A record in the SaudiNewsNet layout."""
    record: dict[str, object] = {
        "source": f"outlet{n}",
        "url": f"http://example.org/news/{n}",
        "date_extracted": "2015-07-21 10:00:00",
        "title": f"خبر رقم {n}",
        "author": "",
        "content": content,
    }
    record.update(extra)
    return record


def deep_array_with_good_record(depth: int) -> bytes:
    """A SaudiNewsNet array: a record nested ``depth`` deep, then a good record."""
    good = json.dumps(news_record(ARABIC, 1), ensure_ascii=False).encode("utf-8")
    return b"[" + b"[" * depth + b"]" * depth + b"," + good + b"]"


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_member(archive: bytes, name: str, *, flag: int = 0, method: int | None = None) -> bytes:
    """Set general-purpose ``flag`` bits (0x1: encrypted) or the compression ``method`` of
    member ``name`` in its local header and its central-directory entry, as raw bytes (zipfile
    cannot write an encrypted member or an unknown method)."""
    data = bytearray(archive)
    encoded = name.encode()
    for signature, flag_at, method_at, name_len_at, name_at in (
        (b"PK\x03\x04", 6, 8, 26, 30),  # local file header
        (b"PK\x01\x02", 8, 10, 28, 46),  # central directory entry
    ):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            start = at + 4
            (length,) = struct.unpack_from("<H", data, at + name_len_at)
            if bytes(data[at + name_at : at + name_at + length]) != encoded:
                continue
            (bits,) = struct.unpack_from("<H", data, at + flag_at)
            struct.pack_into("<H", data, at + flag_at, bits | flag)
            if method is not None:
                struct.pack_into("<H", data, at + method_at, method)
    return bytes(data)


def jsonl(*records: dict[str, object], ascii_only: bool = False) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=ascii_only).encode("utf-8") + b"\n" for r in records)


def corpus() -> dict[str, bytes]:
    good_array = json.dumps([news_record(ARABIC_2, 2)], ensure_ascii=False).encode("utf-8")
    files: dict[str, bytes] = {}
    # 1. JSON depth bombs in ~0.5 KB zips (the 520-byte zip), then a good record.
    files["depth-bomb-200000.zip"] = zip_bytes({"day.json": deep_array_with_good_record(200_000)})
    files["depth-bomb-20000.zip"] = zip_bytes({"day.json": deep_array_with_good_record(20_000)})
    # 2. Manifest paths that lead outside the manifest's folder.
    files["outside-paths.jsonl"] = jsonl(
        {"path": "../x", "source": "dots"},
        {"path": "/etc/passwd", "source": "absolute"},
        {"path": "../../../../../../etc/shadow", "source": "shadow"},
        {"path": "../no-such-file-anywhere.txt", "source": "missing"},
        {"text": ARABIC, "source": "inline"},
    )
    # 3/4. Markdown and HTML injection in every field.
    files["injection.jsonl"] = jsonl(
        {
            "id": f"id-{SCRIPT}-{IMG}|x`y](javascript:alert(1))",
            "source": f"Evil {SCRIPT} {IMG} [o]({JS_URL})",
            "title": f"عنوان {PAYLOAD}",
            "url": JS_URL,
            "published": "2016-12-08",
            "text": f"{ARABIC} وقال المسؤول {PAYLOAD} في بيان رسمي مساء الأحد.",
        },
        {
            "id": f"data-{IMG}",
            "source": f"DataOutlet {IMG}",
            "title": f"عنوان آخر {SCRIPT}",
            "url": DATA_URL,
            "text": f"{ARABIC_2} وأكد المنظمون {IMG} {LINK_BREAK} أن الدخول مجاني.",
        },
        {
            "id": "link-break",
            "source": f"Link ){LINK_BREAK}",
            "title": LINK_BREAK,
            "url": f"http://example.org/a) [x]({JS_URL}",
            "text": f"{ARABIC} {LINK_BREAK}",
        },
    )
    # 6. Undecodable files behind a byte-order mark.
    arabic16 = ARABIC.encode("utf-16-le")
    files["utf8-bom-then-invalid.txt"] = codecs.BOM_UTF8 + ARABIC.encode() + b"\xff\xfe\xc3\x28"
    files["utf16-bom-odd-length.txt"] = codecs.BOM_UTF16_LE + arabic16 + b"\x41"
    files["utf16-lone-surrogate.txt"] = codecs.BOM_UTF16_LE + arabic16 + b"\x00\xdc" + arabic16
    files["utf16-no-bom.txt"] = arabic16
    files["utf32.txt"] = ARABIC.encode("utf-32")
    # 7. A SaudiNewsNet array with a \udc00 escape in one record: the others must be read.
    array = [news_record(ARABIC, 1), news_record("قال \\udc00 المصدر", 2), news_record(ARABIC_2, 3)]
    text = json.dumps(array, ensure_ascii=False).replace("\\\\udc00", "\\udc00")
    files["saudinewsnet-surrogate.json"] = text.encode("utf-8")
    # Medium: lone surrogate and deep nesting (3,000 levels: past Python's recursion limit)
    # in JSONL lines, then a good line each.
    files["lone-surrogate.jsonl"] = jsonl(
        {"text": ARABIC + "\udc00", "source": "broken"},
        {"text": ARABIC_2, "source": "good"},
        ascii_only=True,
    )
    files["deep-line.jsonl"] = (
        b'{"text": ' + b"[" * 3_000 + b"]" * 3_000 + b"}\n" + jsonl({"text": ARABIC_2})
    )
    # Zip members that cannot be opened, beside a good one.
    plain = zip_bytes({"a-locked.json": good_array, "b-good.json": good_array})
    files["zip-encrypted-member.zip"] = patch_member(plain, "a-locked.json", flag=0x1)
    files["zip-unsupported-method.zip"] = patch_member(plain, "a-locked.json", method=98)
    # A record over the size limit (the tests read it with a 2 KiB limit), then a good record.
    big = "خبر طويل جدا " * 300  # ~3.9 KB in UTF-8
    files["big-record.json"] = json.dumps(
        [news_record(big, 1), news_record(ARABIC_2, 2)], ensure_ascii=False
    ).encode("utf-8")
    files["big-line.jsonl"] = jsonl({"text": big}, {"text": ARABIC_2})
    # A file mixing UTF-8 and Windows-1256.
    files["mixed-utf8-cp1256.txt"] = ARABIC.encode("utf-8") + b"\n" + ARABIC_2.encode("cp1256")
    files["cp1256.txt"] = ARABIC.encode("cp1256")
    # Persian and Urdu pages: Arabic script, not Arabic.
    files["persian.txt"] = PERSIAN.encode("utf-8")
    files["urdu.txt"] = URDU.encode("utf-8")
    # JSONL types that must not be coerced.
    files["title-true.jsonl"] = jsonl(
        {"text": ARABIC, "title": True}, {"text": ARABIC_2, "title": "عنوان"}
    )
    # SaudiNewsNet layout with a BOM, and as one top-level object.
    files["saudinewsnet-bom.json"] = codecs.BOM_UTF8 + good_array
    files["saudinewsnet-object.json"] = json.dumps(
        news_record(ARABIC, 4), ensure_ascii=False
    ).encode("utf-8")
    # A page with a few NUL bytes (a crawler's artefact).
    body = ARABIC.encode("utf-8")
    files["nul-bytes.txt"] = body[:40] + b"\x00" + body[40:200] + b"\x00\x00" + body[200:]
    # Terminal escape sequences in text, title and outlet.
    files["terminal-escapes.jsonl"] = jsonl(
        {
            "text": f"{ARABIC} \x1b[2J\x1b]0;owned\x07 وقال المسؤول \x1b[31mأحمر\x1b[0m.",
            "source": "Esc\x1b[2J\x1b]0;x\x07Outlet",
            "title": "\x1b]0;x\x07عنوان",
            "url": "http://example.org/\x1b[2J",
        },
        ascii_only=True,
    )
    # Bidi overrides in url and outlet.
    files["bidi.jsonl"] = jsonl(
        {
            "text": ARABIC,
            "source": "\u202eAl-Bayan\u202c",
            "url": "https://example.org/\u202egpj.exe",
            "id": "bidi\u202eid",
        },
        {"text": ARABIC_2, "source": "Plain", "url": "https://\u202eevil.example/"},
    )
    return files


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for name, data in corpus().items():
        (CORPUS / name).write_bytes(data)
        assert len(data) < 8192, (name, len(data))


if __name__ == "__main__":
    main()
