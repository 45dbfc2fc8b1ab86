"""Scrapy settings: only what differs from Scrapy's defaults."""

from ukrinform_crawler.pipelines import ITEM_PIPELINES as CLEANING_PIPELINES

BOT_NAME = "ukrinform_crawler"
SPIDER_MODULES = ["ukrinform_crawler.spiders"]
NEWSPIDER_MODULE = "ukrinform_crawler.spiders"

# Identity and politeness. Against a loopback origin (the test replica) the spiders turn the
# delays off; command-line -s values always win.
USER_AGENT = "ukrinform-crawler/0.1 (Scrapy; news archiving; set USER_AGENT to add your contact)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Hardening: bounded work per response, only http(s), no local control endpoints.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # default 1 GiB; an article page is about 100 KB
DOWNLOAD_WARNSIZE = 1024 * 1024  # default 32 MiB
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
RETRY_TIMES = 10  # 503/429/resets are cheap to retry; timeouts get UKRINFORM_TIMEOUT_RETRIES
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOADER_MIDDLEWARES = {
    "ukrinform_crawler.downloadermiddlewares.BackoffMiddleware": 560,  # waits, then Retry (550)
    "ukrinform_crawler.downloadermiddlewares.UnreachableOriginMiddleware": 570,  # before both
    "ukrinform_crawler.downloadermiddlewares.CharsetRepairMiddleware": 585,  # after gunzip (590)
    "ukrinform_crawler.downloadermiddlewares.RedirectGuardMiddleware": 610,  # before Redirect (600)
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "ukrinform_crawler.downloadermiddlewares.OfflineCookiesMiddleware": 700,  # no PSL download
}
METAREFRESH_ENABLED = False  # article pages never use it; a refresh off-site would vanish silently
TELNETCONSOLE_ENABLED = False  # on by default
REMOTE_CONTROL_ENABLED = False  # on by default in Scrapy 2.19: a localhost endpoint running code
REDIRECT_MAX_TIMES = 5
CONCURRENT_ITEMS = 8  # default 100: Scrapy starts that many tasks for every callback's output
# Scrapy re-reads a generator callback's source to look for "return value" whenever the
# request that first carried it is gone (1-3 ms, every few responses); tests run that check once.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Pipelines: cleaning, one job each, then validation, then versioning against the state.
ITEM_PIPELINES = {
    **CLEANING_PIPELINES,
    "ukrinform_crawler.pipelines.state.StatePipeline": max(CLEANING_PIPELINES.values()) + 50,
}

# Feeds: -o/-O as usual; UTF-8 JSON lines without \u escapes; a local file that cannot be
# written fails the run instead of a log line per record.
FEED_EXPORT_ENCODING = "utf-8"
FEED_STORAGES = {
    "": "ukrinform_crawler.feeds.LocalFeedStorage",
    "file": "ukrinform_crawler.feeds.LocalFeedStorage",
}

# A console for people: no dumped records (-s LOG_LEVEL=DEBUG brings everything back).
LOG_LEVEL = "INFO"

# Ours.
UKRINFORM_BASE_URL = ""  # fetch from this origin instead of https://www.<edition host>
UKRINFORM_DEFAULT_MAX_PAGES = 3  # listing pages walked when neither max_pages nor since is given
UKRINFORM_CHALLENGE_RETRIES = 2  # refetches of a 200 page that has no article markup
UKRINFORM_BACKOFF_BASE = 1.0  # seconds before the first retry, doubling per retry
UKRINFORM_BACKOFF_MAX = 30.0  # longest exponential wait
UKRINFORM_RETRY_AFTER_MAX = 120.0  # longest Retry-After honoured (longer asks wait this long)
UKRINFORM_TIMEOUT_RETRIES = 2  # retries of a request that timed out (each costs DOWNLOAD_TIMEOUT)
UKRINFORM_MAX_LISTING_PAGES = 10000  # trap cap on listing pagination, whatever max_pages says

# Incremental runs: state, feed dir, run outcome (README "Incremental and cron runs").
COMMANDS_MODULE = "ukrinform_crawler.commands"  # `crawl` exits 0 ok, 1 failed, 75 locked
SPIDER_MIDDLEWARES = {"ukrinform_crawler.middlewares.KnownArticlesMiddleware": 800}
EXTENSIONS = {"ukrinform_crawler.extensions.RunExtension": 100}  # lock, feed file, report
UKRINFORM_STATE_PATH = ""  # SQLite file of cross-run memory; empty: off, every run is a fresh crawl
UKRINFORM_FEED_DIR = "feeds"  # with state on and no -o/-O: one <edition>-<UTC time>.jsonl per run
UKRINFORM_FRESHNESS_HOURS = 48  # exported articles this young are re-checked for edits
UKRINFORM_RECHECK_MIN_MINUTES = 30  # first re-check interval; then doubling with the article's age
UKRINFORM_OVERLAP_PAGES = 1  # all-known listing pages walked in a row before stopping early
UKRINFORM_RETRY_FAILED = 200  # articles that failed in earlier runs, fetched again first (0: off)
UKRINFORM_RETRY_FAILED_RUNS = 10  # runs an article may fail before only a walk retries it
UKRINFORM_MAX_ERROR_RATE = 0.05  # failed articles + spider errors per response; above it: exit 1

# Distributed mode (README "Scaling out"): workers on one job share a Redis; see distributed/.
UKRINFORM_REDIS_URL = ""  # redis://host:port/db; empty: off (the state is UKRINFORM_STATE_PATH)
UKRINFORM_REDIS_LEASE_SECONDS = 30  # a dead worker's requests go back to the queue after this
UKRINFORM_REDIS_BUDGET = True  # shared per-host delay and concurrency (off on a loopback origin)
