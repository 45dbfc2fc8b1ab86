# Ukrainian, Russian, Arabic and Japanese text is content here, so look-alikes are intended.
"""Text banks: the words each edition's synthetic articles are made of, one ``Bank`` per language.

A bank holds a handful of natural entries per slot (actors, verbs, topics, places, filler
sentences, quotes, people, photo credits, interview guests) and the sentence shapes of the
language (word order of a headline, of the first paragraph with "as Ukrinform reports", of the
recap with "as Ukrinform reported"), so that every edition builds the same body structure.
Japanese and Arabic headlines carry an English gloss per entry: their slug is made from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def upper_first(text: str) -> str:
    """``text`` with its first letter in upper case and the rest as it is."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Bank:
    """The words and sentence shapes of one language's synthetic articles."""

    actors: tuple[tuple[str, str], ...]
    """(headline form, full form at the start of a sentence)."""
    verbs: tuple[tuple[str, str], ...]
    """(headline form, past form)."""
    topics: tuple[str, ...]
    places: tuple[str, ...]
    suffixes: tuple[str, ...]
    filler: tuple[str, ...]
    """Body sentences with ``{topic}``, ``{place}``, ``{actor}``, ``{actor_short}``, ``{num}``."""
    quotes: tuple[str, ...]
    people: tuple[tuple[str, str], ...]
    """Bylined journalists (name, "f"/"m"); empty when the edition carries no bylines."""
    credits: tuple[str, ...]
    guests: tuple[str, ...]
    guest_quotes: tuple[str, ...]
    questions: tuple[str, ...]
    posted: tuple[str, str, str]
    """The second paragraph: text, the external link's text, text."""
    quote_line: str
    """A quote paragraph: ``{quote}`` and ``{speaker}``."""
    digest: str
    """The centred heading of a digest."""
    edit_note: str
    """The paragraph an edit adds: ``{edits}``."""
    peace: str
    """What the closing blockquote's ``{topic}`` becomes."""
    title: str = "{short} {verb} {topic} {place}{suffix}"
    lead: str = "{actor} {past} {topic}."
    first: str = "{actor} {past} {topic} {place}, {reports}."
    recap: tuple[str, str, str] = ("{reported}, {actor} ", "{past} {topic}", " {place}.")
    """The recap paragraph: text before the link, the link's text, text after it."""
    speaker_full: bool = False
    """Quote paragraphs name the speaker by the full form (else the headline form)."""
    articles: tuple[str, ...] = ()
    """Leading words written in lower case inside a sentence ("The " → "the ")."""
    joiner: str = " "
    """Between the sentences of a paragraph."""
    spaced: bool = True
    """Words are separated by spaces (not so in Japanese)."""
    gloss: Mapping[str, str] | None = None
    """English glosses of the headline parts and guests, for ASCII slugs (ja, ar)."""
    gloss_title: str = "{short} {verb} {topic} {place}{suffix}"
    heading: Callable[[str], str] = field(default=upper_first)
    """How a topic becomes an ``h2`` heading."""

    def mid(self, actor: str) -> str:
        """The full form of an actor inside a sentence."""
        for article in self.articles:
            if actor.startswith(article):
                return article.lower() + actor[len(article) :]
        return actor

    def glossed(self, text: str) -> str:
        """What the slug of a headline part is made from: its gloss, else the text itself."""
        return self.gloss[text] if self.gloss is not None and text else text

    def slug_source(self, title: str, parts: dict[str, str]) -> str:
        """What the slug of a news headline is made from: the title, or its parts' glosses."""
        if self.gloss is None:
            return title
        return self.gloss_title.format(**{name: self.glossed(v) for name, v in parts.items()})


EN_ACTORS = (
    ("Zelensky", "President Volodymyr Zelensky"),
    ("Sybiha", "Foreign Minister Andrii Sybiha"),
    ("Svyrydenko", "Prime Minister Yulia Svyrydenko"),
    ("Shmyhal", "Defense Minister Denys Shmyhal"),
    ("General Staff", "The General Staff of the Armed Forces"),
    ("Air Force", "The Ukrainian Air Force"),
    ("EU", "The European Commission"),
    ("Rutte", "NATO Secretary General Mark Rutte"),
    ("Nausėda", "Lithuanian President Gitanas Nausėda"),
    ("IAEA", "The IAEA mission"),
    ("Ukrenergo", "Ukrenergo"),
    ("NBU", "The National Bank of Ukraine"),
    ("Klitschko", "Kyiv Mayor Vitali Klitschko"),
    ("SBU", "The Security Service of Ukraine"),
)
EN_VERBS = (
    ("discusses", "discussed"),
    ("announces", "announced"),
    ("welcomes", "welcomed"),
    ("condemns", "condemned"),
    ("backs", "backed"),
    ("reviews", "reviewed"),
    ("signs deal on", "signed a deal on"),
    ("outlines plans for", "outlined plans for"),
)
EN_TOPICS = (
    "drone production",
    "energy security",
    "air defense support",
    "grain exports",
    "Ukraine-EU trade",
    "Kyiv's heating season",
    "S-300/S-400 replacements",
    "25-story housing repairs",
    "prisoner exchange",
    "sanctions against Russia",
    "humanitarian demining",
    "the Black Sea corridor",
    "critical minerals",
    "railway repairs",
    "winter preparations",
    "reconstruction of Kharkiv",
)
EN_PLACES = (
    "in Kyiv",
    "in Brussels",
    "in Vilnius",
    "in Warsaw",
    "in Odesa region",
    "in Kharkiv",
    "in Lviv",
    "in Dnipro",
)
EN_SUFFIXES = ("", "", "", "", " - Reuters", " - SBU", " - media")
EN_FILLER = (
    "The parties also coordinated the next steps on {topic} and agreed to meet again {place}.",
    "According to {actor}, the work on {topic} will continue in the coming weeks.",
    "Officials noted that {num}\u00a0projects related to {topic} are already under way.",
    "Experts say the decision on {topic} is crucial for Ukraine’s resilience this winter.",
    "Earlier this week, {actor} held talks on {topic} with international partners.",
    "The meeting {place} lasted about {num}\u00a0minutes – longer than planned.",
    "Local authorities said the «Diia» app would list updates on {topic}.",
    "Drone attacks continued overnight, but {actor} said the plans for {topic} remain intact.",
)
EN_QUOTES = (
    "We are grateful to our partners for their support. This is the foundation for peace",
    "Every decision on {topic} strengthens our defense and our economy",
    "We will not stop until every town has light and heat…",
    "The world must see what Russia does every night",
)
EN_PEOPLE = (
    ("Olena Kovalenko", "f"),
    ("Iryna Shevchuk", "f"),
    ("Mariia Bondar", "f"),
    ("Andrii Melnyk", "m"),
    ("Taras Hrytsenko", "m"),
    ("Oleksandr Tkachenko", "m"),
)
EN_CREDITS = ("President’s Office", "Ukrinform", "MFA", "Pexels", "General Staff", "Facebook")
EN_INTERVIEW_GUESTS = (
    "Kostyantyn Saliy, CEO of Ukrenergo",
    "Olha Stefanishyna, Ambassador of Ukraine to the United States",
    "Denys Maliuska, former Minister of Justice",
    "Oksana Markarova, economist",
)
EN_INTERVIEW_QUOTES = (
    "We will pass this winter without blackouts",
    "Drone production is now our strongest export argument",
    "Reconstruction must start before the war ends",
    "Our partners understand what is at stake",
)
EN_QUESTIONS = (
    "How do you assess the situation now?",
    "What are the main risks for the coming months?",
    "What do partners expect from Ukraine?",
    "How long will this take?",
)

UK_ACTORS = (
    ("Зеленський", "Президент Володимир Зеленський"),
    ("Сибіга", "Міністр закордонних справ Андрій Сибіга"),
    ("Свириденко", "Прем'єр-міністр Юлія Свириденко"),
    ("Шмигаль", "Міністр оборони Денис Шмигаль"),
    ("Генштаб", "Генеральний штаб ЗСУ"),
    ("Повітряні сили", "Повітряні сили ЗСУ"),
    ("Єврокомісія", "Європейська комісія"),
    ("Рютте", "Генсек НАТО Марк Рютте"),
    ("МАГАТЕ", "Місія МАГАТЕ"),
    ("Укренерго", "Укренерго"),
    ("НБУ", "Національний банк України"),
    ("Кличко", "Міський голова Києва Віталій Кличко"),
    ("СБУ", "Служба безпеки України"),
)
UK_VERBS = (
    ("обговорив", "обговорив"),
    ("анонсував", "анонсував"),
    ("привітав", "привітав"),
    ("засудив", "засудив"),
    ("підтримав", "підтримав"),
    ("оцінив", "оцінив"),
)
UK_TOPICS = (
    "виробництво дронів",
    "енергетичну безпеку",
    "підтримку ППО",
    "експорт зерна",
    "торгівлю Україна-ЄС",
    "опалювальний сезон у Києві",
    "обмін полоненими",
    "санкції проти Росії",
    "гуманітарне розмінування",
    "чорноморський коридор",
    "ремонт залізниці",
    "підготовку до зими",
    "відбудову Харкова",
)
UK_PLACES = (
    "у Києві",
    "у Брюсселі",
    "у Вільнюсі",
    "у Варшаві",
    "на Одещині",
    "у Харкові",
    "у Львові",
    "у Дніпрі",
)
UK_SUFFIXES = ("", "", "", "", " - Reuters", " - СБУ", " - ЗМІ")
UK_FILLER = (
    "Сторони також узгодили наступні кроки щодо теми «{topic}» і домовилися зустрітися {place}.",
    "За словами {actor_short}, робота над темою «{topic}» триватиме найближчими тижнями.",
    "Посадовці зазначили, що вже реалізують {num}\u00a0проєктів, пов’язаних із темою «{topic}».",
    "Експерти вважають рішення щодо теми «{topic}» вирішальним для стійкості України взимку.",
    "Зустріч {place} тривала близько {num}\u00a0хвилин – довше, ніж планували.",
    "Атаки дронів тривали вночі, але {actor_short} заявив, що плани не змінюються.",
)
UK_QUOTES = (
    "Ми вдячні партнерам за підтримку. Це основа для миру",
    "Кожне рішення зміцнює нашу оборону та економіку",
    "Ми не зупинимося, доки в кожному місті не буде світла і тепла…",
    "Світ має бачити, що Росія робить щоночі",
)
UK_PEOPLE = (
    ("Марина Дмитрів", "f"),
    ("Ірина Шевчук", "f"),
    ("Олена Коваленко", "f"),
    ("Андрій Мельник", "m"),
    ("Тарас Гриценко", "m"),
)
UK_CREDITS = ("МЗС", "Офіс Президента", "Укрінформ", "Генштаб", "Facebook")
UK_INTERVIEW_GUESTS = (
    "Володимир Кудрицький, голова правління Укренерго",
    "Ольга Стефанішина, посол України у США",
    "Оксана Маркарова, економістка",
)
UK_INTERVIEW_QUOTES = (
    "Ми пройдемо цю зиму без блекаутів",
    "Виробництво дронів - наш найсильніший аргумент",
    "Відбудова має початися ще до кінця війни",
)
UK_QUESTIONS = (
    "Як ви оцінюєте ситуацію зараз?",
    "Які основні ризики на найближчі місяці?",
    "Чого партнери очікують від України?",
)


EN_BANK = Bank(
    actors=EN_ACTORS,
    verbs=EN_VERBS,
    topics=EN_TOPICS,
    places=EN_PLACES,
    suffixes=EN_SUFFIXES,
    filler=EN_FILLER,
    quotes=EN_QUOTES,
    people=EN_PEOPLE,
    credits=EN_CREDITS,
    guests=EN_INTERVIEW_GUESTS,
    guest_quotes=EN_INTERVIEW_QUOTES,
    questions=EN_QUESTIONS,
    posted=("The statement was posted on the ", "official page ", "of the ministry."),
    quote_line='"{quote}," {speaker} noted.',
    digest="MAIN THINGS",
    edit_note="Update {edits}: the figures were revised after publication.",
    peace="peace",
    articles=("The ",),
    heading=str.capitalize,
)

UK_BANK = Bank(
    actors=UK_ACTORS,
    verbs=UK_VERBS,
    topics=UK_TOPICS,
    places=UK_PLACES,
    suffixes=UK_SUFFIXES,
    filler=UK_FILLER,
    quotes=UK_QUOTES,
    people=UK_PEOPLE,
    credits=UK_CREDITS,
    guests=UK_INTERVIEW_GUESTS,
    guest_quotes=UK_INTERVIEW_QUOTES,
    questions=UK_QUESTIONS,
    posted=("Відповідна заява розміщена на ", "сторінці ", "відомства у соцмережі Х."),
    quote_line='"{quote}", - наголосив {speaker}.',
    digest="НАЙВАЖЛИВІШЕ",
    edit_note="Оновлення {edits}: дані уточнено після публікації.",
    peace="мир",
    first="{reports}, {actor} {past} {topic} {place}.",
    heading=str.capitalize,
)

DE_BANK = Bank(
    actors=(
        ("Selenskyj", "Präsident Wolodymyr Selenskyj"),
        ("Sybiha", "Außenminister Andrij Sybiha"),
        ("Swyrydenko", "Premierministerin Julija Swyrydenko"),
        ("Schmyhal", "Verteidigungsminister Denys Schmyhal"),
        ("Generalstab", "Der Generalstab der ukrainischen Streitkräfte"),
        ("EU-Kommission", "Die Europäische Kommission"),
        ("Rutte", "NATO-Generalsekretär Mark Rutte"),
        ("Nausėda", "Litauens Präsident Gitanas Nausėda"),
        ("Ukrenergo", "Der Netzbetreiber Ukrenergo"),
        ("Klitschko", "Kyjiws Bürgermeister Vitali Klitschko"),
    ),
    verbs=(
        ("erörtert", "erörterte"),
        ("begrüßt", "begrüßte"),
        ("unterstützt", "unterstützte"),
        ("prüft", "prüfte"),
        ("bespricht", "besprach"),
        ("plant", "plante"),
    ),
    topics=(
        "die Drohnenproduktion",
        "die Energiesicherheit",
        "die Unterstützung der Luftverteidigung",
        "die Getreideexporte",
        "den Handel zwischen der Ukraine und der EU",
        "die Heizsaison in Kyjiw",
        "den Gefangenenaustausch",
        "die Sanktionen gegen Russland",
        "die humanitäre Minenräumung",
        "den Schwarzmeerkorridor",
        "kritische Rohstoffe",
        "die Reparatur der Eisenbahn",
        "die Vorbereitung auf den Winter",
        "den Wiederaufbau von Charkiw",
    ),
    places=(
        "in Kyjiw",
        "in Brüssel",
        "in Vilnius",
        "in Warschau",
        "im Gebiet Odesa",
        "in Charkiw",
        "in Lwiw",
        "in Dnipro",
    ),
    suffixes=("", "", "", "", " - Reuters", " - SBU", " - Medien"),
    filler=(
        "Die Seiten stimmten zudem die nächsten Schritte für {topic} ab und vereinbarten ein "
        "weiteres Treffen {place}.",
        "Zudem erklärte {actor}, dass die Arbeit für {topic} in den kommenden Wochen fortgesetzt "
        "wird.",
        "Nach Angaben von Beamten laufen bereits {num}\u00a0Projekte für {topic}.",
        "Experten halten die Entscheidung über {topic} für entscheidend für die "
        "Widerstandsfähigkeit der Ukraine in diesem Winter.",
        "Anfang der Woche führte {actor} mit internationalen Partnern Gespräche über {topic}.",
        "Das Treffen {place} dauerte etwa {num}\u00a0Minuten – länger als geplant.",
        "Die örtlichen Behörden teilten mit, dass die App »Dija« über {topic} informieren werde.",
        "Die Drohnenangriffe gingen in der Nacht weiter, doch {actor} versicherte, die Pläne für "
        "{topic} blieben unverändert.",
    ),
    quotes=(
        "Wir sind unseren Partnern für ihre Unterstützung dankbar. Das ist die Grundlage für "
        "den Frieden",
        "Jede Entscheidung über {topic} stärkt unsere Verteidigung und unsere Wirtschaft",
        "Wir werden nicht aufhören, bis jede Stadt Licht und Wärme hat…",
        "Die Welt muss sehen, was Russland jede Nacht tut",
    ),
    people=(
        ("Olena Kowalenko", "f"),
        ("Iryna Schewtschuk", "f"),
        ("Marija Bondar", "f"),
        ("Andrij Melnyk", "m"),
        ("Taras Hryzenko", "m"),
    ),
    credits=("Präsidialamt", "Ukrinform", "Außenministerium", "Pexels", "Generalstab", "Facebook"),
    guests=(
        "Kostjantyn Salij, Vorstandschef von Ukrenergo",
        "Olha Stefanischyna, Botschafterin der Ukraine in den USA",
        "Denys Maljuska, ehemaliger Justizminister",
        "Oksana Markarowa, Ökonomin",
    ),
    guest_quotes=(
        "Wir werden diesen Winter ohne Blackouts überstehen",
        "Die Drohnenproduktion ist jetzt unser stärkstes Exportargument",
        "Der Wiederaufbau muss vor dem Kriegsende beginnen",
        "Unsere Partner verstehen, was auf dem Spiel steht",
    ),
    questions=(
        "Wie schätzen Sie die aktuelle Lage ein?",
        "Was sind die größten Risiken für die kommenden Monate?",
        "Was erwarten die Partner von der Ukraine?",
        "Wie lange wird das dauern?",
    ),
    posted=(
        "Die Erklärung wurde auf der ",
        "offiziellen Seite ",
        "des Ministeriums veröffentlicht.",
    ),
    quote_line='"{quote}", betonte {speaker}.',
    speaker_full=True,
    digest="DAS WICHTIGSTE",
    edit_note="Aktualisierung {edits}: Die Zahlen wurden nach der Veröffentlichung korrigiert.",
    peace="den Frieden",
    recap=("{reported}, {past} {actor} ", "{topic}", " {place}."),
    articles=("Der ", "Die ", "Das "),
)

ES_BANK = Bank(
    actors=(
        ("Zelenski", "El presidente Volodímir Zelenski"),
        ("Sibiga", "El canciller Andrí Sibiga"),
        ("Sviridenko", "La primera ministra Yulia Sviridenko"),
        ("Shmigal", "El ministro de Defensa Denís Shmigal"),
        ("Estado Mayor", "El Estado Mayor de las Fuerzas Armadas"),
        ("Comisión Europea", "La Comisión Europea"),
        ("Rutte", "El secretario general de la OTAN Mark Rutte"),
        ("OIEA", "La misión del OIEA"),
        ("Ukrenergo", "La operadora Ukrenergo"),
        ("Klitschko", "El alcalde de Kyiv Vitali Klitschko"),
    ),
    verbs=(
        ("analiza", "analizó"),
        ("anuncia", "anunció"),
        ("respalda", "respaldó"),
        ("revisa", "revisó"),
        ("aborda", "abordó"),
        ("destaca", "destacó"),
    ),
    topics=(
        "la producción de drones",
        "la seguridad energética",
        "el apoyo a la defensa antiaérea",
        "las exportaciones de grano",
        "el comercio entre Ucrania y la UE",
        "la temporada de calefacción en Kyiv",
        "el canje de prisioneros",
        "las sanciones contra Rusia",
        "el desminado humanitario",
        "el corredor del mar Negro",
        "los minerales críticos",
        "la reparación de los ferrocarriles",
        "los preparativos para el invierno",
        "la reconstrucción de Járkiv",
    ),
    places=(
        "en Kyiv",
        "en Bruselas",
        "en Vilna",
        "en Varsovia",
        "en la región de Odesa",
        "en Járkiv",
        "en Leópolis",
        "en Dnipró",
    ),
    suffixes=("", "", "", "", " - Reuters", " - SBU", " - medios"),
    filler=(
        "Las partes también coordinaron los próximos pasos sobre {topic} y acordaron reunirse "
        "de nuevo {place}.",
        "Según {actor}, el trabajo sobre {topic} continuará en las próximas semanas.",
        "Los funcionarios señalaron que ya están en marcha {num}\u00a0proyectos relacionados con "
        "{topic}.",
        "Los expertos consideran que la decisión sobre {topic} es crucial para la resiliencia de "
        "Ucrania este invierno.",
        "A principios de esta semana, {actor} mantuvo conversaciones sobre {topic} con socios "
        "internacionales.",
        "La reunión {place} duró unos {num}\u00a0minutos – más de lo previsto.",
        "Las autoridades locales informaron de que la aplicación «Diia» publicará novedades "
        "sobre {topic}.",
        "Los ataques con drones continuaron durante la noche, pero {actor} aseguró que los "
        "planes sobre {topic} siguen en pie.",
    ),
    quotes=(
        "Agradecemos a nuestros socios su apoyo. Esta es la base para la paz",
        "Cada decisión sobre {topic} fortalece nuestra defensa y nuestra economía",
        "No nos detendremos hasta que cada ciudad tenga luz y calefacción…",
        "El mundo debe ver lo que Rusia hace cada noche",
    ),
    people=(
        ("Olena Kovalenko", "f"),
        ("Iryna Shevchuk", "f"),
        ("María Bondar", "f"),
        ("Andrí Melnik", "m"),
        ("Tarás Hritsenko", "m"),
    ),
    credits=(
        "Oficina del Presidente",
        "Ukrinform",
        "Ministerio de Asuntos Exteriores",
        "Pexels",
        "Estado Mayor",
        "Facebook",
    ),
    guests=(
        "Kostiantín Salíi, director ejecutivo de Ukrenergo",
        "Olha Stefanishina, embajadora de Ucrania en Estados Unidos",
        "Denís Maliuska, exministro de Justicia",
        "Oksana Markárova, economista",
    ),
    guest_quotes=(
        "Pasaremos este invierno sin apagones",
        "La producción de drones es ahora nuestro argumento exportador más fuerte",
        "La reconstrucción debe comenzar antes de que termine la guerra",
        "Nuestros socios entienden lo que está en juego",
    ),
    questions=(
        "¿Cómo valora la situación actual?",
        "¿Cuáles son los principales riesgos para los próximos meses?",
        "¿Qué esperan los socios de Ucrania?",
        "¿Cuánto tiempo llevará esto?",
    ),
    posted=("La declaración se publicó en la ", "página oficial ", "del ministerio."),
    quote_line='"{quote}", subrayó {speaker}.',
    speaker_full=True,
    digest="LO MÁS IMPORTANTE",
    edit_note="Actualización {edits}: las cifras se revisaron tras la publicación.",
    peace="la paz",
    articles=("El ", "La ", "Los ", "Las "),
)

FR_BANK = Bank(
    actors=(
        ("Zelensky", "Le président Volodymyr Zelensky"),
        ("Sybiha", "Le ministre des Affaires étrangères Andriï Sybiha"),
        ("Svyrydenko", "La Première ministre Ioulia Svyrydenko"),
        ("Chmyhal", "Le ministre de la Défense Denys Chmyhal"),
        ("L’état-major", "L’état-major des forces armées"),
        ("Bruxelles", "La Commission européenne"),
        ("Rutte", "Le secrétaire général de l’OTAN Mark Rutte"),
        ("L’AIEA", "La mission de l’AIEA"),
        ("Ukrenergo", "L’opérateur Ukrenergo"),
        ("Klitschko", "Le maire de Kyiv Vitali Klitschko"),
    ),
    verbs=(
        ("examine", "a examiné"),
        ("annonce", "a annoncé"),
        ("salue", "a salué"),
        ("soutient", "a soutenu"),
        ("évoque", "a évoqué"),
        ("présente", "a présenté"),
    ),
    topics=(
        "la production de drones",
        "la sécurité énergétique",
        "le soutien à la défense aérienne",
        "les exportations de céréales",
        "le commerce entre l’Ukraine et l’UE",
        "la saison de chauffage à Kyiv",
        "l’échange de prisonniers",
        "les sanctions contre la Russie",
        "le déminage humanitaire",
        "le corridor de la mer Noire",
        "les minerais critiques",
        "la réparation des voies ferrées",
        "les préparatifs de l’hiver",
        "la reconstruction de Kharkiv",
    ),
    places=(
        "à Kyiv",
        "à Bruxelles",
        "à Vilnius",
        "à Varsovie",
        "dans la région d’Odessa",
        "à Kharkiv",
        "à Lviv",
        "à Dnipro",
    ),
    suffixes=("", "", "", "", " - Reuters", " - SBU", " - médias"),
    filler=(
        "Les parties ont également coordonné les prochaines étapes concernant {topic} et sont "
        "convenues de se retrouver {place}.",
        "Selon {actor}, le travail sur {topic} se poursuivra dans les semaines à venir.",
        "Les responsables ont indiqué que {num}\u00a0projets concernant {topic} sont déjà en "
        "cours.",
        "Selon les experts, la décision sur {topic} est cruciale pour la résilience de l’Ukraine "
        "cet hiver.",
        "En début de semaine, {actor} a mené des discussions sur {topic} avec des partenaires "
        "internationaux.",
        "La réunion {place} a duré environ {num}\u00a0minutes – plus longtemps que prévu.",
        "Les autorités locales ont indiqué que l’application «\u00a0Diia\u00a0» publiera des "
        "informations sur {topic}.",
        "Les attaques de drones se sont poursuivies pendant la nuit, mais {actor} a assuré que "
        "les projets concernant {topic} restaient inchangés.",
    ),
    quotes=(
        "Nous sommes reconnaissants à nos partenaires pour leur soutien. C’est la base de la paix",
        "Chaque décision sur {topic} renforce notre défense et notre économie",
        "Nous ne nous arrêterons pas tant que chaque ville n’aura pas de lumière et de chauffage…",
        "Le monde doit voir ce que la Russie fait chaque nuit",
    ),
    people=(
        ("Olena Kovalenko", "f"),
        ("Iryna Chevtchouk", "f"),
        ("Mariia Bondar", "f"),
        ("Andriï Melnyk", "m"),
        ("Taras Hrytsenko", "m"),
    ),
    credits=(
        "Bureau du Président",
        "Ukrinform",
        "Ministère des Affaires étrangères",
        "Pexels",
        "État-major",
        "Facebook",
    ),
    guests=(
        "Kostiantyn Saliï, PDG d’Ukrenergo",
        "Olha Stefanychyna, ambassadrice d’Ukraine aux États-Unis",
        "Denys Maliouska, ancien ministre de la Justice",
        "Oksana Markarova, économiste",
    ),
    guest_quotes=(
        "Nous passerons cet hiver sans coupures de courant",
        "La production de drones est désormais notre meilleur argument à l’export",
        "La reconstruction doit commencer avant la fin de la guerre",
        "Nos partenaires comprennent ce qui est en jeu",
    ),
    questions=(
        "Comment évaluez-vous la situation actuelle\u00a0?",
        "Quels sont les principaux risques pour les mois à venir\u00a0?",
        "Qu’attendent les partenaires de l’Ukraine\u00a0?",
        "Combien de temps cela prendra-t-il\u00a0?",
    ),
    posted=("La déclaration a été publiée sur la ", "page officielle ", "du ministère."),
    quote_line='"{quote}", a souligné {speaker}.',
    speaker_full=True,
    digest="L’ESSENTIEL",
    edit_note="Mise à jour {edits}\u00a0: les chiffres ont été révisés après la publication.",
    peace="la paix",
    articles=("Le ", "La ", "Les ", "L’"),
)

PL_BANK = Bank(
    # Past forms are masculine, so every actor is grammatically masculine.
    actors=(
        ("Zełenski", "Prezydent Wołodymyr Zełenski"),
        ("Sybiha", "Minister spraw zagranicznych Andrij Sybiha"),
        ("Szmyhal", "Minister obrony Denys Szmyhal"),
        ("Sztab Generalny", "Sztab Generalny Sił Zbrojnych Ukrainy"),
        ("Rutte", "Sekretarz generalny NATO Mark Rutte"),
        ("Nausėda", "Prezydent Litwy Gitanas Nausėda"),
        ("Kliczko", "Mer Kijowa Witalij Kliczko"),
        ("NBU", "Narodowy Bank Ukrainy"),
    ),
    verbs=(
        ("omawia", "omówił"),
        ("zapowiada", "zapowiedział"),
        ("popiera", "poparł"),
        ("analizuje", "przeanalizował"),
        ("ocenia", "ocenił"),
        ("przedstawia", "przedstawił"),
    ),
    topics=(
        "produkcję dronów",
        "bezpieczeństwo energetyczne",
        "wsparcie obrony powietrznej",
        "eksport zboża",
        "handel między Ukrainą a UE",
        "sezon grzewczy w Kijowie",
        "wymianę jeńców",
        "sankcje wobec Rosji",
        "rozminowanie humanitarne",
        "korytarz czarnomorski",
        "surowce krytyczne",
        "naprawę kolei",
        "przygotowania do zimy",
        "odbudowę Charkowa",
    ),
    places=(
        "w Kijowie",
        "w Brukseli",
        "w Wilnie",
        "w Warszawie",
        "w obwodzie odeskim",
        "w Charkowie",
        "we Lwowie",
        "w Dnieprze",
    ),
    suffixes=("", "", "", "", " - Reuters", " - SBU", " - media"),
    filler=(
        "Strony uzgodniły również kolejne kroki i postanowiły ponownie spotkać się {place}.",
        "Jak zaznaczył {actor}, Ukraina będzie nadal rozwijać {topic} w najbliższych tygodniach.",
        "Według urzędników realizacja programu osiągnęła już {num}\u00a0proc.",
        "Eksperci podkreślają, że decyzje wpływające na {topic} są kluczowe dla odporności "
        "Ukrainy tej zimy.",
        "Na początku tygodnia {actor} omawiał z partnerami międzynarodowymi {topic}.",
        "Spotkanie {place} trwało dłużej, niż planowano – prawie {num}\u00a0min.",
        "Władze lokalne poinformowały, że aplikacja «Diia» będzie publikować aktualności na "
        "bieżąco.",
        "Ataki dronów trwały przez całą noc, jednak {actor} zapewnił, że plany pozostają bez "
        "zmian.",
    ),
    quotes=(
        "Jesteśmy wdzięczni partnerom za wsparcie. To fundament pokoju",
        "Każda decyzja wzmacniająca {topic} wzmacnia naszą obronę i gospodarkę",
        "Nie zatrzymamy się, dopóki w każdym mieście nie będzie światła i ciepła…",
        "Świat musi widzieć, co Rosja robi każdej nocy",
    ),
    people=(
        ("Olena Kowalenko", "f"),
        ("Iryna Szewczuk", "f"),
        ("Maria Bondar", "f"),
        ("Andrij Melnyk", "m"),
        ("Taras Hryćenko", "m"),
    ),
    credits=("Biuro Prezydenta", "Ukrinform", "MSZ", "Pexels", "Sztab Generalny", "Facebook"),
    guests=(
        "Kostiantyn Salij, prezes Ukrenergo",
        "Olha Stefaniszyna, ambasador Ukrainy w USA",
        "Denys Maluśka, były minister sprawiedliwości",
        "Oksana Markarowa, ekonomistka",
    ),
    guest_quotes=(
        "Przetrwamy tę zimę bez blackoutów",
        "Produkcja dronów to dziś nasz najmocniejszy argument eksportowy",
        "Odbudowa musi się zacząć przed końcem wojny",
        "Nasi partnerzy rozumieją, o jaką stawkę toczy się gra",
    ),
    questions=(
        "Jak ocenia Pan obecną sytuację?",
        "Jakie są główne zagrożenia na najbliższe miesiące?",
        "Czego partnerzy oczekują od Ukrainy?",
        "Ile to potrwa?",
    ),
    posted=("Oświadczenie opublikowano na ", "oficjalnej stronie ", "ministerstwa."),
    quote_line='"{quote}" – podkreślił {speaker}.',
    digest="NAJWAŻNIEJSZE",
    edit_note="Aktualizacja {edits}: dane zostały uzupełnione po publikacji.",
    peace="pokój",
    articles=("Prezydent ", "Minister ", "Sekretarz ", "Mer "),
)

RU_BANK = Bank(
    # Past forms are masculine, so every full form is grammatically masculine.
    actors=(
        ("Зеленский", "Президент Владимир Зеленский"),
        ("Сибига", "Министр иностранных дел Андрей Сибига"),
        ("Шмыгаль", "Министр обороны Денис Шмыгаль"),
        ("Генштаб", "Генеральный штаб ВСУ"),
        ("ЕС", "Европейский союз"),
        ("Рютте", "Генсек НАТО Марк Рютте"),
        ("МАГАТЭ", "Глава МАГАТЭ Рафаэль Гросси"),
        ("Укрэнерго", "Оператор Укрэнерго"),
        ("НБУ", "Национальный банк Украины"),
        ("Кличко", "Городской голова Киева Виталий Кличко"),
    ),
    verbs=(
        ("обсуждает", "обсудил"),
        ("анонсирует", "анонсировал"),
        ("приветствует", "приветствовал"),
        ("осуждает", "осудил"),
        ("поддерживает", "поддержал"),
        ("оценивает", "оценил"),
    ),
    topics=(
        "производство дронов",
        "энергетическую безопасность",
        "поддержку ПВО",
        "экспорт зерна",
        "торговлю Украина-ЕС",
        "отопительный сезон в Киеве",
        "обмен пленными",
        "санкции против России",
        "гуманитарное разминирование",
        "черноморский коридор",
        "ремонт железной дороги",
        "подготовку к зиме",
        "восстановление Харькова",
    ),
    places=(
        "в Киеве",
        "в Брюсселе",
        "в Вильнюсе",
        "в Варшаве",
        "в Одесской области",
        "в Харькове",
        "во Львове",
        "в Днепре",
    ),
    suffixes=("", "", "", "", " - Reuters", " - СБУ", " - СМИ"),
    filler=(
        "Стороны также согласовали дальнейшие шаги по теме «{topic}» и договорились встретиться "
        "{place}.",
        "Как отметили в ведомстве, работа над темой «{topic}» продолжится в ближайшие недели.",
        "Чиновники отметили, что по теме «{topic}» уже реализуются проекты на сумму "
        "{num}\u00a0млн гривен.",
        "Эксперты считают решение по теме «{topic}» ключевым для устойчивости Украины зимой.",
        "Встреча {place} продлилась дольше, чем планировалось, – почти {num}\u00a0мин.",
        "Атаки дронов продолжались ночью, но {actor} заверил, что планы не меняются.",
        "Местные власти сообщили, что обновления по теме «{topic}» будут публиковать в "
        "приложении «Дія».",
    ),
    quotes=(
        "Мы благодарны партнерам за поддержку. Это основа для мира",
        "Каждое решение укрепляет нашу оборону и экономику",
        "Мы не остановимся, пока в каждом городе не будет света и тепла…",
        "Мир должен видеть, что Россия делает каждую ночь",
    ),
    people=(
        ("Марина Дмитрив", "f"),
        ("Ирина Шевчук", "f"),
        ("Елена Коваленко", "f"),
        ("Андрей Мельник", "m"),
        ("Тарас Гриценко", "m"),
    ),
    credits=("МИД", "Офис Президента", "Укринформ", "Генштаб", "Facebook"),
    guests=(
        "Владимир Кудрицкий, председатель правления Укрэнерго",
        "Ольга Стефанишина, посол Украины в США",
        "Оксана Маркарова, экономист",
    ),
    guest_quotes=(
        "Мы пройдем эту зиму без блэкаутов",
        "Производство дронов - наш самый сильный аргумент",
        "Восстановление должно начаться еще до конца войны",
    ),
    questions=(
        "Как вы оцениваете ситуацию сейчас?",
        "Каковы основные риски на ближайшие месяцы?",
        "Чего партнеры ожидают от Украины?",
    ),
    posted=("Соответствующее заявление размещено на ", "странице ", "ведомства в соцсети Х."),
    quote_line='{speaker}: "{quote}".',
    digest="САМОЕ ВАЖНОЕ",
    edit_note="Обновление {edits}: данные уточнены после публикации.",
    peace="мир",
    first="{reports}, {actor} {past} {topic} {place}.",
    articles=("Президент ", "Министр ", "Генсек ", "Глава ", "Городской ", "Оператор "),
    heading=str.capitalize,
)

JA_BANK = Bank(
    actors=(
        ("ゼレンスキー大統領", "ウォロディミル・ゼレンスキー大統領"),
        ("シビハ外相", "アンドリー・シビハ外相"),
        ("スヴィリデンコ首相", "ユリヤ・スヴィリデンコ首相"),
        ("シュミハリ国防相", "デニス・シュミハリ国防相"),
        ("ウクライナ軍参謀本部", "ウクライナ軍参謀本部"),
        ("欧州委員会", "欧州委員会"),
        ("ルッテNATO事務総長", "マルク・ルッテNATO事務総長"),
        ("IAEA", "国際原子力機関（IAEA）の監視団"),
        ("ウクルエネルホ", "送電事業者ウクルエネルホ"),
        ("クリチコ・キーウ市長", "ヴィタリー・クリチコ・キーウ市長"),
    ),
    verbs=(
        ("協議", "協議した"),
        ("発表", "発表した"),
        ("歓迎", "歓迎した"),
        ("支持", "支持した"),
        ("検討", "検討した"),
        ("非難", "非難した"),
    ),
    topics=(
        "ドローン生産",
        "エネルギー安全保障",
        "防空支援",
        "穀物輸出",
        "ウクライナ・EU間の貿易",
        "キーウの暖房シーズン",
        "捕虜交換",
        "対露制裁",
        "人道的地雷除去",
        "黒海回廊",
        "重要鉱物",
        "鉄道修復",
        "冬季への備え",
        "ハルキウの復興",
    ),
    places=(
        "キーウ",
        "ブリュッセル",
        "ビリニュス",
        "ワルシャワ",
        "オデーサ州",
        "ハルキウ",
        "リヴィウ",
        "ドニプロ",
    ),
    suffixes=("", "", "", "", " - ロイター", " - SBU", " - 報道"),
    filler=(
        "双方は{topic}に関する次の段階についても調整し、{place}で再び会合を開くことで合意した。",
        "{actor}によると、{topic}に関する作業は今後数週間にわたり続けられる。",
        "当局者によると、{topic}に関連する{num}\u00a0件のプロジェクトがすでに進行中だ。",
        "専門家は、{topic}に関する決定が今冬のウクライナの強靭性にとって極めて重要だと指摘する。",
        "今週初め、{actor}は国際パートナーと{topic}について協議した。",
        "{place}での会合は約{num}分間続き、予定より長引いた。",
        '地元当局によると、行政アプリ"Diia"で{topic}に関する最新情報が公開される。',
        "夜間もドローン攻撃が続いたが、{actor}は{topic}の計画に変更はないと述べた。",
    ),
    quotes=(
        "パートナーの支援に感謝している。これが平和の基盤だ",
        "{topic}に関するあらゆる決定が、我々の防衛と経済を強くする",
        "すべての町に明かりと暖房が戻るまで、我々は止まらない…",
        "ロシアが毎晩何をしているのか、世界は見なければならない",
    ),
    people=(),
    credits=("大統領府", "ウクルインフォルム", "外務省", "Pexels", "参謀本部", "Facebook"),
    guests=(
        "ウクルエネルホのコスチャンティン・サリーCEO",
        "オリハ・ステファニシナ駐米ウクライナ大使",
        "デニス・マリュスカ前法相",
        "経済学者のオクサナ・マルカロワ氏",
    ),
    guest_quotes=(
        "停電なしでこの冬を乗り切る",
        "ドローン生産は今や最強の輸出上の強みだ",
        "復興は戦争終結前に始めなければならない",
        "パートナーは何が懸かっているかを理解している",
    ),
    questions=(
        "現在の状況をどう評価していますか？",
        "今後数か月の主なリスクは何ですか？",
        "パートナーはウクライナに何を期待していますか？",
        "どのくらいの時間がかかりますか？",
    ),
    posted=("声明は同省の", "公式ページ", "に掲載された。"),
    quote_line="「{quote}」と{speaker}は強調した。",
    digest="主なポイント",
    edit_note="更新{edits}：公開後に数値が修正された。",
    peace="平和",
    title="{short}、{place}で{topic}を{verb}{suffix}",
    lead="{actor}は{topic}を{past}。",
    first="{actor}は{place}で{topic}を{past}と{reports}。",
    recap=("{reported}、{actor}は{place}で", "{topic}を{past}", "。"),
    joiner="",
    spaced=False,
    gloss={
        "ゼレンスキー大統領": "Zelensky",
        "シビハ外相": "Sybiha",
        "スヴィリデンコ首相": "Svyrydenko",
        "シュミハリ国防相": "Shmyhal",
        "ウクライナ軍参謀本部": "General Staff",
        "欧州委員会": "European Commission",
        "ルッテNATO事務総長": "Rutte",
        "IAEA": "IAEA",
        "ウクルエネルホ": "Ukrenergo",
        "クリチコ・キーウ市長": "Klitschko",
        "協議": "discusses",
        "発表": "announces",
        "歓迎": "welcomes",
        "支持": "backs",
        "検討": "reviews",
        "非難": "condemns",
        "ドローン生産": "drone production",
        "エネルギー安全保障": "energy security",
        "防空支援": "air defense support",
        "穀物輸出": "grain exports",
        "ウクライナ・EU間の貿易": "Ukraine-EU trade",
        "キーウの暖房シーズン": "Kyiv's heating season",
        "捕虜交換": "prisoner exchange",
        "対露制裁": "sanctions against Russia",
        "人道的地雷除去": "humanitarian demining",
        "黒海回廊": "the Black Sea corridor",
        "重要鉱物": "critical minerals",
        "鉄道修復": "railway repairs",
        "冬季への備え": "winter preparations",
        "ハルキウの復興": "reconstruction of Kharkiv",
        "キーウ": "Kyiv",
        "ブリュッセル": "Brussels",
        "ビリニュス": "Vilnius",
        "ワルシャワ": "Warsaw",
        "オデーサ州": "Odesa region",
        "ハルキウ": "Kharkiv",
        "リヴィウ": "Lviv",
        "ドニプロ": "Dnipro",
        " - ロイター": " - Reuters",
        " - SBU": " - SBU",
        " - 報道": " - media",
        "ウクルエネルホのコスチャンティン・サリーCEO": "Kostyantyn Saliy, CEO of Ukrenergo",
        "オリハ・ステファニシナ駐米ウクライナ大使": (
            "Olha Stefanishyna, Ambassador of Ukraine to the United States"
        ),
        "デニス・マリュスカ前法相": "Denys Maliuska, former Minister of Justice",
        "経済学者のオクサナ・マルカロワ氏": "Oksana Markarova, economist",
    },
    gloss_title="{short} {verb} {topic} in {place}{suffix}",
)

AR_BANK = Bank(
    # Verbs come in the masculine, so every actor is grammatically masculine.
    actors=(
        ("زيلينسكي", "الرئيس فولوديمير زيلينسكي"),
        ("سيبيها", "وزير الخارجية أندريه سيبيها"),
        ("شميهال", "وزير الدفاع دينيس شميهال"),
        ("روته", "الأمين العام لحلف الناتو مارك روته"),
        ("ناوسيدا", "الرئيس الليتواني غيتاناس ناوسيدا"),
        ("كليتشكو", "رئيس بلدية كييف فيتالي كليتشكو"),
        ("البنك الوطني", "البنك الوطني الأوكراني"),
        ("جهاز الأمن", "جهاز الأمن الأوكراني"),
        ("مجلس الاتحاد الأوروبي", "مجلس الاتحاد الأوروبي"),
    ),
    verbs=(
        ("يناقش", "ناقش"),
        ("يعلن", "أعلن"),
        ("يدعم", "دعم"),
        ("يستعرض", "استعرض"),
        ("يقيّم", "قيّم"),
        ("يدين", "أدان"),
    ),
    topics=(
        "إنتاج الطائرات المسيرة",
        "أمن الطاقة",
        "دعم الدفاع الجوي",
        "صادرات الحبوب",
        "التجارة بين أوكرانيا والاتحاد الأوروبي",
        "موسم التدفئة في كييف",
        "تبادل الأسرى",
        "العقوبات على روسيا",
        "إزالة الألغام لأغراض إنسانية",
        "ممر البحر الأسود",
        "المعادن الحيوية",
        "إصلاح السكك الحديدية",
        "الاستعداد لفصل الشتاء",
        "إعادة إعمار خاركيف",
    ),
    places=(
        "في كييف",
        "في بروكسل",
        "في فيلنيوس",
        "في وارسو",
        "في مقاطعة أوديسا",
        "في خاركيف",
        "في لفيف",
        "في دنيبرو",
    ),
    suffixes=("", "", "", "", " - رويترز", " - جهاز الأمن", " - وسائل إعلام"),
    filler=(
        "كما نسق الطرفان الخطوات التالية بشأن {topic} واتفقا على الاجتماع مجدداً {place}.",
        "وبحسب {actor}، سيتواصل العمل على {topic} خلال الأسابيع المقبلة.",
        "وأشار مسؤولون إلى أن نسبة الإنجاز في ملف {topic} بلغت {num}\u00a0في المئة.",
        "ويرى خبراء أن القرار بشأن {topic} حاسم لصمود أوكرانيا هذا الشتاء.",
        "وفي وقت سابق من هذا الأسبوع، أجرى {actor} محادثات حول {topic} مع الشركاء الدوليين.",
        "واستمر الاجتماع {place} قرابة ساعتين – أطول مما كان مخططاً له.",
        "وأفادت السلطات المحلية بأن تطبيق «ديا» سينشر التحديثات بشأن {topic}.",
        "وتواصلت هجمات المسيرات ليلاً، لكن {actor} أكد أن خطط {topic} لم تتغير.",
    ),
    quotes=(
        "نحن ممتنون لشركائنا على دعمهم. هذا هو أساس السلام",
        "كل قرار بشأن {topic} يعزز دفاعنا واقتصادنا",
        "لن نتوقف حتى يعود النور والدفء إلى كل مدينة…",
        "يجب أن يرى العالم ما تفعله روسيا كل ليلة",
    ),
    people=(),
    credits=(
        "مكتب الرئيس",
        "يوكرينفورم",
        "وزارة الخارجية",
        "Pexels",
        "هيئة الأركان العامة",
        "Facebook",
    ),
    guests=(
        "كوستيانتين ساليي، الرئيس التنفيذي لشركة أوكرإنيرغو",
        "أولها ستيفانيشينا، سفيرة أوكرانيا لدى الولايات المتحدة",
        "دينيس ماليوسكا، وزير العدل السابق",
        "أوكسانا ماركاروفا، خبيرة اقتصادية",
    ),
    guest_quotes=(
        "سنجتاز هذا الشتاء من دون انقطاع للكهرباء",
        "إنتاج المسيرات هو الآن أقوى حججنا التصديرية",
        "يجب أن تبدأ إعادة الإعمار قبل انتهاء الحرب",
        "شركاؤنا يدركون ما هو على المحك",
    ),
    questions=(
        "كيف تقيمون الوضع الآن؟",
        "ما هي المخاطر الرئيسية في الأشهر المقبلة؟",
        "ماذا يتوقع الشركاء من أوكرانيا؟",
        "كم من الوقت سيستغرق ذلك؟",
    ),
    posted=("ونشر البيان على ", "الصفحة الرسمية ", "للوزارة."),
    quote_line='وقال {speaker}: "{quote}".',
    digest="أبرز الأحداث",
    edit_note="تحديث {edits}: جرى تعديل الأرقام بعد النشر.",
    peace="السلام",
    lead="{past} {actor} {topic}.",
    first="{reports}، {past} {actor} {topic} {place}.",
    recap=("{reported}، {past} {actor} ", "{topic}", " {place}."),
    gloss={
        "زيلينسكي": "Zelensky",
        "سيبيها": "Sybiha",
        "شميهال": "Shmyhal",
        "روته": "Rutte",
        "ناوسيدا": "Nauseda",
        "كليتشكو": "Klitschko",
        "البنك الوطني": "NBU",
        "جهاز الأمن": "SBU",
        "مجلس الاتحاد الأوروبي": "EU Council",
        "يناقش": "discusses",
        "يعلن": "announces",
        "يدعم": "backs",
        "يستعرض": "reviews",
        "يقيّم": "assesses",
        "يدين": "condemns",
        "إنتاج الطائرات المسيرة": "drone production",
        "أمن الطاقة": "energy security",
        "دعم الدفاع الجوي": "air defense support",
        "صادرات الحبوب": "grain exports",
        "التجارة بين أوكرانيا والاتحاد الأوروبي": "Ukraine-EU trade",
        "موسم التدفئة في كييف": "Kyiv's heating season",
        "تبادل الأسرى": "prisoner exchange",
        "العقوبات على روسيا": "sanctions against Russia",
        "إزالة الألغام لأغراض إنسانية": "humanitarian demining",
        "ممر البحر الأسود": "the Black Sea corridor",
        "المعادن الحيوية": "critical minerals",
        "إصلاح السكك الحديدية": "railway repairs",
        "الاستعداد لفصل الشتاء": "winter preparations",
        "إعادة إعمار خاركيف": "reconstruction of Kharkiv",
        "في كييف": "in Kyiv",
        "في بروكسل": "in Brussels",
        "في فيلنيوس": "in Vilnius",
        "في وارسو": "in Warsaw",
        "في مقاطعة أوديسا": "in Odesa region",
        "في خاركيف": "in Kharkiv",
        "في لفيف": "in Lviv",
        "في دنيبرو": "in Dnipro",
        " - رويترز": " - Reuters",
        " - جهاز الأمن": " - SBU",
        " - وسائل إعلام": " - media",
        "كوستيانتين ساليي، الرئيس التنفيذي لشركة أوكرإنيرغو": "Kostyantyn Saliy, CEO of Ukrenergo",
        "أولها ستيفانيشينا، سفيرة أوكرانيا لدى الولايات المتحدة": (
            "Olha Stefanishyna, Ambassador of Ukraine to the United States"
        ),
        "دينيس ماليوسكا، وزير العدل السابق": "Denys Maliuska, former Minister of Justice",
        "أوكسانا ماركاروفا، خبيرة اقتصادية": "Oksana Markarova, economist",
    },
)

BANKS: dict[str, Bank] = {
    "en": EN_BANK,
    "uk": UK_BANK,
    "de": DE_BANK,
    "es": ES_BANK,
    "fr": FR_BANK,
    "pl": PL_BANK,
    "ru": RU_BANK,
    "ja": JA_BANK,
    "ar": AR_BANK,
}
"""The text bank of each edition, by edition code."""
