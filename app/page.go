package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Page is the root component of the page. This is a placeholder owned by the
// UI engineer: it only marks itself ready once mounted in the browser.
type Page struct {
	app.Compo
	ready bool
}

// OnMount marks the page ready. Field changes in OnMount need Dispatch to render.
func (p *Page) OnMount(ctx app.Context) {
	ctx.Dispatch(func(app.Context) { p.ready = true })
}

// Render shows the readiness hook the browser tests wait for.
func (p *Page) Render() app.UI {
	ready := "false"
	if p.ready {
		ready = "true"
	}
	return app.Main().Class("page").DataSet("ready", ready).Body(app.H1().Text("magcheck"))
}
