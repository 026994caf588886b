// Package device is the one error of a reader's link in the browser.
// WebHID (package webhid: MagTek, ID TECH and MSR605X readers) and Web
// Serial (package msr605: MSR605 and MSR206 reader-writers) fail in the
// same ways, so both bindings return an *Error with one set of Codes; its
// Link says which API failed, and the words for it (decoder.Explain) and
// the fixes for a device that would not open (decoder.Fixes) follow from
// the two.
package device

import "errors"

// Link is how a reader is attached: the browser API that reaches it.
type Link string

// Links.
const (
	HID    Link = "hid"    // WebHID
	Serial Link = "serial" // Web Serial
)

// Code names a failure of a link; the page shows it in its data-hid-error
// and data-msr-error attributes and maps it to its words.
type Code string

// The failures the page explains.
const (
	// CodeNoWebHID: the browser has no WebHID (Firefox, Safari, Chrome on
	// Android, an embedded web view).
	CodeNoWebHID Code = "no_webhid"
	// CodeNoSerial: the browser has no Web Serial (Safari, older Chrome on
	// Android, an embedded web view).
	CodeNoSerial Code = "no_serial"
	// CodeInsecure: WebHID and Web Serial exist only in secure contexts
	// (HTTPS or localhost); the page was loaded over plain HTTP.
	CodeInsecure Code = "insecure_context"
	// CodeCancelled: the chooser was closed without a device, or offered
	// none (a HID reader in keyboard mode is not listed).
	CodeCancelled Code = "cancelled"
	// CodeDenied: the browser refused access (no user gesture, a
	// permissions policy, or a blocked device).
	CodeDenied Code = "permission_denied"
	// CodeOpenFailed: the device could not be opened (another program
	// holds it, or on Linux the user may not open it).
	CodeOpenFailed Code = "open_failed"
	// CodeUnplugged: the device (or its adapter) was disconnected.
	CodeUnplugged Code = "unplugged"
	// CodeFeatureFailed: the browser refused to send or read a HID feature
	// report (the reader is not open, the report is blocked, or the OS
	// failed); a MagTek reader's swipes still work.
	CodeFeatureFailed Code = "feature_failed"
	// CodeSendFailed: a command could not be sent on a serial port.
	CodeSendFailed Code = "send_failed"
	// CodeNoAnswer: a reader-writer did not answer a query in time (not an
	// MSR605-family reader, no power, another baud rate).
	CodeNoAnswer Code = "no_answer"
	// CodeNoSwipe: no card was swiped while a reader-writer's read waited.
	CodeNoSwipe Code = "no_swipe"
)

// An Error is a failure of a reader's link: Link says which API, Code
// which failure, Detail is the browser's own message (in English, for the
// technician's notes). A device that would not open (CodeOpenFailed)
// carries its USB IDs (0 when the browser gives none) and the browser's
// user agent string, which names the host's platform: the browser does
// not say why opening failed, and the likely causes depend on the
// platform.
type Error struct {
	Link   Link
	Code   Code
	Detail string

	VendorID, ProductID uint16 // for CodeOpenFailed
	UserAgent           string // navigator.userAgent, for CodeOpenFailed
}

func (e *Error) Error() string {
	s := string(e.Link) + ": " + string(e.Code)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Lost reports whether err ends a link: the device is gone, or commands
// can no longer be sent to it.
func Lost(err error) bool {
	e, ok := errors.AsType[*Error](err)
	return ok && (e.Code == CodeUnplugged || e.Code == CodeSendFailed || e.Code == CodeFeatureFailed)
}

// Rejected is the Error of a step of link's API whose promise the browser
// rejected with a DOMException of this name (detail is its whole message,
// as promise.Rejection words it), a step whose failure is other: a chooser
// closed (NotFoundError) is CodeCancelled, a port lost while a command was
// written (NetworkError) CodeUnplugged, any other rejection other. (A
// refusal, SecurityError or NotAllowedError, is other too: CodeDenied where
// access was asked for, and where a device would not open or take a
// report, that failure.)
func Rejected(link Link, name, detail string, other Code) *Error {
	code := other
	switch name {
	case "NotFoundError":
		code = CodeCancelled
	case "NetworkError":
		if other == CodeSendFailed {
			code = CodeUnplugged
		}
	}
	return &Error{Link: link, Code: code, Detail: detail}
}
