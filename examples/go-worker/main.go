// A Go worker that does units of work and, per mode, keeps memory: the Go counterpart of
// examples/jvm-worker. One file, standard library only, no module needed:
//
//	go run examples/go-worker/main.go --mode healthy --units 15000 --out /tmp/run
//
// A unit parses a synthetic record: it allocates --garbage-bytes of short-lived byte slices and
// strings (the collector's cycles make the sawtooth), hashes them and sleeps --pace-ms (simulated
// I/O). --live-bytes (16 MiB) is a working set held throughout, so GOGC=100's goal (twice the
// live heap) draws a sawtooth from about 16 to 32 MiB. With --fanout N the unit's garbage is made by N goroutines that end with it.
//
// Modes (what the run keeps besides its garbage):
//
//	healthy         nothing: the live heap is flat after warm-up
//	cache-fill      a bounded map of --cache-entries x --cache-entry-bytes, one entry per unit until
//	                full (--cache-entries defaults to half the units), then the oldest is deleted
//	table-once      a lookup table of --step-bytes (default 15 MiB) built once at --step-at x units
//	slow-leak       --leak-bytes per unit kept forever in a package-level slice (a Go heap leak)
//	goroutine-leak  a goroutine every --leak-every units that blocks forever on a channel nobody
//	                sends on, holding --leak-bytes: the goroutine count and the stacks climb
//	mmap-leak       --leak-bytes per unit from anonymous mmap'd pages, touched and never unmapped:
//	                memory outside the Go heap (as cgo's malloc would be); only RSS grows
//
// Writes, in --out:
//
//	memory.csv      every --interval s: timestamp, units, runtime.ReadMemStats (HeapAlloc, HeapInuse,
//	                HeapSys, HeapReleased, StackInuse, Sys, NextGC, NumGC), runtime.NumGoroutine()
//	                and rss_bytes (VmRSS, /proc/self/status)
//	metrics.prom    with --prom: the same readings as the Prometheus Go client names them
//	                (go_memstats_heap_alloc_bytes, go_goroutines, ...), one timestamped scrape per interval
//	baseline.json   after the warm-up (--warmup units, default a fifth), runtime.GC() and
//	                debug.FreeOSMemory(): the same figures and the pid
//	post-test.json  the same after the last unit, once memory.csv has stopped
//
// With --idle-seconds N the sampler keeps going N s after the last unit, with no work (an idle tail).
//
// Bounded by --units and --max-seconds (a safety net: the run stops there, exit 3).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	kept      [][]byte         // slow-leak: never released
	blocked   = make(chan int) // goroutine-leak: nobody ever sends on it
	mapped    [][]byte         // mmap-leak: arenas never unmapped
	unitsDone atomic.Int64
	sink      uint64 // keeps the compiler from dropping the work
)

func main() {
	mode := flag.String("mode", "healthy", "healthy | cache-fill | table-once | slow-leak | goroutine-leak | mmap-leak")
	units := flag.Int64("units", 10000, "units of work")
	interval := flag.Float64("interval", 1, "seconds between samples")
	pace := flag.Float64("pace-ms", 4, "simulated I/O per unit (ms)")
	garbage := flag.Int("garbage-bytes", 65536, "short-lived bytes per unit")
	fanout := flag.Int("fanout", 0, "goroutines that make a unit's garbage and end with it (0: the main one)")
	warmup := flag.Int64("warmup", -1, "units before the baseline snapshot (default a fifth)")
	maxSeconds := flag.Float64("max-seconds", 600, "stop here (exit 3)")
	leakBytes := flag.Int("leak-bytes", 1024, "bytes kept per unit (slow-leak, mmap-leak) or per goroutine (goroutine-leak)")
	leakEvery := flag.Int64("leak-every", 10, "goroutine-leak: one blocked goroutine per this many units")
	cacheEntries := flag.Int64("cache-entries", -1, "cache-fill: entries (default half the units)")
	cacheEntryBytes := flag.Int("cache-entry-bytes", 4096, "cache-fill: bytes per entry")
	stepAt := flag.Float64("step-at", 0.5, "table-once: when, as a fraction of the units")
	stepBytes := flag.Int("step-bytes", 15<<20, "table-once: the table's size")
	liveBytes := flag.Int("live-bytes", 16<<20, "a working set held from start to end (routes, config, pools): the collector's goal is twice the live heap")
	ramp := flag.Float64("ramp", 0, "fraction of the units over which the load climbs to full (0: none)")
	inflight := flag.Int("inflight", 64, "with --ramp: units in flight at full load")
	inflightBytes := flag.Int("inflight-bytes", 256<<10, "with --ramp: bytes each in-flight unit holds")
	burstEvery := flag.Float64("burst-every", 0, "seconds between allocation bursts (0: none)")
	burstBytes := flag.Int("burst-bytes", 64<<20, "bytes one burst allocates")
	idle := flag.Float64("idle-seconds", 0, "seconds sampled after the last unit with no work (the runtime returns memory late)")
	prom := flag.Bool("prom", false, "also write metrics.prom (Prometheus Go client names)")
	out := flag.String("out", ".", "output folder")
	flag.Parse()
	switch *mode {
	case "healthy", "cache-fill", "table-once", "slow-leak", "goroutine-leak", "mmap-leak":
	default:
		fmt.Fprintf(os.Stderr, "unknown --mode %s\n", *mode)
		os.Exit(2)
	}
	if *warmup < 0 {
		*warmup = *units / 5
	}
	if *cacheEntries < 0 {
		*cacheEntries = *units / 2
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}

	rng := rand.New(rand.NewSource(42))
	// The service's working set, in 1 KiB objects the collector marks every cycle.
	working := make([][]byte, *liveBytes/1024)
	for i := range working {
		working[i] = make([]byte, 1024)
		working[i][0] = byte(i) // touched: resident, as a real working set is
	}
	cache := map[int64][]byte{}
	var table map[int32][]int32
	stepUnit := int64(*stepAt*float64(*units) + 0.5)
	var arena []byte // mmap-leak: the current arena, handed out in --leak-bytes pieces

	stop := make(chan struct{})
	done := make(chan int)
	go sample(filepath.Join(*out, "memory.csv"), *prom, filepath.Join(*out, "metrics.prom"), *interval, stop, done)

	started := time.Now()
	paceDur := time.Duration(*pace * 1e6)
	next := time.Now()
	exit := 0
	rampUnits := int64(*ramp * float64(*units))
	var ring [][]byte // in-flight units (ramp): each holds its buffer until a later unit replaces it
	lastBurst := time.Now()
	for u := int64(1); u <= *units; u++ {
		load := 1.0 // fraction of full load
		if u < rampUnits {
			load = 0.2 + 0.8*float64(u)/float64(rampUnits)
		}
		if *ramp > 0 {
			slots := int(load*float64(*inflight)) + 1
			if len(ring) < slots {
				ring = append(ring, nil)
			}
			b := make([]byte, *inflightBytes)
			for i := 0; i < len(b); i += 4096 {
				b[i] = byte(u)
			}
			ring[int(u)%len(ring)] = b
		}
		if *burstEvery > 0 && time.Since(lastBurst).Seconds() >= *burstEvery {
			lastBurst = time.Now()
			burst := make([][]byte, *burstBytes/65536)
			for i := range burst {
				burst[i] = make([]byte, 65536)
				burst[i][i%65536] = 1
			}
			sink += uint64(len(burst))
		}
		if *fanout > 0 {
			var wg sync.WaitGroup
			for g := 0; g < *fanout; g++ {
				wg.Add(1)
				go func(seed int64) {
					defer wg.Done()
					h := churn(rand.New(rand.NewSource(seed)), *garbage / *fanout)
					atomic.AddUint64(&sink, h)
				}(u*31 + int64(g))
			}
			wg.Wait()
		} else {
			sink += churn(rng, *garbage)
		}
		switch *mode {
		case "cache-fill":
			entry := make([]byte, *cacheEntryBytes)
			entry[0] = byte(u)
			cache[u] = entry
			delete(cache, u-*cacheEntries) // the oldest entry once full
		case "table-once":
			if u == stepUnit {
				// a lookup table of many small entries, built lazily once
				t := make(map[int32][]int32)
				for i := 0; i < *stepBytes/(64+48); i++ {
					t[int32(i)] = make([]int32, 16)
				}
				table = t
			}
		case "slow-leak":
			b := make([]byte, *leakBytes)
			b[0] = byte(u)
			kept = append(kept, b)
		case "goroutine-leak":
			if u%*leakEvery == 0 {
				held := make([]byte, *leakBytes)
				go func() {
					<-blocked // never sent on: the goroutine, its stack and held stay forever
					sink += uint64(len(held))
				}()
			}
		case "mmap-leak":
			if len(arena) < *leakBytes {
				var err error
				arena, err = syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
				if err != nil {
					fatal(err)
				}
				mapped = append(mapped, arena)
			}
			piece := arena[:*leakBytes]
			for i := 0; i < len(piece); i += 512 {
				piece[i] = 1 // touch the pages: resident
			}
			arena = arena[*leakBytes:]
		}
		unitsDone.Store(u)
		if u == *warmup {
			snapshot(filepath.Join(*out, "baseline.json"))
		}
		if load < 1 {
			next = next.Add(time.Duration(float64(paceDur) / load))
		} else {
			next = next.Add(paceDur)
		}
		if wait := time.Until(next); wait > 0 {
			time.Sleep(wait)
		}
		if time.Since(started).Seconds() > *maxSeconds {
			fmt.Fprintf(os.Stderr, "stopped at --max-seconds after %d units\n", u)
			exit = 3
			break
		}
	}
	ring = nil // the load is over: no unit is in flight at the post-test snapshot
	if *idle > 0 {
		time.Sleep(time.Duration(*idle * 1e9)) // an idle tail, still sampled: nothing allocates
	}
	close(stop)
	rows := <-done
	snapshot(filepath.Join(*out, "post-test.json"))
	runtime.KeepAlive(working)
	fmt.Printf("{\"mode\":%q,\"units\":%d,\"seconds\":%.1f,\"rows\":%d,\"kept\":%d,\"cache\":%d,\"table\":%t,\"goroutines\":%d,\"mapped\":%d}\n",
		*mode, unitsDone.Load(), time.Since(started).Seconds(), rows, len(kept), len(cache), table != nil, runtime.NumGoroutine(), len(mapped))
	os.Exit(exit)
}

// churn allocates about n bytes of slices and strings that die with the unit, and hashes them.
func churn(rng *rand.Rand, n int) uint64 {
	h := fnv.New64a()
	for done := 0; done < n; {
		size := 256 + rng.Intn(4096)
		chunk := make([]byte, size)
		rng.Read(chunk)
		text := string(chunk[:64])
		h.Write([]byte(text))
		h.Write(chunk[size/2 : size/2+1])
		done += size + 64
	}
	return h.Sum64()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// ------------------------------------------------------------------ measurements

func rss() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0 // not Linux: no RSS
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kib, _ := strconv.ParseUint(strings.Fields(line)[1], 10, 64)
			return kib * 1024
		}
	}
	return 0
}

type reading struct {
	at time.Time
	m  runtime.MemStats
	g  int
	r  uint64
}

func read() reading {
	var x reading
	runtime.ReadMemStats(&x.m)
	x.at = time.Now().UTC()
	x.g = runtime.NumGoroutine()
	x.r = rss()
	return x
}

const header = "timestamp,units,heap_alloc_bytes,heap_inuse_bytes,heap_sys_bytes,heap_released_bytes,stack_inuse_bytes,sys_bytes,next_gc_bytes,num_gc,goroutines,rss_bytes"

func (x reading) row() string {
	return fmt.Sprintf("%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", x.at.Format(time.RFC3339Nano), unitsDone.Load(),
		x.m.HeapAlloc, x.m.HeapInuse, x.m.HeapSys, x.m.HeapReleased, x.m.StackInuse, x.m.Sys, x.m.NextGC, x.m.NumGC, x.g, x.r)
}

// scrape writes the reading as the Prometheus Go client (and process collector) exposes it.
func (x reading) scrape(w *bufio.Writer) {
	ms := x.at.UnixMilli()
	metric := func(name, kind string, value float64) {
		fmt.Fprintf(w, "# TYPE %s %s\n%s %s %d\n", name, kind, name, strconv.FormatFloat(value, 'g', -1, 64), ms)
	}
	metric("go_goroutines", "gauge", float64(x.g))
	metric("go_memstats_heap_alloc_bytes", "gauge", float64(x.m.HeapAlloc))
	metric("go_memstats_heap_inuse_bytes", "gauge", float64(x.m.HeapInuse))
	metric("go_memstats_heap_sys_bytes", "gauge", float64(x.m.HeapSys))
	metric("go_memstats_heap_released_bytes", "gauge", float64(x.m.HeapReleased))
	metric("go_memstats_stack_inuse_bytes", "gauge", float64(x.m.StackInuse))
	metric("go_memstats_sys_bytes", "gauge", float64(x.m.Sys))
	metric("go_memstats_next_gc_bytes", "gauge", float64(x.m.NextGC))
	metric("go_gc_duration_seconds_count", "counter", float64(x.m.NumGC))
	metric("process_resident_memory_bytes", "gauge", float64(x.r))
}

func sample(csvPath string, prom bool, promPath string, seconds float64, stop <-chan struct{}, done chan<- int) {
	f, err := os.Create(csvPath)
	if err != nil {
		fatal(err)
	}
	w := bufio.NewWriter(f)
	var p *os.File
	var pw *bufio.Writer
	if prom {
		if p, err = os.Create(promPath); err != nil {
			fatal(err)
		}
		pw = bufio.NewWriter(p)
	}
	fmt.Fprintln(w, header)
	rows := 0
	write := func() {
		x := read()
		fmt.Fprintln(w, x.row())
		w.Flush()
		if pw != nil {
			x.scrape(pw)
			pw.Flush()
		}
		rows++
	}
	period := time.Duration(seconds * 1e9)
	next := time.Now()
	for {
		write()
		next = next.Add(period)
		select {
		case <-stop:
			write() // the last reading, at the last unit
			f.Close()
			if p != nil {
				p.Close()
			}
			done <- rows
			return
		case <-time.After(time.Until(next)):
		}
	}
}

// snapshot forces a full collection and returns freed pages to the OS, then writes what is left:
// the reading a leak keeps and garbage does not.
func snapshot(path string) {
	runtime.GC()
	debug.FreeOSMemory()
	x := read()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	// a struct keeps the keys in this order
	if err := enc.Encode(struct {
		Timestamp  string `json:"timestamp"`
		Units      int64  `json:"units"`
		Pid        int    `json:"pid"`
		HeapAlloc  uint64 `json:"heap_alloc_bytes"`
		HeapInuse  uint64 `json:"heap_inuse_bytes"`
		HeapSys    uint64 `json:"heap_sys_bytes"`
		StackInuse uint64 `json:"stack_inuse_bytes"`
		Sys        uint64 `json:"sys_bytes"`
		NumGC      uint32 `json:"num_gc"`
		Goroutines int    `json:"goroutines"`
		Rss        uint64 `json:"rss_bytes"`
	}{x.at.Format(time.RFC3339Nano), unitsDone.Load(), os.Getpid(), x.m.HeapAlloc, x.m.HeapInuse, x.m.HeapSys,
		x.m.StackInuse, x.m.Sys, x.m.NumGC, x.g, x.r}); err != nil {
		fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		fatal(err)
	}
}
