//go:build !(js && wasm)

package webhid

import (
	"context"

	"magcheck/internal/device"
	"magcheck/msr605"
)

// Reader is a granted HID reader; outside the browser there are none.
type Reader struct {
	Device
}

var errNoBrowser = linkError(device.CodeNoWebHID, "not running in a browser")

// Supported reports whether the browser offers WebHID; outside a browser it
// never does.
func Supported() (bool, error) { return false, errNoBrowser }

// Request needs a browser.
func Request(context.Context) (*Reader, error) { return nil, errNoBrowser }

// Granted needs a browser.
func Granted(context.Context) ([]*Reader, error) { return nil, errNoBrowser }

// OnConnect needs a browser; stop does nothing.
func OnConnect(func(*Reader)) (stop func()) { return func() {} }

// Open needs a browser.
func (r *Reader) Open(context.Context, func(byte, []byte), func(error)) error { return errNoBrowser }

// Feature needs a browser.
func (r *Reader) Feature(context.Context, byte, []byte) ([]byte, error) { return nil, errNoBrowser }

// Close does nothing outside a browser.
func (r *Reader) Close() {}

// MSR605 needs a browser.
func (r *Reader) MSR605(context.Context, msr605.Command) ([]byte, error) { return nil, errNoBrowser }
