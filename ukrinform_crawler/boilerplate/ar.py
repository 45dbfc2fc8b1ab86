"""The Arabic edition (www.ukrinform.org): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="ar",
    citation_notice=(
        assumed(
            "عند الاقتباس واستخدام أي مواد على الإنترنت، يجب وضع رابط إلى موقع {DOMAIN} في "
            "موضع لا يتجاوز الفقرة الأولى."
        ),
        assumed(
            "بالإضافة إلى ذلك، لا يمكن اقتباس المواد المترجمة من وسائل الإعلام الأجنبية إلا "
            "بوجود رابط إلى موقع {DOMAIN} وموقع وسيلة الإعلام الأجنبية."
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "المواد التي تحمل علامة «إعلان» أو إخلاء المسؤولية: «تم نشر المادة وفقاً للجزء 3 "
            "من المادة 9 من قانون أوكرانيا «بشأن الإعلان» رقم 270/96-VR المؤرخ 3 يوليو 1996 "
            "وقانون أوكرانيا «بشأن وسائل الإعلام» رقم 2849-IX المؤرخ 31 مارس 2023 وعلى أساس "
            "اتفاقية/فاتورة."
        ),
    ),
    media_identifier=(assumed("كيان إعلامي عبر الإنترنت؛ معرّف وسيلة الإعلام - {MEDIA_ID}."),),
    copyright=(assumed("© 2015-{YEAR} يوكرينفورم. جميع الحقوق محفوظة."),),
    publisher=(assumed("يوكرينفورم"),),
    read_also=(assumed("اقرأ أيضاً:"),),
    photo_credit=(assumed("صورة:"),),
    byline=(),
    conjunctions=(),
    search_form=(
        assumed("إخفاء البحث المتقدم"),
        assumed("بحث متقدم"),
        assumed("حسب الفترة:"),
        assumed("جميع الأقسام"),
        assumed("بحث"),
    ),
    promo=(assumed("انضموا إلى قنواتنا على Telegram وInstagram وYouTube."),),
)
