"""The Ukrainian edition (www.ukrinform.ua): boilerplate phrases.

Confirmed phrases are quoted in site-model.md §9.1 and §9.3 (two real pages); the others are
variants of them (spelling of "Всі"/"Усі", the notice's first sentence ending in a period).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed, confirmed

CATALOGUE = Catalogue(
    language="uk",
    citation_notice=(
        confirmed(
            "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових "
            "систем гіперпосилання не нижче першого абзацу на «{DOMAIN}» — обов’язкові,"
        ),
        assumed(
            "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових "
            "систем гіперпосилання не нижче першого абзацу на «{DOMAIN}» — обов’язкові."
        ),
        confirmed(
            "крім того, цитування перекладів матеріалів іноземних ЗМІ можливе лише за умови "
            "гіперпосилання на сайт {DOMAIN} та на сайт іноземного ЗМІ."
        ),
        confirmed(
            "Цитування і використання матеріалів у офлайн-медіа, мобільних додатках, SmartTV "
            'можливе лише з письмової згоди "{DOMAIN}".'
        ),
    ),
    advertising_disclaimer=(
        confirmed(
            "Матеріали з позначкою «Реклама» або з дисклеймером: “Матеріал розміщено згідно з "
            "частиною 3 статті 9 Закону України “Про рекламу” {NO} 270/96-{VR} від 03.07.1996 та "
            "Закону України “Про медіа” {NO} 2849-{LAW} від 31.03.2023 та на підставі "
            "Договору/рахунка.”"
        ),
    ),
    media_identifier=(
        confirmed("Cуб'єкт у сфері онлайн-медіа; ідентифікатор медіа - {MEDIA_ID}."),
        assumed("ідентифікатор медіа - {MEDIA_ID}."),
    ),
    copyright=(
        confirmed("© 2015-{YEAR} Укрінформ. Усі права застережені."),
        assumed("© 2015-{YEAR} Укрінформ. Усі права захищені."),
        assumed("© 2015-{YEAR} Укрінформ. Всі права застережені."),
        assumed("© 2015-{YEAR} Укрінформ. Всі права захищені."),
        assumed("© 2015-{YEAR} Ukrinform. Усі права застережені."),
    ),
    publisher=(confirmed("Укрінформ"),),
    read_also=(confirmed("Читайте також:"), assumed("Дивіться також:")),
    photo_credit=(confirmed("Фото:"),),
    byline=(confirmed("Підготувала"), assumed("Підготував"), assumed("Підготували")),
    conjunctions=("та", "і", "й"),
    search_form=(
        confirmed("Приховати розширений пошук"),
        confirmed("Розширений пошук"),
        confirmed("За період:"),
        confirmed("Всi рубрики"),
        confirmed("Пошук"),
    ),
    promo=(confirmed("Приєднуйтесь до наших каналів Telegram, Instagram{AND} YouTube."),),
)
