package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
)

// offlineState says whether the page would work without the network.
type offlineState int

const (
	offlineUnknown   offlineState = iota // not checked yet
	offlinePreparing                     // a service worker is installing or caching
	offlineReady                         // a worker controls the page and app.wasm is cached
	offlineNone                          // no service worker here (plain http, old browser)
)

// watchOffline polls until a service worker controls the page and the
// WebAssembly binary is in its cache. go-app's worker fills the cache
// without holding installation for it, so "controlled" alone does not mean
// "works offline". It runs in ctx.Async and ends when the page dismounts.
func (p *Page) watchOffline(ctx app.Context, stop <-chan struct{}) {
	if supported, _ := browser.ServiceWorker(); !supported {
		ctx.Dispatch(func(app.Context) { p.offline = offlineNone })
		return
	}
	wasm := ctx.ResolveStaticResource("/web/app.wasm")
	state := offlineUnknown
	for {
		next := offlinePreparing
		if _, controlled := browser.ServiceWorker(); controlled && browser.Cached(ctx, wasm) {
			next = offlineReady
		}
		if next != state {
			state = next
			ctx.Dispatch(func(app.Context) { p.offline = next })
		}
		if state == offlineReady {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
	}
}
