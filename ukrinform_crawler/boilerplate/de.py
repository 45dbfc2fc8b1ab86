"""The German edition (www.ukrinform.de): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="de",
    citation_notice=(
        assumed(
            "Bei der Zitierung und Verwendung von Materialien im Internet ist ein Link auf die "
            "Website {DOMAIN} nicht tiefer als im ersten Absatz obligatorisch."
        ),
        assumed(
            "Die Zitierung übersetzter Materialien ausländischer Medien ist nur mit einem Link "
            "auf die Website {DOMAIN} und die Website des ausländischen Mediums möglich."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "Materialien mit der Kennzeichnung „Werbung“ oder mit dem Hinweis „Das Material "
            "wurde gemäß Teil 3 des Artikels 9 des Gesetzes der Ukraine „Über Werbung“ Nr. "
            "270/96-WR vom 3. Juli 1996 und des Gesetzes der Ukraine „Über Medien“ Nr. 2849-IX "
            "vom 31. März 2023 und auf der Grundlage eines Vertrags/einer Rechnung "
            "veröffentlicht."
        ),
    ),
    media_identifier=(assumed("Online-Medium; Medienkennung - {MEDIA_ID}."),),
    copyright=(assumed("© 2015-{YEAR} Ukrinform. Alle Rechte vorbehalten."),),
    publisher=(assumed("Ukrinform"),),
    read_also=(assumed("Lesen Sie auch:"),),
    photo_credit=(assumed("Foto:"),),
    byline=(assumed("Vorbereitet von"),),
    conjunctions=("und",),
    search_form=(
        assumed("Erweiterte Suche ausblenden"),
        assumed("Erweiterte Suche"),
        assumed("Zeitraum:"),
        assumed("Alle Rubriken"),
        assumed("Suche"),
    ),
    promo=(assumed("Abonnieren Sie unsere Kanäle Telegram, Instagram und YouTube."),),
)
