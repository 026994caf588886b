package webhid

import (
	"encoding/hex"
	"strings"
	"unicode"

	"magcheck/internal/hexdigit"
)

// Hex formats data as upper-case hex bytes separated by spaces, for display.
func Hex(data []byte) string {
	return hexdigit.Bytes(data, ' ')
}

// ParseHex reads bytes written in hex, as pasted into the command line:
// "02 1F …", "021f…" or "0x02, 0x1F, …". White space (newlines included) and
// commas separate nothing and are ignored, as is a "0x" or "0X" prefix at the
// start of a group. Errors are encoding/hex's: hex.InvalidByteError for a
// character that is not a hex digit, hex.ErrLength for an odd digit count.
func ParseHex(s string) ([]byte, error) {
	var digits strings.Builder
	digits.Grow(len(s))
	for _, group := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if len(group) > 2 && group[0] == '0' && (group[1] == 'x' || group[1] == 'X') {
			group = group[2:]
		}
		digits.WriteString(group)
	}
	b, err := hex.DecodeString(digits.String())
	if err != nil {
		return nil, err
	}
	return b, nil
}
