"""The Polish edition (www.ukrinform.pl): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="pl",
    citation_notice=(
        assumed(
            "Przy cytowaniu i wykorzystywaniu jakichkolwiek materiałów w Internecie "
            "obowiązkowe jest podanie linku do strony {DOMAIN} nie niżej niż w pierwszym "
            "akapicie."
        ),
        assumed(
            "Ponadto cytowanie przetłumaczonych materiałów zagranicznych mediów jest możliwe "
            "tylko pod warunkiem podania linku do strony {DOMAIN} i strony zagranicznego "
            "medium."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "Materiały oznaczone jako „Reklama” lub z zastrzeżeniem „Materiał został "
            "opublikowany zgodnie z częścią 3 artykułu 9 ustawy Ukrainy „O reklamie” nr "
            "270/96-WR z dnia 3 lipca 1996 r. oraz ustawy Ukrainy „O mediach” nr 2849-IX z "
            "dnia 31 marca 2023 r. i na podstawie umowy/faktury."
        ),
    ),
    media_identifier=(
        assumed("Podmiot w sferze mediów internetowych; identyfikator medium - {MEDIA_ID}."),
    ),
    copyright=(assumed("© 2015-{YEAR} Ukrinform. Wszelkie prawa zastrzeżone."),),
    publisher=(assumed("Ukrinform"),),
    read_also=(assumed("Czytaj także:"),),
    photo_credit=(
        assumed("Zdjęcie:"),
        assumed("Fot."),
        assumed("Foto:"),
    ),
    byline=(
        assumed("Opracował"),
        assumed("Opracowała"),
    ),
    conjunctions=("i",),
    search_form=(
        assumed("Ukryj wyszukiwanie zaawansowane"),
        assumed("Wyszukiwanie zaawansowane"),
        assumed("Za okres:"),
        assumed("Wszystkie rubryki"),
        assumed("Szukaj"),
    ),
    promo=(assumed("Dołącz do naszych kanałów Telegram, Instagram i YouTube."),),
)
