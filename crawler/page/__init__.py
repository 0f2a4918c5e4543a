"""The pure page core: decode -> classify -> extract -> normalize -> flag -> record.

May import: the standard library, lxml, trafilatura, OpenCC, w3lib and `crawler.page.*`.
Never Scrapy, never a file or the network: `html, url -> dict`, `text -> text`.
"""
