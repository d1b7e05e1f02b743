package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/auth"
	"github.com/bydesign-iot/bydesign/internal/store"
)

// TestCrashChild is not a test on its own: TestKillDuringWrites runs the
// test binary again with BYDESIGN_WEB_CRASH_DB set, and this function then
// serves that database until it is killed.
func TestCrashChild(t *testing.T) {
	dsn := os.Getenv("BYDESIGN_WEB_CRASH_DB")
	if dsn == "" {
		t.Skip("helper process for TestKillDuringWrites")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := auth.New(st, auth.Options{Hash: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.CreateUser(ctx, store.System, "writer", "a long test password", auth.Manufacturer)
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := svc.IssueToken(ctx, auth.Principal{User: u, Role: auth.Manufacturer}, "", "", 0, "crash", auth.Manufacturer, 0)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := testCatalog()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Catalog: cat, Store: st, Auth: svc})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("READY %s %s\n", ln.Addr(), tok)
	srv.Serve(ctx, ln) // until killed
}

// TestKillDuringWrites kills the server with SIGKILL while clients write,
// then checks that every product the server acknowledged with 201 is in
// the database. It runs on SQLite always and on PostgreSQL when
// BYDESIGN_TEST_POSTGRES is set.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process; skipped with -short")
	}
	onBackends(t, func(t *testing.T, b backend) { killDuringWrites(t, b.dsn(t)) })
}

func killDuringWrites(t *testing.T, dsn string) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), "BYDESIGN_WEB_CRASH_DB="+dsn)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	var addr, tok string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "READY" {
			addr, tok = f[1], f[2]
			break
		}
	}
	if addr == "" {
		t.Fatal("child server did not start")
	}
	go func() { // keep draining so the child never blocks on output
		for sc.Scan() {
		}
	}()

	var (
		mu    sync.Mutex
		acked = map[int64]string{} // id -> model
		wg    sync.WaitGroup
		stop  = make(chan struct{})
	)
	client := &http.Client{Timeout: 5 * time.Second}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				model := fmt.Sprintf("crash-%d-%d", w, i)
				body := `{"manufacturer":"Crash Test","model":"` + model + `"}`
				req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/products", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var p store.Product
				err = json.NewDecoder(resp.Body).Decode(&p)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated && err == nil {
					mu.Lock()
					acked[p.ID] = model
					mu.Unlock()
				}
			}
		}()
	}
	// Kill mid-load once enough writes are acknowledged, however slow the
	// machine; a fixed pause let a loaded machine kill before the first.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d writes acknowledged before the kill; the test proves nothing", len(acked))
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for id, model := range acked {
		p, err := st.Product(context.Background(), id)
		if err != nil || p.Model != model {
			t.Errorf("acknowledged product %d (%s) lost after the kill: %v", id, model, err)
		}
	}
	t.Logf("%d acknowledged writes, all present after SIGKILL", len(acked))
}
