#!/usr/bin/env python3
"""An archive-processing worker instrumented like the first seed report's pipeline.

Each archive gets a Broker (the per-archive object graph of an insights-core style rules
engine). Brokers are tracked with a weakref.WeakSet and weakref.finalize, so the worker can
say how many were created, collected and are still alive. Three module-level registries
(DELEGATES, DEPENDENCIES, COMPONENTS_BY_TYPE) are filled at import and must stay constant.

Modes:
  healthy           the worker keeps the last two brokers for its debug dump (a bounded deque);
                    older ones are freed: live stays at 2, memory is flat after warm-up
  leaking-brokers   the "recent brokers" list has no bound and keeps every broker alive
  growing-registry  every archive registers a new dynamically-built component class in the
                    registries (the classic "register in a loop" bug)

Shapes added to any mode (all off by default; without them the outputs are those of the mode alone;
the code is in worker_shapes.py, imported only when one is given):
  --cache-entries N --cache-entry-bytes B [--cache-keys K]
                    an LRU (OrderedDict) of parsed results keyed by the archive's content family
                    (archive i belongs to family i mod K, K = N unless given): it fills over the
                    first N archives, then stays; with K > N every archive misses and evicts one
  --step-at F --step-bytes B
                    a lookup table of ~B bytes built lazily once, at the archive F x --archives
  --leak-bytes B    a slow leak: a module-level dict keeps a B-byte summary of every archive
  --native-leak-bytes B
                    a native leak: B bytes from libc malloc per archive, written and never freed
                    (what a C extension that forgets free() does): RSS climbs, gc and the broker
                    counts see nothing
  --garbage-bytes B [--garbage-keep K]
                    B bytes of small objects in reference cycles per archive, held for the last K
                    archives (default 32), then left to the cyclic collector: pymalloc's arenas
                    and the gc's generations make a sawtooth

Writes, in --out:
  broker_stats.csv  one row per checkpoint (every --checkpoint archives)
  memory.csv        timestamp, archives, rss (bytes, VmRSS from /proc/self/status) every --interval s;
                    with --tracemalloc also traced (tracemalloc's current traced size: the Python
                    objects alive, without the allocator's free arenas or memory C code mallocs)
  container.log     what `docker logs` would hold: INFO/DEBUG noise, warnings with tracebacks,
                    and a `BROKER_STATS archives=.. created=.. ...` line per checkpoint
  baseline.json     after the warm-up (the first --warmup archives) and a forced gc.collect()
  post-test.json    after the last archive and a forced gc.collect(), once memory.csv has stopped:
                    rss, live, created, collected, archives, pid, registry.{DELEGATES,DEPENDENCIES,
                    COMPONENTS_BY_TYPE}, gc.collections (full collections the run itself had, forced ones
                    left out) and gc.unreachable (what the forced one found). Brokers that wait in a
                    reference cycle for a full collection are gone from post-test.json's live; brokers
                    something keeps are not. The forced collections are outside the series (the
                    baseline's falls in the warm-up, the post-test's after the last sample).

Bounded by --archives (and --max-seconds as a safety net). Python 3 standard library only.

  python3 worker.py --mode healthy --archives 2000 --out /tmp/run
"""
import argparse
import collections
import gc
import json
import logging
import os
import random
import resource
import sys
import threading
import time
import traceback
import tracemalloc
import weakref
from datetime import datetime, timezone

MODES = ("healthy", "leaking-brokers", "growing-registry")

# ------------------------------------------------------------------ registries (constant)

DELEGATES = {}
DEPENDENCIES = {}
COMPONENTS_BY_TYPE = {}
REGISTRY_SIZE = 2921  # what the seed report's pipeline showed at every checkpoint


class ComponentType:
    """A registered parser/combiner/rule: what the registries hold."""

    def __init__(self, name, kind, requires):
        self.name = name
        self.kind = kind
        self.requires = requires

    def __call__(self, broker, content):
        # A parser: turn the archive's file content into a small structured result.
        words = [line.split() for line in content]
        return {"component": self.name, "lines": len(content), "fields": words[:3]}


def _register(component):
    DELEGATES[component] = component
    DEPENDENCIES[component] = set(component.requires)
    COMPONENTS_BY_TYPE.setdefault(component.kind, set()).add(component)


def _build_registry():
    kinds = ["parser", "combiner", "rule", "spec", "datasource"]
    components = []
    for i in range(REGISTRY_SIZE):
        requires = components[-2:] if i % 7 else []
        component = ComponentType(f"insights.specs.Spec{i:04d}", f"{kinds[i % len(kinds)]}{i}", requires)
        components.append(component)
        _register(component)
    return components


COMPONENTS = _build_registry()
PARSERS = COMPONENTS[:120]

# ------------------------------------------------------------------ brokers, tracked

LIVE_BROKERS = weakref.WeakSet()
COUNTERS = {"created": 0, "collected": 0, "forced": 0}  # forced: the snapshots' gc.collect() calls
RECENT_BROKERS = collections.deque(maxlen=2)  # kept for the debug dump: bounded
_ALL_RECENT_BROKERS = []  # leaking-brokers: the same idea without a bound


def _on_collect():
    COUNTERS["collected"] += 1


class Result:
    """A component's result."""

    __slots__ = ("component", "value")

    def __init__(self, component, value):
        self.component = component
        self.value = value


class Broker:
    """Per-archive object graph: component → result."""

    def __init__(self, archive_id):
        self.archive_id = archive_id
        self.instances = {}
        self.exceptions = {}
        COUNTERS["created"] += 1
        LIVE_BROKERS.add(self)
        weakref.finalize(self, _on_collect)

    def run(self, archive):
        for component in PARSERS:
            content = archive.get(component.name)
            if content is None:
                continue
            try:
                if len(content) == 0:
                    raise ValueError(f"{component.name}: empty content in archive {self.archive_id}")
                self.instances[component] = Result(component, DELEGATES[component](self, content))
            except ValueError as error:
                self.exceptions[component] = (error, traceback.format_exc())
        return len(self.instances)


def make_archive(rng, archive_id):
    """A fake insights archive: a few dozen 'files' of text lines (~40 files of 8-24 lines)."""
    archive = {}
    for component in rng.sample(PARSERS, 40):
        lines = 0 if rng.random() < 0.0005 else rng.randint(8, 24)
        archive[component.name] = [
            f"{archive_id:06d} {component.name} key{j}={rng.random():.6f} host-{rng.randint(1, 999)}"
            for j in range(lines)
        ]
    return archive


# ------------------------------------------------------------------ outputs


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_rss():
    """Current RSS in bytes: VmRSS from /proc/self/status, else ru_maxrss (a peak, not current)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class MemorySampler(threading.Thread):
    """Writes memory.csv every `interval` seconds from a background thread."""

    def __init__(self, path, interval, progress, traced=False):
        super().__init__(daemon=True)
        self.file = open(path, "w", encoding="ascii")
        self.traced = traced
        self.file.write("timestamp,archives,rss,traced\n" if traced else "timestamp,archives,rss\n")
        self.interval = interval
        self.progress = progress
        self.stopping = threading.Event()

    def sample(self):
        traced = f",{tracemalloc.get_traced_memory()[0]}" if self.traced else ""
        self.file.write(f"{now_iso()},{self.progress['archives']},{read_rss()}{traced}\n")
        self.file.flush()

    def run(self):
        started = time.monotonic()
        ticks = 0
        while not self.stopping.is_set():
            self.sample()
            ticks += 1
            self.stopping.wait(max(0.0, started + ticks * self.interval - time.monotonic()))

    def stop(self):
        self.stopping.set()
        self.join()
        self.sample()
        self.file.close()


def write_snapshot(path, archives):
    """A forced full collection, then what is left: the reading a leak keeps and garbage does not."""
    full_before = gc.get_stats()[2]["collections"] - COUNTERS["forced"]
    unreachable = gc.collect()
    COUNTERS["forced"] += 1
    snapshot = {
        "rss": read_rss(),
        **({"traced": tracemalloc.get_traced_memory()[0]} if tracemalloc.is_tracing() else {}),
        "live": len(LIVE_BROKERS),
        "created": COUNTERS["created"],
        "collected": COUNTERS["collected"],
        "archives": archives,
        "pid": os.getpid(),
        "registry": {
            "DELEGATES": len(DELEGATES),
            "DEPENDENCIES": len(DEPENDENCIES),
            "COMPONENTS_BY_TYPE": len(COMPONENTS_BY_TYPE),
        },
        "gc": {"collections": full_before, "unreachable": unreachable},
    }
    with open(path, "w", encoding="ascii") as out:
        json.dump(snapshot, out, indent=2)
        out.write("\n")
    return snapshot


def make_logger(path):
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    formatter = logging.Formatter("%(asctime)s.%(msecs)03dZ %(levelname)s [%(name)s] %(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG)
    root.propagate = False
    return root


# ------------------------------------------------------------------ the worker


def process_archive(mode, rng, archive_id, log, shapes=None):
    broker = Broker(archive_id)
    archive = make_archive(rng, archive_id)
    found = broker.run(archive)
    if shapes is not None:
        shapes.after(archive_id, broker, log)
    RECENT_BROKERS.append(broker)
    if mode == "leaking-brokers":
        _ALL_RECENT_BROKERS.append(broker)
    elif mode == "growing-registry":
        # A component class built per archive and registered: the registries grow forever.
        dynamic = ComponentType(f"insights.dynamic.Archive{archive_id:06d}", f"dynamic{archive_id}", PARSERS[:2])
        dynamic.template = [f"{archive_id}:{j}" for j in range(40)]
        _register(dynamic)
    for component, (error, formatted) in broker.exceptions.items():
        log.warning("Parser %s failed for archive %06d: %s\n%s", component.name, archive_id, error, formatted.rstrip())
    if archive_id % 10 == 0:
        log.getChild("dr").debug("archive %06d: %d components evaluated, %d skipped", archive_id, found, len(PARSERS) - found)
    log.getChild("consumer").info("Processed archive %06d (%d results)", archive_id, found)


def main(argv=None):
    shape_args = None
    for flag in sys.argv[1:] if argv is None else argv:
        if flag.startswith(("--cache-", "--step-", "--leak-", "--native-", "--garbage-")):
            # Imported only here: a run without the shapes allocates exactly what the plain worker
            # did, so even its gc counts (gen0..gen2) match.
            import worker_shapes

            shape_args, argv = worker_shapes.parse_shape_options(sys.argv[1:] if argv is None else argv)
            break
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="Optional shapes: see the module's docstring (--cache-entries ...).")
    parser.add_argument("--mode", choices=MODES, default="healthy")
    parser.add_argument("--archives", type=int, default=2000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--interval", type=float, default=0.25, help="memory.csv period, seconds")
    parser.add_argument("--checkpoint", type=int, default=25, help="BROKER_STATS every N archives")
    parser.add_argument("--pace-ms", type=float, default=12.0, help="simulated I/O wait per archive")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="trace Python allocations: a traced column in memory.csv and the snapshots")
    parser.add_argument("--warmup", type=int, default=100,
                        help="archives before baseline.json (at most a tenth of --archives)")
    args = parser.parse_args(argv)
    shaped = shape_args is not None and any((shape_args.cache_entries, shape_args.step_bytes, shape_args.leak_bytes,
                                             shape_args.native_leak_bytes, shape_args.garbage_bytes))

    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    log = make_logger(os.path.join(args.out, "container.log"))
    log.info("Starting worker pid=%d mode=%s python=%s", os.getpid(), args.mode, sys.version.split()[0])
    log.getChild("kafka").info("Subscribed to topic platform.upload.announce (partitions 0-5)")
    log.getChild("dr").debug("Loaded %d components, %d delegates", len(COMPONENTS), len(DELEGATES))

    progress = {"archives": 0}
    if args.tracemalloc:
        tracemalloc.start()
    sampler = MemorySampler(os.path.join(args.out, "memory.csv"), args.interval, progress, args.tracemalloc)
    stats = open(os.path.join(args.out, "broker_stats.csv"), "w", encoding="ascii")
    stats.write("timestamp,archives,created,collected,live,DELEGATES,DEPENDENCIES,COMPONENTS_BY_TYPE,gen0,gen1,gen2\n")
    shapes = worker_shapes.Shapes(shape_args, args.archives) if shaped else None
    warmup = max(1, min(args.warmup, args.archives // 10))
    sampler.start()
    deadline = time.monotonic() + args.max_seconds
    try:
        for archive_id in range(1, args.archives + 1):
            if time.monotonic() > deadline:
                log.error("Stopping: --max-seconds %.0f reached after %d archives", args.max_seconds, archive_id - 1)
                break
            process_archive(args.mode, rng, archive_id, log, shapes)
            progress["archives"] = archive_id
            time.sleep(args.pace_ms / 1000)
            if archive_id % args.checkpoint == 0:
                gen0, gen1, gen2 = gc.get_count()
                created, collected = COUNTERS["created"], COUNTERS["collected"]
                live = len(LIVE_BROKERS)
                components_by_type = len(COMPONENTS_BY_TYPE)
                stats.write(
                    f"{now_iso()},{archive_id},{created},{collected},{live},{len(DELEGATES)},"
                    f"{len(DEPENDENCIES)},{components_by_type},{gen0},{gen1},{gen2}\n"
                )
                stats.flush()
                log.getChild("monitor").info(
                    "BROKER_STATS archives=%d created=%d collected=%d live=%d delegates=%d dependencies=%d "
                    "components_by_type=%d gen0=%d gen1=%d gen2=%d",
                    archive_id, created, collected, live, len(DELEGATES), len(DEPENDENCIES), components_by_type,
                    gen0, gen1, gen2,
                )
            if archive_id == warmup:
                write_snapshot(os.path.join(args.out, "baseline.json"), archive_id)
    finally:
        sampler.stop()
        stats.close()
    post = write_snapshot(os.path.join(args.out, "post-test.json"), progress["archives"])
    log.info("Worker done: %d archives", progress["archives"])
    logging.shutdown()
    print(f"worker: mode={args.mode} archives={progress['archives']} created={COUNTERS['created']} "
          f"collected={COUNTERS['collected']} live={len(LIVE_BROKERS)} delegates={len(DELEGATES)} rss={read_rss()}"
          + (f" cache={len(shapes.cache)} hits={shapes.cache_hits} kept={len(shapes.kept)}" if shapes else "")
          + f" post_test_live={post['live']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
