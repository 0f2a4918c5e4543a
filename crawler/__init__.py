"""The govnews archive crawler (docs/ARCHITECTURE.md).

numpy's OpenBLAS starts a thread per core at import. The crawl uses numpy only element-wise,
for MinHash signatures, and never for BLAS. So one thread is set here, before anything imports
numpy, unless the user set it. On this 2-core machine the thread (`blas_thread_server`) was
3-6% of `perf`'s samples of a crawl. The crawl's CPU time did not change measurably: 1.45-1.52
s for an 8-page crawl, against 1.49-1.50 s before. A many-core server would otherwise get one
idle thread per core in every worker.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
