//go:build !wasm

package webdriver

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// FirefoxNames are the Firefox commands looked for on PATH.
var FirefoxNames = []string{"firefox-esr", "firefox"}

// firefoxPrefs keep Firefox's own traffic out of the way: the page must
// make no request but to its server. The remote agent sets most of the
// quiet preferences a test needs itself; these are the ones it leaves.
// Scrollbars overlay the page, as on tablets and phones, so a viewport
// set to a tablet's width is that wide.
const firefoxPrefs = `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("app.update.auto", false);
user_pref("app.update.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("media.navigator.permission.disabled", true);
user_pref("media.navigator.streams.fake", true);
user_pref("ui.useOverlayScrollbars", 1);
`

// listening is the line Firefox writes to stderr when BiDi is up.
var listening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// Firefox is a headless Firefox driven over WebDriver BiDi.
type Firefox struct {
	cmd     *exec.Cmd
	conn    *websocket.Conn
	version string
	done    chan struct{} // closed when the read loop ends

	mu      sync.Mutex
	next    int
	pending map[int]chan bidiReply
	tabs    map[string]*firefoxTab // by browsing context id
}

type bidiReply struct {
	Type    string          `json:"type"` // "success", "error" or "event"
	ID      *int            `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// StartFirefox starts exe (a Firefox) headless with a new profile in
// profileDir and opens a BiDi session.
func StartFirefox(ctx context.Context, exe, profileDir string) (*Firefox, error) {
	if exe == "" {
		return nil, missing("firefox", "firefox-esr")
	}
	if err := os.MkdirAll(profileDir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profileDir, "user.js"), []byte(firefoxPrefs), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "--headless", "--no-remote", "--profile", profileDir,
		"--remote-debugging-port", "0", "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	f := &Firefox{cmd: cmd, pending: map[int]chan bidiReply{}, tabs: map[string]*firefoxTab{}, done: make(chan struct{})}
	url := make(chan string, 1)
	go func() {
		// Read stderr to its end, or Firefox blocks on a full pipe.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case url <- m[1]:
				default:
				}
			}
		}
	}()
	fail := func(err error) (*Firefox, error) {
		f.Close()
		return nil, err
	}
	var ws string
	select {
	case ws = <-url:
	case <-time.After(60 * time.Second):
		return fail(fmt.Errorf("%s did not open WebDriver BiDi within a minute", exe))
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	conn, _, err := websocket.Dial(ctx, strings.TrimSuffix(ws, "/")+"/session", nil)
	if err != nil {
		return fail(fmt.Errorf("connecting to %s: %w", ws, err))
	}
	conn.SetReadLimit(256 << 20) // screenshots
	f.conn = conn
	go f.read()
	var session struct {
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := f.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, &session); err != nil {
		return fail(err)
	}
	f.version = session.Capabilities.BrowserVersion
	if err := f.call(ctx, "session.subscribe", map[string]any{
		"events": []string{"log.entryAdded", "network.beforeRequestSent"},
	}, nil); err != nil {
		return fail(err)
	}
	return f, nil
}

func (f *Firefox) Name() string    { return "firefox" }
func (f *Firefox) Version() string { return f.version }

// Close ends the session and Firefox.
func (f *Firefox) Close() error {
	if f.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		f.call(ctx, "browser.close", map[string]any{}, nil)
		cancel()
		f.conn.CloseNow()
	}
	if f.cmd.Process != nil {
		exited := make(chan struct{})
		go func() { f.cmd.Wait(); close(exited) }()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			f.cmd.Process.Kill()
			<-exited
		}
	}
	return nil
}

// read hands replies to their callers and events to their tabs.
func (f *Firefox) read() {
	defer close(f.done)
	for {
		_, data, err := f.conn.Read(context.Background())
		if err != nil {
			f.mu.Lock()
			for id, ch := range f.pending {
				ch <- bidiReply{Type: "error", Error: "closed", Message: err.Error()}
				delete(f.pending, id)
			}
			f.mu.Unlock()
			return
		}
		var r bidiReply
		if json.Unmarshal(data, &r) != nil {
			continue
		}
		if r.Type == "event" {
			f.event(r.Method, r.Params)
			continue
		}
		if r.ID == nil {
			continue
		}
		f.mu.Lock()
		ch := f.pending[*r.ID]
		delete(f.pending, *r.ID)
		f.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

// event records a log entry or a request in the tab it came from.
func (f *Firefox) event(method string, params json.RawMessage) {
	var ev struct {
		Context string `json:"context"`
		Source  struct {
			Context string `json:"context"`
		} `json:"source"`
		Level   string `json:"level"`
		Text    string `json:"text"`
		Type    string `json:"type"`
		Request struct {
			URL string `json:"url"`
		} `json:"request"`
	}
	if json.Unmarshal(params, &ev) != nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch method {
	case "log.entryAdded":
		if t := f.tabs[ev.Source.Context]; t != nil {
			t.console = append(t.console, ev.Type+" "+ev.Level+": "+ev.Text)
		}
	case "network.beforeRequestSent":
		if t := f.tabs[ev.Context]; t != nil {
			t.requests = append(t.requests, ev.Request.URL)
		}
	}
}

// call sends one command and decodes its result into out.
func (f *Firefox) call(ctx context.Context, method string, params, out any) error {
	f.mu.Lock()
	f.next++
	id := f.next
	ch := make(chan bidiReply, 1)
	f.pending[id] = ch
	f.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := f.conn.Write(ctx, websocket.MessageText, msg); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, r.Error, r.Message)
		}
		if out == nil {
			return nil
		}
		return json.Unmarshal(r.Result, out)
	case <-ctx.Done():
		f.mu.Lock()
		delete(f.pending, id)
		f.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// NewTab opens a tab.
func (f *Firefox) NewTab(ctx context.Context) (Tab, error) {
	var res struct {
		Context string `json:"context"`
	}
	if err := f.call(ctx, "browsingContext.create", map[string]any{"type": "tab"}, &res); err != nil {
		return nil, err
	}
	t := &firefoxTab{f: f, id: res.Context}
	f.mu.Lock()
	f.tabs[t.id] = t
	f.mu.Unlock()
	return t, nil
}

type firefoxTab struct {
	f  *Firefox
	id string
	// Guarded by f.mu.
	requests, console []string
}

func (t *firefoxTab) Preload(ctx context.Context, source string) error {
	return t.f.call(ctx, "script.addPreloadScript", map[string]any{
		"functionDeclaration": "() => {\n" + source + "\n}", "contexts": []string{t.id},
	}, nil)
}

func (t *firefoxTab) Navigate(ctx context.Context, url string) error {
	return t.f.call(ctx, "browsingContext.navigate", map[string]any{"context": t.id, "url": url, "wait": "complete"}, nil)
}

func (t *firefoxTab) Reload(ctx context.Context) error {
	return t.f.call(ctx, "browsingContext.reload", map[string]any{"context": t.id, "wait": "complete"}, nil)
}

// evaluate runs script.evaluate and returns its result, or the exception
// it threw as an error.
func (t *firefoxTab) evaluate(ctx context.Context, expr, ownership string) (json.RawMessage, error) {
	var res struct {
		Type             string          `json:"type"`
		Result           json.RawMessage `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := t.f.call(ctx, "script.evaluate", map[string]any{
		"expression": expr, "target": map[string]any{"context": t.id},
		"awaitPromise": true, "resultOwnership": ownership,
	}, &res)
	if err != nil {
		return nil, err
	}
	if res.Type == "exception" {
		return nil, &scriptError{res.ExceptionDetails.Text}
	}
	return res.Result, nil
}

func (t *firefoxTab) Eval(ctx context.Context, expr string, out any) error {
	raw, err := t.evaluate(ctx, wrap(expr), "none")
	if err != nil {
		return err
	}
	var v struct {
		Value string `json:"value"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	return decode(v.Value, out)
}

func (t *firefoxTab) Perform(ctx context.Context, sources ...Source) error {
	if err := t.f.call(ctx, "input.performActions", map[string]any{"context": t.id, "actions": sources}, nil); err != nil {
		return err
	}
	return t.f.call(ctx, "input.releaseActions", map[string]any{"context": t.id}, nil)
}

func (t *firefoxTab) SetFiles(ctx context.Context, selector string, paths ...string) error {
	raw, err := t.evaluate(ctx, "document.querySelector("+quote(selector)+")", "root")
	if err != nil {
		return err
	}
	var node struct {
		Type     string `json:"type"`
		SharedID string `json:"sharedId"`
	}
	if err := json.Unmarshal(raw, &node); err != nil {
		return err
	}
	if node.Type != "node" {
		return fmt.Errorf("no element %s", selector)
	}
	return t.f.call(ctx, "input.setFiles", map[string]any{
		"context": t.id, "element": map[string]any{"sharedId": node.SharedID}, "files": paths,
	}, nil)
}

func (t *firefoxTab) SetViewport(ctx context.Context, width, height int, scale float64) error {
	return t.f.call(ctx, "browsingContext.setViewport", map[string]any{
		"context": t.id, "viewport": map[string]any{"width": width, "height": height}, "devicePixelRatio": scale,
	}, nil)
}

func (t *firefoxTab) Screenshot(ctx context.Context) ([]byte, error) {
	var res struct {
		Data string `json:"data"`
	}
	if err := t.f.call(ctx, "browsingContext.captureScreenshot", map[string]any{"context": t.id, "origin": "document"}, &res); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(res.Data)
}

func (t *firefoxTab) Requests() []string {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	return append([]string(nil), t.requests...)
}

func (t *firefoxTab) Console() []string {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	return append([]string(nil), t.console...)
}

func (t *firefoxTab) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := t.f.call(ctx, "browsingContext.close", map[string]any{"context": t.id}, nil)
	t.f.mu.Lock()
	delete(t.f.tabs, t.id)
	t.f.mu.Unlock()
	return err
}

// quote writes s as a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
