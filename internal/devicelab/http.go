package devicelab

import (
	"context"
	"crypto/tls"
	"fmt"
	"html"
	"io"
	"log"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

func (d *Device) startHTTP(context.Context) error {
	h := d.Profile.HTTP
	if h == nil || h.Port == 0 {
		return nil
	}
	l, err := net.Listen("tcp", d.hostPort(h.Port))
	if err != nil {
		return fmt.Errorf("devicelab: listen %s: %w", d.hostPort(h.Port), err)
	}
	var ln net.Listener = admittingListener{Listener: l, d: d}
	if h.TLS {
		cfg, err := d.tlsConfig()
		if err != nil {
			l.Close()
			return err
		}
		ln = tls.NewListener(ln, cfg)
	}
	srv := &http.Server{Handler: d.httpHandler(h), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 10 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)} // handshake noise from probes is expected
	d.closers = append(d.closers, srv.Close)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		srv.Serve(ln)
	}()
	return nil
}

const loginPage = `<!doctype html><title>Login</title>
<form method="post" action="/login"><input type="text" name="username"><input type="password" name="password"><input type="hidden" name="token" value="lab"><button>Sign in</button></form>`

// spaPage is what a single-page app serves for every path it does not
// know; its menu names settings, as real ones do.
const spaPage = `<!doctype html><title>Camera</title><nav><a href="#/live">Live</a> <a href="#/settings">Settings</a></nav><div id="app"></div><script src="/app.js"></script>`

func (d *Device) httpHandler(h *HTTP) http.Handler {
	nonce := newNonce()
	mux := http.NewServeMux()
	var credRequests atomic.Int64
	// flaky reports whether this request with credentials gets a 500.
	flaky := func(w http.ResponseWriter) bool {
		if n := credRequests.Add(1); h.ErrorEvery > 0 && n%int64(h.ErrorEvery) == 0 {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return true
		}
		return false
	}
	// authed runs next only for a valid login (or when auth is none).
	authed := func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			switch h.Auth {
			case "basic", "digest":
				if r.Header.Get("Authorization") != "" && flaky(w) {
					return
				}
				res, present := d.checkAuth(r.Header.Get("Authorization"), h.Auth, nonce, r.Method)
				if res == loginLocked {
					http.Error(w, "too many failed logins", http.StatusTooManyRequests)
					return
				}
				if !present || res != loginOK {
					w.Header().Set("WWW-Authenticate", challengeFor(h.Auth, nonce))
					http.Error(w, "authentication required", http.StatusUnauthorized)
					return
				}
			case "form":
				if c, err := r.Cookie("session"); err != nil || c.Value != nonce {
					w.Header().Set("Content-Type", "text/html")
					fmt.Fprint(w, loginPage)
					return
				}
			}
			next(w, r)
		}
	}
	home := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<!doctype html><title>%s</title><p>Status: online</p><p>%s</p>", d.Profile.Name, html.EscapeString(h.FormDashboard))
	}
	config := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"config": {"ssid": "lab-net", "wifi_password": "lab-secret", "admin_user": "admin"}}`)
	}
	mux.HandleFunc("GET /{$}", authed(home))
	mux.HandleFunc("GET /home", authed(home))
	if h.ConfigOpen {
		mux.HandleFunc("GET /config.json", config)
	} else {
		mux.HandleFunc("GET /config.json", authed(config))
	}
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if h.Auth != "form" {
			http.NotFound(w, r)
			return
		}
		if flaky(w) {
			return
		}
		switch d.login(r.PostFormValue("username"), r.PostFormValue("password")) {
		case loginOK:
			http.SetCookie(w, &http.Cookie{Name: "session", Value: nonce, HttpOnly: true})
			if h.FormDashboard != "" {
				home(w, r)
				return
			}
			http.Redirect(w, r, "/home", http.StatusFound)
		case loginLocked:
			http.Error(w, "too many failed logins", http.StatusTooManyRequests)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>Invalid user name or password</p>"+loginPage)
		}
	})
	if h.CatchAll {
		mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, spaPage)
		})
	}
	if s := d.Profile.SSDP; s != nil && s.Description != nil {
		// Served without authentication, as UPnP control points expect.
		mux.HandleFunc("GET "+descriptionPath, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", `text/xml; charset="utf-8"`)
			w.Write(d.descriptionXML(s.Description))
		})
	}
	if h.SecurityTxt {
		mux.HandleFunc("GET /.well-known/security.txt", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintf(w, "Contact: mailto:security@example.com\nExpires: %s\nPreferred-Languages: en\n",
				time.Now().UTC().Add(180*24*time.Hour).Truncate(24*time.Hour).Format(time.RFC3339))
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.Server != "" {
			w.Header().Set("Server", h.Server)
		}
		if h.Redirect != "" {
			http.Redirect(w, r, h.Redirect+r.URL.Path, http.StatusFound)
			return
		}
		mux.ServeHTTP(w, r)
	})
}
