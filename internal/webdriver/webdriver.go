//go:build !wasm

// Package webdriver drives the browsers the end-to-end tests run in besides
// Chromium: Firefox through WebDriver BiDi, which Firefox serves itself (no
// geckodriver), and WebKitGTK through W3C WebDriver (WebKitWebDriver, from
// Debian's webkit2gtk-driver) under a virtual X display.
//
// No Go library for either protocol is kept up to date (the known W3C
// WebDriver clients were abandoned before BiDi existed), so this is a thin
// client of the few commands the tests need: open a tab, load a page,
// evaluate JavaScript, press keys, give a file input a file, size the
// viewport and take a screenshot. The W3C input actions are the same in
// both protocols, so a test builds them once (Key, Pause).
package webdriver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Browser is a running browser the tests open tabs in.
type Browser interface {
	// Name is the engine: "firefox" or "webkit".
	Name() string
	// Version is the browser's version as it reports it.
	Version() string
	// NewTab opens a blank tab.
	NewTab(ctx context.Context) (Tab, error)
	// Close ends the browser and what it started.
	Close() error
}

// Tab is one top-level browsing context.
type Tab interface {
	// Preload runs the JavaScript source in every page the tab loads from
	// now on, before the page's own scripts. ErrUnsupported where the
	// protocol cannot (W3C WebDriver).
	Preload(ctx context.Context, source string) error
	// Navigate loads url and waits for its load event.
	Navigate(ctx context.Context, url string) error
	// Reload reloads the page and waits for its load event.
	Reload(ctx context.Context) error
	// Eval evaluates a JavaScript expression in the page, awaits it if it
	// is a promise and decodes its value, as JSON, into out (nil to drop it).
	Eval(ctx context.Context, expr string, out any) error
	// Perform runs W3C input action sequences (see Keys).
	Perform(ctx context.Context, sources ...Source) error
	// SetFiles gives the file input the selector matches these files, as a
	// person choosing them in the file dialog does.
	SetFiles(ctx context.Context, selector string, paths ...string) error
	// SetViewport makes the page's viewport width×height CSS pixels, with
	// scale device pixels to the CSS pixel where the protocol can set it
	// (BiDi can; W3C WebDriver sizes the window only, and scale is ignored).
	SetViewport(ctx context.Context, width, height int, scale float64) error
	// Screenshot is a PNG of the page as it is on screen.
	Screenshot(ctx context.Context) ([]byte, error)
	// Requests are the URLs the tab has asked for, where the protocol
	// reports them (BiDi does; W3C WebDriver does not: nil).
	Requests() []string
	// Console is what the page logged: console calls and uncaught errors,
	// where the protocol reports them (nil otherwise).
	Console() []string
	// Close closes the tab.
	Close() error
}

// Source is one W3C input source and its actions.
type Source struct {
	Type       string         `json:"type"` // "key", "pointer" or "none"
	ID         string         `json:"id"`
	Parameters map[string]any `json:"parameters,omitempty"` // a pointer's {"pointerType": …}
	Actions    []Action       `json:"actions"`
}

// Action is one tick of a Source, as the W3C actions write it: {"type":
// "keyDown", "value": "a"}, {"type": "pause", "duration": 2}.
type Action map[string]any

// The WebDriver key values of keys that type no character.
const (
	KeyShift = "\uE008"
	KeyEnter = "\uE006" // Return: code "Enter" (U+E007 is the Numpad Enter in Firefox)
	KeyTab   = "\uE004"
)

// KeyPress is one key pressed and released, with a pause of ms
// milliseconds before it.
func KeyPress(value string, ms int) []Action {
	return []Action{{"type": "pause", "duration": ms}, {"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}}
}

// Key is a key going down or up ("keyDown", "keyUp"), as Shift is held
// around other keys: Key(KeyShift, "keyDown").
func Key(value, typ string) Action { return Action{"type": typ, "value": value} }

// Tap is a press of a pointer ("mouse" or "touch") at x, y in the
// viewport, in CSS pixels.
func Tap(pointerType string, x, y int) Source {
	return Source{Type: "pointer", ID: pointerType, Parameters: map[string]any{"pointerType": pointerType},
		Actions: []Action{
			{"type": "pointerMove", "x": x, "y": y, "origin": "viewport"},
			{"type": "pointerDown", "button": 0},
			{"type": "pointerUp", "button": 0},
		}}
}

// wrap turns an expression into one whose value is a JSON string, of the
// value or of what it threw: both protocols return strings as they are,
// while their own encodings of objects and of exceptions differ (Firefox
// cannot always describe an exception thrown in an async function).
func wrap(expr string) string {
	return `(async () => {
		try {
			const v = await (` + expr + "\n" + `);
			return JSON.stringify({value: v === undefined ? null : v});
		} catch (e) {
			return JSON.stringify({thrown: String(e && e.stack ? e + "\n" + e.stack : e)});
		}
	})()`
}

// decode stores the value of the JSON string js, from an expression wrap
// made, into out.
func decode(js string, out any) error {
	var v struct {
		Value  json.RawMessage `json:"value"`
		Thrown *string         `json:"thrown"`
	}
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		return err
	}
	if v.Thrown != nil {
		return &scriptError{*v.Thrown}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(v.Value, out)
}

// Find returns the path of the first command on PATH, or "".
func Find(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// ErrUnsupported says the protocol has no such command.
var ErrUnsupported = errors.New("webdriver: not supported by this protocol")

// ErrNotFound says a browser or a program it needs is not installed.
var ErrNotFound = errors.New("webdriver: not installed")

// missing is ErrNotFound naming what to install.
func missing(what, pkg string) error {
	return fmt.Errorf("%w: no %s (Debian package %s)", ErrNotFound, what, pkg)
}

// scriptError is an exception thrown by evaluated JavaScript.
type scriptError struct{ text string }

func (e *scriptError) Error() string { return "javascript: " + strings.TrimSpace(e.text) }
