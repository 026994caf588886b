package msr605

import "time"

// PortCode names a failure of the serial link or of a reader on it; the
// page maps each code to its words.
type PortCode string

// The failures the page explains.
const (
	// CodeNoSerial: the browser has no Web Serial (Firefox, Safari, older
	// Chrome on Android, an embedded web view).
	CodeNoSerial PortCode = "no_serial"
	// CodeInsecure: Web Serial exists only in secure contexts (HTTPS or
	// localhost); the page was loaded over plain HTTP.
	CodeInsecure PortCode = "insecure_context"
	// CodeCancelled: the chooser was closed without a port.
	CodeCancelled PortCode = "cancelled"
	// CodeDenied: the browser refused access (a permissions policy, or no
	// user gesture).
	CodeDenied PortCode = "permission_denied"
	// CodeOpenFailed: the port could not be opened (another program holds
	// it, or the driver failed).
	CodeOpenFailed PortCode = "open_failed"
	// CodeUnplugged: the reader (or its adapter) was disconnected.
	CodeUnplugged PortCode = "unplugged"
	// CodeSendFailed: a command could not be sent.
	CodeSendFailed PortCode = "send_failed"
	// CodeNoAnswer: the reader did not answer a query in time (not an
	// MSR605 or MSR206, no power, another baud rate).
	CodeNoAnswer PortCode = "no_answer"
	// CodeNoSwipe: no card was swiped while a read waited.
	CodeNoSwipe PortCode = "no_swipe"
)

// A PortError is a failure of a reader's link: Code says which, Detail is
// the browser's own message (in English, for the technician's notes). A
// port that would not open (CodeOpenFailed) carries its adapter's USB IDs
// (0 when the browser gives none) and the browser's user agent string,
// which names the host's platform: the browser does not say why it
// failed, and the likely causes depend on the platform.
type PortError struct {
	Code   PortCode
	Detail string

	VendorID, ProductID uint16 // for CodeOpenFailed
	UserAgent           string // navigator.userAgent, for CodeOpenFailed
}

func (e *PortError) Error() string {
	if e.Detail == "" {
		return "msr605: " + string(e.Code)
	}
	return "msr605: " + string(e.Code) + ": " + e.Detail
}

// Serial settings of the MSR605 and MSR206 (their manual's defaults).
const (
	BaudRate = 9600
	// Quiet is how long a reader stays silent after an answer without an
	// end of its own (the firmware version) before it counts as complete.
	Quiet = 200 * time.Millisecond
	// Stall is how long a reader may stop in the middle of an answer before
	// the answer counts as cut short: at 9600 baud a byte takes about a
	// millisecond.
	Stall = time.Second
)
