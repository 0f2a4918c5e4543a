from __future__ import annotations

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.components.gc_tuning import GcTuning


def test_engine_start_freezes_and_raises_threshold_until_the_engine_stops() -> None:
    before = gc.get_threshold()
    crawler = get_crawler(settings_dict={"GC_GEN0_THRESHOLD": 12345})
    tuning = GcTuning.from_crawler(crawler)
    try:
        crawler.signals.send_catch_log(signals.engine_started)
        assert gc.get_threshold() == (12345, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert tuning.saved is None


def test_can_be_switched_off() -> None:
    with pytest.raises(NotConfigured):
        GcTuning.from_crawler(get_crawler(settings_dict={"GC_TUNING_ENABLED": False}))
