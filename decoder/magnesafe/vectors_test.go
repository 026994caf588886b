package magnesafe_test

import (
	"strings"

	"magcheck/decoder/magnesafe"
)

// The records of the MagneSafe V5 Communication Reference Manual
// (99875475), Appendix D, as the reader types them (CR at the end). The
// card is MagTek's test card; the key is the ANSI X9.24 example key.
const (
	// Example 12: a keyboard reader at security level 3, KSN counter 8.
	example12 = "%B5452000000007189^HOGAN/PAUL      ^08040000000000000000000?" +
		";5452000000007189=080400000000000000?+5163000050000445=000000000000?" +
		"|0600" +
		"|C25C1D1197D31CAA87285D59A892047426D9182EC11353C051ADD6D0F072A6CB3436560B3071FC1FD11D9F7E74886742D9BEE0CFD1EA1064C213BB55278B2F12" +
		"|724C5DB7D6F901C7F0FEAE7908801093B3DBFE51CCF6D483E789D7D2C007D539499BAADCC8D16CA2" +
		"|E31234A91059A0FBFE627954EE21868AEE3979540B67FCC40F61CECA54152D1E" +
		"|A1050000" +
		"|8628E664C59BBAA232BA90BFB3E6B41D6F4B691E633C311CBE6EE7466B81196EC07B12648DCAC4FD7FD0E212B479C60BAD8C74F82F327667" +
		"||21685F158B5C6BE0|FFFF9876543210E00008|B78F||0000\r"
	// Example 5: security level 2 with SureSwipe off: masked tracks, then
	// the tracks in clear in the track fields; no KSN.
	example5 = "%B5452000000007189^HOGAN/PAUL      ^08040000000000000000000?" +
		";5452000000007189=080400000000000000?+5163000050000445=000000000000?" +
		"|0200|%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?" +
		"|;5452300551227189=080432100000007250?|+5163499080020445=000000000000?" +
		"||||0000000000000000||6F36||1000\r"
)

// masked12 is Example 12's masked section.
var masked12 = example12[:strings.IndexByte(example12, '|')]

// record builds a record as a reader with separator sep types it: the
// masked section, then the fields, with the clear-text CRC computed over
// everything before it when crc is "*".
func record(masked string, sep byte, fields ...string) string {
	var b strings.Builder
	b.WriteString(masked)
	for _, f := range fields {
		b.WriteByte(sep)
		if f == "*" {
			c := magnesafe.CRC16(b.String())
			const digits = "0123456789ABCDEF"
			f = string([]byte{digits[c>>4&15], digits[c&15], digits[c>>12], digits[c>>8&15]})
		}
		b.WriteString(f)
	}
	return b.String() + "\r"
}

// hexOf writes s in upper-case hex, as the reader sends binary fields.
func hexOf(s string) string {
	const digits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&15])
	}
	return b.String()
}
