"""The English edition (www.ukrinform.net): boilerplate phrases.

Confirmed phrases are quoted in site-model.md §9.2-9.3 (the en-article page); the others are
variants the old templates or other pages may use.
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed, confirmed

CATALOGUE = Catalogue(
    language="en",
    citation_notice=(
        confirmed(
            "While citing and using any materials on the Internet, links to the website "
            "{DOMAIN} not lower than the first paragraph are mandatory."
        ),
        confirmed(
            "In addition, citing the translated materials of foreign media outlets is possible "
            "only if there is a link to the website {DOMAIN} and the website of a foreign media "
            "outlet."
        ),
    ),
    advertising_disclaimer=(
        confirmed(
            'Materials marked as "Advertisement" or with a disclaimer reading "The material has '
            'been posted in accordance with Part 3 of Article 9 of the Law of Ukraine "On '
            'Advertising" {NO} 270/96-{VR} of July 3, 1996 and the Law of Ukraine "On the Media" '
            '{NO} 2849-{LAW} of March 31, 2023 and on the basis of an agreement/invoice."'
        ),
    ),
    media_identifier=(
        confirmed("Online media entity; Media identifier - {MEDIA_ID}."),
        assumed("Media identifier - {MEDIA_ID}."),
    ),
    copyright=(confirmed("© 2015-{YEAR} Ukrinform. All rights reserved."),),
    publisher=(confirmed("Ukrinform"),),
    read_also=(confirmed("Read also:"), assumed("Also read:"), assumed("See also:")),
    photo_credit=(confirmed("Photo:"), assumed("Photos:")),
    byline=(assumed("Prepared by"), assumed("Written by")),
    conjunctions=("and",),
    search_form=(
        confirmed("Hide extended search"),
        confirmed("Extended search"),
        confirmed("By period:"),
        assumed("All rubrics"),
        assumed("Search"),
    ),
    promo=(assumed("Join our channels Telegram, Instagram{AND} YouTube."),),
)
