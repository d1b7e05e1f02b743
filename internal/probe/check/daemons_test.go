package check

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
)

// These tests probe real Debian daemons started here, so the checks are not
// tuned only to the lab. Each skips, naming the package, when the binary is
// missing.

func need(t *testing.T, bin, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(bin)
	if err != nil {
		t.Skipf("%s not found: install the Debian package %s to run this test", bin, pkg)
	}
	return p
}

// daemon starts a command and waits until addr accepts connections.
func daemon(t *testing.T, addr string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for i := 0; i < 100; i++ {
		if c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not listen on %s: %s", name, addr, out)
}

func write(t *testing.T, dir, name, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMosquitto(t *testing.T) {
	bin := need(t, "mosquitto", "mosquitto")
	passwd := need(t, "mosquitto_passwd", "mosquitto")
	for _, tc := range []struct {
		name      string
		addr      string
		anonymous bool
	}{
		{"anonymous", "127.0.60.1", true},
		{"password", "127.0.60.2", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			conf := fmt.Sprintf("listener 18830 %s\nallow_anonymous %v\npersistence false\nuser root\n", tc.addr, tc.anonymous)
			if !tc.anonymous {
				pw := filepath.Join(dir, "passwd")
				if out, err := exec.Command(passwd, "-b", "-c", pw, "admin", "admin").CombinedOutput(); err != nil {
					t.Fatalf("mosquitto_passwd: %v: %s", err, out)
				}
				conf += "password_file " + pw + "\n"
			}
			daemon(t, tc.addr+":18830", bin, "-c", write(t, dir, "m.conf", conf, 0o600))
			fs := runProbe(t, netip.MustParseAddr(tc.addr), []int{18830}, probe.Config{AllowCredentials: true, LoginBudget: 20})
			anon := find(fs, "mqtt-anonymous")[18830]
			creds := find(fs, "default-credentials")[18830]
			if tc.anonymous {
				if anon.Status != probe.Fail {
					t.Errorf("mqtt-anonymous = %+v, want fail\n%s", anon, dump(fs))
				}
				if creds.Status != probe.Inconclusive || !strings.Contains(creds.Detail, "does not check passwords") {
					t.Errorf("default-credentials = %+v, want inconclusive: any password works", creds)
				}
				return
			}
			if anon.Status != probe.Pass {
				t.Errorf("mqtt-anonymous = %+v, want pass\n%s", anon, dump(fs))
			}
			if creds.Status != probe.Fail || !strings.Contains(creds.Detail, `user "admin"`) {
				t.Errorf("default-credentials = %+v, want fail for admin", creds)
			}
		})
	}
}

func TestLighttpdBasicAuth(t *testing.T) {
	bin := need(t, "lighttpd", "lighttpd")
	dir := t.TempDir()
	write(t, dir, "index.html", "<p>lab</p>", 0o644)
	users := write(t, dir, "users", "admin:admin\n", 0o600)
	conf := fmt.Sprintf(`server.document-root = %q
server.bind = "127.0.60.3"
server.port = 18081
index-file.names = ("index.html")
server.modules = ("mod_auth", "mod_authn_file")
auth.backend = "plain"
auth.backend.plain.userfile = %q
auth.require = ("/" => ("method" => "basic", "realm" => "lab", "require" => "valid-user"))
`, dir, users)
	daemon(t, "127.0.60.3:18081", bin, "-D", "-f", write(t, dir, "l.conf", conf, 0o600))
	// lighttpd delays each failed login by about a second: keep the
	// brute-force part short.
	fs := runProbe(t, netip.MustParseAddr("127.0.60.3"), []int{18081}, probe.Config{AllowCredentials: true, LoginBudget: 20, BruteForceThreshold: 2})
	if f := find(fs, "default-credentials")[18081]; f.Status != probe.Fail || !strings.Contains(f.Detail, "http-basic") {
		t.Errorf("default-credentials = %+v, want fail over http-basic\n%s", f, dump(fs))
	}
	if f := find(fs, "version-disclosure")[18081]; f.Status != probe.Fail || !strings.Contains(f.Detail, "lighttpd/") {
		t.Errorf("version-disclosure = %+v, want the lighttpd version", f)
	}
}

func TestBusyboxTelnetd(t *testing.T) {
	bin := need(t, "busybox", "busybox-static")
	if out, _ := exec.Command(bin, "telnetd", "--help").CombinedOutput(); !strings.Contains(string(out), "telnetd") {
		t.Skip("busybox has no telnetd applet: install busybox-static")
	}
	dir := t.TempDir()
	// A login program in the style of an embedded device, served by the
	// real telnetd (which does its own option negotiation).
	login := write(t, dir, "login.sh", `#!/bin/sh
printf 'cam login: '; read u; printf 'Password: '; read p
if [ "$u" = admin ] && [ "$p" = admin ]; then PS1='cam# ' exec /bin/sh -i; fi
echo 'Login incorrect'; sleep 1; exit 1
`, 0o755)
	daemon(t, "127.0.60.4:18023", bin, "telnetd", "-F", "-b", "127.0.60.4", "-p", "18023", "-l", login)
	daemon(t, "127.0.60.5:18023", bin, "telnetd", "-F", "-b", "127.0.60.5", "-p", "18023", "-l", "/bin/sh")

	fs := runProbe(t, netip.MustParseAddr("127.0.60.4"), []int{18023}, probe.Config{AllowCredentials: true, LoginBudget: 20, BruteForceThreshold: 2})
	if f := find(fs, "default-credentials")[18023]; f.Status != probe.Fail || !strings.Contains(f.Detail, "over telnet") {
		t.Errorf("login device: default-credentials = %+v, want fail\n%s", f, dump(fs))
	}
	if f := find(fs, "telnet-no-login")[18023]; f.Status != probe.Pass {
		t.Errorf("login device: telnet-no-login = %+v, want pass", f)
	}
	fs = runProbe(t, netip.MustParseAddr("127.0.60.5"), []int{18023}, probe.Config{})
	if f := find(fs, "telnet-no-login")[18023]; f.Status != probe.Fail {
		t.Errorf("shell device: telnet-no-login = %+v, want fail\n%s", f, dump(fs))
	}
}

// TestDropbear needs an account with a password from the built-in list: a
// private one (see privateAccount) when run as root, or one named in
// BYDESIGN_TEST_DROPBEAR_USER=user:password. Without either it checks
// identification only.
func TestDropbear(t *testing.T) {
	bin := need(t, "dropbear", "dropbear-bin")
	keygen := need(t, "dropbearkey", "dropbear-bin")
	dir := t.TempDir()
	// Both key types: dropbear 2022.83 offers RSA host keys even when only
	// an Ed25519 key is loaded, and then aborts the handshake.
	args := []string{"-F", "-E", "-p", "127.0.60.6:18022"}
	for _, typ := range []string{"ed25519", "rsa"} {
		key := filepath.Join(dir, "host_"+typ)
		if out, err := exec.Command(keygen, "-t", typ, "-f", key).CombinedOutput(); err != nil {
			t.Fatalf("dropbearkey: %v: %s", err, out)
		}
		args = append(args, "-r", key)
	}
	pair := os.Getenv("BYDESIGN_TEST_DROPBEAR_USER")
	if pair == "" {
		if p, ok := privateAccount(t, dir); ok {
			// dropbear sees a test account through a private mount
			// namespace; the machine's own account files are untouched.
			pair = p
			args = append([]string{"-m", "sh", "-c", `mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && shift 2 && exec "$@"`,
				"sh", filepath.Join(dir, "passwd"), filepath.Join(dir, "shadow"), bin}, args...)
			bin = "unshare"
		}
	}
	daemon(t, "127.0.60.6:18022", bin, args...)
	budget := 15
	if pair != "" {
		budget = 100
	}
	fs := runProbe(t, netip.MustParseAddr("127.0.60.6"), []int{18022}, probe.Config{AllowCredentials: true, LoginBudget: budget})
	if f := find(fs, "open-ports")[18022]; !strings.Contains(f.Detail, "ssh (dropbear_") {
		t.Errorf("open-ports = %+v, want ssh identified as dropbear\n%s", f, dump(fs))
	}
	if f := find(fs, "version-disclosure")[18022]; f.Status != probe.Fail {
		t.Errorf("version-disclosure = %+v, want fail", f)
	}
	creds := find(fs, "default-credentials")[18022]
	if pair == "" {
		if creds.Status == probe.Fail {
			t.Errorf("default-credentials = %+v without a test account", creds)
		}
		t.Logf("BYDESIGN_TEST_DROPBEAR_USER not set: password login not exercised (default-credentials %s)", creds.Status)
		return
	}
	user, _, _ := strings.Cut(pair, ":")
	if creds.Status != probe.Fail || !strings.Contains(creds.Detail, fmt.Sprintf("user %q", user)) {
		t.Errorf("default-credentials = %+v, want fail for %s", creds, user)
	}
}

// privateAccount writes passwd and shadow files with the account
// support/support (a Mirai pair) for a private mount namespace. It needs
// root, unshare and openssl; otherwise the password part is skipped.
func privateAccount(t *testing.T, dir string) (string, bool) {
	if os.Geteuid() != 0 {
		return "", false
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		return "", false
	}
	hash, err := exec.Command("openssl", "passwd", "-6", "support").Output()
	if err != nil {
		return "", false
	}
	write(t, dir, "passwd", "root:x:0:0:root:/root:/bin/sh\nsupport:x:0:0::/root:/bin/sh\n", 0o644)
	write(t, dir, "shadow", "root:*:20000:0:99999:7:::\nsupport:"+strings.TrimSpace(string(hash))+":20000:0:99999:7:::\n", 0o600)
	return "support:support", true
}

// vsftpd with anonymous access on and off. Debian's busybox-static has no
// ftpd applet, so vsftpd is the real FTP server here; it needs root (it
// chroots) and the ftp account its package creates.
func TestVsftpdAnonymous(t *testing.T) {
	bin := need(t, "vsftpd", "vsftpd")
	if os.Geteuid() != 0 {
		t.Skip("vsftpd refuses to start without root: run the tests as root")
	}
	if _, err := os.Stat("/var/run/vsftpd/empty"); err != nil {
		t.Skip("/var/run/vsftpd/empty is missing: install the Debian package vsftpd")
	}
	for _, tc := range []struct {
		name, addr string
		anonymous  bool
		want       probe.Status
	}{
		{"anonymous", "127.0.60.7", true, probe.Fail},
		{"closed", "127.0.60.8", false, probe.Pass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			root := filepath.Join(dir, "pub")
			if err := os.Mkdir(root, 0o755); err != nil {
				t.Fatal(err)
			}
			// vsftpd refuses to run with both kinds of login off: the closed
			// server takes system accounts, and none has a password it knows.
			yes := map[bool]string{true: "YES", false: "NO"}
			conf := fmt.Sprintf(`listen=YES
listen_ipv6=NO
listen_address=%s
listen_port=18021
background=NO
anonymous_enable=%s
local_enable=%s
write_enable=NO
anon_root=%s
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
xferlog_enable=NO
vsftpd_log_file=/dev/null
ftpd_banner=lab ftp
`, tc.addr, yes[tc.anonymous], yes[!tc.anonymous], root)
			daemon(t, tc.addr+":18021", bin, write(t, dir, "vsftpd.conf", conf, 0o600))
			rep := runReport(t, netip.MustParseAddr(tc.addr), []int{18021}, probe.Config{}, FTPAnonymous{})
			f := find(rep.Targets[0].Findings, "ftp-anonymous")[18021]
			if f.Status != tc.want {
				t.Errorf("ftp-anonymous = %s %q, want %s\n%+v", f.Status, f.Detail, tc.want, f.Evidence)
			}
			if lg := rep.Targets[0].Logins; tc.anonymous == (lg != nil && lg.Failures > 0) {
				t.Errorf("login summary = %+v: refusals, and only they, are charged to the budget", lg)
			}
		})
	}
}
