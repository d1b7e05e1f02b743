package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bydesign-iot/bydesign/internal/probe"
	"github.com/bydesign-iot/bydesign/internal/probe/proto"
)

const maxBody = 64 << 10

// httpGet fetches path with an optional Authorization header.
func httpGet(ctx context.Context, t *probe.Target, svc probe.Service, path, auth string) (*http.Response, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.URL(svc.Port, svc.TLS, path), nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "bydesign-probe")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return httpDo(t, svc, req)
}

func httpDo(t *probe.Target, svc probe.Service, req *http.Request) (*http.Response, string, error) {
	cl := t.HTTPClient(svc.Port, svc.TLS)
	defer cl.CloseIdleConnections()
	resp, err := cl.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return resp, string(b), nil
}

// httpMethod learns how the web interface authenticates from one
// unauthenticated GET /, which is not a login attempt.
func httpMethod(ctx context.Context, t *probe.Target, svc probe.Service) loginMethod {
	resp, body, err := httpGet(ctx, t, svc, "/", "")
	if err != nil {
		return loginMethod{reason: "GET / failed: " + errText(err)}
	}
	steps := []probe.Step{{Sent: "GET /", Seen: resp.Status}}
	if resp.StatusCode == http.StatusUnauthorized {
		ch, err := proto.ParseChallenge(resp.Header.Get("Www-Authenticate"))
		if err != nil {
			return loginMethod{reason: err.Error(), steps: steps}
		}
		steps[0].Seen += ", " + ch.Scheme + " challenge"
		switch ch.Scheme {
		case "basic", "digest":
			return loginMethod{name: "http-" + ch.Scheme, steps: steps, login: func(ctx context.Context, t *probe.Target, s probe.Service, c probe.Credential) attempt {
				return httpAuthLogin(ctx, t, s, c, "/")
			}}
		}
		return loginMethod{reason: "unsupported scheme " + ch.Scheme, steps: steps}
	}
	if f, ok := findLoginForm(body); ok && resp.StatusCode == http.StatusOK {
		steps[0].Seen += ", login form posting to " + f.action
		return loginMethod{name: "http-form", steps: steps, login: func(ctx context.Context, t *probe.Target, s probe.Service, c probe.Credential) attempt {
			return httpFormLogin(ctx, t, s, c, f)
		}}
	}
	return loginMethod{reason: "no authentication asked at / (" + resp.Status + ")", steps: steps}
}

// httpAuthLogin answers a fresh challenge for every attempt (digest nonces
// are single-use on many devices).
func httpAuthLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential, path string) attempt {
	start := time.Now()
	resp, _, err := httpGet(ctx, t, svc, path, "")
	if err != nil {
		return failedTo("GET "+path, err, nil)
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusForbidden {
		return attempt{out: blocked, how: resp.Status + " before credentials", latency: time.Since(start),
			steps: []probe.Step{{Sent: "GET " + path, Seen: resp.Status}}}
	}
	ch, err := proto.ParseChallenge(resp.Header.Get("Www-Authenticate"))
	if err != nil {
		return attempt{out: unclear, how: err.Error(), latency: time.Since(start)}
	}
	auth := basicAuth(c.User, c.Password)
	if ch.Scheme == "digest" {
		if auth, err = digestAuth(ch, http.MethodGet, path, c.User, c.Password); err != nil {
			return attempt{out: unclear, how: err.Error(), latency: time.Since(start)}
		}
	}
	resp, _, err = httpGet(ctx, t, svc, path, auth)
	sent := fmt.Sprintf("GET %s with %s auth, user %s %s", path, ch.Scheme, c.User, secret(c.Password))
	if err != nil {
		return failedTo("GET with credentials", err, []probe.Step{{Sent: sent}})
	}
	steps := []probe.Step{{Sent: sent, Seen: resp.Status}}
	return judgeHTTPStatus(resp.StatusCode, resp.Status, steps, time.Since(start))
}

func judgeHTTPStatus(code int, status string, steps []probe.Step, lat time.Duration) attempt {
	switch {
	case code >= 200 && code < 400:
		return attempt{out: accepted, how: status, steps: steps, latency: lat}
	case code == http.StatusUnauthorized:
		return attempt{out: rejected, how: status, steps: steps, latency: lat}
	case code == http.StatusTooManyRequests || code == http.StatusForbidden || code == http.StatusServiceUnavailable:
		return attempt{out: blocked, how: status, steps: steps, latency: lat}
	}
	return attempt{out: unclear, how: status, steps: steps, latency: lat}
}

// loginForm is the part of an HTML login form the probe fills in.
type loginForm struct {
	action, userField, passField string
	hidden                       map[string]string
}

var (
	formRe  = regexp.MustCompile(`(?is)<form\b([^>]*)>(.*?)</form>`)
	inputRe = regexp.MustCompile(`(?is)<input\b([^>]*)>`)
	attrRe  = regexp.MustCompile(`(?is)([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, 20) {
		m[strings.ToLower(a[1])] = a[2] + a[3] + a[4]
	}
	return m
}

// findLoginForm finds the first form with a password field.
func findLoginForm(body string) (loginForm, bool) {
	for _, fm := range formRe.FindAllStringSubmatch(body, 10) {
		f := loginForm{action: attrs(fm[1])["action"], hidden: map[string]string{}}
		for _, in := range inputRe.FindAllStringSubmatch(fm[2], 30) {
			a := attrs(in[1])
			switch typ := strings.ToLower(a["type"]); {
			case typ == "password" && f.passField == "":
				f.passField = a["name"]
			case typ == "hidden":
				f.hidden[a["name"]] = a["value"]
			case (typ == "" || typ == "text" || typ == "email") && f.userField == "":
				f.userField = a["name"]
			}
		}
		if f.passField != "" {
			if f.action == "" || strings.Contains(f.action, "://") {
				f.action = "/" // never post to another host
			}
			if !strings.HasPrefix(f.action, "/") {
				f.action = "/" + f.action
			}
			return f, true
		}
	}
	return loginForm{}, false
}

// httpFormLogin posts the form. Success is a reply that no longer asks for
// a password: a redirect away from the form or a page without a password
// field. The wrong-password control guards against pages that always look
// like success.
func httpFormLogin(ctx context.Context, t *probe.Target, svc probe.Service, c probe.Credential, f loginForm) attempt {
	start := time.Now()
	v := url.Values{}
	for k, val := range f.hidden {
		v.Set(k, val)
	}
	if f.userField != "" {
		v.Set(f.userField, c.User)
	}
	v.Set(f.passField, c.Password)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL(svc.Port, svc.TLS, f.action), strings.NewReader(v.Encode()))
	if err != nil {
		return attempt{out: unclear, how: err.Error()}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "bydesign-probe")
	resp, body, err := httpDo(t, svc, req)
	sent := fmt.Sprintf("POST %s user %s %s", f.action, c.User, secret(c.Password))
	if err != nil {
		return failedTo("POST form", err, []probe.Step{{Sent: sent}})
	}
	seen := resp.Status
	if loc := resp.Header.Get("Location"); loc != "" {
		seen += ", Location " + shown(loc, 80, c.Password)
	}
	out, how := judgeForm(resp.StatusCode, resp.Header.Get("Location"), body, f)
	return attempt{out: out, how: how, steps: []probe.Step{{Sent: sent, Seen: seen}}, latency: time.Since(start)}
}

// judgeForm decides a form login on the shape of the reply first: the
// login form shown again or a redirect back to a login page is a refusal,
// a redirect elsewhere or a page without the login form a success. Words
// like "failed" or "denied" decide nothing on their own, since dashboards
// are full of them; the wrong-password control catches pages that always
// look like success.
func judgeForm(code int, location, body string, f loginForm) (outcome, string) {
	loc := strings.ToLower(location)
	again := sameForm(body, f)
	switch {
	case code == http.StatusTooManyRequests || code == http.StatusForbidden:
		return blocked, fmt.Sprintf("%d %s", code, http.StatusText(code))
	case code >= 300 && code < 400 && loc != "":
		if strings.Contains(loc, "login") || strings.Contains(loc, "error") || strings.Contains(loc, "fail") {
			return rejected, "redirect back to the login page"
		}
		return accepted, "redirect away from the form"
	case code == http.StatusUnauthorized:
		return rejected, "401 reply"
	case code == http.StatusOK && again && failText.MatchString(body):
		return rejected, "form shown again with a failure message"
	case code == http.StatusOK && again:
		return rejected, "form shown again"
	case code == http.StatusOK:
		return accepted, "page without the login form"
	}
	return unclear, fmt.Sprintf("%d reply", code)
}

// sameForm reports whether body shows the login form f again: a password
// field of the same name posting to the same place. A change-password
// form on a dashboard is not the login form.
func sameForm(body string, f loginForm) bool {
	for _, fm := range formRe.FindAllStringSubmatch(body, 10) {
		g, ok := findLoginForm(fm[0])
		if ok && g.passField == f.passField && g.action == f.action {
			return true
		}
	}
	return false
}
