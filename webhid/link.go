package webhid

import "magcheck/internal/device"

// linkError is a failure of the WebHID link.
func linkError(code device.Code, detail string) *device.Error {
	return &device.Error{Link: device.HID, Code: code, Detail: detail}
}
