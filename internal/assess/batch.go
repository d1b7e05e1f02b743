package assess

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// BatchStats counts what a batch run saw.
type BatchStats struct {
	Declarations int `json:"declarations"`
	Evaluations  int `json:"evaluations"` // declaration x market
	Passed       int `json:"passed"`      // declarations passing every market
	Failed       int `json:"failed"`      // declarations failing or leaving open a market
	Invalid      int `json:"invalid"`     // declarations that could not be read
	Skipped      int `json:"skipped"`     // probe evidence files found beside declarations
	// Date is the run's assessment day (UTC), read once at its start.
	Date string `json:"date"`
}

// A Source yields declarations one at a time: a name (file, or stream and
// line) and the bytes. yield returns false to stop early.
type Source func(yield func(name string, data []byte) bool) error

// DirSource reads every .yaml, .yml and .json file under dir, in name order.
// Only names are held in memory, never the files' contents.
func DirSource(dir string) Source {
	return func(yield func(string, []byte) bool) error {
		var names []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(p))
			if !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") {
				names = append(names, p)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("assess: batch: %w", err)
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := readLimited(n)
			if err != nil {
				data = nil // reported as an invalid declaration below
			}
			if !yield(n, data) {
				return nil
			}
		}
		return nil
	}
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxDeclarationSize+1))
}

// LinesSource reads one JSON declaration per line. A line over the size
// limit is skipped to its end and reported, so one bad line cannot stop or
// bloat the run. Blank lines are ignored.
func LinesSource(r io.Reader, name string) Source {
	return func(yield func(string, []byte) bool) error {
		br := bufio.NewReaderSize(r, 64<<10)
		var line []byte
		for n := 1; ; n++ {
			line = line[:0]
			tooLong := false
			for {
				chunk, err := br.ReadSlice('\n')
				if len(line)+len(chunk) <= MaxDeclarationSize+1 {
					line = append(line, chunk...)
				} else {
					tooLong = true
				}
				if err == bufio.ErrBufferFull {
					continue
				}
				if err != nil && err != io.EOF {
					return fmt.Errorf("assess: batch: read %s: %w", name, err)
				}
				if len(chunk) == 0 && err == io.EOF && len(line) == 0 && !tooLong {
					return nil
				}
				break
			}
			src := fmt.Sprintf("%s:%d", name, n)
			data := bytes.TrimSpace(line)
			if tooLong {
				data = nil // batchLine reports it
			} else if len(data) == 0 {
				continue
			} else {
				data = bytes.Clone(data) // line is reused; a worker may still hold data
			}
			if !yield(src, data) {
				return nil
			}
		}
	}
}

type batchJob struct {
	name string
	data []byte
	out  chan batchOut
}

type batchOut struct {
	line    *[]byte // from bufPool; the writer returns it
	verdict Verdict
	kind    lineKind
}

type lineKind uint8

const (
	assessed lineKind = iota
	invalid
	skipped // probe evidence, which assess takes with --evidence, not as a declaration
)

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Batch evaluates every declaration from src against the engine's markets
// and writes one JSON line per declaration to w, in input order. Workers
// (default: one per CPU) each keep a Scratch; at most a few declarations
// are in flight, so memory stays flat however long the stream.
func (e *Engine) Batch(ctx context.Context, src Source, w io.Writer, workers int) (BatchStats, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// One date for the whole run, so a stream crossing midnight UTC does
	// not date its declarations differently.
	runDay := dayOf(e.now())
	jobs := make(chan *batchJob, workers)
	order := make(chan *batchJob, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := e.NewScratch()
			s.runDay = runDay
			for j := range jobs {
				bp := bufPool.Get().(*[]byte)
				var o batchOut
				*bp, o.verdict, o.kind = e.batchLine((*bp)[:0], s, j.name, j.data)
				o.line = bp
				j.out <- o
			}
		}()
	}
	stats := BatchStats{Date: dayText(runDay)}
	var werr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		bw := bufio.NewWriterSize(w, 64<<10)
		for j := range order {
			o := <-j.out
			stats.count(o, e.chosen)
			if werr == nil {
				_, werr = bw.Write(*o.line)
			}
			bufPool.Put(o.line)
		}
		if werr == nil {
			werr = bw.Flush()
		}
	}()
	serr := src(func(name string, data []byte) bool {
		if ctx.Err() != nil {
			return false
		}
		j := &batchJob{name: name, data: data, out: make(chan batchOut, 1)}
		order <- j
		jobs <- j
		return true
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-done
	if serr == nil {
		serr = ctx.Err()
	}
	return stats, errors.Join(serr, werr)
}

func (st *BatchStats) count(o batchOut, markets int) {
	if o.kind == skipped {
		st.Skipped++
		return
	}
	st.Declarations++
	switch {
	case o.kind == invalid:
		st.Invalid++
	case o.verdict == Pass:
		st.Passed++
		st.Evaluations += markets
	default:
		st.Failed++
		st.Evaluations += markets
	}
}

// batchLine evaluates one declaration and appends its JSON line to buf.
func (e *Engine) batchLine(buf []byte, s *Scratch, name string, data []byte) ([]byte, Verdict, lineKind) {
	buf = append(buf, `{"source":`...)
	buf = appendJSONString(buf, name)
	var d *Declaration
	err := fmt.Errorf("%s: empty, unreadable or over the %d byte limit", name, MaxDeclarationSize)
	if data != nil {
		d, err = Parse(name, data)
	}
	if err == nil {
		err = e.CheckReferences(d)
	}
	if err != nil && IsProbeEvidence(data) {
		buf = append(buf, `,"skipped":"probe evidence, not a declaration; pass it to assess with --evidence"}`+"\n"...)
		return buf, NotDeclared, skipped
	}
	if err != nil {
		buf = append(buf, `,"error":`...)
		buf = appendJSONString(buf, err.Error())
		return append(buf, "}\n"...), NotDeclared, invalid
	}
	e.evaluate(s, d, nil)
	overall := Pass
	for mi := 0; mi < e.chosen; mi++ {
		overall = worse(overall, s.markets[mi].verdict)
	}
	buf = append(buf, `,"manufacturer":`...)
	buf = appendJSONString(buf, d.Product.Manufacturer)
	buf = append(buf, `,"model":`...)
	buf = appendJSONString(buf, d.Product.Model)
	buf = append(buf, `,"verdict":"`...)
	buf = append(buf, overall.String()...)
	buf = append(buf, `","markets":[`...)
	for mi := 0; mi < e.chosen; mi++ {
		if mi > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"id":`...)
		buf = appendJSONString(buf, e.markets[mi].profile.ID)
		buf = append(buf, `,"verdict":"`...)
		buf = append(buf, s.markets[mi].verdict.String()...)
		buf = append(buf, `","failed":[`...)
		buf = e.appendProvs(buf, s, mi, func(v Verdict, _ bool) bool { return v == Fail })
		buf = append(buf, `],"open":[`...)
		buf = e.appendProvs(buf, s, mi, func(v Verdict, mandatory bool) bool {
			return mandatory && (v == NotDeclared || v == Inconclusive)
		})
		buf = append(buf, "]}"...)
	}
	return append(buf, "]}\n"...), overall, assessed
}

// IsProbeEvidence reports whether a file that failed to parse as a
// declaration is a probe result, which registries keep beside declarations.
// Callers use it only on the error path, so valid input pays nothing.
func IsProbeEvidence(data []byte) bool {
	var head struct {
		Tool string `json:"tool"`
	}
	return json.Unmarshal(data, &head) == nil && head.Tool == probeTool
}

func (e *Engine) appendProvs(buf []byte, s *Scratch, mi int, pick func(Verdict, bool) bool) []byte {
	first := true
	for j, i := range e.markets[mi].provs {
		v, _ := s.marketProvVerdict(e, mi, j)
		if !pick(v, e.provs[i].mandatory) {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = appendJSONString(buf, e.provs[i].p.ID)
	}
	return buf
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c < 0x20:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, `\ufffd`...)
		} else {
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
