"""The optional shapes of worker.py (see its docstring): a bounded cache, a one-time table, a slow
leak, a native leak and garbage churn. A module of its own, imported only when one of the flags is
given, so that a plain run of the worker allocates (and counts in gc) exactly what it always did.
"""
import argparse
import collections

def filled_bytes(size, tag):
    """`size` bytes of content, every page written (bytes(n) would be calloc'ed and stay untouched)."""
    unit = f"{tag}|".encode("ascii")
    return (unit * (size // len(unit) + 1))[:size]


class Shapes:
    """What the optional flags add to each archive's processing; nothing when none is given."""

    def __init__(self, args, archives):
        self.args = args
        self.cache = collections.OrderedDict()
        self.cache_keys = args.cache_keys or args.cache_entries
        self.cache_hits = 0
        self.step_archive = round(args.step_at * archives) if args.step_bytes > 0 else 0
        self.table = None
        self.kept = {}  # --leak-bytes: every archive's summary, never pruned
        self.native = None
        if args.native_leak_bytes > 0:
            import ctypes  # only here: the default run's gc counts stay those of the plain worker
            import ctypes.util

            self.ctypes = ctypes
            libc = ctypes.CDLL(ctypes.util.find_library("c"))
            libc.malloc.restype = ctypes.c_void_p
            libc.malloc.argtypes = [ctypes.c_size_t]
            self.native = libc
        self.garbage = collections.deque(maxlen=max(1, args.garbage_keep))

    def cached_parse(self, archive_id, broker):
        key = f"family-{(archive_id - 1) % self.cache_keys:06d}"
        if key in self.cache:
            self.cache.move_to_end(key)
            self.cache_hits += 1
            return
        self.cache[key] = {"key": key, "results": len(broker.instances),
                           "payload": filled_bytes(self.args.cache_entry_bytes, key)}
        if len(self.cache) > self.args.cache_entries:
            self.cache.popitem(last=False)

    def build_table(self, log):
        # A lazily built lookup table (rule metadata, a CVE list...): ~1 KiB rows, built once.
        rows = max(1, self.args.step_bytes // 1024)
        self.table = {f"row-{i:07d}": filled_bytes(1024 - 40, f"row-{i:07d}") for i in range(rows)}
        log.getChild("lookup").info("Built lookup table: %d rows", rows)

    def make_garbage(self, archive_id):
        # Small objects in one reference cycle: refcounts never free them, the cyclic gc does.
        nodes = max(1, self.args.garbage_bytes // 200)
        first = [None, f"{archive_id:06d}:0:" + "g" * 40]
        node = first
        for j in range(1, nodes):
            node = [node, f"{archive_id:06d}:{j}:" + "g" * 40]
        first[0] = node
        self.garbage.append(first)

    def after(self, archive_id, broker, log):
        args = self.args
        if args.cache_entries > 0:
            self.cached_parse(archive_id, broker)
        if self.step_archive and archive_id == self.step_archive:
            self.build_table(log)
        if args.leak_bytes > 0:
            self.kept[archive_id] = filled_bytes(args.leak_bytes, f"{archive_id:06d}")
        if self.native is not None:
            address = self.native.malloc(args.native_leak_bytes)
            self.ctypes.memset(address, 0x5A, args.native_leak_bytes)
        if args.garbage_bytes > 0:
            self.make_garbage(archive_id)


def parse_shape_options(argv):
    """The optional shapes' flags, parsed apart from the worker's own (and only when one is given)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--cache-entries", type=int, default=0, help="LRU of parsed results: capacity")
    parser.add_argument("--cache-entry-bytes", type=int, default=8192)
    parser.add_argument("--cache-keys", type=int, default=0, help="content families (default: --cache-entries)")
    parser.add_argument("--step-at", type=float, default=0.5, help="fraction of --archives")
    parser.add_argument("--step-bytes", type=int, default=0, help="lookup table built once, bytes")
    parser.add_argument("--leak-bytes", type=int, default=0, help="kept forever per archive")
    parser.add_argument("--native-leak-bytes", type=int, default=0, help="malloc'ed, never freed, per archive")
    parser.add_argument("--garbage-bytes", type=int, default=0, help="cyclic garbage per archive")
    parser.add_argument("--garbage-keep", type=int, default=32, help="archives whose garbage is still held")
    args, rest = parser.parse_known_args(argv)
    if min(args.cache_entries, args.cache_entry_bytes, args.cache_keys, args.step_bytes, args.leak_bytes,
           args.native_leak_bytes, args.garbage_bytes) < 0 or not 0 <= args.step_at <= 1:
        parser.error("sizes must be >= 0 and --step-at a fraction in [0, 1]")
    if 0 < args.cache_keys < args.cache_entries:
        parser.error("--cache-keys must be at least --cache-entries")
    return args, rest
