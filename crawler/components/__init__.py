"""The Scrapy components: downloader middlewares, extensions, the distributed add-on.

Thin: each reads its settings in `from_crawler` (defaults from `crawler.defaults`), raises
`NotConfigured` with a reason when switched off, and hands page work to `crawler.page` and
storage to `crawler.store`. May import Scrapy, `crawler.page`, `crawler.store`, `crawler.defaults`.
"""
