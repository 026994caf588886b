//go:build !wasm

package webdriver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WebKitNames are the WebKitGTK WebDriver commands looked for on PATH.
var WebKitNames = []string{"WebKitWebDriver"}

// miniBrowsers are where Debian puts the WebKitGTK browser that
// WebKitWebDriver drives (webkit2gtk-driver depends on it).
var miniBrowsers = []string{
	"/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
	"/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
	"/usr/lib/*/webkitgtk-6.0/MiniBrowser",
}

// WebKit is WebKitWebDriver and, when there was no display, the Xvfb it
// runs under. Each tab is a session of its own: a MiniBrowser window with
// its own (ephemeral) website data.
type WebKit struct {
	driver, xvfb *exec.Cmd
	base         string // http://127.0.0.1:PORT
	browser      string // the MiniBrowser
	version      string
	client       http.Client
}

// StartWebKit starts WebKitWebDriver (exe) and, without DISPLAY, an Xvfb
// for it, and checks that a session opens.
func StartWebKit(ctx context.Context, exe string) (*WebKit, error) {
	if exe == "" {
		return nil, missing("WebKitWebDriver", "webkit2gtk-driver")
	}
	w := &WebKit{client: http.Client{Timeout: 2 * time.Minute}}
	for _, pattern := range miniBrowsers {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			w.browser = m[0]
			break
		}
	}
	if w.browser == "" {
		return nil, missing("MiniBrowser", "webkit2gtk-driver")
	}
	env := os.Environ()
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		display, err := w.startXvfb()
		if err != nil {
			return nil, err
		}
		env = append(env, "DISPLAY="+display)
	}
	port, err := freePort()
	if err != nil {
		w.Close()
		return nil, err
	}
	w.base = "http://127.0.0.1:" + strconv.Itoa(port)
	w.driver = exec.Command(exe, "--port="+strconv.Itoa(port), "--host=127.0.0.1")
	w.driver.Env = env
	if err := w.driver.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var status struct {
			Ready bool `json:"ready"`
		}
		if w.do(ctx, "GET", "/status", nil, &status) == nil && status.Ready {
			break
		}
		if time.Now().After(deadline) {
			w.Close()
			return nil, fmt.Errorf("%s did not answer within 30 s", exe)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t, err := w.NewTab(ctx)
	if err != nil {
		w.Close()
		return nil, err
	}
	return w, t.Close()
}

// startXvfb runs an Xvfb on a display number it picks itself, large
// enough for a portrait tablet, and returns the display's name.
func (w *WebKit) startXvfb() (string, error) {
	exe := Find("Xvfb")
	if exe == "" {
		return "", missing("Xvfb", "xvfb")
	}
	r, wr, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	w.xvfb = exec.Command(exe, "-displayfd", "3", "-screen", "0", "1600x1600x24", "-nolisten", "tcp")
	w.xvfb.ExtraFiles = []*os.File{wr}
	if err := w.xvfb.Start(); err != nil {
		wr.Close()
		return "", fmt.Errorf("starting Xvfb: %w", err)
	}
	wr.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			return "", fmt.Errorf("no display from Xvfb")
		}
		return ":" + n, nil
	case <-time.After(20 * time.Second):
		return "", fmt.Errorf("no display from Xvfb within 20 s")
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (w *WebKit) Name() string    { return "webkit" }
func (w *WebKit) Version() string { return w.version }

// Close ends WebKitWebDriver and Xvfb.
func (w *WebKit) Close() error {
	for _, c := range []*exec.Cmd{w.driver, w.xvfb} {
		if c != nil && c.Process != nil {
			c.Process.Kill()
			c.Wait()
		}
	}
	return nil
}

// do sends one WebDriver command and decodes the reply's value into out.
func (w *WebKit) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, w.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := w.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var reply struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(res.Body).Decode(&reply); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, res.Status, err)
	}
	if res.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(reply.Value, &e)
		if e.Error == "javascript error" {
			return &scriptError{e.Message}
		}
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(reply.Value, out)
}

// NewTab opens a session: a new MiniBrowser window.
func (w *WebKit) NewTab(ctx context.Context) (Tab, error) {
	var res struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	err := w.do(ctx, "POST", "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": w.browser, "args": []string{"--automation"}},
	}}}, &res)
	if err != nil {
		return nil, fmt.Errorf("opening a WebKit session: %w", err)
	}
	w.version = res.Capabilities.BrowserVersion
	return &webkitTab{w: w, path: "/session/" + res.SessionID}, nil
}

type webkitTab struct {
	w    *WebKit
	path string
}

func (t *webkitTab) do(ctx context.Context, method, path string, body, out any) error {
	return t.w.do(ctx, method, t.path+path, body, out)
}

func (t *webkitTab) Preload(context.Context, string) error { return ErrUnsupported }

func (t *webkitTab) Navigate(ctx context.Context, url string) error {
	return t.do(ctx, "POST", "/url", map[string]any{"url": url}, nil)
}

func (t *webkitTab) Reload(ctx context.Context) error {
	return t.do(ctx, "POST", "/refresh", map[string]any{}, nil)
}

func (t *webkitTab) Eval(ctx context.Context, expr string, out any) error {
	var js string
	if err := t.do(ctx, "POST", "/execute/sync", map[string]any{"script": "return " + wrap(expr), "args": []any{}}, &js); err != nil {
		return err
	}
	return decode(js, out)
}

func (t *webkitTab) Perform(ctx context.Context, sources ...Source) error {
	if err := t.do(ctx, "POST", "/actions", map[string]any{"actions": sources}, nil); err != nil {
		return err
	}
	return t.do(ctx, "DELETE", "/actions", nil, nil)
}

// elementKey is the W3C name of an element reference.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

func (t *webkitTab) SetFiles(ctx context.Context, selector string, paths ...string) error {
	var el map[string]string
	if err := t.do(ctx, "POST", "/element", map[string]any{"using": "css selector", "value": selector}, &el); err != nil {
		return err
	}
	return t.do(ctx, "POST", "/element/"+el[elementKey]+"/value", map[string]any{"text": strings.Join(paths, "\n")}, nil)
}

// SetViewport sizes the window, then corrects for what the window's own
// chrome takes, as measured in the page once the resize has reached it
// (the window manager answers before the page has laid itself out again).
func (t *webkitTab) SetViewport(ctx context.Context, width, height int, _ float64) error {
	w, h := width, height
	var inner [2]int
	if err := t.Eval(ctx, "[innerWidth, innerHeight]", &inner); err != nil {
		return err
	}
	for range 5 {
		if inner == [2]int{width, height} {
			return nil
		}
		before := inner
		if err := t.do(ctx, "POST", "/window/rect", map[string]any{"width": w, "height": h}, nil); err != nil {
			return err
		}
		// Wait up to 2 s for the page to see the new size.
		for i := 0; i < 40 && inner == before; i++ {
			time.Sleep(50 * time.Millisecond)
			if err := t.Eval(ctx, "[innerWidth, innerHeight]", &inner); err != nil {
				return err
			}
		}
		if inner == [2]int{width, height} {
			return nil
		}
		w, h = w+width-inner[0], h+height-inner[1]
	}
	return fmt.Errorf("could not size the viewport to %d×%d: it is %d×%d", width, height, inner[0], inner[1])
}

func (t *webkitTab) Screenshot(ctx context.Context) ([]byte, error) {
	var data string
	if err := t.do(ctx, "GET", "/screenshot", nil, &data); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(data)
}

func (t *webkitTab) Requests() []string { return nil }
func (t *webkitTab) Console() []string  { return nil }

func (t *webkitTab) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return t.do(ctx, "DELETE", "", nil, nil)
}
