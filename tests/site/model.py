# Ukrainian text is content here, so Cyrillic look-alikes are intended.
"""Site facts the replica shares between its corpus and its renderer: editions, rubrics, strings.

Ukrainian strings are copied from the real ukrinform.ua pages (including the Latin ``c`` in
``Суcпільcтво``/``Діаcпора`` and the Latin ``i`` in ``Всi``); English strings follow the shared
conventions of the project.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """The feed form of a text field: invisible characters dropped, whitespace collapsed, NFC."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").translate(INVISIBLE)
    return unicodedata.normalize("NFC", SPACES.sub(" ", text).strip())


@dataclass(frozen=True)
class Rubric:
    """One rubric: URL slug, display name, search-form ``rubric_id``, menu membership."""

    slug: str
    name: str
    rubric_id: int
    weight: int
    in_menu: bool = True


@dataclass(frozen=True)
class Edition:
    """Everything that differs between the English and the Ukrainian replica."""

    code: str
    host: str
    lang: str
    rubrics: tuple[Rubric, ...]
    strings: dict[str, str]
    tags: tuple[tuple[str, str], ...]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    top_id: int
    chrome_replacements: tuple[tuple[str, str], ...] = field(default=())

    @property
    def origin(self) -> str:
        return f"https://{self.host}"

    def rubric(self, slug: str) -> Rubric | None:
        return next((rubric for rubric in self.rubrics if rubric.slug == slug), None)


UK_STRINGS = {
    "site_title": "Укрінформ - актуальні новини України та світу",
    "publisher": "Укрінформ",
    "description_suffix": " — Укрінформ.",
    "read_also": "Читайте також: ",
    "photo": "Фото: ",
    "latest": "Актуально",
    "exclusive": "Ексклюзив",
    "statement": "Заява",
    "all_rubrics": "Всi рубрики",
    "promo": "Приєднуйтесь до наших каналів",
    "promo_and": "та",
    "notice": (
        "При цитуванні і використанні будь-яких матеріалів в Інтернеті відкриті для пошукових "
        "систем гіперпосилання не нижче першого абзацу на «ukrinform.ua» — обов’язкові, крім "
        "того, цитування перекладів матеріалів іноземних ЗМІ можливе лише за умови гіперпосилання "
        "на сайт ukrinform.ua та на сайт іноземного ЗМІ. Цитування і використання матеріалів у "
        "офлайн-медіа, мобільних додатках, SmartTV можливе лише з письмової згоди "
        "&quot;ukrinform.ua&quot;. Матеріали з позначкою «Реклама» або з дисклеймером: “Матеріал "
        "розміщено згідно з частиною 3 статті 9 Закону України “Про рекламу” № 270/96-ВР від "
        "03.07.1996 та Закону України “Про медіа” № 2849-IX від 31.03.2023 та на підставі "
        "Договору/рахунка."
    ),
    "media_id": "Cуб&#039;єкт у сфері онлайн-медіа; ідентифікатор медіа - R40-01421.",
    "copyright": "© 2015-{year} Укрінформ. Усі права застережені.",
    "extended_search": "Розширений пошук",
    "hide_search": "Приховати розширений пошук",
    "by_period": "За період:",
    "search": "Пошук",
    "not_found": "Сторінку не знайдено",
    "expired": "Термін дії сторінки минув",
    "lastnews": "Останні новини",
    "search_results": "Результати пошуку",
    "tag": "Тег",
    "next": "Наступна",
    "prev": "Попередня",
    "reports": "Як передає Укрінформ",
    "reported": "Як повідомляв Укрінформ",
    "byline": "Підготувала",
    "byline_m": "Підготував",
    "city": "Київ",
}

EN_STRINGS = {
    "site_title": "Ukrinform - latest news of Ukraine and the world",
    "publisher": "Ukrinform",
    "description_suffix": " — Ukrinform.",
    "read_also": "Read also: ",
    "photo": "Photo: ",
    "latest": "Latest",
    "exclusive": "Exclusive",
    "statement": "Exclusive",
    "all_rubrics": "All topics",
    "promo": "Join our channels",
    "promo_and": "and",
    "notice": (
        "While citing and using any materials on the Internet, links to the website ukrinform.net "
        "not lower than the first paragraph are mandatory. In addition, citing the translated "
        "materials of foreign media outlets is possible only if there is a link to the website "
        "ukrinform.net and the website of a foreign media outlet. Materials marked as "
        "&quot;Advertisement&quot; or with a disclaimer reading &quot;The material has been "
        "posted in accordance with Part 3 of Article 9 of the Law of Ukraine &quot;On "
        "Advertising&quot; No. 270/96-VR of July 3, 1996 and the Law of Ukraine &quot;On the "
        "Media&quot; No. 2849-\u0425 of March 31, 2023 and on the basis of an agreement/invoice."
    ),
    "media_id": "Online media entity; Media identifier - R40-01421.",
    "copyright": "© 2015-{year} Ukrinform. All rights reserved.",
    "extended_search": "Extended search",
    "hide_search": "Hide extended search",
    "by_period": "By period:",
    "search": "Search",
    "not_found": "Page not found",
    "expired": "Page Expired",
    "lastnews": "Latest news",
    "search_results": "Search results",
    "tag": "Tag",
    "next": "Next",
    "prev": "Previous",
    "reports": "Ukrinform reports",
    "reported": "As Ukrinform reported earlier",
    "byline": "Prepared by",
    "byline_m": "Prepared by",
    "city": "Kyiv",
}

UK_RUBRICS = (
    Rubric("ato", "Війна", 24, 52),
    Rubric("vidbudova", "Відбудова", 32, 6),
    Rubric("polytics", "Політика", 13, 23),
    Rubric("economy", "Економіка", 7, 28),
    Rubric("factcheck", "Фактчеки", 33, 2),
    Rubric("world", "Світ", 23, 43),
    Rubric("regions", "Регіони", 16, 42),
    Rubric("society", "Суcпільcтво", 18, 23),
    Rubric("culture", "Культура", 3, 10),
    Rubric("diaspora", "Діаcпора", 5, 6),
    Rubric("sports", "Спорт", 19, 25),
    Rubric("other_news", "Інші новини", 41, 33, in_menu=False),
    Rubric("kyiv", "Київ", 42, 7, in_menu=False),
    Rubric("technology", "Технології", 43, 6, in_menu=False),
)

EN_RUBRICS = (
    Rubric("ato", "War", 24, 50),
    Rubric("vidbudova", "Reconstruction", 32, 6),
    Rubric("polytics", "Politics", 13, 30),
    Rubric("economy", "Economy", 7, 25),
    Rubric("world", "World", 23, 20),
    Rubric("regions", "Regions", 16, 15),
    Rubric("society", "Society and Culture", 18, 15),
    Rubric("sports", "Sports", 19, 10),
    Rubric("defense", "Defense", 44, 8),
    Rubric("crime", "Crime", 45, 5),
    Rubric("emergencies", "Accidents and Emergencies", 46, 5),
)

UK_TAGS = (
    ("obse", "ОБСЄ"),
    ("obstril", "Обстріл"),
    ("vijna", "Війна"),
    ("vijna-z-rosieu", "Війна з Росією"),
    ("zelenskij", "Зеленський"),
    ("es", "ЄС"),
    ("nato", "НАТО"),
    ("droni", "Дрони"),
    ("energetika", "Енергетика"),
    ("sankcii", "Санкції"),
    ("ppo", "ППО"),
    ("kiiv", "Київ"),
    ("harkiv", "Харків"),
    ("odesa", "Одеса"),
    ("vidbudova", "Відбудова"),
    ("eksport", "Експорт"),
)

EN_TAGS = (
    ("osce", "OSCE"),
    ("shelling", "shelling"),
    ("war", "war"),
    ("russian-aggression", "Russian aggression"),
    ("zelensky", "Zelensky"),
    ("eu", "EU"),
    ("nato", "NATO"),
    ("drones", "drones"),
    ("energy", "energy"),
    ("sanctions", "sanctions"),
    ("air-defense", "air defense"),
    ("kyiv", "Kyiv"),
    ("kharkiv", "Kharkiv"),
    ("odesa", "Odesa"),
    ("reconstruction", "reconstruction"),
    ("exports", "exports"),
)

UK_MONTHS_GEN = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UK_WEEKDAYS = ("понеділок", "вівторок", "середа", "четвер", "п’ятниця", "субота", "неділя")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EN_CHROME = (
    ('<option value="0">Всi рубрики</option>', '<option value="0">All topics</option>'),
    ("Укрінформ - актуальні новини України та світу", EN_STRINGS["site_title"]),
    ("Засновано у 1918 році", "Founded in 1918"),
    (">Послуги</a>", ">Services</a>"),
    (">Фотобанк</a>", ">Photobank</a>"),
    (">Пресцентр</a>", ">Press center</a>"),
    (">Анонси</a>", ">Announcements</a>"),
    ("Більше ☰", "More ☰"),
    ('title="Контакти">Контакти</a>', 'title="Contacts">Contacts</a>'),
    ('placeholder="Пошук" aria-label="Пошук"', 'placeholder="Search" aria-label="Search"'),
    ('placeholder="Пошук"', 'placeholder="Search"'),
    ("            Укр\n        </span>", "            Eng\n        </span>"),
    ("                        Всi рубрики\n", "                        Topics\n"),
    ("                        Агентство\n", "                        Agency\n"),
    ("                        Додатково\n", "                        Additionally\n"),
    ("                        Послуги\n", "                        Services\n"),
    ("<p>Рубрики</p>", "<p>Topics</p>"),
    ("<p>Агентство</p>", "<p>Agency</p>"),
    ("> Про нас <", "> About us <"),
    ("> Контакти <", "> Contacts <"),
    ("> Передплата <", "> Subscription <"),
    ("> Послуги <", "> Services <"),
    ("> Правила користування <", "> Terms of use <"),
    ("> Тендери <", "> Tenders <"),
    ("> Запобігання та протидія корупції <", "> Anti-corruption <"),
    (
        "> Політика конфіденційності та захисту персональних даних  <",
        "> Privacy policy  <",
    ),
    ("> ЗВІТИ <", "> REPORTS <"),
    ("> РЕДАКЦІЙНИЙ КОДЕКС <", "> EDITORIAL CODE <"),
    ("> Розсилки <", "> Newsletters <"),
    ('Тематичні та новинні розсилки Укрінформу">Розсилки', 'Ukrinform newsletters">Newsletters'),
    ("Подкасти<", "Podcasts<"),
    ("Публікації<", "Publications<"),
    ("Інтерв&#039;ю<", "Interviews<"),
    ("> Подкасти <", "> Podcasts <"),
    ("> Публікації <", "> Publications <"),
    ("> Інтерв&#039;ю <", "> Interviews <"),
    ("> Фото <", "> Photo <"),
    ("> Відео <", "> Video <"),
    ("> Блоги <", "> Blogs <"),
    ("> Інфографіка <", "> Infographics <"),
    ("> Лонгріди <", "> Longreads <"),
    ("> Новини партнерів <", "> Partner news <"),
    ("> Конференції <", "> Conferences <"),
    ("> Офіційні документи <", "> Official documents <"),
    ("> Релізи <", "> Releases <"),
    (">Фото<", ">Photo<"),
    (">Відео<", ">Video<"),
    (">Блоги<", ">Blogs<"),
    (">Інфографіка<", ">Infographics<"),
    (">Лонгріди<", ">Longreads<"),
    (">Новини партнерів<", ">Partner news<"),
    (">Конференції<", ">Conferences<"),
    (">Офіційні документи<", ">Official documents<"),
    (">Релізи<", ">Releases<"),
    (
        '<li><a href="/info/contacts.html">Контакти</a></li>',
        '<li><a href="/info/contacts.html">Contacts</a></li>',
    ),
    ('class="moreLink" href="#">Більше</a>', 'class="moreLink" href="#">More</a>'),
    ('"/block-lastnews">більше новин</a>', '"/block-lastnews">more news</a>'),
    (UK_STRINGS["notice"], EN_STRINGS["notice"]),
    (UK_STRINGS["media_id"], EN_STRINGS["media_id"]),
    ("Укрінформ. Усі права застережені.", "Ukrinform. All rights reserved."),
    ("Розширений пошук", EN_STRINGS["extended_search"]),
    ("Приховати розширений пошук", EN_STRINGS["hide_search"]),
    ("За період:", EN_STRINGS["by_period"]),
    (
        "Ми використовуємо файли cookie. Продовжуючи перегляд сайту, Ви приймаєте нашу",
        "We use cookies. By continuing to browse the site, you accept our",
    ),
    (
        "Політику конфіденційності та захисту персональних даних</a>.",
        "Privacy Policy</a>.",
    ),
    (">Прийняти<", ">Accept<"),
    ("\nПриєднуйтесь до наших каналів ", "\nJoin our channels "),
    ("Instagram</a> та <a", "Instagram</a> and <a"),
    ("щоб центрувалось", "center"),
)

EDITIONS: dict[str, Edition] = {
    "uk": Edition(
        code="uk",
        host="www.ukrinform.ua",
        lang="uk",
        rubrics=UK_RUBRICS,
        strings=UK_STRINGS,
        tags=UK_TAGS,
        months=UK_MONTHS_GEN,
        weekdays=UK_WEEKDAYS,
        top_id=4_180_007,
    ),
    "en": Edition(
        code="en",
        host="www.ukrinform.net",
        lang="en",
        rubrics=EN_RUBRICS,
        strings=EN_STRINGS,
        tags=EN_TAGS,
        months=EN_MONTHS,
        weekdays=EN_WEEKDAYS,
        top_id=4_180_000,
        chrome_replacements=EN_CHROME,
    ),
}


def kyiv_iso(moment: datetime) -> str:
    """``2025-10-05T17:57:00+03:00``: seconds precision, the Kyiv offset of that instant."""
    return moment.astimezone(KYIV).isoformat(timespec="seconds")


def kyiv_raw(moment: datetime) -> str:
    """``05.10.2025 17:57``: the article page's visible date."""
    return moment.astimezone(KYIV).strftime("%d.%m.%Y %H:%M")


def rfc822(moment: datetime) -> str:
    """RSS ``pubDate`` with the Kyiv offset, e.g. ``Sun, 05 Oct 2025 17:57:00 +0300``."""
    local = moment.astimezone(KYIV)
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return (
        f"{days[local.weekday()]}, {local.day:02d} {months[local.month - 1]} {local.year} "
        f"{local:%H:%M:%S} {local:%z}"
    )


UK_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ж": "z",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "ш": "s", "щ": "s", "ь": "", "ю": "u", "я": "a", "'": "", "’": "",
}  # fmt: skip


def slugify(title: str, edition: str) -> str:
    """Site slug: Ukrainian transliterated (site-model §2.1), English with punctuation deleted."""
    text = clean_text(title).lower()
    if edition == "uk":
        text = "".join(UK_TRANSLIT.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if char.isascii() and (char.isalnum() or char == " "))
    return "-".join(text.split())
