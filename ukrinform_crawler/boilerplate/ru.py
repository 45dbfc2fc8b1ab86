"""The Russian edition (www.ukrinform.ru): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="ru",
    citation_notice=(
        assumed(
            "При цитировании и использовании каких-либо материалов в Интернете открытые для "
            "поисковых систем гиперссылки не ниже первого абзаца на «{DOMAIN}» — обязательны, "
            "кроме того, цитирование переводов материалов иностранных СМИ возможно только при "
            "условии гиперссылки на сайт {DOMAIN} и на сайт иностранного СМИ."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "Материалы с пометкой «Реклама» или с дисклеймером: “Материал размещен согласно "
            "части 3 статьи 9 Закона Украины “О рекламе” № 270/96-ВР от 03.07.1996 и Закона "
            "Украины “О медиа” № 2849-IX от 31.03.2023 и на основании Договора/счета."
        ),
    ),
    media_identifier=(assumed("Субъект в сфере онлайн-медиа; идентификатор медиа - {MEDIA_ID}."),),
    copyright=(assumed("© 2015-{YEAR} Укринформ. Все права защищены."),),
    publisher=(assumed("Укринформ"),),
    read_also=(assumed("Читайте также:"),),
    photo_credit=(assumed("Фото:"),),
    byline=(
        assumed("Подготовил"),
        assumed("Подготовила"),
    ),
    conjunctions=("и",),
    search_form=(
        assumed("Скрыть расширенный поиск"),
        assumed("Расширенный поиск"),
        assumed("За период:"),
        assumed("Все рубрики"),
        assumed("Поиск"),
    ),
    promo=(assumed("Присоединяйтесь к нашим каналам Telegram, Instagram и YouTube."),),
)
