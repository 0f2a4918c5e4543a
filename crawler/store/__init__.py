"""The archive stores: crawl state, dedup index, WARC files, run log and lock, record files.

May import: the standard library, sqlite3, warcio, isal, numpy, `crawler.page`
(for record identity) and each other. They take paths and plain values, never Scrapy settings,
never Scrapy; the archive's owner (`crawler.components.archive`) opens them, once per crawl.
"""
