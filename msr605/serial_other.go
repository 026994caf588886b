//go:build !(js && wasm)

package msr605

import (
	"context"

	"magcheck/internal/device"
)

// Port is a granted serial port; outside the browser there are none.
type Port struct {
	VendorID, ProductID uint16
}

var errNoBrowser = linkError(device.CodeNoSerial, "not running in a browser")

// SerialSupported reports whether the browser offers Web Serial; outside a
// browser it never does.
func SerialSupported() (bool, error) { return false, errNoBrowser }

// RequestPort needs a browser.
func RequestPort(context.Context) (*Port, error) { return nil, errNoBrowser }

// Open needs a browser.
func (p *Port) Open(context.Context, func(error)) error { return errNoBrowser }

// Do needs a browser.
func (p *Port) Do(context.Context, Command) ([]byte, error) { return nil, errNoBrowser }

// Close does nothing outside a browser.
func (p *Port) Close() {}
