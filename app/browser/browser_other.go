//go:build !(js && wasm)

package browser

import (
	"context"

	"magcheck/decoder/audio"
)

// MicrophoneRequest is a pending request for the microphone; outside a
// browser there is none.
type MicrophoneRequest struct{}

// MicrophoneSupported reports that outside a browser there is no microphone.
func MicrophoneSupported() error { return ErrUnsupported }

// RequestMicrophone needs a browser.
func RequestMicrophone() (*MicrophoneRequest, error) { return nil, ErrUnsupported }

// Microphone is a live capture; outside a browser there is none.
type Microphone struct{}

// Open needs a browser.
func (*MicrophoneRequest) Open(context.Context, func([]float32), func()) (*Microphone, error) {
	return nil, ErrUnsupported
}

// Rate is the capture's sample rate.
func (*Microphone) Rate() int { return 0 }

// Close does nothing outside a browser.
func (*Microphone) Close() {}

// File is a file the person chose or dropped; outside a browser there is none.
type File struct{}

// Size is the file's size in bytes.
func (File) Size() int64 { return 0 }

// Bytes needs a browser.
func (File) Bytes(context.Context) ([]byte, error) { return nil, ErrUnsupported }

// Recording needs a browser.
func (File) Recording(context.Context) (audio.Samples, error) { return audio.Samples{}, ErrUnsupported }

// OnFiles does nothing outside a browser.
func OnFiles(string, string, func([]File)) (stop func()) { return func() {} }

// ServiceWorker reports no service worker outside a browser.
func ServiceWorker() (supported, controlling bool) { return false, false }

// CacheNames lists no caches outside a browser.
func CacheNames(context.Context) []string { return nil }

// Cached reports nothing cached outside a browser.
func Cached(context.Context, string) bool { return false }

// Download does nothing outside a browser.
func Download(string, string, string) {}
