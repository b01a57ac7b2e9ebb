"""HTML pages: article text without navigation, sidebar or footer; the date from metadata; no network."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from peacefacts.errors import InputError
from peacefacts.ingest import document_from_html, read_inputs
from peacefacts.records import PublishedSource

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "news_page.html"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test: HTML is parsed, never fetched."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access during ingest")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_file_gives_article_text_and_meta_date():
    (doc,) = read_inputs([PAGE])
    assert doc.id == str(PAGE)
    assert (str(doc.published), doc.published_source) == ("2023-03-14", PublishedSource.HTML)
    assert doc.title == "Ruritania sends 300 more troops to UN mission"
    assert "Ruritania will send 300 more soldiers to the United Nations Mission in South Sudan" in doc.text
    assert "23 of them have lost their lives on duty." in doc.text
    for noise in (
        "Lottery winner",
        "80,000 homes",
        "Most Read",
        "Home",
        "Sport",
        "newsletter",
        "All rights reserved",
    ):
        assert noise not in doc.text, noise


def test_html_blocks_point_into_the_extracted_text():
    (doc,) = read_inputs([PAGE])
    (block,) = doc.blocks
    assert (block.start, block.end) == (0, len(doc.text))
    assert (block.title, str(block.published), block.is_peacekeeping) == (
        "Ruritania sends 300 more troops to UN mission",
        "2023-03-14",
        True,
    )
    assert doc.text[block.start : block.start + 9] == "Ruritania"


def test_html_is_sniffed_without_the_suffix(tmp_path):
    copy = tmp_path / "saved_page.txt"
    shutil.copy(PAGE, copy)
    (doc,) = read_inputs([copy])
    assert (doc.title, str(doc.published)) == ("Ruritania sends 300 more troops to UN mission", "2023-03-14")
    assert "<p>" not in doc.text


def test_given_date_beats_html_metadata():
    doc = document_from_html(PAGE.read_text(encoding="utf-8"), doc_id="p", published="2023-03-20")
    assert (str(doc.published), doc.published_source) == ("2023-03-20", PublishedSource.GIVEN)


def test_html_metadata_beats_the_default(tmp_path):
    (doc,) = read_inputs([PAGE], published="2020-01-01")
    assert (str(doc.published), doc.published_source) == ("2023-03-14", PublishedSource.HTML)


def test_url_is_only_metadata():
    doc = document_from_html(PAGE.read_text(encoding="utf-8"), doc_id="p", url="https://news.example.org/a")
    assert (doc.url, str(doc.published)) == ("https://news.example.org/a", "2023-03-14")


def test_html_without_a_date_falls_back_to_the_text_dateline():
    page = (
        "<html><body><article><h1>Blue helmets return home</h1><p>Updated 4 April 2019</p>"
        "<p>Two hundred UN peacekeepers returned from Lebanon on Thursday after a year with UNIFIL, "
        "the army said.</p></article></body></html>"
    )
    doc = document_from_html(page, doc_id="p")
    assert (str(doc.published), doc.published_source) == ("2019-04-04", PublishedSource.TEXT)


def test_html_without_text_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="^no text found in HTML$"):
        document_from_html("<html><head><title></title></head><body></body></html>", doc_id="p")
    path = tmp_path / "blank.html"
    path.write_text("<html><body>   </body></html>", encoding="utf-8")
    (record,) = read_inputs([path])
    assert (record.doc, record.error, record.kind) == (str(path), "no text found in HTML", "InputError")


def test_html_in_a_jsonl_record(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(
        json.dumps({"id": "h1", "text": PAGE.read_text(encoding="utf-8")}) + "\n", encoding="utf-8"
    )
    (doc,) = read_inputs([path])
    assert (doc.id, str(doc.published), doc.published_source) == ("h1", "2023-03-14", PublishedSource.HTML)
    assert "Lottery winner" not in doc.text
