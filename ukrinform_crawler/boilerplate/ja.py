"""The Japanese edition (www.ukrinform.jp): boilerplate phrases, all assumed.

Standard translations shared with the replica (``/work/phrases.md`` when they were written);
the site model confirms none of them (site-model.md §1 names only the host and ``hreflang``).
"""

from ukrinform_crawler.boilerplate.catalogue import Catalogue, assumed

CATALOGUE = Catalogue(
    language="ja",
    citation_notice=(
        assumed(
            "インターネット上で資料を引用・使用する際には、第1段落以内にウェブサイト{DOMAIN}へのリンクが必須です。"
        ),
        assumed(
            "また、外国メディアの翻訳資料の引用は、ウェブサイト{DOMAIN}と外国メディアのウェブサイトへのリンクがある場合にのみ可能です。"
        ),
    ),
    advertising_disclaimer=(
        assumed(
            "「広告」と表示された資料、または「本資料は、1996年7月3日付ウクライナ法「広告について」第270/96-VR号第9条第3部及び2023年3月31日付ウクライナ法「メディアについて」第2849-IX号に従い、契約/請求書に基づいて掲載されました」との注記のある資料。"
        ),
    ),
    media_identifier=(assumed("オンラインメディア事業者；メディア識別子 - {MEDIA_ID}。"),),
    copyright=(assumed("© 2015-{YEAR} Ukrinform. All rights reserved."),),
    publisher=(assumed("ウクルインフォルム"),),
    read_also=(assumed("関連記事："),),
    photo_credit=(assumed("写真："),),
    byline=(),
    conjunctions=(),
    search_form=(
        assumed("詳細検索を閉じる"),
        assumed("詳細検索"),
        assumed("期間："),
        assumed("すべてのカテゴリー"),
        assumed("検索"),
    ),
    promo=(assumed("Telegram、Instagram、YouTubeの当社チャンネルにご参加ください。"),),
)
