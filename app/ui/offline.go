package ui

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
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
	win := app.Window()
	sw := win.Get("navigator").Get("serviceWorker")
	caches := win.Get("caches")
	if !sw.Truthy() || !caches.Truthy() {
		ctx.Dispatch(func(app.Context) { p.offline = offlineNone })
		return
	}
	wasm := ctx.ResolveStaticResource("/web/app.wasm")
	state := offlineUnknown
	for {
		next := offlinePreparing
		if sw.Get("controller").Truthy() {
			if r, err := await(caches.Call("match", wasm)); err == nil && r.Truthy() {
				next = offlineReady
			}
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

// await waits for a JS promise. Unlike app.Value.Then it also returns the
// rejection, and it releases both callbacks either way. Call it from a
// goroutine, never from a JS callback (it would block the event loop).
func await(promise app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	ch := make(chan result, 1)
	first := func(args []app.Value) app.Value {
		if len(args) == 0 {
			return app.Undefined()
		}
		return args[0]
	}
	ok := app.FuncOf(func(_ app.Value, args []app.Value) any {
		ch <- result{v: first(args)}
		return nil
	})
	defer ok.Release()
	fail := app.FuncOf(func(_ app.Value, args []app.Value) any {
		ch <- result{err: errors.New(first(args).Call("toString").String())}
		return nil
	})
	defer fail.Release()
	promise.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
