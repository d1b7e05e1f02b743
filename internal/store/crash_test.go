package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv carries the DSN to the re-executed test binary.
const crashChildEnv = "BYDESIGN_STORE_CRASH_CHILD_DSN"

// TestCrashChild is the writer half of TestCrashKeepsAcknowledgedWrites:
// it does nothing unless started by that test. It writes products from
// several goroutines and prints "ack ID" only after CreateProduct returned.
func TestCrashChild(t *testing.T) {
	dsn := os.Getenv(crashChildEnv)
	if dsn == "" {
		t.Skip("helper process for TestCrashKeepsAcknowledgedWrites")
	}
	d, err := Open(ctx, dsn)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				p, err := d.CreateProduct(ctx, Actor{Name: "crash"}, Product{Manufacturer: fmt.Sprint("w", w), Model: fmt.Sprint("m", i)})
				if err != nil {
					fmt.Println("error:", err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Printf("ack %d\n", p.ID) // stdout is unbuffered: one write per line
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// TestCrashKeepsAcknowledgedWrites kills a writing child process with
// SIGKILL in the middle of its load and checks that every write it
// acknowledged is present, with its audit entry, after reopening.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test spawns a process; skipped with -short")
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			// Migrate first, so the child's load is all writes.
			d0, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			d0.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashChildEnv+"="+dsn)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var acked []int64
			sc := bufio.NewScanner(out)
			killed := false
			deadline := time.Now().Add(30 * time.Second)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "error:") || strings.HasPrefix(line, "open:") {
					t.Fatalf("child: %s", line)
				}
				rest, ok := strings.CutPrefix(line, "ack ")
				id, err := strconv.ParseInt(rest, 10, 64)
				if !ok || err != nil {
					continue // test framework output
				}
				acked = append(acked, id)
				if !killed && (len(acked) >= 300 || time.Now().After(deadline)) {
					// Kill mid-load; lines already in the pipe are still read.
					if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
						t.Fatal(err)
					}
					killed = true
				}
			}
			err = cmd.Wait()
			if !killed {
				t.Fatalf("child ended before it was killed: %v", err)
			}
			if len(acked) < 300 {
				t.Fatalf("only %d acknowledged writes before the kill", len(acked))
			}

			d, err := Open(ctx, dsn)
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer d.Close()
			if d.dialect == "sqlite" {
				var res string
				if err := d.r.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
					t.Fatalf("integrity_check = %q, %v", res, err)
				}
			}
			var missing []int64
			for _, id := range acked {
				if _, err := d.Product(ctx, id); err != nil {
					missing = append(missing, id)
				}
			}
			if len(missing) > 0 {
				t.Fatalf("%d of %d acknowledged writes lost after SIGKILL, e.g. %v", len(missing), len(acked), missing[:min(5, len(missing))])
			}
			// Every stored product has its audit entry: writes are atomic.
			var products, audited int
			d.r.QueryRow(`SELECT count(*) FROM products`).Scan(&products)
			d.r.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'product.create'`).Scan(&audited)
			if products != audited || products < len(acked) {
				t.Errorf("%d products, %d audit entries, %d acknowledged", products, audited, len(acked))
			}
			t.Logf("%s: %d acknowledged writes before SIGKILL, %d rows after reopen, none lost", b.name, len(acked), products)
		})
	}
}
