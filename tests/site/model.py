# Ukrainian text is content here, so Cyrillic look-alikes are intended.
"""Site facts the replica shares between its corpus and its renderer: editions, rubrics, strings.

Ukrainian strings are copied from the real ukrinform.ua pages (including the Latin ``c`` in
``Суcпільcтво``/``Діаcпора`` and the Latin ``i`` in ``Всi``); English strings follow the shared
conventions of the project. The phrases of the other editions (labels, credit prefixes, footer,
search form, promo, "as Ukrinform reports") are the standard translations of the shared phrase
table, copied character for character, since the boilerplate catalogues of the crawler are built
from the same table; their menu and banner words (``*_TERMS``) are the replica's own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
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
    """Everything that differs between the editions of the replica."""

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
    rtl: bool = False
    """Written right to left: ``<html dir="rtl">``."""
    header_date: str = "{weekday}, {day} {month} {year}, {time}"
    """The render-time date in the page header."""
    listing_date: str = "{day} {month} {year}"
    """The date of a listing item."""

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
    "promo_line": "Приєднуйтесь до наших каналів Telegram, Instagram та YouTube.",
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
    "promo_line": "Join our channels Telegram, Instagram and YouTube.",
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

CHANNELS = {
    "Telegram": "https://t.me/ukrinform_news",
    "Instagram": "https://www.instagram.com/ukrinform/",
    "YouTube": "https://www.youtube.com/c/UkrinformTV",
}
_CHANNEL = re.compile("|".join(CHANNELS))


def promo_html(line: str, style: str = "") -> str:
    """The Telegram/Instagram/YouTube promo line with the channel names linked."""
    return _CHANNEL.sub(
        lambda match: f'<a href="{CHANNELS[match[0]]}" target="_blank"{style}>{match[0]}</a>', line
    )


def chrome_replacements(
    terms: dict[str, str], strings: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """How an edition translates the Ukrainian chrome of the template: (old, new) pairs.

    ``strings`` gives the edition's phrases (site title, footer, search form, promo), ``terms``
    its menu, banner and cookie words.
    """
    t, s = terms, strings
    blocks = (
        "podcasts", "publications", "interviews", "photo", "video", "blogs", "infographics",
        "longreads", "partner_news", "conferences", "official_documents", "releases",
    )  # fmt: skip
    uk_blocks = dict(zip(blocks, UK_BLOCKS, strict=True))
    red = ' style="color:red;"'
    return (
        (
            '<option value="0">Всi рубрики</option>',
            f'<option value="0">{s["all_rubrics"]}</option>',
        ),
        (UK_STRINGS["site_title"], s["site_title"]),
        ("Засновано у 1918 році", t["founded"]),
        (">Послуги</a>", f">{t['services']}</a>"),
        (">Фотобанк</a>", f">{t['photobank']}</a>"),
        (">Пресцентр</a>", f">{t['press_center']}</a>"),
        (">Анонси</a>", f">{t['announcements']}</a>"),
        ("Більше ☰", f"{t['more']} ☰"),
        ('title="Контакти">Контакти</a>', f'title="{t["contacts"]}">{t["contacts"]}</a>'),
        (
            'placeholder="Пошук" aria-label="Пошук"',
            f'placeholder="{s["search"]}" aria-label="{s["search"]}"',
        ),
        ('placeholder="Пошук"', f'placeholder="{s["search"]}"'),
        ("            Укр\n        </span>", f"            {t['lang_label']}\n        </span>"),
        ("                        Всi рубрики\n", f"                        {t['topics']}\n"),
        ("                        Агентство\n", f"                        {t['agency']}\n"),
        ("                        Додатково\n", f"                        {t['additionally']}\n"),
        ("                        Послуги\n", f"                        {t['services']}\n"),
        ("<p>Рубрики</p>", f"<p>{t['topics']}</p>"),
        ("<p>Агентство</p>", f"<p>{t['agency']}</p>"),
        ("> Про нас <", f"> {t['about']} <"),
        ("> Контакти <", f"> {t['contacts']} <"),
        ("> Передплата <", f"> {t['subscription']} <"),
        ("> Послуги <", f"> {t['services']} <"),
        ("> Правила користування <", f"> {t['terms']} <"),
        ("> Тендери <", f"> {t['tenders']} <"),
        ("> Запобігання та протидія корупції <", f"> {t['anticorruption']} <"),
        (
            "> Політика конфіденційності та захисту персональних даних  <",
            f"> {t['privacy_menu']}  <",
        ),
        ("> ЗВІТИ <", f"> {t['reports_menu']} <"),
        ("> РЕДАКЦІЙНИЙ КОДЕКС <", f"> {t['code']} <"),
        ("> Розсилки <", f"> {t['newsletters']} <"),
        (
            'Тематичні та новинні розсилки Укрінформу">Розсилки',
            f'{t["newsletters_title"]}">{t["newsletters"]}',
        ),
        *((f"{uk_blocks[key]}<", f"{t[key]}<") for key in blocks[:3]),
        *((f"> {uk_blocks[key]} <", f"> {t[key]} <") for key in blocks),
        *((f">{uk_blocks[key]}<", f">{t[key]}<") for key in blocks[3:]),
        (
            '<li><a href="/info/contacts.html">Контакти</a></li>',
            f'<li><a href="/info/contacts.html">{t["contacts"]}</a></li>',
        ),
        ('class="moreLink" href="#">Більше</a>', f'class="moreLink" href="#">{t["more"]}</a>'),
        ('"/block-lastnews">більше новин</a>', f'"/block-lastnews">{t["more_news"]}</a>'),
        (UK_STRINGS["notice"], s["notice"]),
        (UK_STRINGS["media_id"], s["media_id"]),
        ("Укрінформ. Усі права застережені.", s["copyright"].split("{year} ", 1)[1]),
        ("Розширений пошук", s["extended_search"]),
        ("Приховати розширений пошук", s["hide_search"]),
        ("За період:", s["by_period"]),
        (
            "Ми використовуємо файли cookie. Продовжуючи перегляд сайту, Ви приймаєте нашу",
            t["cookie"],
        ),
        (
            "Політику конфіденційності та захисту персональних даних</a>.",
            f"{t['privacy_policy']}</a>{t.get('cookie_end', '.')}",
        ),
        (">Прийняти<", f">{t['accept']}<"),
        (promo_html(UK_STRINGS["promo_line"], red), promo_html(s["promo_line"], red)),
        ("щоб центрувалось", "center"),
    )


UK_BLOCKS = (
    "Подкасти", "Публікації", "Інтерв&#039;ю", "Фото", "Відео", "Блоги", "Інфографіка",
    "Лонгріди", "Новини партнерів", "Конференції", "Офіційні документи", "Релізи",
)  # fmt: skip
"""The names of the site's blocks in the Ukrainian menus, in menu order."""

EN_TERMS = {
    "founded": "Founded in 1918",
    "services": "Services",
    "photobank": "Photobank",
    "press_center": "Press center",
    "announcements": "Announcements",
    "more": "More",
    "contacts": "Contacts",
    "lang_label": "Eng",
    "topics": "Topics",
    "agency": "Agency",
    "additionally": "Additionally",
    "about": "About us",
    "subscription": "Subscription",
    "terms": "Terms of use",
    "tenders": "Tenders",
    "anticorruption": "Anti-corruption",
    "privacy_menu": "Privacy policy",
    "reports_menu": "REPORTS",
    "code": "EDITORIAL CODE",
    "newsletters": "Newsletters",
    "newsletters_title": "Ukrinform newsletters",
    "podcasts": "Podcasts",
    "publications": "Publications",
    "interviews": "Interviews",
    "photo": "Photo",
    "video": "Video",
    "blogs": "Blogs",
    "infographics": "Infographics",
    "longreads": "Longreads",
    "partner_news": "Partner news",
    "conferences": "Conferences",
    "official_documents": "Official documents",
    "releases": "Releases",
    "more_news": "more news",
    "cookie": "We use cookies. By continuing to browse the site, you accept our",
    "privacy_policy": "Privacy Policy",
    "accept": "Accept",
}
EN_CHROME = chrome_replacements(EN_TERMS, EN_STRINGS)

_TERM_KEYS = tuple(EN_TERMS)


def _terms(*values: str, **extra: str) -> dict[str, str]:
    """An edition's chrome words in the order of ``EN_TERMS`` (plus ``cookie_end``)."""
    return dict(zip(_TERM_KEYS, values, strict=True)) | extra


DE_TERMS = _terms(
    "Gegründet 1918", "Dienstleistungen", "Fotobank", "Pressezentrum", "Ankündigungen", "Mehr",
    "Kontakt", "Deu", "Rubriken", "Agentur", "Weiteres", "Über uns", "Abonnement",
    "Nutzungsbedingungen", "Ausschreibungen", "Korruptionsprävention", "Datenschutzerklärung",
    "BERICHTE", "REDAKTIONSKODEX", "Newsletter", "Newsletter von Ukrinform", "Podcasts",
    "Publikationen", "Interviews", "Foto", "Video", "Blogs", "Infografiken", "Longreads",
    "Partnernachrichten", "Konferenzen", "Offizielle Dokumente", "Pressemitteilungen",
    "mehr Nachrichten",
    "Wir verwenden Cookies. Wenn Sie die Website weiter nutzen, akzeptieren Sie unsere",
    "Datenschutzerklärung", "Akzeptieren",
)  # fmt: skip
ES_TERMS = _terms(
    "Fundada en 1918", "Servicios", "Banco de fotos", "Centro de prensa", "Anuncios", "Más",
    "Contactos", "Esp", "Secciones", "Agencia", "Además", "Quiénes somos", "Suscripción",
    "Condiciones de uso", "Licitaciones", "Prevención de la corrupción", "Política de privacidad",
    "INFORMES", "CÓDIGO EDITORIAL", "Boletines", "Boletines de Ukrinform", "Pódcasts",
    "Publicaciones", "Entrevistas", "Fotos", "Vídeo", "Blogs", "Infografías", "Reportajes",
    "Noticias de socios", "Conferencias", "Documentos oficiales", "Comunicados", "más noticias",
    "Utilizamos cookies. Al continuar navegando por el sitio, acepta nuestra",
    "Política de privacidad", "Aceptar",
)  # fmt: skip
FR_TERMS = _terms(
    "Fondée en 1918", "Services", "Photothèque", "Centre de presse", "Annonces", "Plus",
    "Contacts", "Fra", "Rubriques", "Agence", "En plus", "À propos", "Abonnement",
    "Conditions d’utilisation", "Appels d’offres", "Prévention de la corruption",
    "Politique de confidentialité", "RAPPORTS", "CODE ÉDITORIAL", "Newsletters",
    "Newsletters d’Ukrinform", "Podcasts", "Publications", "Entretiens", "Photos", "Vidéo",
    "Blogs", "Infographies", "Grands formats", "Actualités des partenaires", "Conférences",
    "Documents officiels", "Communiqués", "plus d’actualités",
    "Nous utilisons des cookies. En poursuivant votre navigation sur le site, vous acceptez notre",
    "politique de confidentialité", "Accepter",
)  # fmt: skip
PL_TERMS = _terms(
    "Założona w 1918 roku", "Usługi", "Fotobank", "Centrum prasowe", "Zapowiedzi", "Więcej",
    "Kontakt", "Pol", "Rubryki", "Agencja", "Dodatkowo", "O nas", "Prenumerata", "Regulamin",
    "Przetargi", "Przeciwdziałanie korupcji", "Polityka prywatności", "RAPORTY",
    "KODEKS REDAKCYJNY", "Newslettery", "Newslettery Ukrinformu", "Podcasty", "Publikacje",
    "Wywiady", "Zdjęcia", "Wideo", "Blogi", "Infografiki", "Longready", "Wiadomości partnerów",
    "Konferencje", "Dokumenty oficjalne", "Komunikaty", "więcej wiadomości",
    "Używamy plików cookie. Kontynuując przeglądanie strony, akceptujesz naszą",
    "Politykę prywatności", "Akceptuję",
)  # fmt: skip
JA_TERMS = _terms(
    "1918年創立", "サービス", "フォトバンク", "プレスセンター", "お知らせ", "もっと見る",
    "お問い合わせ", "日本語", "カテゴリー", "通信社について", "その他", "会社概要", "購読",
    "利用規約", "入札", "汚職防止", "プライバシーポリシー", "報告書", "編集綱領",
    "ニュースレター", "ウクルインフォルムのニュースレター", "ポッドキャスト", "記事",
    "インタビュー", "写真", "動画", "ブログ", "インフォグラフィック", "特集",
    "パートナーニュース", "会見", "公式文書", "プレスリリース", "ニュース一覧",
    "当サイトではクッキーを使用しています。サイトの閲覧を続けると、当社の",
    "プライバシーポリシー", "同意する",
    cookie_end="に同意したものとみなされます。",
)  # fmt: skip
AR_TERMS = _terms(
    "تأسست عام 1918", "الخدمات", "بنك الصور", "المركز الصحفي", "الإعلانات", "المزيد",
    "اتصل بنا", "عربي", "الأقسام", "الوكالة", "إضافي", "من نحن", "الاشتراك", "شروط الاستخدام",
    "المناقصات", "مكافحة الفساد", "سياسة الخصوصية", "التقارير", "الميثاق التحريري",
    "النشرات الإخبارية", "النشرات الإخبارية ليوكرينفورم", "البودكاست", "المنشورات",
    "المقابلات", "صور", "فيديو", "المدونات", "الإنفوغرافيك", "ملفات مطولة", "أخبار الشركاء",
    "المؤتمرات", "الوثائق الرسمية", "البيانات الصحفية", "المزيد من الأخبار",
    "نستخدم ملفات تعريف الارتباط. بمواصلة تصفح الموقع، فإنك توافق على",
    "سياسة الخصوصية", "موافق",
)  # fmt: skip
RU_TERMS = _terms(
    "Основано в 1918 году", "Услуги", "Фотобанк", "Пресс-центр", "Анонсы", "Больше",
    "Контакты", "Рус", "Рубрики", "Агентство", "Дополнительно", "О нас", "Подписка",
    "Правила пользования", "Тендеры", "Предотвращение и противодействие коррупции",
    "Политика конфиденциальности и защиты персональных данных", "ОТЧЕТЫ",
    "РЕДАКЦИОННЫЙ КОДЕКС", "Рассылки", "Тематические и новостные рассылки Укринформа",
    "Подкасты", "Публикации", "Интервью", "Фото", "Видео", "Блоги", "Инфографика", "Лонгриды",
    "Новости партнеров", "Конференции", "Официальные документы", "Релизы", "больше новостей",
    "Мы используем файлы cookie. Продолжая просмотр сайта, Вы принимаете нашу",
    "Политику конфиденциальности и защиты персональных данных", "Принять",
)  # fmt: skip

DE_STRINGS = {
    "site_title": "Ukrinform - aktuelle Nachrichten aus der Ukraine und der Welt",
    "publisher": "Ukrinform",
    "description_suffix": " — Ukrinform.",
    "read_also": "Lesen Sie auch: ",
    "photo": "Foto: ",
    "latest": "Aktuell",
    "exclusive": "Exklusiv",
    "statement": "Exklusiv",
    "all_rubrics": "Alle Rubriken",
    "promo_line": "Abonnieren Sie unsere Kanäle Telegram, Instagram und YouTube.",
    "notice": (
        "Bei der Zitierung und Verwendung von Materialien im Internet ist ein Link auf die "
        "Website {DOMAIN} nicht tiefer als im ersten Absatz obligatorisch. Die Zitierung "
        "übersetzter Materialien ausländischer Medien ist nur mit einem Link auf die Website "
        "{DOMAIN} und die Website des ausländischen Mediums möglich. Materialien mit der "
        "Kennzeichnung „Werbung“ oder mit dem Hinweis „Das Material wurde gemäß Teil 3 des "
        "Artikels 9 des Gesetzes der Ukraine „Über Werbung“ Nr. 270/96-WR vom 3. Juli 1996 "
        "und des Gesetzes der Ukraine „Über Medien“ Nr. 2849-IX vom 31. März 2023 und auf "
        "der Grundlage eines Vertrags/einer Rechnung veröffentlicht."
    ),
    "media_id": "Online-Medium; Medienkennung - R40-01421.",
    "copyright": "© 2015-{year} Ukrinform. Alle Rechte vorbehalten.",
    "extended_search": "Erweiterte Suche",
    "hide_search": "Erweiterte Suche ausblenden",
    "by_period": "Zeitraum:",
    "search": "Suche",
    "not_found": "Seite nicht gefunden",
    "expired": "Seite abgelaufen",
    "lastnews": "Neueste Nachrichten",
    "search_results": "Suchergebnisse",
    "tag": "Tag",
    "next": "Weiter",
    "prev": "Zurück",
    "reports": "berichtet Ukrinform",
    "reported": "Wie Ukrinform berichtete",
    "byline": "Vorbereitet von",
    "byline_m": "Vorbereitet von",
    "city": "Kyjiw",
}

ES_STRINGS = {
    "site_title": "Ukrinform - últimas noticias de Ucrania y del mundo",
    "publisher": "Ukrinform",
    "description_suffix": " — Ukrinform.",
    "read_also": "Lea también: ",
    "photo": "Foto: ",
    "latest": "Actualidad",
    "exclusive": "Exclusiva",
    "statement": "Exclusiva",
    "all_rubrics": "Todas las secciones",
    "promo_line": "Únase a nuestros canales de Telegram, Instagram y YouTube.",
    "notice": (
        "Al citar y utilizar cualquier material en Internet, es obligatorio un enlace al "
        "sitio web {DOMAIN} no inferior al primer párrafo. Además, la cita de materiales "
        "traducidos de medios extranjeros solo es posible con un enlace al sitio web "
        "{DOMAIN} y al sitio web del medio extranjero. Los materiales marcados como "
        "«Publicidad» o con el aviso «El material se ha publicado de conformidad con la "
        "parte 3 del artículo 9 de la Ley de Ucrania «Sobre la publicidad» n.º 270/96-VR de "
        "3 de julio de 1996 y la Ley de Ucrania «Sobre los medios» n.º 2849-IX de 31 de "
        "marzo de 2023 y sobre la base de un contrato/factura."
    ),
    "media_id": "Entidad de medios en línea; identificador de medios - R40-01421.",
    "copyright": "© 2015-{year} Ukrinform. Todos los derechos reservados.",
    "extended_search": "Búsqueda avanzada",
    "hide_search": "Ocultar búsqueda avanzada",
    "by_period": "Por período:",
    "search": "Buscar",
    "not_found": "Página no encontrada",
    "expired": "Página caducada",
    "lastnews": "Últimas noticias",
    "search_results": "Resultados de la búsqueda",
    "tag": "Etiqueta",
    "next": "Siguiente",
    "prev": "Anterior",
    "reports": "informa Ukrinform",
    "reported": "Como informó Ukrinform",
    "byline": "Preparado por",
    "byline_m": "Preparado por",
    "city": "Kyiv",
}

FR_STRINGS = {
    "site_title": "Ukrinform - dernières nouvelles d’Ukraine et du monde",
    "publisher": "Ukrinform",
    "description_suffix": " — Ukrinform.",
    "read_also": "Lire aussi\u00a0: ",
    "photo": "Photo\u00a0: ",
    "latest": "Actualité",
    "exclusive": "Exclusif",
    "statement": "Exclusif",
    "all_rubrics": "Toutes les rubriques",
    "promo_line": "Rejoignez nos chaînes Telegram, Instagram et YouTube.",
    "notice": (
        "Lors de la citation et de l’utilisation de tout matériel sur Internet, un lien vers "
        "le site {DOMAIN} au plus bas dans le premier paragraphe est obligatoire. En outre, "
        "la citation de documents traduits de médias étrangers n’est possible qu’avec un "
        "lien vers le site {DOMAIN} et vers le site du média étranger. Les documents marqués "
        "«\u00a0Publicité\u00a0» ou accompagnés de la mention «\u00a0Le document a été "
        "publié conformément à la partie 3 de l’article 9 de la loi ukrainienne «\u00a0Sur "
        "la publicité\u00a0» n° 270/96-VR du 3 juillet 1996 et de la loi ukrainienne "
        "«\u00a0Sur les médias\u00a0» n° 2849-IX du 31 mars 2023 et sur la base d’un "
        "contrat/d’une facture."
    ),
    "media_id": "Entité de médias en ligne\u00a0; identifiant de média - R40-01421.",
    "copyright": "© 2015-{year} Ukrinform. Tous droits réservés.",
    "extended_search": "Recherche avancée",
    "hide_search": "Masquer la recherche avancée",
    "by_period": "Par période\u00a0:",
    "search": "Rechercher",
    "not_found": "Page introuvable",
    "expired": "Page expirée",
    "lastnews": "Dernières nouvelles",
    "search_results": "Résultats de recherche",
    "tag": "Mot-clé",
    "next": "Suivante",
    "prev": "Précédente",
    "reports": "rapporte Ukrinform",
    "reported": "Comme l’a rapporté Ukrinform",
    "byline": "Préparé par",
    "byline_m": "Préparé par",
    "city": "Kyiv",
}

PL_STRINGS = {
    "site_title": "Ukrinform - najnowsze wiadomości z Ukrainy i świata",
    "publisher": "Ukrinform",
    "description_suffix": " — Ukrinform.",
    "read_also": "Czytaj także: ",
    "photo": "Zdjęcie: ",
    "latest": "Aktualności",
    "exclusive": "Ekskluzywnie",
    "statement": "Ekskluzywnie",
    "all_rubrics": "Wszystkie rubryki",
    "promo_line": "Dołącz do naszych kanałów Telegram, Instagram i YouTube.",
    "notice": (
        "Przy cytowaniu i wykorzystywaniu jakichkolwiek materiałów w Internecie obowiązkowe "
        "jest podanie linku do strony {DOMAIN} nie niżej niż w pierwszym akapicie. Ponadto "
        "cytowanie przetłumaczonych materiałów zagranicznych mediów jest możliwe tylko pod "
        "warunkiem podania linku do strony {DOMAIN} i strony zagranicznego medium. Materiały "
        "oznaczone jako „Reklama” lub z zastrzeżeniem „Materiał został opublikowany zgodnie "
        "z częścią 3 artykułu 9 ustawy Ukrainy „O reklamie” nr 270/96-WR z dnia 3 lipca 1996 "
        "r. oraz ustawy Ukrainy „O mediach” nr 2849-IX z dnia 31 marca 2023 r. i na "
        "podstawie umowy/faktury."
    ),
    "media_id": "Podmiot w sferze mediów internetowych; identyfikator medium - R40-01421.",
    "copyright": "© 2015-{year} Ukrinform. Wszelkie prawa zastrzeżone.",
    "extended_search": "Wyszukiwanie zaawansowane",
    "hide_search": "Ukryj wyszukiwanie zaawansowane",
    "by_period": "Za okres:",
    "search": "Szukaj",
    "not_found": "Nie znaleziono strony",
    "expired": "Strona wygasła",
    "lastnews": "Najnowsze wiadomości",
    "search_results": "Wyniki wyszukiwania",
    "tag": "Tag",
    "next": "Następna",
    "prev": "Poprzednia",
    "reports": "informuje Ukrinform",
    "reported": "Jak wcześniej informował Ukrinform",
    "byline": "Opracowała",
    "byline_m": "Opracował",
    "city": "Kijów",
}

JA_STRINGS = {
    "site_title": "ウクルインフォルム - ウクライナと世界の最新ニュース",
    "publisher": "ウクルインフォルム",
    "description_suffix": " — ウクルインフォルム。",
    "read_also": "関連記事：",
    "photo": "写真：",
    "latest": "最新",
    "exclusive": "独占",
    "statement": "独占",
    "all_rubrics": "すべてのカテゴリー",
    "promo_line": "Telegram、Instagram、YouTubeの当社チャンネルにご参加ください。",
    "notice": (
        "インターネット上で資料を引用・使用する際には、"
        "第1段落以内にウェブサイト{DOMAIN}へのリンクが必須です。また、"
        "外国メディアの翻訳資料の引用は、"
        "ウェブサイト{DOMAIN}と外国メディアのウェブサイトへのリンクがある場合にのみ可能です。"
        "「広告」と表示された資料、または「本資料は、"
        "1996年7月3日付ウクライナ法「広告について」第270/96-VR号第9条第3部"
        "及び2023年3月31日付ウクライナ法「メディアについて」第2849-IX号に従い、"
        "契約/請求書に基づいて掲載されました」との注記のある資料。"
    ),
    "media_id": "オンラインメディア事業者；メディア識別子 - R40-01421。",
    "copyright": "© 2015-{year} Ukrinform. All rights reserved.",
    "extended_search": "詳細検索",
    "hide_search": "詳細検索を閉じる",
    "by_period": "期間：",
    "search": "検索",
    "not_found": "ページが見つかりません",
    "expired": "ページの有効期限が切れました",
    "lastnews": "最新ニュース",
    "search_results": "検索結果",
    "tag": "タグ",
    "next": "次へ",
    "prev": "前へ",
    "reports": "ウクルインフォルムが伝えた",
    "reported": "ウクルインフォルムが既報の通り",
    "city": "キーウ",
}

AR_STRINGS = {
    "site_title": "يوكرينفورم - آخر أخبار أوكرانيا والعالم",
    "publisher": "يوكرينفورم",
    "description_suffix": " — يوكرينفورم.",
    "read_also": "اقرأ أيضاً: ",
    "photo": "صورة: ",
    "latest": "الأحدث",
    "exclusive": "حصري",
    "statement": "حصري",
    "all_rubrics": "جميع الأقسام",
    "promo_line": "انضموا إلى قنواتنا على Telegram وInstagram وYouTube.",
    "notice": (
        "عند الاقتباس واستخدام أي مواد على الإنترنت، يجب وضع رابط إلى موقع {DOMAIN} في موضع "
        "لا يتجاوز الفقرة الأولى. بالإضافة إلى ذلك، لا يمكن اقتباس المواد المترجمة من وسائل "
        "الإعلام الأجنبية إلا بوجود رابط إلى موقع {DOMAIN} وموقع وسيلة الإعلام الأجنبية. "
        "المواد التي تحمل علامة «إعلان» أو إخلاء المسؤولية: «تم نشر المادة وفقاً للجزء 3 من "
        "المادة 9 من قانون أوكرانيا «بشأن الإعلان» رقم 270/96-VR المؤرخ 3 يوليو 1996 وقانون "
        "أوكرانيا «بشأن وسائل الإعلام» رقم 2849-IX المؤرخ 31 مارس 2023 وعلى أساس "
        "اتفاقية/فاتورة."
    ),
    "media_id": "كيان إعلامي عبر الإنترنت؛ معرّف وسيلة الإعلام - R40-01421.",
    "copyright": "© 2015-{year} يوكرينفورم. جميع الحقوق محفوظة.",
    "extended_search": "بحث متقدم",
    "hide_search": "إخفاء البحث المتقدم",
    "by_period": "حسب الفترة:",
    "search": "بحث",
    "not_found": "الصفحة غير موجودة",
    "expired": "انتهت صلاحية الصفحة",
    "lastnews": "آخر الأخبار",
    "search_results": "نتائج البحث",
    "tag": "وسم",
    "next": "التالي",
    "prev": "السابق",
    "reports": "أفادت يوكرينفورم",
    "reported": "وكما أفادت يوكرينفورم سابقاً",
    "city": "كييف",
}

RU_STRINGS = {
    "site_title": "Укринформ - актуальные новости Украины и мира",
    "publisher": "Укринформ",
    "description_suffix": " — Укринформ.",
    "read_also": "Читайте также: ",
    "photo": "Фото: ",
    "latest": "Актуально",
    "exclusive": "Эксклюзив",
    "statement": "Эксклюзив",
    "all_rubrics": "Все рубрики",
    "promo_line": "Присоединяйтесь к нашим каналам Telegram, Instagram и YouTube.",
    "notice": (
        "При цитировании и использовании каких-либо материалов в Интернете открытые для "
        "поисковых систем гиперссылки не ниже первого абзаца на «{DOMAIN}» — обязательны, "
        "кроме того, цитирование переводов материалов иностранных СМИ возможно только при "
        "условии гиперссылки на сайт {DOMAIN} и на сайт иностранного СМИ. Материалы с "
        "пометкой «Реклама» или с дисклеймером: “Материал размещен согласно части 3 статьи 9 "
        "Закона Украины “О рекламе” № 270/96-ВР от 03.07.1996 и Закона Украины “О медиа” № "
        "2849-IX от 31.03.2023 и на основании Договора/счета."
    ),
    "media_id": "Субъект в сфере онлайн-медиа; идентификатор медиа - R40-01421.",
    "copyright": "© 2015-{year} Укринформ. Все права защищены.",
    "extended_search": "Расширенный поиск",
    "hide_search": "Скрыть расширенный поиск",
    "by_period": "За период:",
    "search": "Поиск",
    "not_found": "Страница не найдена",
    "expired": "Срок действия страницы истек",
    "lastnews": "Последние новости",
    "search_results": "Результаты поиска",
    "tag": "Тег",
    "next": "Следующая",
    "prev": "Предыдущая",
    "reports": "Как передает Укринформ",
    "reported": "Как сообщал Укринформ",
    "byline": "Подготовила",
    "byline_m": "Подготовил",
    "city": "Киев",
}


def _rubrics(*names: str) -> tuple[Rubric, ...]:
    """The English rubric set (slugs, ids, weights, menu) under translated names."""
    return tuple(
        Rubric(rubric.slug, name, rubric.rubric_id, rubric.weight, rubric.in_menu)
        for rubric, name in zip(EN_RUBRICS, names, strict=True)
    )


def _tags(*names: str, slugs: tuple[str, ...] | None = None) -> tuple[tuple[str, str], ...]:
    """The English tag set under translated names (and slugs, if the edition has its own)."""
    return tuple(zip(slugs or [slug for slug, _name in EN_TAGS], names, strict=True))


DE_RUBRICS = _rubrics(
    "Krieg", "Wiederaufbau", "Politik", "Wirtschaft", "Welt", "Regionen",
    "Gesellschaft und Kultur", "Sport", "Verteidigung", "Kriminalität", "Unfälle und Notfälle",
)  # fmt: skip
ES_RUBRICS = _rubrics(
    "Guerra", "Reconstrucción", "Política", "Economía", "Mundo", "Regiones", "Sociedad y Cultura",
    "Deportes", "Defensa", "Sucesos", "Accidentes y emergencias",
)  # fmt: skip
FR_RUBRICS = _rubrics(
    "Guerre", "Reconstruction", "Politique", "Économie", "Monde", "Régions", "Société et Culture",
    "Sports", "Défense", "Criminalité", "Accidents et urgences",
)  # fmt: skip
PL_RUBRICS = _rubrics(
    "Wojna", "Odbudowa", "Polityka", "Gospodarka", "Świat", "Regiony", "Społeczeństwo i kultura",
    "Sport", "Obronność", "Przestępczość", "Wypadki i sytuacje nadzwyczajne",
)  # fmt: skip
JA_RUBRICS = _rubrics(
    "戦争", "復興", "政治", "経済", "世界", "地域", "社会・文化", "スポーツ", "防衛", "犯罪",
    "事故・緊急事態",
)  # fmt: skip
AR_RUBRICS = _rubrics(
    "الحرب", "إعادة الإعمار", "السياسة", "الاقتصاد", "العالم", "المناطق", "المجتمع والثقافة",
    "الرياضة", "الدفاع", "الجريمة", "الحوادث والطوارئ",
)  # fmt: skip
RU_RUBRICS = tuple(
    Rubric(rubric.slug, name, rubric.rubric_id, rubric.weight, rubric.in_menu)
    for rubric, name in zip(
        UK_RUBRICS,
        (
            "Война", "Восстановление", "Политика", "Экономика", "Фактчеки", "Мир", "Регионы",
            "Общество", "Культура", "Диаспора", "Спорт", "Другие новости", "Киев", "Технологии",
        ),
        strict=True,
    )
)  # fmt: skip

DE_TAGS = _tags(
    "OSZE", "Beschuss", "Krieg", "russische Aggression", "Selenskyj", "EU", "NATO", "Drohnen",
    "Energie", "Sanktionen", "Luftverteidigung", "Kyjiw", "Charkiw", "Odesa", "Wiederaufbau",
    "Exporte",
    slugs=(
        "osze", "beschuss", "krieg", "russische-aggression", "selenskyj", "eu", "nato", "drohnen",
        "energie", "sanktionen", "luftverteidigung", "kyjiw", "charkiw", "odesa", "wiederaufbau",
        "exporte",
    ),
)  # fmt: skip
ES_TAGS = _tags(
    "OSCE", "bombardeos", "guerra", "agresión rusa", "Zelenski", "UE", "OTAN", "drones",
    "energía", "sanciones", "defensa antiaérea", "Kyiv", "Járkiv", "Odesa", "reconstrucción",
    "exportaciones",
    slugs=(
        "osce", "bombardeos", "guerra", "agresion-rusa", "zelenski", "ue", "otan", "drones",
        "energia", "sanciones", "defensa-antiaerea", "kyiv", "jarkiv", "odesa", "reconstruccion",
        "exportaciones",
    ),
)  # fmt: skip
FR_TAGS = _tags(
    "OSCE", "bombardements", "guerre", "agression russe", "Zelensky", "UE", "OTAN", "drones",
    "énergie", "sanctions", "défense aérienne", "Kyiv", "Kharkiv", "Odessa", "reconstruction",
    "exportations",
    slugs=(
        "osce", "bombardements", "guerre", "agression-russe", "zelensky", "ue", "otan", "drones",
        "energie", "sanctions", "defense-aerienne", "kyiv", "kharkiv", "odessa", "reconstruction",
        "exportations",
    ),
)  # fmt: skip
PL_TAGS = _tags(
    "OBWE", "ostrzał", "wojna", "rosyjska agresja", "Zełenski", "UE", "NATO", "drony",
    "energetyka", "sankcje", "obrona powietrzna", "Kijów", "Charków", "Odessa", "odbudowa",
    "eksport",
    slugs=(
        "obwe", "ostrzal", "wojna", "rosyjska-agresja", "zelenski", "ue", "nato", "drony",
        "energetyka", "sankcje", "obrona-powietrzna", "kijow", "charkow", "odessa", "odbudowa",
        "eksport",
    ),
)  # fmt: skip
JA_TAGS = _tags(
    "OSCE", "砲撃", "戦争", "ロシアの侵略", "ゼレンスキー", "EU", "NATO", "ドローン",
    "エネルギー", "制裁", "防空", "キーウ", "ハルキウ", "オデーサ", "復興", "輸出",
)  # fmt: skip
AR_TAGS = _tags(
    "منظمة الأمن والتعاون في أوروبا", "القصف", "الحرب", "العدوان الروسي", "زيلينسكي",
    "الاتحاد الأوروبي", "الناتو", "المسيرات", "الطاقة", "العقوبات", "الدفاع الجوي", "كييف",
    "خاركيف", "أوديسا", "إعادة الإعمار", "الصادرات",
)  # fmt: skip
RU_TAGS = _tags(
    "ОБСЕ", "Обстрел", "Война", "Война с Россией", "Зеленский", "ЕС", "НАТО", "Дроны",
    "Энергетика", "Санкции", "ПВО", "Киев", "Харьков", "Одесса", "Восстановление", "Экспорт",
    slugs=(
        "obse", "obstrel", "vojna", "vojna-s-rossiej", "zelenskij", "es", "nato", "drony",
        "energetika", "sankcii", "pvo", "kiev", "harkov", "odessa", "vosstanovlenie", "eksport",
    ),
)  # fmt: skip

DE_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
)  # fmt: skip
ES_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip
FR_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
PL_MONTHS_GEN = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia",
)  # fmt: skip
JA_MONTHS = tuple(f"{month}月" for month in range(1, 13))
AR_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
    "نوفمبر", "ديسمبر",
)  # fmt: skip
RU_MONTHS_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
DE_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
ES_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
PL_WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
JA_WEEKDAYS = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
RU_WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


def _with_domain(strings: dict[str, str], host: str) -> dict[str, str]:
    """Phrases with ``{DOMAIN}`` made the edition host without ``www.``."""
    domain = host.removeprefix("www.")
    return {key: value.replace("{DOMAIN}", domain) for key, value in strings.items()}


def _edition(
    code: str, host: str, strings: dict[str, str], terms: dict[str, str], **kw: Any
) -> Edition:
    """An edition beyond en and uk: ``lang`` is its code, ``terms`` translate its chrome."""
    strings = _with_domain(strings, host)
    return Edition(
        code=code,
        host=host,
        lang=code,
        strings=strings,
        chrome_replacements=chrome_replacements(terms, strings),
        **kw,
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
    "es": _edition(
        "es",
        "www.ukrinform.es",
        ES_STRINGS,
        ES_TERMS,
        rubrics=ES_RUBRICS,
        tags=ES_TAGS,
        months=ES_MONTHS,
        weekdays=ES_WEEKDAYS,
        top_id=3_980_000,
        header_date="{weekday}, {day} de {month} de {year}, {time}",
        listing_date="{day} de {month} de {year}",
    ),
    "de": _edition(
        "de",
        "www.ukrinform.de",
        DE_STRINGS,
        DE_TERMS,
        rubrics=DE_RUBRICS,
        tags=DE_TAGS,
        months=DE_MONTHS,
        weekdays=DE_WEEKDAYS,
        top_id=3_780_000,
        header_date="{weekday}, {day}. {month} {year}, {time}",
        listing_date="{day}. {month} {year}",
    ),
    "fr": _edition(
        "fr",
        "www.ukrinform.fr",
        FR_STRINGS,
        FR_TERMS,
        rubrics=FR_RUBRICS,
        tags=FR_TAGS,
        months=FR_MONTHS,
        weekdays=FR_WEEKDAYS,
        top_id=3_580_000,
        header_date="{weekday} {day} {month} {year}, {time}",
    ),
    "pl": _edition(
        "pl",
        "www.ukrinform.pl",
        PL_STRINGS,
        PL_TERMS,
        rubrics=PL_RUBRICS,
        tags=PL_TAGS,
        months=PL_MONTHS_GEN,
        weekdays=PL_WEEKDAYS,
        top_id=3_380_000,
    ),
    "ja": _edition(
        "ja",
        "www.ukrinform.jp",
        JA_STRINGS,
        JA_TERMS,
        rubrics=JA_RUBRICS,
        tags=JA_TAGS,
        months=JA_MONTHS,
        weekdays=JA_WEEKDAYS,
        top_id=3_180_000,
        header_date="{year}年{month}{day}日 {weekday} {time}",
        listing_date="{year}年{month}{day}日",
    ),
    "ar": _edition(
        "ar",
        "www.ukrinform.org",
        AR_STRINGS,
        AR_TERMS,
        rubrics=AR_RUBRICS,
        tags=AR_TAGS,
        months=AR_MONTHS,
        weekdays=AR_WEEKDAYS,
        top_id=2_980_000,
        rtl=True,
        header_date="{weekday}، {day} {month} {year}، {time}",
    ),
    "ru": _edition(
        "ru",
        "www.ukrinform.ru",
        RU_STRINGS,
        RU_TERMS,
        rubrics=RU_RUBRICS,
        tags=RU_TAGS,
        months=RU_MONTHS_GEN,
        weekdays=RU_WEEKDAYS,
        top_id=2_780_000,
    ),
}
"""Every edition by code. IDs: each edition counts down from its own ``top_id`` in steps of about
``ID_STEP`` (15) per article, so the regions are disjoint for corpora up to 13,333 articles."""


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
RU_TRANSLIT = UK_TRANSLIT | {"ё": "e", "ъ": "", "ы": "y", "э": "e"}
"""Russian letters by the Ukrainian table (site-model §2.1), plus the letters Ukrainian lacks."""
LATIN_LETTERS = {"ß": "ss", "ł": "l", "Ł": "l", "œ": "oe", "æ": "ae", "ø": "o", "đ": "d"}
"""Latin letters that Unicode decomposition does not strip to ASCII."""
TRANSLIT = {"uk": UK_TRANSLIT, "ru": RU_TRANSLIT} | dict.fromkeys(
    ("de", "es", "fr", "pl"), LATIN_LETTERS
)


def slugify(title: str, edition: str) -> str:
    """Site slug: punctuation deleted, diacritics stripped, Cyrillic transliterated.

    Ukrainian follows site-model §2.1, Russian the same table; English, German, Spanish,
    French and Polish lose their diacritics (ß → ss, ł → l). Japanese and Arabic slugs are made
    from an English gloss of the headline (``Bank.gloss``), so they arrive here in English.
    """
    text = clean_text(title).lower()
    if table := TRANSLIT.get(edition):
        text = "".join(table.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if char.isascii() and (char.isalnum() or char == " "))
    return "-".join(text.split())
