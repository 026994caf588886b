package webhid_test

import (
	"encoding/hex"
	"strings"
)

// What Parse should read from the public vectors, which package hidtest
// builds with the layouts' other reports (see docs/hid-reports.md).

// v3Keyboard is V3: the card of V1 as a keyboard-mode reader types it
// (MagneSafe V5 manual, Appendix D, Example 4), which starts track 3 with
// '+' where the HID report has ';'.
const v3Keyboard = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?;5452300551227189=080432100000007250?+5163499080020445=000000000000?"

// The tracks of V4 as ID TECH masks them, and its KSN.
const (
	v4Track1 = "%*4266********9999^BUSH JR/GEORGE W.MR^*******************************?*"
	v4Track2 = ";4266********9999=***************?*"
	v4Track3 = ";33333333337676760707077676763333333333767676070707767676333333333376767607070776767633333333337676760707?2"
	v4KSN    = "62994901190000000001"
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		panic(err)
	}
	return b
}

func pad(b []byte, n int) []byte {
	return append(append([]byte(nil), b...), make([]byte, n-len(b))...)
}
