package device

import (
	"errors"
	"fmt"
	"testing"
)

// TestRejected: a rejection keeps the step's failure but for a closed
// chooser and a port lost while written to, on either link.
func TestRejected(t *testing.T) {
	for _, tt := range []struct {
		name  string
		other Code
		want  Code
	}{
		{"NotFoundError", CodeDenied, CodeCancelled},
		{"SecurityError", CodeDenied, CodeDenied},
		{"NotAllowedError", CodeOpenFailed, CodeOpenFailed},
		{"NotAllowedError", CodeFeatureFailed, CodeFeatureFailed},
		{"NetworkError", CodeSendFailed, CodeUnplugged},
		{"NetworkError", CodeOpenFailed, CodeOpenFailed},
		{"NetworkError", CodeFeatureFailed, CodeFeatureFailed},
		{"InvalidStateError", CodeSendFailed, CodeSendFailed},
	} {
		for _, link := range []Link{HID, Serial} {
			e := Rejected(link, tt.name, tt.name+": words", tt.other)
			if e.Link != link || e.Code != tt.want || e.Detail != tt.name+": words" {
				t.Errorf("Rejected(%s, %s, %s) = %+v, want code %s", link, tt.name, tt.other, e, tt.want)
			}
		}
	}
}

// TestLost: only a device gone, or one that takes no more commands, ends
// a link; wrapped or not.
func TestLost(t *testing.T) {
	for code, lost := range map[Code]bool{
		CodeUnplugged: true, CodeSendFailed: true, CodeFeatureFailed: true,
		CodeDenied: false, CodeCancelled: false, CodeNoAnswer: false, CodeNoSwipe: false, CodeOpenFailed: false,
	} {
		err := fmt.Errorf("reading: %w", &Error{Link: Serial, Code: code})
		if Lost(err) != lost {
			t.Errorf("Lost(%s) = %v", code, !lost)
		}
	}
	if Lost(errors.New("unplugged")) {
		t.Error("Lost of another error")
	}
	if got := (&Error{Link: HID, Code: CodeUnplugged, Detail: "gone"}).Error(); got != "hid: unplugged: gone" {
		t.Errorf("Error() = %q", got)
	}
}
