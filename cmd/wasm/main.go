//go:build js && wasm

// Command wasm is the page's entry point, compiled to web/app.wasm. It holds
// no server code: cmd/magcheck serves what this builds.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/ui"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser()
}
