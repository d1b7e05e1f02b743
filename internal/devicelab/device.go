package devicelab

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// Device is one running simulated device.
type Device struct {
	Addr    netip.Addr
	Profile *Profile
	log     *slog.Logger

	mu          sync.Mutex
	failures    int // consecutive failed logins, all services together
	lockedUntil time.Time
	active      int
	overUntil   time.Time
	logins      int // attempts seen, for tests
	failedTotal int

	closers []func() error
	wg      sync.WaitGroup
}

// Start runs every service of p on addr. addr must be a loopback address.
func Start(ctx context.Context, addr netip.Addr, p *Profile, log *slog.Logger) (*Device, error) {
	if !addr.IsLoopback() {
		return nil, fmt.Errorf("devicelab: %s is not a loopback address", addr)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Device{Addr: addr, Profile: p, log: log.With("device", addr.String())}
	starts := []func(context.Context) error{d.startTelnet, d.startSSH, d.startFTP, d.startHTTP, d.startMQTT, d.startRTSP, d.startSSDP, d.startMDNS}
	for _, s := range starts {
		if err := s(ctx); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// Close stops every service and waits for their goroutines.
func (d *Device) Close() error {
	var errs []error
	for _, c := range d.closers {
		errs = append(errs, c())
	}
	d.wg.Wait()
	return errors.Join(errs...)
}

func (d *Device) hostPort(port int) string {
	return net.JoinHostPort(d.Addr.String(), strconv.Itoa(port))
}

// LoginStats reports login attempts and failures the device saw.
func (d *Device) LoginStats() (attempts, failures int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logins, d.failedTotal
}

// Locked reports whether the device currently blocks logins.
func (d *Device) Locked() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return time.Now().Before(d.lockedUntil)
}

// loginResult is what the device's shared authenticator decided.
type loginResult int

const (
	loginOK loginResult = iota
	loginBad
	loginLocked
)

// login checks a pair against the profile, applying lockout and throttling
// shared by all services.
func (d *Device) login(user, pass string) loginResult {
	d.mu.Lock()
	d.logins++
	if time.Now().Before(d.lockedUntil) {
		d.mu.Unlock()
		return loginLocked
	}
	for _, c := range d.Profile.Credentials {
		if c.User == user && c.Password == pass {
			d.failures = 0
			d.mu.Unlock()
			return loginOK
		}
	}
	d.failures++
	d.failedTotal++
	n := d.failures
	if lk := d.Profile.Lockout; lk != nil && n >= lk.After {
		d.lockedUntil = time.Now().Add(time.Duration(lk.Duration))
		d.failures = 0
	}
	d.mu.Unlock()
	if th := d.Profile.Throttle; th != nil {
		time.Sleep(time.Duration(th.Step) * time.Duration(n))
	}
	return loginBad
}

// admit decides whether a new connection is served: not while locked out,
// not beyond the flood limit, not while recovering from an overload.
func (d *Device) admit() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if now.Before(d.lockedUntil) || now.Before(d.overUntil) {
		return false
	}
	if f := d.Profile.Flood; f != nil && f.MaxConns > 0 && d.active >= f.MaxConns {
		d.overUntil = now.Add(time.Duration(f.Recovery))
		return false
	}
	d.active++
	return true
}

func (d *Device) release() {
	d.mu.Lock()
	d.active--
	d.mu.Unlock()
}

// listen opens a TCP listener and serves each admitted connection with fn.
func (d *Device) listen(port int, fn func(net.Conn)) error {
	l, err := net.Listen("tcp", d.hostPort(port))
	if err != nil {
		return fmt.Errorf("devicelab: listen %s: %w", d.hostPort(port), err)
	}
	d.closers = append(d.closers, l.Close)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if !d.admit() {
				c.Close()
				continue
			}
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				defer d.release()
				defer c.Close()
				c.SetDeadline(time.Now().Add(60 * time.Second))
				fn(c)
			}()
		}
	}()
	return nil
}

// admittingListener applies admit/release to a listener served by another
// server (net/http).
type admittingListener struct {
	net.Listener
	d *Device
}

func (l admittingListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.d.admit() {
			return &releasingConn{Conn: c, d: l.d}, nil
		}
		c.Close()
	}
}

type releasingConn struct {
	net.Conn
	d    *Device
	once sync.Once
}

func (c *releasingConn) Close() error {
	c.once.Do(c.d.release)
	return c.Conn.Close()
}
