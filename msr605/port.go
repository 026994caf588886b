package msr605

import (
	"time"

	"magcheck/internal/device"
)

// linkError is a failure of the Web Serial link.
func linkError(code device.Code, detail string) *device.Error {
	return &device.Error{Link: device.Serial, Code: code, Detail: detail}
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
