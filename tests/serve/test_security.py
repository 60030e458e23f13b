"""Who may write, what a browser may run, and which servers refuse to start."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khulasa.serve import ConfigError, ServeConfig, create_app
from khulasa.serve.config import load_token
from khulasa.serve.security import SESSION_COOKIE

from .conftest import LOCAL, TOKEN, story_of
from .test_api import NEW_REPORT

BEARER = {"authorization": f"Bearer {TOKEN}"}
SAME_ORIGIN = {"origin": LOCAL}


def test_with_a_token_every_write_needs_it_and_reads_stay_open(guarded: TestClient) -> None:
    huff = story_of(guarded, "HuffPost Arabi")
    writes = [
        ("/api/articles", NEW_REPORT),
        (f"/api/stories/{huff}/rename", {"headline": "عنوان"}),
        (f"/api/stories/{huff}/merge", {"into": huff + 1}),
        ("/api/articles/1/move", {}),
    ]
    for path, body in writes:
        refused = guarded.post(path, json=body)
        assert refused.status_code == 401, path
        assert refused.headers["www-authenticate"] == "Bearer"
        wrong = guarded.post(path, json=body, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
    assert guarded.get("/healthz").json()["articles"] == 5  # nothing was written
    assert guarded.post("/api/articles", json=NEW_REPORT, headers=BEARER).status_code == 201
    assert guarded.get("/api/stories").status_code == 200
    assert guarded.get(f"/stories/{huff}").status_code == 200


def test_an_editor_signs_in_with_the_token_and_gets_a_strict_cookie(guarded: TestClient) -> None:
    huff = story_of(guarded, "HuffPost Arabi")
    form = {"headline": "عنوان المحرر"}
    assert (
        guarded.post(f"/stories/{huff}/rename", data=form, headers=SAME_ORIGIN).status_code == 401
    )
    failed = guarded.post("/login", data={"token": "wrong"}, headers=SAME_ORIGIN)
    assert failed.status_code == 401 and "الرمز غير صحيح" in failed.text
    signed = guarded.post(
        "/login", data={"token": TOKEN}, headers=SAME_ORIGIN, follow_redirects=False
    )
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(SESSION_COOKIE) and TOKEN not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    done = guarded.post(
        f"/stories/{huff}/rename", data=form, headers=SAME_ORIGIN, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == f"/stories/{huff}"
    assert "عنوان المحرر" in guarded.get(f"/stories/{huff}").text


def test_a_form_posted_from_another_site_is_refused(client: TestClient) -> None:
    huff = story_of(client, "HuffPost Arabi")
    for headers in (
        {},
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"referer": "https://evil.example/page"},
    ):
        answer = client.post(f"/stories/{huff}/rename", data={"headline": "x"}, headers=headers)
        assert answer.status_code == 403, headers
    assert client.get("/api/corrections").json() == []


def test_pages_and_api_carry_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/stories", "/static/style.css", "/api/stories/999", "/nowhere"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy
    page = client.get("/").text
    assert "<script" not in page and "style=" not in page


def test_a_foreign_host_name_is_refused_on_loopback(client: TestClient) -> None:
    # a DNS-rebinding page reaches 127.0.0.1 under its own name: it gets nothing
    assert client.get("/api/stories", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/stories", headers={"host": "localhost:8000"}).status_code == 200


def test_listening_beyond_loopback_without_a_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="without a token"):
        create_app(ServeConfig(db=tmp_path / "n.db", host="0.0.0.0"))
    create_app(ServeConfig(db=tmp_path / "n.db", host="0.0.0.0", token=TOKEN))


def test_tokens_come_from_a_file_or_the_environment_and_must_be_long(tmp_path: Path) -> None:
    file = tmp_path / "token"
    file.write_text(TOKEN + "\n")
    assert load_token(str(file), {}) == TOKEN
    assert load_token(None, {"KHULASA_TOKEN": TOKEN}) == TOKEN
    assert load_token(None, {}) is None
    with pytest.raises(ConfigError, match="shorter than"):
        load_token(None, {"KHULASA_TOKEN": "short"})
    with pytest.raises(ConfigError, match="cannot read the token file"):
        load_token(str(tmp_path / "missing"), {})
