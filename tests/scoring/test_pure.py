"""The engine stays pure: importing and running it never loads Django."""

import subprocess
import sys


def test_the_scoring_engine_runs_without_django():
    code = (
        "import sys\n"
        "from scoring import contradictions, keypoints, suggest, textmatch\n"
        "ref = suggest.prepare([('服务发现：客户端从注册中心查到实例地址', 1.0)], question='服务发现?')\n"
        "assert suggest.suggest('客户端去注册中心查实例的地址', ref).score > 0\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="."
    )
    assert out.stdout.strip() == "[]"
