//go:build js && wasm

// Command shell is a bare go-app page: one empty component and nothing of
// magcheck. make bench builds it exactly as app.wasm is built, so the ratio
// of the two sizes is the cost of magcheck's own code. Like the page, it
// marks itself data-ready="true" from OnMount, so its load can be timed
// the same way.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type shell struct {
	app.Compo
	ready bool
}

func (s *shell) OnMount(ctx app.Context) {
	ctx.Dispatch(func(app.Context) { s.ready = true })
}

func (s *shell) Render() app.UI {
	return app.Div().DataSet("ready", s.ready)
}

func main() {
	app.Route("/", app.NewZeroComponentFactory(&shell{}))
	app.RunWhenOnBrowser()
}
