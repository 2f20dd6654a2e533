"""The press release as a PDF: its route, the page's link to it, and what the PDF holds."""

from __future__ import annotations

import difflib
import io
import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pikepdf
import pytest
from babel.dates import format_date

from app import create_app
from app.pdf.structure import comparable, elements
from tests.helpers import UI_CATALOG, UI_TEMPLATE, post, soup, write_catalog
from tests.pdf.pdfua import CHECKS, Expected, run_checks

SLUG = "salon-donnees"
# Untranslated paragraphs that carry the PDF onto a second page.
LONG = "\n\n".join(f"Atelier {n} : les équipes présentent leurs jeux de données, leurs "
                    "outils et leurs méthodes, puis répondent aux questions du public sur "
                    "la qualité, la mise à jour et la réutilisation des données ouvertes."
                    for n in range(1, 13))
CONTENT = post(
    "Salon de la donnée publique",
    "Premier paragraphe traduit.\n\n## Programme\n\n- Ateliers sur les données\n"
    "- Rencontres avec [les équipes de data.gouv.fr](https://www.data.gouv.fr/)\n\n"
    "Paragraphe resté en français, que personne n’a encore traduit.\n\n" + LONG,
    front=("slug: salon-donnees\n"
           "chapeau-text: Les administrations présentent leurs **données ouvertes**.\n"
           "event_start_date: 2025-06-02\nevent_end_date: 2025-06-03\n"
           "lieu: Grande halle\nstand: B12\n"
           "entites:\n  - Direction interministérielle du numérique\n"
           "  - Institut national de la statistique\n"
           "une-ou-diaporama:\n  - image: /static/plan.png\n"
           "    alternative-textuelle: Plan du salon\n"
           "files:\n  - file: /static/dossier.pdf\n    nom: Dossier de presse\n"
           "contact-presse:\n  name: Service presse\n  tel:\n    - 01 23 45 67 89\n"
           "  email: presse@example.org\n"),
)
ENGLISH = {
    (f"{SLUG}:title", "Salon de la donnée publique"): "Public data fair",
    (f"{SLUG}:chapeau", "Les administrations présentent leurs **données ouvertes**."):
        "Administrations show their **open data**.",
    (f"{SLUG}:place", "Grande halle"): "Great hall",
    (f"{SLUG}:image-alt", "Plan du salon"): "Map of the fair",
    (f"{SLUG}:file-label", "Dossier de presse"): "Press kit",
    (f"{SLUG}:entity", "Direction interministérielle du numérique"):
        "Interministerial digital directorate",
    (f"{SLUG}:body", "Premier paragraphe traduit."): "First paragraph, translated.",
    (f"{SLUG}:body", "Programme"): "Programme",
    (f"{SLUG}:body", "Ateliers sur les données"): "Workshops on data",
}
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5"
                      "dd5a0c0000000049454e44ae426082")
PUBLISHER = "Direction interministérielle du numérique (DINUM)"
# Passages a reader must hear in French in the English PDF.
FRENCH_IN_ENGLISH = (("fr", "République française"), ("fr", "Liberté, Égalité, Fraternité"),
                     ("fr", PUBLISHER), ("fr", "Institut national de la statistique"),
                     ("fr", "Paragraphe resté en français, que personne n’a encore traduit."))
TITLES = {"fr": "Salon de la donnée publique", "en": "Public data fair"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site with one announcement having every part a PDF shows, half translated."""
    root = tmp_path_factory.mktemp("pdf-site")
    (root / "content").mkdir()
    (root / "content" / "2025-03-10-salon.md").write_text(CONTENT, encoding="utf-8")
    (root / "files").mkdir()
    (root / "files" / "plan.png").write_bytes(PIXEL)
    (root / "files" / "dossier.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 3000)
    translations = root / "translations"
    (translations / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(UI_TEMPLATE, translations / "messages.pot")
    shutil.copy(UI_CATALOG, translations / "en" / "LC_MESSAGES" / "messages.po")
    write_catalog(translations / "en" / "LC_MESSAGES" / "content.po", "en", "content", ENGLISH)
    return create_app({"TESTING": True, "CONTENT_DIR": str(root / "content"),
                       "TRANSLATIONS_DIR": str(translations), "FILES_DIR": str(root / "files"),
                       "SITE_URL": "https://annonces.example"})


@pytest.fixture(scope="module")
def pdfs(site):
    """The PDF of each language, as served."""
    client = site.test_client()
    return {lang: client.get(f"/{lang}/{SLUG}/{SLUG}-{lang}.pdf") for lang in ("fr", "en")}


# An A4 page in points (pdftotext's pixels at its default 72 dpi), and where its bottom
# margin starts (22 mm, templates/print/print.css): the running footer is drawn below it.
WIDTH, HEIGHT, FOOTER = 595, 842, 842 - 62


def pdftotext(data: bytes, tmp_path, *options: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def page_text(data: bytes, tmp_path) -> str:
    """What pdftotext reads above the bottom margin of every page: the text without the
    running footer."""
    return pdftotext(data, tmp_path, "-x", "0", "-y", "0", "-W", str(WIDTH), "-H", str(FOOTER))


def footers(data: bytes, tmp_path) -> list[str]:
    """What pdftotext reads in the bottom margin of each page, on one line, a line break's
    hyphen dropped (pdftotext joins a word cut at its hyphen)."""
    text = pdftotext(data, tmp_path, "-x", "0", "-y", str(FOOTER), "-W", str(WIDTH),
                     "-H", str(HEIGHT - FOOTER))
    return [" ".join(page.split()).replace("-", "") for page in text.split("\f") if page.strip()]


def words(text: str) -> list[str]:
    """The words of a text, without punctuation or case (CSS capitals the block-mark)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_is_served_inline_under_its_name(pdfs, lang):
    response = pdfs[lang]
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'inline; filename="{SLUG}-{lang}.pdf"'
    assert response.headers["Content-Language"] == lang
    assert response.data.startswith(b"%PDF-1.7")


@pytest.mark.parametrize("path", [
    f"/fr/{SLUG}/{SLUG}-en.pdf",  # the other language's name
    f"/fr/{SLUG}/{SLUG}.pdf",
    f"/fr/{SLUG}/autre-fr.pdf",
    "/fr/inconnu/inconnu-fr.pdf",
    f"/de/{SLUG}/{SLUG}-de.pdf",
])
def test_any_other_pdf_name_is_a_404(site, path):
    assert site.test_client().get(path).status_code == 404


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("check", CHECKS, ids=[check.name for check in CHECKS])
def test_the_pdf_passes_each_pdf_ua_check(pdfs, lang, check):
    passages = FRENCH_IN_ENGLISH if lang == "en" else ()
    problems = run_checks(pdfs[lang].data, Expected(lang, TITLES[lang], passages))
    assert problems[check.name] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_says_the_same_words_in_the_same_order_as_the_page(site, pdfs, lang, tmp_path):
    main = soup(site.test_client().get(f"/{lang}/{SLUG}/")).main
    for web_only in main.select(".announcement__download, .event__calendar"):
        web_only.decompose()  # links about the web page itself
    page, pdf = words(main.get_text(" ")), words(page_text(pdfs[lang].data, tmp_path))
    matcher = difflib.SequenceMatcher(None, page, pdf, autojunk=False)
    extra, missing = [], []
    for operation, a0, a1, b0, b1 in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            missing.append(" ".join(page[a0:a1]))
        if operation in ("insert", "replace"):
            extra.append(" ".join(pdf[b0:b1]))
    assert missing == []
    # Furniture only: the block-mark and service before, and the files' addresses printed
    # under their links.
    header = " ".join(words(f"République française Liberté, Égalité, Fraternité {PUBLISHER}"))
    assert extra[0] == header
    assert set(extra[1:]) <= {" ".join(words("https://annonces.example/static/dossier.pdf"))}


@pytest.mark.parametrize(("lang", "locale", "footer"), [
    ("fr", "fr_FR", "Document généré le {today} à partir de la page "
                    "https://annonces.example/fr/salondonnees/. Langue : Français. "
                    "Page {page} sur 2"),
    ("en", "en_GB", "Document generated on {today} from the page "
                    "https://annonces.example/en/salondonnees/. Language: English. "
                    "Page {page} of 2"),
])
def test_every_page_ends_with_the_origin_language_date_and_number(pdfs, tmp_path, lang, locale,
                                                                  footer):
    today = format_date(datetime.now(ZoneInfo("Europe/Paris")).date(), "long", locale=locale)
    assert footers(pdfs[lang].data, tmp_path) == [
        footer.format(today=today, page=page) for page in (1, 2)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_footer_is_furniture_that_a_screen_reader_does_not_read(pdfs, lang):
    with pikepdf.open(io.BytesIO(pdfs[lang].data)) as pdf:
        structure = comparable(" ".join(node.text for node in elements(pdf)))
    assert comparable("Atelier 12") in structure  # the second page's text is read...
    assert comparable("annonces.example/" + lang) not in structure  # ...not its footer
    assert comparable("1 of 2") not in structure and comparable("1 sur 2") not in structure


@pytest.mark.parametrize(("lang", "label", "unit"), [
    ("fr", "Télécharger le communiqué", "ko"), ("en", "Download the press release", "kB")])
def test_the_page_links_to_its_pdf_with_format_size_and_language(site, pdfs, lang, label, unit):
    page = soup(site.test_client().get(f"/{lang}/{SLUG}/"))
    link = page.select_one(".announcement__download a")
    size = round(len(pdfs[lang].data) / 1024)
    assert " ".join(link.get_text().split()) == f"{label} (PDF, {size} {unit})"
    assert link["href"] == f"/{lang}/{SLUG}/{SLUG}-{lang}.pdf"
    assert link["hreflang"] == lang
    assert link["type"] == "application/pdf"


def test_the_pdf_is_not_in_the_sitemap_which_keeps_its_namespace(site, pdfs):
    sitemap = site.test_client().get("/sitemap.xml").data
    assert b".pdf" not in sitemap
    # WeasyPrint's import takes ElementTree's empty prefix: the sitemap claims it back.
    assert b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in sitemap


def test_a_second_request_is_answered_from_the_page_cache_with_a_304(site, pdfs):
    client = site.test_client()
    etag = pdfs["fr"].headers["ETag"]
    again = client.get(f"/fr/{SLUG}/{SLUG}-fr.pdf", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag


def test_the_shipped_announcement_pdfs_are_small(client):
    for lang in ("fr", "en"):
        response = client.get(f"/{lang}/salon-du-numerique-2024/salon-du-numerique-2024-{lang}.pdf")
        assert response.status_code == 200
        assert len(response.data) <= 150 * 1024


def test_a_pdf_that_cannot_be_made_leaves_the_page_without_its_link(site, monkeypatch, caplog):
    from app.pdf import batch

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts on this machine")

    monkeypatch.setattr(batch, "render_pdf", broken)
    fresh = create_app({**site.config, "TESTING": True})
    response = fresh.test_client().get(f"/fr/{SLUG}/")
    assert response.status_code == 200
    assert soup(response).select_one(".announcement__download") is None
    assert f"the PDF of /fr/{SLUG}/ could not be made" in caplog.text
    assert fresh.test_client().get(f"/fr/{SLUG}/{SLUG}-fr.pdf").status_code == 500


def test_pdfs_are_kept_for_a_generation_of_the_site_bytes_for_the_recent_ones(site):
    from app.web.pdf import Documents

    built: list[str] = []

    def maker(name: str):
        return lambda: built.append(name) or name.encode() * 10

    documents = Documents(site.extensions["site"], recent=1)
    assert documents.get("fr", "a", maker("a")) == b"a" * 10
    assert documents.get("fr", "a", maker("a")) == b"a" * 10  # kept
    assert documents.size("en", "b", maker("b")) == 10  # made, and now the recent one
    assert documents.size("fr", "a", maker("a")) == 10  # its size is kept...
    documents.get("fr", "a", maker("a"))  # ...its bytes were not
    assert built == ["a", "b", "a"]
    site.extensions["site"].load()  # a reload: everything made before is stale
    documents.size("fr", "a", maker("a"))
    assert built == ["a", "b", "a", "a"]
