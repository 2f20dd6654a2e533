"""Jinja's compiled templates kept for the process (Jinja's bytecode cache, in memory)."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Each template compiled once per process, whatever the number of apps (a debug reload,
    the test suite's hundreds of sites): Jinja keys it by name and checks the source's
    checksum, so an edited template is compiled again. Jinja ships no in-memory cache, only
    file and memcached ones: this is the dictionary its documentation suggests."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
