"""Announcements: one content file into an `Announcement`, for every front-matter variant of the
State's Jekyll posts, and the problems of the broken ones."""

from __future__ import annotations

import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from app.content.front_matter import load_page
from app.content.model import Attachment, Contact, Event, Image
from app.content.places import PostalAddress, postal_address
from app.content.values import slug_from_filename
from tests.helpers import post, soup

ZONE = "Europe/Paris"
LIMIT = 2 * 1024 * 1024
NAME = "2024-04-04-annonce.md"
SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "dinum-press-release.md"


@pytest.fixture
def load(write_content, tmp_path, monkeypatch):
    """load(text, name=NAME) -> (Announcement | None, [problems]), paths as content/<name>."""
    monkeypatch.chdir(tmp_path)

    def load(text: str | bytes, name: str = NAME):
        folder = write_content({name: text})
        page, problems = load_page(folder / name, ZONE, LIMIT)
        return page, [str(problem) for problem in problems]

    return load


@pytest.fixture
def read(load):
    """read(front, title=..., date=...) -> the Announcement of a valid file, with no problem."""

    def read(front: str = "", **fields):
        page, problems = load(post(front=front, **fields))
        assert problems == []
        return page

    return read


def test_the_seed_post_reads_as_a_draft_with_its_folded_chapeau(load):
    page, problems = load(SEED.read_text(encoding="utf-8"), "2024-04-04-salon-2024.md")

    assert problems == []
    assert page.slug == "salon-2024"
    assert page.title == "VIVATECHNOLOGY 2024 : L’ÉTAT FRANÇAIS PRÉSENT MASSIVEMENT EN 2024"
    assert page.date.isoformat() == "2024-04-04T16:31:00+02:00"
    assert page.published is False
    assert page.chapeau.startswith("14 DIRECTIONS ENGAGÉES DANS LA TRANSFORMATION NUMÉRIQUE "
                                   "DE L’ÉTAT SUR UN STAND UNIQUE")
    assert "\n" not in page.chapeau
    assert page.body.lstrip().startswith("**Pour simplifier le quotidien")
    assert page.body_line == 9


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2024-04-04 16:31:00 +02:00", "2024-04-04T16:31:00+02:00"),
        ("2024-04-04 16:31:00 +0200", "2024-04-04T16:31:00+02:00"),
        ("2024-04-04T14:31:00Z", "2024-04-04T14:31:00+00:00"),
        ("2024-04-04T14:31:00.000Z", "2024-04-04T14:31:00+00:00"),
        ("2024-04-04 10:31:00 -04:00", "2024-04-04T10:31:00-04:00"),
        ("2024-04-04 16:31:00", "2024-04-04T16:31:00+02:00"),  # read in Europe/Paris
        ("2024-01-15 09:00", "2024-01-15T09:00:00+01:00"),  # winter time
        ("'2024-04-04 16:31:00 +02:00'", "2024-04-04T16:31:00+02:00"),
        ("2024-04-04", "2024-04-04"),
        ("2024-04-04   ", "2024-04-04"),  # trailing spaces
    ],
)
def test_a_date_is_read_with_its_offset_or_in_the_site_timezone(read, written, moment):
    assert read(date=written).date.isoformat() == moment


def test_a_missing_date_is_taken_from_the_file_name(load):
    page, problems = load(post(date=""), "2024-05-01-fete.md")

    assert problems == []
    assert page.date == date(2024, 5, 1)
    assert page.slug == "fete"


def test_a_missing_date_without_a_file_name_date_loads_undated_with_a_warning(load):
    page, problems = load(post(date=""), "fete.md")

    assert page is not None and page.date is None
    assert problems == ["content/fete.md:1: warning: date: missing, the post is listed as "
                        "undated after the dated ones (add date: YYYY-MM-DD HH:MM:SS +02:00)"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("2024-02-30-fete.md", 1, ["date: file name starts with an impossible date",
                                   "'2024-02-30'"]),
    ],
)
def test_an_impossible_file_name_date_is_an_error(load, name, line, words):
    page, problems = load(post(date=""), name)

    assert page is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{name}:{line}: ")
    for word in words:
        assert word in problems[0]


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("Un titre", "Un titre"),
        ("Un titre   ", "Un titre"),
        ("no", "no"),
        ("yes", "yes"),
        ("off", "off"),
        ("0123", "0123"),
        ("1.50", "1.50"),
        ("2024", "2024"),
        ("2024-04-04", "2024-04-04"),
        ("'L’État : 100 %'", "L’État : 100 %"),
        ("'Le numérique de l''État'", "Le numérique de l'État"),
        ('"Semaine&nbsp;: l’IA"', "Semaine\u00a0: l’IA"),
        ("Semaine&nbsp;du numérique", "Semaine\u00a0du numérique"),
        ("'Code &amp; données'", "Code & données"),
        ("Un titre\n  sur deux lignes", "Un titre sur deux lignes"),
        ("Emoji 🚀 et tabulation", "Emoji 🚀 et tabulation"),
    ],
)
def test_a_title_is_the_text_as_written(read, written, title):
    assert read(title=written).title == title


@pytest.mark.parametrize("written", ["", "''", "null", "~", "'   '"])
def test_an_empty_title_is_an_error_at_its_line(load, written):
    page, problems = load(post(title=written))

    assert page is None
    assert problems == [f"content/{NAME}:2: title: missing (add title: 'Your title')"]


def test_a_file_without_a_title_key_is_an_error_at_line_1(load):
    page, problems = load("---\ndate: 2024-04-04\n---\nCorps.\n")

    assert page is None
    assert problems == [f"content/{NAME}:1: title: missing (add title: 'Your title')"]


def test_decomposed_accents_in_the_front_matter_are_composed(read):
    page = read(title=unicodedata.normalize("NFD", "Été à Noël"),
                front=unicodedata.normalize("NFD", "auteur: Hélène Œuvré\n"))

    assert page.title == "Été à Noël"
    assert page.author == "Hélène Œuvré"


@pytest.mark.parametrize(
    ("front", "published"),
    [("", True), ("published: true", True), ("published: false", False),
     ("published: False", False), ("published:", True)],
)
def test_published_false_makes_a_draft_that_is_still_loaded(read, front, published):
    assert read(front=front).published is published


def test_published_must_be_true_or_false(load):
    page, problems = load(post(front="published: peut-être\n"))

    assert page is None
    assert problems == [f"content/{NAME}:4: published: expected true or false "
                        "(write published: true or published: false)"]


@pytest.mark.parametrize(
    ("front", "chapeau"),
    [
        pytest.param("chapeau-text: 14 DIRECTIONS ENGAGÉES SUR\n  UN STAND UNIQUE.   \n",
                     "14 DIRECTIONS ENGAGÉES SUR UN STAND UNIQUE.", id="plain multi-line"),
        pytest.param("chapeau-text: 'Le numérique de l''État\n  au service de tous.'\n",
                     "Le numérique de l'État au service de tous.", id="single-quoted"),
        pytest.param('chapeau-text: "Premier paragraphe.\\n\\nSecond paragraphe."\n',
                     "Premier paragraphe.\n\nSecond paragraphe.", id="double-quoted escapes"),
        pytest.param("chapeau-text: |-\n  Un **chapeau**  \n  sur deux lignes.\n\n  Second.\n",
                     "Un **chapeau** sur deux lignes.\n\nSecond.", id="literal block"),
        pytest.param("chapeau-text: >-\n  Un chapeau\n  replié.\n", "Un chapeau replié.",
                     id="folded block"),
        pytest.param("chapeau-text:\n", "", id="empty"),
    ],
)
def test_the_chapeau_is_markdown_with_soft_line_breaks_folded(read, front, chapeau):
    assert read(front=front).chapeau == chapeau


@pytest.mark.parametrize(
    ("front", "paragraphs", "strong"),
    [
        pytest.param('chapeau-text: "Premier.\\n\\nSecond **fort**."\n',
                     ["Premier.", "Second fort."], ["fort"], id="double-quoted escapes"),
        pytest.param("chapeau-text: |-\n  Un **chapeau**\n  replié.\n\n  Second.\n",
                     ["Un chapeau replié.", "Second."], ["chapeau"], id="literal block"),
    ],
)
def test_the_chapeau_shows_as_paragraphs_of_rendered_markdown(
        write_content, make_app, front, paragraphs, strong):
    folder = write_content({NAME: post(front=front)})

    chapeau = soup(make_app(folder).test_client().get("/fr/annonce/")).select_one(
        ".announcement__chapeau")

    assert [p.get_text() for p in chapeau.find_all("p")] == paragraphs
    assert [s.get_text() for s in chapeau.find_all("strong")] == strong


@pytest.mark.parametrize(
    ("front", "categories"),
    [
        ("categories:\n  - Presse\n  - Événement\n", ("Presse", "Événement")),
        ("categories: [Presse, Événement]\n", ("Presse", "Événement")),
        ("categorie: Communiqué de presse\n", ("Communiqué de presse",)),
        ("categories:\n", ()),
        ("", ()),
    ],
)
def test_categories_come_from_a_list_or_a_singular_categorie(read, front, categories):
    assert read(front=front).categories == categories


@pytest.mark.parametrize(
    ("front", "tags"),
    [("tags:\n  - IA\n  - cloud\n", ("IA", "cloud")), ("tags: [IA, 2024]\n", ("IA", "2024")),
     ("tags: IA\n", ("IA",)), ("tags:\n", ())],
)
def test_tags_are_read_as_texts(read, front, tags):
    assert read(front=front).tags == tags


def test_images_keep_their_alternative_and_caption_and_decorative_ones_have_no_alt(read):
    page = read(front=(
        "une-ou-diaporama:\n"
        "  - image: /img/stand.jpg\n"
        "    alternative-textuelle: Le stand de l’État\n"
        "    legende: Le stand **J59**\n"
        "  - image: /img/motif.png\n"
        "    alternative-textuelle: Image décorative\n"
        "  - image: /img/fond.png\n"
        "    alternative-textuelle: image décorative.\n"
        "une: /img/une.jpg\n"
    ))

    assert page.images == (
        Image("/img/stand.jpg", "Le stand de l’État", "Le stand **J59**", 5),
        Image("/img/motif.png", "", "", 8),
        Image("/img/fond.png", "", "", 10),
    )
    assert [image.decorative for image in page.images] == [False, True, True]


def test_legacy_image_keys_and_the_lead_image_show_when_no_slide_is_given(load):
    legacy, problems = load(post(front="image-mise-en-avant: img/ancienne.jpg\nune: /img/une.jpg"))
    assert [(image.src, image.alt, image.missing_alt) for image in legacy.images] == [
        ("/img/ancienne.jpg", "", True)]

    lead, problems = load(post(front="une:\n  image: /img/une.jpg\n"
                                     "  alternative-textuel: Le salon vu d’en haut\n"))
    assert [(image.src, image.alt, image.line) for image in lead.images] == [
        ("/img/une.jpg", "Le salon vu d’en haut", 4)]
    assert [p for p in problems if "une: written as a mapping" in p] != []


def test_the_legacy_event_date_gives_the_event(read):
    page = read(front="dateEvent: 2019-03-12\nlieu: Paris")
    assert (page.event.start.isoformat(), page.event.place) == ("2019-03-12", "Paris")


def test_a_decorative_image_shows_with_an_empty_alternative(write_content, make_app):
    folder = write_content({NAME: post(front=(
        "une-ou-diaporama:\n"
        "  - image: /img/motif.png\n"
        "    alternative-textuelle: Image décorative\n"
        "  - image: /img/stand.jpg\n"
        "    alternative-textuelle: Le stand de l’État\n"
    ))})

    images = soup(make_app(folder).test_client().get("/fr/annonce/")).select("figure img")

    assert [(img["src"], img["alt"]) for img in images] == [
        ("/img/motif.png", ""), ("/img/stand.jpg", "Le stand de l’État")]


def test_an_image_entry_without_image_is_left_out_with_a_warning_at_its_line(load):
    page, problems = load(post(front="une-ou-diaporama:\n  - legende: Sans image\n"))

    assert page is not None and page.images == ()
    assert problems == [f"content/{NAME}:5: warning: une-ou-diaporama: an entry has no image, "
                        "it is not shown (add image: path)"]


def test_files_come_from_a_list_with_labels_or_a_legacy_single_file(read):
    page = read(front=(
        "files:\n"
        "  - file: /files/dossier-de-presse.pdf\n"
        "    nom: Dossier de presse\n"
        "  - file: /files/programme.pdf\n"
        "file: /files/communique.pdf\n"
    ))

    assert page.files == (
        Attachment("/files/dossier-de-presse.pdf", "Dossier de presse", 5),
        Attachment("/files/programme.pdf", "programme.pdf", 7, labelled=False),
        Attachment("/files/communique.pdf", "communique.pdf", 8, labelled=False),
    )


@pytest.mark.parametrize(
    ("front", "contact"),
    [
        pytest.param("contact-presse:\n  name: Service presse\n  tel:\n    - 01 23 45 67 89\n"
                     "    - 06 12 34 56 78\n  email: presse@numerique.gouv.fr\n",
                     Contact("Service presse", ("01 23 45 67 89", "06 12 34 56 78"),
                             "presse@numerique.gouv.fr"), id="complete"),
        pytest.param("contact-presse:\n  name: Service presse\n  tel: 0123456789\n",
                     Contact("Service presse", ("0123456789",), ""), id="one phone as text"),
        pytest.param("contact-presse:\n", None, id="empty"),
        pytest.param("contact-presse:\n  name:\n  tel:\n  email:\n", None, id="empty entries"),
        pytest.param("", None, id="absent"),
    ],
)
def test_the_press_contact_is_read_and_an_empty_one_gives_no_contact(read, front, contact):
    assert read(front=front).contact == contact


@pytest.mark.parametrize(
    ("front", "author", "subtitle"),
    [
        ("auteur: DINUM\nsous-titre: Salon&nbsp;VivaTech  \n", "DINUM", "Salon\u00a0VivaTech"),
        ("auteur:\nsous-titre:\n", "", ""),
        ("auteur: ~\n", "", ""),
    ],
)
def test_author_and_subtitle_are_plain_texts_and_may_be_empty(read, front, author, subtitle):
    page = read(front=front)

    assert (page.author, page.subtitle) == (author, subtitle)


def test_an_event_has_its_dates_place_and_address(read):
    page = read(front=(
        "event_start_date: 2024-05-22 09:00:00 +02:00\n"
        "event_end_date: 2024-05-25\n"
        "lieu: Paris Expo Porte de Versailles\n"
        "adresse: 1 place de la Porte de Versailles, 75015 Paris\n"
    ))

    assert page.event.start.isoformat() == "2024-05-22T09:00:00+02:00"
    assert page.event == Event(page.event.start, date(2024, 5, 25),
                               "Paris Expo Porte de Versailles",
                               "1 place de la Porte de Versailles, 75015 Paris", "",
                               postal_address("1 place de la Porte de Versailles, 75015 Paris"))


def test_a_post_without_event_start_date_has_no_event(read):
    assert read(front="lieu: Paris\n").event is None


def test_an_event_ending_before_it_starts_is_an_error(load):
    page, problems = load(post(front="event_start_date: 2024-05-25\n"
                                     "event_end_date: 2024-05-22\n"))

    assert page is None
    assert problems == [f"content/{NAME}:5: event_end_date: before event_start_date "
                        "(swap or correct them)"]


def test_unknown_keys_are_kept_and_reported_as_warnings_at_their_line(load):
    page, problems = load(post(front="layout: post\nredirect_from:\n  - /ancien/\n"
                                     "archive: 2024-02-30\n"))

    assert page.unknown == {"layout": "post", "redirect_from": ["/ancien/"], "archive": None}
    assert problems == [
        f"content/{NAME}:{line}: warning: {key}: unknown key, kept but not used by the site "
        "(remove it, or ignore this warning)"
        for line, key in [(4, "layout"), (5, "redirect_from"), (7, "archive")]
    ]


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        pytest.param("date: 2024-02-30\n", 3,
                     "date: not a date ('2024-02-30'; write YYYY-MM-DD HH:MM:SS +02:00)",
                     id="impossible date"),
        pytest.param("date: le 4 avril\n", 3,
                     "date: not a date ('le 4 avril'; write YYYY-MM-DD HH:MM:SS +02:00)",
                     id="words"),
        pytest.param("date: 2024-04-04 25:00\n", 3,
                     "date: not a date ('2024-04-04 25:00'; write YYYY-MM-DD HH:MM:SS +02:00)",
                     id="impossible hour"),
        pytest.param("date: [2024-04-04]\n", 3,
                     "date: not a date (write YYYY-MM-DD HH:MM:SS +02:00)", id="list"),
    ],
)
def test_a_date_that_is_not_a_date_is_an_error_at_its_line(load, front, line, message):
    page, problems = load(post(date="", front=front))

    assert page is None
    assert problems == [f"content/{NAME}:{line}: {message}"]


def test_a_duplicated_key_is_an_error_naming_both_lines(load):
    page, problems = load(post(front="auteur: A\nauteur: B\n"))

    assert page is None
    assert problems == [f"content/{NAME}:5: auteur: written twice, first at line 4 (keep one)"]


@pytest.mark.parametrize(
    ("title", "front", "line", "message"),
    [
        ("[a, b]", "", 2, "title: expected text, found a list or a mapping"),
        ("T", "une-ou-diaporama: /img/a.png\n", 4,
         "une-ou-diaporama: expected a list of entries starting with '- '"),
        ("T", "files:\n  - /files/a.pdf\n", 5, "files: each entry must be 'name: value' lines"),
        ("T", "contact-presse: Jean Dupont\n", 4,
         "contact-presse: expected name, tel and email lines"),
    ],
)
def test_a_value_of_the_wrong_shape_is_an_error_at_its_line(load, title, front, line, message):
    page, problems = load(post(title=title, front=front))

    assert page is None
    assert problems[0].startswith(f"content/{NAME}:{line}: {message}")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("2024-05-01-L'État  <<numérique>> : été.md", "l-etat-numerique-ete"),
        ("2024-04-04-salon-2024.md", "salon-2024"),
        ("Semaine du numérique.md", "semaine-du-numerique"),
        ("2024-04-04-L’œuvre d’art.markdown", "l-oeuvre-d-art"),
        ("2024-04-04-Cœur de cible.md", "coeur-de-cible"),
        ("2024-04-04--Tirets---en  trop--.md", "tirets-en-trop"),
        ("2024-04-04-2024-04-05-deux-dates.md", "2024-04-05-deux-dates"),
    ],
)
def test_the_slug_is_derived_from_the_file_name(name, slug):
    assert slug_from_filename(Path(name)) == slug


def test_a_file_named_with_spaces_accents_and_symbols_gets_an_ascii_slug(load):
    page, problems = load(post(), "2024-05-01-L'État  <<numérique>> : été.md")

    assert problems == []
    assert page.slug == "l-etat-numerique-ete"


def test_a_slug_key_overrides_the_file_name(read):
    assert read(front="slug: salon-vivatech\n").slug == "salon-vivatech"


@pytest.mark.parametrize(
    ("name", "front", "line"),
    [("2024-04-04-annonce.md", "slug: Salon VivaTech\n", 4), ("2024-04-04-€.md", "", 1)],
)
def test_a_slug_that_is_not_lowercase_ascii_words_is_an_error(load, name, front, line):
    page, problems = load(post(front=front), name)

    assert page is None
    assert len(problems) == 1
    assert problems[0].startswith(f"content/{name}:{line}: slug: ")
    assert "is not lowercase ASCII words joined by hyphens" in problems[0]


def test_every_problem_of_a_file_is_reported_at_once(load):
    page, problems = load("---\ntitle:\ndate: 2024-02-30\npublished: peut-être\nfoo: 1\n---\n")

    assert page is None
    assert [problem.split(": ", 2)[:2] for problem in problems] == [
        [f"content/{NAME}:2", "title"],
        [f"content/{NAME}:3", "date"],
        [f"content/{NAME}:4", "published"],
        [f"content/{NAME}:5", "warning"],
    ]


def test_the_seed_loads_from_a_copy_in_a_content_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "content" / "2024-04-04-salon-2024.md"
    target.parent.mkdir()
    shutil.copy(SEED, target)

    page, problems = load_page(target, ZONE, LIMIT)

    assert problems == []
    assert page.path == "content/2024-04-04-salon-2024.md"


@pytest.mark.parametrize(("front", "line", "words"), [
    ("files:\n  - file: 'javascript:alert(1)'\n    nom: x\n", 5,
     "files: 'javascript:alert(1)' is not"),
    ("une-ou-diaporama:\n  - image: 'data:image/svg+xml,<svg onload=alert(1)>'\n"
     "    alternative-textuelle: x\n", 5, "une-ou-diaporama: image 'data:image/svg+xml"),
    ("file: ' JaVa\tScRiPt:alert(1)'\n", 4, "file: 'JaVa"),
])
def test_a_front_matter_address_that_could_run_code_is_refused(load, front, line, words):
    page, problems = load(post(front=front))
    assert page is None
    assert any(f":{line}: {words}" in problem for problem in problems), problems


def test_a_single_quoted_chapeau_keeps_its_paragraph_breaks(read):
    page = read("chapeau-text: 'Premier paragraphe.\\n\\nSecond paragraphe.'\n")
    assert page.chapeau == "Premier paragraphe.\n\nSecond paragraphe."


def test_each_entity_has_its_own_line(read):
    page = read("entites:\n  - DINUM\n  - ANSSI\n")
    assert page.entities == ("DINUM", "ANSSI")
    assert page.entity_lines == (5, 6)


def test_an_event_address_is_read_in_its_parts_and_free_entry_is_said(read):
    page = read(front=(
        "event_start_date: 2024-05-22\n"
        "lieu: Paris Expo Porte de Versailles\n"
        "adresse: 1 place de la Porte de Versailles, 75015 Paris\n"
        "gratuit: true\n"
        "last_modified_at: 2024-05-01 10:00:00 +02:00\n"
    ))

    assert page.event.postal == PostalAddress("1 place de la Porte de Versailles", "75015",
                                              "Paris", "FR")
    assert page.event.postal.line == "1 place de la Porte de Versailles, 75015 Paris"
    assert page.event.free is True
    assert page.updated.isoformat() == "2024-05-01T10:00:00+02:00"


@pytest.mark.parametrize(("written", "street", "code", "town"), [
    ("20 avenue de Ségur 75007 Paris", "20 avenue de Ségur", "75007", "Paris"),
    ("La grande Crypte 69 rue Boissière, 75016 PARIS", "La grande Crypte 69 rue Boissière",
     "75016", "PARIS"),
    ("2 rue Ordener, 59000 Lille, France", "2 rue Ordener", "59000", "Lille"),
])
def test_the_states_one_line_addresses_are_split(written, street, code, town):
    assert postal_address(written) == PostalAddress(street, code, town, "FR")


def test_an_address_without_postal_code_is_kept_whole_with_a_warning(load):
    page, problems = load(post(front="event_start_date: 2024-05-22\n"
                                     "adresse: quelque part à Paris\n"))

    assert page.event.address == "quelque part à Paris" and page.event.postal is None
    assert problems == [f"content/{NAME}:5: warning: adresse: no postal code and town in 'quelque "
                        "part à Paris' (write it as: 1 place de la Porte de Versailles, "
                        "75015 Paris)"]


def test_a_country_is_two_letters(load):
    page, problems = load(post(front="event_start_date: 2024-05-22\npays: France\n"))

    assert page is None
    assert problems == [f"content/{NAME}:5: pays: 'FRANCE' is not a two-letter country code "
                        "(write pays: FR)"]
