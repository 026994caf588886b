//go:build !wasm

// Package headless starts the headless Chromium that the browser tests
// (e2e) and the benchmarks (bench) drive, with the same flags for both.
package headless

import (
	"context"
	"fmt"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Names are the browser commands looked for on PATH, in the order the
// Makefile looks for them.
var Names = []string{"chromium", "chromium-browser", "google-chrome"}

// Find returns the path of the first of Names on PATH, or "".
func Find() string {
	for _, name := range Names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// Start runs exe headless with its profile in profileDir and returns the
// browser's context, and a function that closes the browser.
func Start(exe, profileDir string) (context.Context, func(), error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.WindowSize(1024, 768),
		chromedp.UserDataDir(profileDir),
		// Keep the browser's own traffic out of the way: the page must
		// make no request but to its server, and these would muddy that.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() {
		cancelBrowser()
		cancelAlloc()
	}
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return bctx, stop, nil
}
