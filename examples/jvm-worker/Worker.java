/*
 * A JVM worker that does units of work and, per mode, keeps memory: the JVM counterpart of
 * examples/python-worker. One file, run from source (no build step), standard library only:
 *
 *   java -Xmx256m -Xlog:gc*:file=/tmp/run/gc.log:time,uptime,level,tags Worker.java \
 *        --mode healthy --units 12000 --out /tmp/run
 *
 * A unit parses a synthetic record: it allocates --garbage-bytes of short-lived arrays and strings
 * (G1's young collections make the sawtooth), hashes them and sleeps --pace-ms (simulated I/O).
 *
 * Modes (what the run keeps besides its garbage):
 *   healthy           nothing: the heap floor is flat after warm-up
 *   cache-fill        a bounded LRU (LinkedHashMap) of --cache-entries x --cache-entry-bytes, one entry
 *                     per unit until full (--cache-entries defaults to half the units), then it evicts
 *   table-once        a lookup table of --step-bytes (default 16 MiB) built once at --step-at x units
 *   slow-leak         --leak-bytes per unit kept forever in a static list (a JVM heap leak)
 *   direct-leak       --leak-bytes per unit from ByteBuffer.allocateDirect, kept forever: native memory,
 *                     the heap stays flat and only RSS and the direct buffer pool grow
 *   classloader-leak  a new ClassLoader per --leak-every units with a proxy class defined in it, the
 *                     loader kept forever: metaspace (non-heap) and the loaded class count grow
 *
 * In any mode, on top of it:
 *   --native-bytes N  N bytes per unit from Unsafe.allocateMemory, written and never freed: a native
 *                     leak no MXBean measures (not the direct buffer pool, not non-heap), only RSS
 *   --kept-bytes N    N bytes per unit kept forever in the heap (a leak beside a cache or a table)
 *
 * Writes, in --out:
 *   memory.csv        every --interval s: timestamp, units, heap_used_bytes, heap_after_gc_bytes
 *                     (the heap after the last pause, from the collectors' notifications),
 *                     heap_committed_bytes (MemoryMXBean), nonheap_used_bytes, metaspace_used_bytes, direct_used_bytes
 *                     (BufferPoolMXBean "direct"), classes_loaded, rss_bytes (VmRSS, /proc/self/status)
 *   baseline.json     after the warm-up (--warmup units, default a fifth) and System.gc(): the same figures and pid
 *   post-test.json    after the last unit and System.gc(), once memory.csv has stopped
 *   gc.log            written by the JVM itself when started with -Xlog:gc*:file=...
 *
 * Bounded by --units and --max-seconds (a safety net: the run stops there, exit 3).
 */
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

public class Worker {
  static final List<Object> KEPT = new ArrayList<>(); // slow-leak, direct-leak, classloader-leak
  static final AtomicLong UNITS = new AtomicLong();
  static volatile long sink; // keeps the JIT from dropping the work

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = parse(argv);
    String mode = a.getOrDefault("mode", "healthy");
    long units = Long.parseLong(a.getOrDefault("units", "10000"));
    double interval = Double.parseDouble(a.getOrDefault("interval", "1"));
    double pace = Double.parseDouble(a.getOrDefault("pace-ms", "4"));
    int garbage = Integer.parseInt(a.getOrDefault("garbage-bytes", "65536"));
    long warmup = Long.parseLong(a.getOrDefault("warmup", String(units / 5)));
    long maxSeconds = Long.parseLong(a.getOrDefault("max-seconds", "600"));
    int leakBytes = Integer.parseInt(a.getOrDefault("leak-bytes", "1024"));
    int leakEvery = Integer.parseInt(a.getOrDefault("leak-every", "1"));
    int cacheEntries = Integer.parseInt(a.getOrDefault("cache-entries", String(units / 2)));
    int cacheEntryBytes = Integer.parseInt(a.getOrDefault("cache-entry-bytes", "4096"));
    int nativeBytes = Integer.parseInt(a.getOrDefault("native-bytes", "0"));
    int keptBytes = Integer.parseInt(a.getOrDefault("kept-bytes", "0"));
    double stepAt = Double.parseDouble(a.getOrDefault("step-at", "0.5"));
    int stepBytes = Integer.parseInt(a.getOrDefault("step-bytes", String(16 << 20)));
    Path out = Path.of(a.getOrDefault("out", "."));
    if (!List.of("healthy", "cache-fill", "table-once", "slow-leak", "direct-leak", "classloader-leak")
        .contains(mode)) {
      System.err.println("unknown --mode " + mode);
      System.exit(2);
    }
    Files.createDirectories(out);
    // until the first pause, the heap as it is (start-up objects, no garbage yet)
    HEAP_AFTER_GC.set(MEMORY.getHeapMemoryUsage().getUsed());
    watchCollections();
    // Build a snapshot once and drop it: the string concatenation's bootstrap loads classes on first
    // use, which would count in the baseline's classes_loaded reading and not in the post-test's.
    sink += snapshotJson().length() + row().length();

    Random rng = new Random(42);
    LinkedHashMap<Long, byte[]> cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > cacheEntries;
          }
        };
    Object[] table = new Object[1];
    long stepUnit = Math.round(stepAt * units);

    Sampler sampler = new Sampler(out.resolve("memory.csv"), interval);
    Thread sampling = new Thread(sampler, "sampler");
    sampling.setDaemon(true);
    sampling.start();

    long started = System.nanoTime();
    long paceNanos = Math.round(pace * 1e6);
    long next = System.nanoTime();
    int exit = 0;
    for (long u = 1; u <= units; u++) {
      // the unit's garbage: a few arrays and strings that die young
      long h = 0;
      for (int done = 0; done < garbage; ) {
        int size = 256 + rng.nextInt(4096);
        byte[] chunk = new byte[size];
        rng.nextBytes(chunk);
        String text = new String(chunk, 0, Math.min(64, size), StandardCharsets.ISO_8859_1);
        h = h * 31 + text.hashCode() + chunk[size / 2];
        done += size + 64;
      }
      sink += h;
      switch (mode) {
        case "cache-fill" -> {
          byte[] entry = new byte[cacheEntryBytes];
          entry[0] = (byte) u;
          cache.put(u, entry);
        }
        case "table-once" -> {
          if (u == stepUnit) {
            // a lookup table of many small entries, built lazily once
            HashMap<Integer, int[]> t = new HashMap<>();
            int entries = stepBytes / (64 + 48);
            for (int i = 0; i < entries; i++) t.put(i, new int[16]);
            table[0] = t;
          }
        }
        case "slow-leak" -> {
          byte[] kept = new byte[leakBytes];
          kept[0] = (byte) u;
          KEPT.add(kept);
        }
        case "direct-leak" -> {
          ByteBuffer b = ByteBuffer.allocateDirect(leakBytes);
          for (int i = 0; i < leakBytes; i += 4096) b.put(i, (byte) 1); // touch the pages
          KEPT.add(b);
        }
        case "classloader-leak" -> {
          if (u % leakEvery == 0) {
            ClassLoader loader = new ClassLoader(Worker.class.getClassLoader()) {};
            Object proxy =
                Proxy.newProxyInstance(loader, new Class<?>[] {Runnable.class}, (p, m, args) -> null);
            KEPT.add(proxy);
          }
        }
        default -> {}
      }
      if (nativeBytes > 0) {
        // written (resident, as a leak's would be) and never freed; the address is dropped, so the
        // heap holds nothing of it
        long address = unsafe().allocateMemory(nativeBytes);
        unsafe().setMemory(address, nativeBytes, (byte) 1);
      }
      if (keptBytes > 0) {
        byte[] kept = new byte[keptBytes];
        kept[0] = (byte) u;
        KEPT.add(kept);
      }
      UNITS.set(u);
      if (u == warmup) snapshot(out.resolve("baseline.json"));
      next += paceNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      if ((System.nanoTime() - started) / 1e9 > maxSeconds) {
        System.err.println("stopped at --max-seconds after " + u + " units");
        exit = 3;
        break;
      }
    }
    sampler.stop();
    sampling.join();
    snapshot(out.resolve("post-test.json"));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "{\"mode\":\"%s\",\"units\":%d,\"seconds\":%.1f,\"rows\":%d,\"kept\":%d,\"cache\":%d,\"table\":%b}%n",
        mode, UNITS.get(), seconds, sampler.rows, KEPT.size(), cache.size(), table[0] != null);
    System.exit(exit);
  }

  static sun.misc.Unsafe unsafe;

  static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
    if (unsafe == null) {
      var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = (sun.misc.Unsafe) field.get(null);
    }
    return unsafe;
  }

  static String String(long n) {
    return Long.toString(n);
  }

  static Map<String, String> parse(String[] argv) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
        System.err.println("expected --name value, found " + argv[i]);
        System.exit(2);
      }
      a.put(argv[i].substring(2), argv[++i]);
    }
    return a;
  }

  // ------------------------------------------------------------------ measurements

  static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

  static long direct() {
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
      if (pool.getName().equals("direct")) return pool.getMemoryUsed();
    return 0;
  }

  static long metaspace() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
      if (pool.getName().equals("Metaspace")) return pool.getUsage().getUsed();
    return 0;
  }

  /**
   * The heap after the most recent collection, from the collectors' notifications (the sum over heap
   * pools of the usage after the pause: what the GC log's "12M->4M" says after the arrow). Unlike
   * the used heap, it leaves out the garbage that piles up between collections.
   */
  static final AtomicLong HEAP_AFTER_GC = new AtomicLong();

  static void watchCollections() {
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof javax.management.NotificationEmitter emitter)) continue;
      emitter.addNotificationListener(
          (notification, handback) -> {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                .equals(notification.getType())) return;
            var info =
                com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            // G1's concurrent cycle reports too ("G1 Concurrent GC"): only pauses free the heap
            if (info.getGcAction().contains("concurrent")) return;
            long sum = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans())
              if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (after != null) sum += after.getUsed();
              }
            HEAP_AFTER_GC.set(sum);
          },
          null,
          null);
    }
  }

  static long heapAfterGc() {
    return HEAP_AFTER_GC.get();
  }

  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status")))
        if (line.startsWith("VmRSS:"))
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    } catch (IOException e) {
      // not Linux: no RSS
    }
    return 0;
  }

  static final String HEADER =
      "timestamp,units,heap_used_bytes,heap_after_gc_bytes,heap_committed_bytes,nonheap_used_bytes,metaspace_used_bytes,direct_used_bytes,classes_loaded,rss_bytes";

  static String row() {
    var heap = MEMORY.getHeapMemoryUsage();
    return String.join(
        ",",
        Instant.now().toString(),
        Long.toString(UNITS.get()),
        Long.toString(heap.getUsed()),
        Long.toString(heapAfterGc()),
        Long.toString(heap.getCommitted()),
        Long.toString(MEMORY.getNonHeapMemoryUsage().getUsed()),
        Long.toString(metaspace()),
        Long.toString(direct()),
        Long.toString(CLASSES.getLoadedClassCount()),
        Long.toString(rss()));
  }

  /** A forced full collection, then what is left: the reading a leak keeps and garbage does not. */
  static void snapshot(Path file) throws IOException {
    System.gc();
    Files.writeString(file, snapshotJson());
  }

  static String snapshotJson() {
    var heap = MEMORY.getHeapMemoryUsage();
    return
        "{\n"
            + "  \"timestamp\": \"" + Instant.now() + "\",\n"
            + "  \"units\": " + UNITS.get() + ",\n"
            + "  \"pid\": " + ProcessHandle.current().pid() + ",\n"
            + "  \"heap_used_bytes\": " + heap.getUsed() + ",\n"
            + "  \"heap_committed_bytes\": " + heap.getCommitted() + ",\n"
            + "  \"nonheap_used_bytes\": " + MEMORY.getNonHeapMemoryUsage().getUsed() + ",\n"
            + "  \"metaspace_used_bytes\": " + metaspace() + ",\n"
            + "  \"direct_used_bytes\": " + direct() + ",\n"
            + "  \"classes_loaded\": " + CLASSES.getLoadedClassCount() + ",\n"
            + "  \"rss_bytes\": " + rss() + "\n"
            + "}\n";
  }

  static final class Sampler implements Runnable {
    final Path file;
    final long periodNanos;
    volatile boolean running = true;
    int rows;

    Sampler(Path file, double seconds) {
      this.file = file;
      this.periodNanos = Math.round(seconds * 1e9);
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
        w.println(HEADER);
        long next = System.nanoTime();
        do {
          w.println(row());
          w.flush();
          rows++;
          next += periodNanos;
          long wait = next - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } while (running);
        w.println(row()); // the last reading, at the last unit
        rows++;
      } catch (IOException | InterruptedException e) {
        throw new RuntimeException(e);
      }
    }
  }
}
