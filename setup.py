"""Kept for scrapyd-deploy, which builds its egg with `python setup.py bdist_egg`.

All metadata lives in pyproject.toml (packages, package data, the `scrapy` entry point).
"""

from setuptools import setup

setup()
