"""Past one machine: the batch API runs on any concurrent.futures.Executor — here Dask's."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import grantparse
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for name in ("report_kk_rows.docx", "report_ru_rows.docx", "report_kktyped_stacked.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    return folder


def _summary(run: grantparse.ValidationRun) -> list[tuple[str, str, list[str]]]:
    return [(Path(r.path).name, r.status, sorted(f.code for f in r.findings)) for r in run.results]


def test_process_pool_executor_matches_isolated_workers(folder: Path) -> None:
    expected = _summary(grantparse.validate(folder, jobs=2))
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert _summary(grantparse.validate(folder, executor=pool)) == expected


def test_dask_local_cluster(folder: Path) -> None:
    distributed = pytest.importorskip("distributed")
    expected = _summary(grantparse.validate(folder, isolate=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        run = grantparse.validate(folder, executor=client.get_executor())
    assert _summary(run) == expected
    rows = {Path(r.path).name: r for r in run.results}
    report = rows["report_ru_rows.docx"].report
    assert report is not None and report.gender.total == 647 and report.language == "ru"
    assert rows["broken.docx"].findings[0].code == "unreadable-file"
