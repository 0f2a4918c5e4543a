"""Every default of our own components, in one place (Scrapy's own live in crawler/settings.py).

Components read these through typed getters in `from_crawler`, e.g.
`crawler.settings.getint("DEDUP_NUM_PERM", defaults.DEDUP_NUM_PERM)`.
"""

from __future__ import annotations

# --- archive (pipelines/archive.py) ---
ARCHIVE_DIR = "archive"
ARCHIVE_ENABLED = True
# False: the archive is left alone (no lock, no store, nothing written); set by the single-page
# commands scrapy shell, fetch, parse and view (crawler/commands/)
ARCHIVE_OPEN = True
# records are partitioned by publication month: ARCHIVE_DIR/records/YYYY-MM/<run_id>.jsonl
# a line is safe from a killed process once written (page cache); fsync guards against power loss
ARCHIVE_FSYNC = False  # True: fsync after every line (about 1 ms each)
ARCHIVE_FSYNC_SECONDS = 5.0  # otherwise fsync the written files this often, and on close

# --- extraction / spider ---
EXTRACT_MIN_BODY_CHARS = 30  # shorter bodies are skipped as extract/empty_body
EXTRACT_MAX_PAGE_BYTES = 8 * 1024 * 1024  # larger responses are skipped (huge pages)
SPIDER_FOLLOW_SITEMAPS = True
SPIDER_FOLLOW_FEEDS = True
# which archived articles have their attachments that are documents on their site (a PDF, a
# Word file, a download endpoint) fetched and archived as document records, as a list's document
# rows are: "short" those published as their attachments (flag short_body: 详见附件。, whose
# content is the file), "all" every article's (a site's files may outweigh its pages many times
# over), "none"
SPIDER_FOLLOW_ATTACHMENTS = "short"
ATTACHMENT_POLICIES = {"short": "short", "all": "all", "none": "none", "1": "all", "true": "all",
                       "0": "none", "false": "none"}  # fmt: skip
# links no URL pattern recognizes are fetched and judged by structure, this many in a row
# (distance from content: a list's pager pages keep the list's depth, its items add one)
SPIDER_UNKNOWN_PAGE_DEPTH = 1
# list pages fetched per column (a pager chain from one list page); more are counted in stats
# as discovery/list_pages_capped: a pager claiming a million pages stops here
SPIDER_MAX_LIST_PAGES_PER_COLUMN = 500
# pager pages a script claims are scheduled this many ahead of the last page that answered
SPIDER_PAGER_WINDOW = 3
# pages an article printed over several (`t2024_1.html`, `?page=2`) is read on after its first
# (crawler.page.continued), its text joined into one record; 0: the first page's text alone
SPIDER_ARTICLE_PAGES = 30
# robots.txt answering 5xx forbids the site for the crawl (RFC 9309); True: crawl it as if it
# had none (Scrapy's behaviour)
ROBOTSTXT_SERVER_ERROR_ALLOW = False
# URLs the spider remembers having scheduled (and list pages read, skips logged), oldest
# forgotten first: about 250 bytes each. A link scheduled longer ago is dropped by the scheduler's
# dupefilter instead (a few tens of microseconds more), so memory stops growing here
SPIDER_REMEMBERED_URLS = 20_000
ENCODING_CHECK_ENABLED = True  # crawler.components.middlewares.EncodingCheckMiddleware
STATS_DUMP_ENABLED = True  # final crawl stats -> ARCHIVE_DIR/runs/<run_id>.stats.json
# seconds between INFO progress lines (articles/s, queue, errors) of a crawl; 0: none
PROGRESS_INTERVAL = 60.0

# --- dedup (pipelines/dedup.py) ---
DEDUP_ENABLED = True
DEDUP_DROP = False  # True: drop duplicates instead of archiving them with duplicate_of
DEDUP_NEAR = True
DEDUP_THRESHOLD = 0.8  # Jaccard similarity of character shingles for a near duplicate
DEDUP_NUM_PERM = 128
DEDUP_SHINGLE = 5
DEDUP_FILE = "dedup.sqlite3"  # relative to ARCHIVE_DIR: the exact + LSH index, survives runs
# commit the index every this many documents (and on close); a killed run's uncommitted ones are
# read back from the archive when the next run opens
DEDUP_COMMIT_EVERY = 500

# --- incremental state (crawler/store/state.py) ---
STATE_ENABLED = True
STATE_FILE = "state.sqlite3"  # relative to ARCHIVE_DIR
# commit the state every this many writes (and on close): a killed run's archived versions are
# read back from the archive on the next open, anything else missed only costs a re-fetch
STATE_COMMIT_EVERY = 500
STATE_LOCK_WAIT = 0  # seconds a second run waits for the archive lock before refusing
# known articles archived within this many days are revalidated (conditional GET) when a list
# links them; older ones are not requested again (counted incremental/skipped_known)
STATE_REVALIDATE_DAYS = 30.0

# --- the durable frontier (crawler/components/frontier.py; in the crawl state) ---
FRONTIER_ENABLED = True  # needs STATE_ENABLED
# runs in which a request may fail for a reason that may pass (timeout, 5xx) before it is given up
FRONTIER_MAX_ATTEMPTS = 5
# after its n-th failed run a request waits FRONTIER_RETRY_BACKOFF * (2 ** (n - 1) - 1) seconds:
# the first failure is retried by the next run, later ones after 1 h, 3 h, 7 h (with 3600)
FRONTIER_RETRY_BACKOFF = 3600.0
# the run's request queue on disk (ARCHIVE_DIR/.queue, Scrapy's pickle disk queues): memory does
# not grow with the requests waiting; off: Scrapy's memory queues
FRONTIER_DISK_QUEUE = True

# --- WARC capture ---
WARC_ENABLED = True
WARC_MAX_BYTES = 100 * 1024 * 1024  # rotate WARC files at this size
WARC_LIST_PAGES = True  # also capture list pages, not only articles
# ISA-L gzip level (0-3) of each WARC record (one member per record). On 544 replica article
# pages of 7.7 KB: ISA-L 2 gives 3.60 KB a page in 25 us, 3 gives 3.55 KB in 35 us, zlib 6 (the
# level used before ISA-L) 3.35 KB in 97 us and zlib 1 3.51 KB in 75 us
WARC_GZIP_LEVEL = 2

# --- distributed mode (crawler/components/distributed.py; inert unless REDIS_URL is set) ---
# seconds between a worker's liveness renewals (a worker joining others watches for one)
DISTRIBUTED_HEARTBEAT = 2.0
DISTRIBUTED_IDLE_POLL = 0.25  # seconds between an idle worker's looks at the shared queue
# requests a worker claims from the shared queue in one round trip, at most (fewer when the
# queue is short: each live worker takes at most half its share)
DISTRIBUTED_CLAIM_BATCH = 8
DISTRIBUTED_WORKER_TTL = 30.0  # a worker silent this long (killed) no longer counts as live
# a worker whose Redis stops answering waits for it this long (retrying, paused), then stops
# with one line, its run logged, its requests pending in the frontier
DISTRIBUTED_REDIS_WAIT = 120.0
# with REDIS_URL, the crawl state and dedup index are in Redis (crawler/store/shared.py) under
# this prefix, shared by every worker of the collection; off: each archive keeps its own
SHARED_STATE_ENABLED = True
# a site's DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN hold across all workers (a shared
# token in Redis: crawler/components/politeness.py); off: each worker applies them on its own
DISTRIBUTED_POLITENESS = True
SHARED_STATE_KEY = "govnews:archive"

# --- stopping (crawler/components/shutdown.py) ---
# seconds a stopped crawl (SIGINT/SIGTERM) waits for requests in flight before closing anyway
SHUTDOWN_DEADLINE = 5.0

# --- garbage collector (crawler/components/gc_tuning.py) ---
GC_TUNING_ENABLED = True  # freeze start-up objects once the engine runs
GC_GEN0_THRESHOLD = 700  # allocations between young collections (why 700: gc_tuning.py)
