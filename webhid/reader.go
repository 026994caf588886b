package webhid

// ErrorCode names a WebHID failure; the page maps each code to its text.
type ErrorCode string

// The WebHID failures the page explains.
const (
	// CodeNoWebHID: the browser has no WebHID (Firefox, Safari, Chrome on
	// Android, an embedded web view).
	CodeNoWebHID ErrorCode = "no_webhid"
	// CodeInsecure: WebHID exists only in secure contexts (HTTPS or
	// localhost); the page was loaded over plain HTTP.
	CodeInsecure ErrorCode = "insecure_context"
	// CodeCancelled: the user closed the chooser without picking a reader,
	// or no reader was offered (a reader in keyboard mode is not listed).
	CodeCancelled ErrorCode = "cancelled"
	// CodeDenied: the browser refused access (no user gesture, a
	// permissions policy, or a blocked device).
	CodeDenied ErrorCode = "permission_denied"
	// CodeOpenFailed: the reader could not be opened (another program holds
	// it, or on Linux the udev permission is missing).
	CodeOpenFailed ErrorCode = "open_failed"
	// CodeUnplugged: the reader was disconnected while open.
	CodeUnplugged ErrorCode = "unplugged"
	// CodeFeatureFailed: the browser refused to send or read a feature
	// report (the reader is not open, the report is blocked, or the OS
	// failed); swipes still work.
	CodeFeatureFailed ErrorCode = "feature_failed"
)

// An Error is a WebHID failure: Code says which, Detail is the browser's
// own message (in English, for the technician's notes). A reader that
// would not open (CodeOpenFailed) carries its USB IDs and the browser's
// user agent string, which names the host's platform: the browser does not
// say why it failed, and the likely causes depend on the platform.
type Error struct {
	Code   ErrorCode
	Detail string

	VendorID, ProductID uint16 // for CodeOpenFailed
	UserAgent           string // navigator.userAgent, for CodeOpenFailed
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return "webhid: " + string(e.Code)
	}
	return "webhid: " + string(e.Code) + ": " + e.Detail
}
