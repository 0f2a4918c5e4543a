"""Synthetic archives written record by record (no crawl): the shapes a long-lived archive takes
that a short crawl of the replicas does not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from crawler.page.record import finalize_record, record_schema, to_json_line, with_version
from crawler.store.records import RECORDS_DIR, partition_of


def synthetic_record(n: int, month: str, *, late_fields: bool = False) -> dict[str, Any]:
    """Article `n` published in `month` (YYYY-MM); `late_fields`: it is a second version with a
    信息公开 table and a traditional-characters original (fields null in early records)."""
    yyyymm = month.replace("-", "")
    url = f"http://www.example.gov.cn/xwzx/{yyyymm}/t{yyyymm}01_{n}.html"
    fields: dict[str, Any] = {
        "title": f"第{n}篇通知", "text": f"第{n}篇正文。\n第二段说明{n}。",
        "published_at": f"{month}-01T09:{n % 60:02d}:00+08:00" if n % 2 else f"{month}-01",
        "site": {"name": "示例政府网", "domain": "www.example.gov.cn", "id_code": None},
        "fetched_at": f"{month}-02T01:02:{n % 60:02d}Z", "run_id": "r1",
        "http": {"status": 200, "encoding": "utf-8", "etag": None, "last_modified": None},
        "flags": ["converted_t2s"] if late_fields else [],
    }  # fmt: skip
    rec: dict[str, Any] = dict(finalize_record(fields, url))
    if late_fields:
        with_version(rec, 2, f"{rec['id']}-v1")  # type: ignore[arg-type]
        rec["text_original"] = f"第{n}篇正文。\n第二段說明{n}。"
        rec["document"] = {
            "index_no": f"000014349/2023-{n:05d}", "publisher": "办公厅",
            "doc_no": f"国办发〔2023〕{n}号", "topic": "综合政务",
            "written_at": f"{month}-01", "published_at": f"{month}-01",
        }  # fmt: skip
    Draft202012Validator(record_schema()).validate(rec)
    return rec


def write_archive(root: Path, records: list[dict[str, Any]]) -> Path:
    """Records appended as the archive writer does: records/<partition>/<run_id>.jsonl."""
    for rec in records:
        path = root / RECORDS_DIR / partition_of(rec) / f"{rec['run_id']}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(to_json_line(rec))
    return root


def late_field_archive(root: Path, files: int = 45, plain: int = 40) -> list[dict[str, Any]]:
    """`files` record files (one month each); the first `plain` have `previous_version_id`,
    `document` and `text_original` null, the later ones set them."""
    months = [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(files)]
    recs = [synthetic_record(i + 1, m, late_fields=i >= plain) for i, m in enumerate(months)]
    write_archive(root, recs)
    return recs


def read_lines(root: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted((root / RECORDS_DIR).glob("**/*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
