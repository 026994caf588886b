// Package ui is magcheck's page: go-app components that show what package
// decoder made of a swipe, in the words of package message, and decide
// nothing themselves.
//
// Page (page.go) owns what is on screen: the report, the visit's Session,
// the language and the reveal. Its Render lays out one section per region,
// always there and in a fixed order. The panels (TerminalRow, HIDPanel,
// SerialPanel, AudioPanel, PastePanel) are components fed only plain data,
// their language, and talk to the page through go-app actions: a panel
// posts each report it has as actionReport, the page answers with
// actionShown and actionClear. The reader panels only wire the browser's
// devices to the packages that speak to them (webhid, msr605, app/browser)
// and hand what they read to the decoder; capture reads a keyboard-wedge
// reader's keys anywhere on the window.
//
// Every element is made with app.Elem (app.ElemSelfClosing for an input),
// never go-app's typed constructors: each typed element the page uses puts
// its own copy of the attribute and event methods in app.wasm, 3.5 to 11 KB
// apiece, while one generic element serves them all.
//
// Register routes the page, for the WebAssembly program (cmd/wasm) and the
// server alike; Handler is the go-app handler the server serves it with.
package ui
