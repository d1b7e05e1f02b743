package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync/atomic"
	"time"
)

// latencyBuckets are the histogram's upper bounds in seconds.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// statusClasses index counters by the first digit of the status code.
var statusClasses = []string{"1xx", "2xx", "3xx", "4xx", "5xx"}

// metrics counts requests and their latency per route pattern. The set of
// routes is fixed at start, so the maps are read-only after newMetrics and
// every update is a lock-free atomic add.
type metrics struct {
	routes map[string]*routeMetrics
	start  time.Time
}

type routeMetrics struct {
	byClass [5]atomic.Uint64
	buckets []atomic.Uint64 // cumulative counts are computed when written out
	count   atomic.Uint64
	sumNano atomic.Uint64
}

func newMetrics(routes []route) *metrics {
	m := &metrics{routes: map[string]*routeMetrics{}, start: time.Now()}
	for _, r := range routes {
		m.routes[r.pattern()] = &routeMetrics{buckets: make([]atomic.Uint64, len(latencyBuckets))}
	}
	m.routes["unmatched"] = &routeMetrics{buckets: make([]atomic.Uint64, len(latencyBuckets))}
	return m
}

// instrument counts the requests of one route.
func (m *metrics) instrument(pattern string, next http.Handler) http.Handler {
	rm := m.routes[pattern]
	if rm == nil {
		panic("web: metrics for unknown route " + pattern)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
			w = sw
		}
		defer func() {
			rm.observe(sw.status(), time.Since(start))
		}()
		next.ServeHTTP(w, r)
	})
}

func (rm *routeMetrics) observe(status int, d time.Duration) {
	class := status/100 - 1
	if class < 0 || class > 4 {
		class = 4
	}
	rm.byClass[class].Add(1)
	sec := d.Seconds()
	for i, b := range latencyBuckets {
		if sec <= b {
			rm.buckets[i].Add(1)
			break
		}
	}
	rm.count.Add(1)
	rm.sumNano.Add(uint64(d.Nanoseconds()))
}

// write prints the Prometheus text exposition format, version 0.0.4.
func (m *metrics) write(w io.Writer, cacheEntries int, cacheBytes int64) {
	names := make([]string, 0, len(m.routes))
	for n := range m.routes {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "# HELP bydesign_http_requests_total HTTP requests by route pattern and status class.")
	fmt.Fprintln(w, "# TYPE bydesign_http_requests_total counter")
	for _, n := range names {
		rm := m.routes[n]
		for i, c := range statusClasses {
			if v := rm.byClass[i].Load(); v > 0 {
				fmt.Fprintf(w, "bydesign_http_requests_total{route=%s,code=%q} %d\n", strconv.Quote(n), c, v)
			}
		}
	}
	fmt.Fprintln(w, "# HELP bydesign_http_request_duration_seconds Time to answer, by route pattern.")
	fmt.Fprintln(w, "# TYPE bydesign_http_request_duration_seconds histogram")
	for _, n := range names {
		rm := m.routes[n]
		count := rm.count.Load()
		if count == 0 {
			continue
		}
		q := strconv.Quote(n)
		var cum uint64
		for i, b := range latencyBuckets {
			cum += rm.buckets[i].Load()
			fmt.Fprintf(w, "bydesign_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", q, strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "bydesign_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q, count)
		fmt.Fprintf(w, "bydesign_http_request_duration_seconds_sum{route=%s} %s\n", q, strconv.FormatFloat(float64(rm.sumNano.Load())/1e9, 'g', -1, 64))
		fmt.Fprintf(w, "bydesign_http_request_duration_seconds_count{route=%s} %d\n", q, count)
	}
	fmt.Fprintln(w, "# HELP bydesign_cache_entries Rendered catalog responses held in memory.")
	fmt.Fprintln(w, "# TYPE bydesign_cache_entries gauge")
	fmt.Fprintf(w, "bydesign_cache_entries %d\n", cacheEntries)
	fmt.Fprintln(w, "# HELP bydesign_cache_bytes Approximate memory of the cached responses.")
	fmt.Fprintln(w, "# TYPE bydesign_cache_bytes gauge")
	fmt.Fprintf(w, "bydesign_cache_bytes %d\n", cacheBytes)
	fmt.Fprintln(w, "# HELP bydesign_start_time_seconds When the server started, in Unix seconds.")
	fmt.Fprintln(w, "# TYPE bydesign_start_time_seconds gauge")
	fmt.Fprintf(w, "bydesign_start_time_seconds %d\n", m.start.Unix())
}
