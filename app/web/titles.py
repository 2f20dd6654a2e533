"""Each page's title and description, in the current language (head, cards, feeds)."""

from __future__ import annotations

from app.site import PageKey
from app.translation.local_page import LocalizedPage
from app.web.i18n import gettext
from app.web.metadata import plain

SITE_NAME = "Annonces du numérique de l’État"


def page_title(key: PageKey, local: LocalizedPage | None) -> str:
    """An announcement's title, or the name of a page of the site."""
    if local is not None:
        return str(local.title.value)
    # Translators: page titles (browser tab, search results): the accessibility statement.
    titles = {"home": gettext(SITE_NAME), "statement": gettext("Déclaration d’accessibilité"),
              # Translators: page titles: the legal notice, then the sitemap.
              "legal": gettext("Mentions légales"), "sitemap": gettext("Plan du site")}
    return str(titles[key.kind].striptags())


def page_description(key: PageKey, local: LocalizedPage | None) -> str:
    """What a search result or a share shows under the title: each page its own."""
    if local is not None:
        return plain(local.chapeau_html) or local.title.value
    descriptions = {
        # Translators: description of the home page in search results and shares.
        "home": gettext("Communiqués, actualités et événements de l’État sur le numérique."),
        # Translators: description of the accessibility statement in search results and shares.
        "statement": gettext("Conformité de ce site au RGAA, contenus non accessibles, "
                             "contact et voies de recours."),
        # Translators: description of the legal notice in search results and shares.
        "legal": gettext("Éditeur et hébergeur du site, réutilisation des contenus, "
                         "données personnelles et cookies."),
        # Translators: description of the sitemap in search results and shares.
        "sitemap": gettext("Toutes les pages du site et toutes les annonces publiées."),
    }
    return descriptions[key.kind].striptags()


def error_description(code: int) -> str:
    """The description of an error page: what its text says."""
    if code == 404:
        # Translators: same text as on the error page (HTTP 404), also its description.
        return gettext("La page que vous cherchez n’existe pas ou a été déplacée. Vérifiez "
                       "l’adresse, ou repartez de l’accueil ou du plan du site.").striptags()
    if code < 500:
        # Translators: same text as on the error page of a refused request.
        return gettext("Ce site ne fait que se laisser lire : cette requête n’est pas "
                       "acceptée.").striptags()
    # Translators: same text as on the error page of a failure (HTTP 500).
    return gettext("Un problème empêche d’afficher cette page. Réessayez dans quelques "
                   "minutes ; s’il persiste, écrivez-nous.").striptags()
