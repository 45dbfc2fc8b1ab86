"""The French edition (www.ukrinform.fr): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="fr",
    citation_notice=(
        assumed(
            "Lors de la citation et de l’utilisation de tout matériel sur Internet, un lien "
            "vers le site {DOMAIN} au plus bas dans le premier paragraphe est obligatoire."
        ),
        assumed(
            "En outre, la citation de documents traduits de médias étrangers n’est possible "
            "qu’avec un lien vers le site {DOMAIN} et vers le site du média étranger."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "Les documents marqués «\xa0Publicité\xa0» ou accompagnés de la mention «\xa0Le "
            "document a été publié conformément à la partie 3 de l’article 9 de la loi "
            "ukrainienne «\xa0Sur la publicité\xa0» n° 270/96-VR du 3 juillet 1996 et de la "
            "loi ukrainienne «\xa0Sur les médias\xa0» n° 2849-IX du 31 mars 2023 et sur la "
            "base d’un contrat/d’une facture."
        ),
    ),
    media_identifier=(
        assumed("Entité de médias en ligne\xa0; identifiant de média - {MEDIA_ID}."),
    ),
    copyright=(assumed("© 2015-{YEAR} Ukrinform. Tous droits réservés."),),
    publisher=(assumed("Ukrinform"),),
    read_also=(assumed("Lire aussi\xa0:"),),
    photo_credit=(assumed("Photo\xa0:"),),
    byline=(assumed("Préparé par"),),
    conjunctions=("et",),
    search_form=(
        assumed("Masquer la recherche avancée"),
        assumed("Recherche avancée"),
        assumed("Par période\xa0:"),
        assumed("Toutes les rubriques"),
        assumed("Rechercher"),
    ),
    promo=(assumed("Rejoignez nos chaînes Telegram, Instagram et YouTube."),),
)
