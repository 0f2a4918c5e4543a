"""Scrapy settings for the govnews archive crawler (see crawler/defaults.py for our own)."""

from __future__ import annotations

from scrapy.settings import default_settings

BOT_NAME = "govnews"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# crawl reports a user's mistake in one line; shell, fetch, parse and view leave the archive alone
COMMANDS_MODULE = "crawler.commands"

USER_AGENT = "govnews-archive/0.1 (+https://github.com/govnews-archive; research archive crawler)"
ROBOTSTXT_OBEY = True

# Polite by default: government sites are small servers.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy starts this many asyncio tasks (plus one) for every callback's output; ours yields one
# item at most and pipelines are synchronous, so more only costs: 16 tasks per response were
# about 0.4 ms of CPU per article (crawl benchmark)
CONCURRENT_ITEMS = 1
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's RemoteControl: an HTTP server in every crawl that runs the Python code it is
# sent, its token written to a file in the user's profile directory (left there by a killed
# crawl); it also imports aiohttp at start-up. Nothing here uses it.
REMOTE_CONTROL_ENABLED = False

# a site's downloads held to CONCURRENT_REQUESTS_PER_DOMAIN (Scrapy 2.19 starts more when there is
# no delay), and with REDIS_URL its delay and concurrency across workers
DOWNLOAD_HANDLERS = {
    "http": "crawler.components.politeness.PoliteDownloadHandler",
    "https": "crawler.components.politeness.PoliteDownloadHandler",
}
DOWNLOADER_MIDDLEWARES: dict[str, int | None] = {
    # no site here asks for HTTP authentication
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    # robots.txt as Scrapy obeys it; an unreachable one is a counted one-line warning
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.components.middlewares.RobotsUnreachableMiddleware": 100,
    # between HttpCompression (590) and MetaRefresh (580): declared charset checked against bytes
    "crawler.components.middlewares.EncodingCheckMiddleware": 585,
    # Scrapy's redirect middlewares, a chain past REDIRECT_MAX_TIMES typed as a skip reason
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.components.middlewares.LimitedRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.components.middlewares.LimitedMetaRefreshMiddleware": 580,
    # before Redirect (600) in the response chain: A -> B -> A, a Location off the seeds' sites
    # or no URL at all become counted skips before any request is built
    "crawler.components.middlewares.RedirectLoopMiddleware": 610,
    # first in the request chain (before robots.txt at 100): a redirected request off the
    # seeds' sites never reaches another host
    "crawler.components.middlewares.OffsiteRedirectMiddleware": 50,
    # decompression bombs and undecodable bodies as typed skips
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.components.middlewares.TypedHttpCompressionMiddleware": 590,
    # WARC capture sees responses as downloaded: after redirects (600), before decompression (590)
    "crawler.components.warc.WarcCaptureMiddleware": 595,
    # conditional GETs from the crawl state; drops 304s before WARC capture and parsing
    "crawler.components.incremental.IncrementalMiddleware": 597,
}

# Every spider middleware wraps every request and item a callback yields in one more async
# generator; these do nothing for this crawler, and together they cost a few percent of its CPU:
# UrlLength: the spider checks URLLENGTH_LIMIT itself (discovery/url_too_long);
# Depth: DEPTH_LIMIT is unused, the spider bounds unknown pages (SPIDER_UNKNOWN_PAGE_DEPTH);
# MetaCopyDetection: the spider builds fresh meta for every request, never copies response.meta.
SPIDER_MIDDLEWARES: dict[str, int | None] = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    # every request recorded in the crawl state until settled; the next run retries the rest
    "crawler.components.frontier.FrontierMiddleware": 40,
}

ITEM_PIPELINES = {
    "pipelines.state.VersionPipeline": 250,  # version from the crawl state; unchanged dropped
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.archive.ArchivePipeline": 500,
    "pipelines.state.StatePipeline": 600,  # records what was archived
}

EXTENSIONS: dict[str, int] = {
    # first: opens the archive (lock, stores) before any other component; run log, manifest
    "crawler.components.archive.ArchiveOwner": 0,
    # SIGINT/SIGTERM: queued requests dropped, in-flight ones waited for SHUTDOWN_DEADLINE s
    "crawler.components.shutdown.ShutdownDeadline": 100,
    # a tenth of the crawl's CPU was garbage collection
    "crawler.components.gc_tuning.GcTuning": 200,
    # an INFO line every PROGRESS_INTERVAL seconds: articles/s, queue, errors
    "crawler.components.progress.Progress": 300,
}
# Scrapy's RemoteControl (off: REMOTE_CONTROL_ENABLED above) left out of its base list, as naming
# it, even as None, imports its module, and with it aiohttp: ~0.15 s of every crawl's start-up
EXTENSIONS_BASE = {
    path: order
    for path, order in default_settings.EXTENSIONS_BASE.items()
    if path != "scrapy.extensions.remote_control.RemoteControl"
}

# distributed mode on scrapy-redis; inert unless REDIS_URL is set (docs/DISTRIBUTED.md)
ADDONS: dict[str, int] = {"crawler.components.distributed.DistributedAddon": 0}

# Scrapy's scheduler with its disk queues in ARCHIVE_DIR/.queue for the run, every request it
# accepts recorded in the durable frontier (crawl state) until settled
SCHEDULER = "crawler.components.frontier.FrontierScheduler"

# items named by URL and title in log lines, never written whole (a 5 MB page, a 5 MB line);
# "Crawled" and "Scraped" messages built only when LOG_LEVEL shows them (a tenth of a ms a page)
LOG_FORMATTER = "crawler.components.logformat.BoundedLogFormatter"

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
