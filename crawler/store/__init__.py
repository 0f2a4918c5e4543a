"""The archive stores: crawl state, dedup index, WARC files, run log and lock, record files.

May import: the standard library, sqlite3, warcio, isal, numpy, datasketch and `crawler.page`
(for record identity). They take paths and plain values, never Scrapy settings, never Scrapy.
"""
