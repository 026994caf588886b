package card

import (
	"strings"
	"time"
)

// Licence is an AAMVA driver's licence or ID card read from its stripe.
// Text fields are trimmed; a field the stripe does not hold is "".
type Licence struct {
	State      string // two letters, ANSI D-20 (track 1)
	City       string
	Name       string // display form, "FIRST MIDDLE SURNAME"; Card.Name has the parts
	Address    string // lines separated by '$', as on the stripe
	Number     string // DL/ID number, overflow appended; Florida's leading letter restored
	IIN        string // six digits, e.g. 636015 Texas (track 2)
	Expiry     Expiry // special AAMVA months (such as 77, non-expiring) are kept as stored: Valid is false
	BirthDate  string // YYYY-MM-DD
	PostalCode string // this and the fields below come from track 3
	Class      string
	Sex        string // "M" or "F" (the stripe has 1 or 2)
	Height     string // as stored, e.g. "505" = 5 ft 05 in
	Weight     string
	Hair       string
	Eyes       string
}

// aamvaRegions holds the US state, territory and Canadian province codes a
// licence's track 1 starts with.
const aamvaRegions = "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY " +
	"AS GU MP PR VI AB BC MB NB NL NS NT NU ON PE QC SK YT"

func isRegion(s string) bool {
	for i := 0; i+2 <= len(aamvaRegions); i += 3 {
		if aamvaRegions[i:i+2] == s {
			return true
		}
	}
	return false
}

// isAAMVA applies MagTek's detection rule, widened by one case:
//   - track 2 starts with an AAMVA IIN, 636000–636062 or 604425;
//   - track 3 holds characters only a 7-bit (track 1 style) encoding can
//     carry, track 1 is not a format B bank track and another track was read
//     (track 3 alone is the hotel-key signature);
//   - track 1 starts with a state or province code, and the city or name
//     field after it holds a '$' (the name's separator).
func isAAMVA(t1, t2, t3 string) bool {
	if len(t2) >= 6 && allDigits(t2[:6]) && (t2[:6] >= "636000" && t2[:6] <= "636062" || t2[:6] == "604425") {
		return true
	}
	if t3 != "" && !(t1 != "" && t1[0] == 'B') && (t1 != "" || t2 != "") {
		for i := 0; i < len(t3); i++ {
			if !isNumericChar(t3[i]) && !strings.ContainsRune(":;<>", rune(t3[i])) {
				return true
			}
		}
	}
	// The name ends at most 2+13+1+35 bytes in; a city holds no '$'.
	return len(t1) >= 2 && isRegion(t1[:2]) && strings.IndexByte(t1[:min(len(t1), 51)], '$') >= 0
}

// ParseAAMVA parses the tracks of an AAMVA licence or ID card (data between
// the sentinels; "" for a track not read). It returns a *FormatError, with
// everything it could read, for the first track that breaks the layout:
//
//	track 1: STATE(2) CITY(≤13, ^ when shorter) NAME(≤35) ^ ADDRESS ^
//	track 2: IIN(6) NUMBER(≤13) = YYMM CCYYMMDD OVERFLOW(≤5) [=]
//	track 3: version(2) POSTAL(11) CLASS(2) RESTRICTIONS(10) ENDORSEMENTS(4)
//	         SEX(1) HEIGHT(3) WEIGHT(3) HAIR(3) EYES(3) …
//
// A birth month of 99 means "the expiry month" (Florida). Track 3 layouts
// vary by jurisdiction (California's does not follow the one above); its
// fields are only taken when every one of them has the expected characters.
func ParseAAMVA(t1, t2, t3 string) (*Licence, error) {
	l, _, err := parseAAMVA(t1, t2, t3)
	if err == nil {
		return l, nil
	}
	return l, err
}

// parseAAMVA also returns the scanner of each track read, holding its fields.
func parseAAMVA(t1, t2, t3 string) (*Licence, [3]*scanner, *FormatError) {
	l := &Licence{}
	var sc [3]*scanner
	var first *FormatError
	for i, data := range [3]string{t1, t2, t3} {
		if data == "" {
			continue
		}
		s := &scanner{data: data, track: i + 1}
		switch i {
		case 0:
			s.aamva1(l)
		case 1:
			s.aamva2(l)
		case 2:
			s.aamva3(l)
		}
		sc[i] = s
		if first == nil {
			first = s.err
		}
	}
	if sc == [3]*scanner{} {
		first = &FormatError{Reason: "no data"}
	}
	return l, sc, first
}

// upTo returns the field of at most n bytes at s.pos, which ends at '^' or
// after n bytes, and consumes the '^'.
func (s *scanner) upTo(n int) (start, end int) {
	start, end = s.pos, min(s.next('^'), s.pos+n)
	s.pos = end
	s.skip('^')
	return start, end
}

func (s *scanner) aamva1(l *Licence) {
	if len(s.data) < 2 || !isRegion(s.data[:2]) {
		s.fail(0, "track 1 does not start with a US state or Canadian province code")
		return
	}
	l.State = s.data[:2]
	s.add("state", 0, 2, false)
	s.pos = 2
	for _, f := range [...]struct {
		name string
		max  int
		dst  *string
	}{{"city", 13, &l.City}, {"name", 35, &l.Name}, {"address", len(s.data), &l.Address}} {
		if s.done() {
			break
		}
		start, end := s.upTo(f.max)
		v := strings.TrimRight(s.data[start:end], " ")
		s.add(f.name, start, start+len(v), true)
		*f.dst = strings.TrimSpace(v)
	}
	l.Name = parseAAMVAName(l.Name).String()
}

// fieldText returns the text of the named field, "" when there is none.
func fieldText(data string, fields []Field, name string) string {
	for _, f := range fields {
		if f.Name == name {
			return data[f.Start:f.End]
		}
	}
	return ""
}

func (s *scanner) aamva2(l *Licence) {
	s.charset(isNumericChar, "character other than a digit or '=' in track 2")
	end := s.next('=')
	if end < 6 || !allDigits(s.data[:end]) {
		s.fail(0, "track 2 does not start with a 6-digit IIN and a number")
		return
	}
	l.IIN = s.data[:6]
	s.add("iin", 0, 6, false)
	number, overflow := s.data[6:end], ""
	s.add("licence_number", 6, end, true)
	if len(number) > 13 {
		s.fail(6, "licence number is longer than 13 digits")
	}
	s.pos = end
	if s.skip('=') && !s.done() {
		if v, ok := s.fixed("expiry", "expiry date", 4, '=', false); ok {
			l.Expiry = parseExpiry(v)
		}
		if start := s.pos; !s.done() {
			if v, ok := s.fixed("birth_date", "birth date", 8, '=', true); ok {
				if l.BirthDate = birthDate(v, l.Expiry); l.BirthDate == "" {
					s.fail(start, "birth date is not a valid date")
				}
			}
		}
		start := s.pos
		end := min(s.next('='), start+5)
		s.add("licence_overflow", start, end, true)
		if overflow = s.data[start:end]; !allDigits(overflow) {
			s.fail(start, "licence number overflow holds a character other than a digit")
			overflow = ""
		}
	}
	// Florida writes the leading letter of its numbers as two digits (04 = D).
	if (l.IIN == "636010" || l.State == "FL") && len(number) >= 2 && number[:2] >= "01" && number[:2] <= "26" {
		number = string(rune('A'-1+int(number[0]-'0')*10+int(number[1]-'0'))) + number[2:]
	}
	l.Number = number + overflow
}

// birthDate turns CCYYMMDD into YYYY-MM-DD, taking month 99 as the expiry
// month; it returns "" for a date that does not exist.
func birthDate(v string, exp Expiry) string {
	if v[4:6] == "99" && exp.Valid() {
		v = v[:4] + exp.Raw[2:] + v[6:]
	}
	y := int(v[0]-'0')*1000 + int(v[1]-'0')*100 + int(v[2]-'0')*10 + int(v[3]-'0')
	m := int(v[4]-'0')*10 + int(v[5]-'0')
	d := int(v[6]-'0')*10 + int(v[7]-'0')
	if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return ""
	}
	return v[:4] + "-" + v[4:6] + "-" + v[6:]
}

// aamvaTrack3 is the layout of AAMVA track 3 after the two version
// characters; chars lists what a field may hold besides spaces.
var aamvaTrack3 = [...]struct {
	name  string
	size  int
	chars string
}{
	{"postal_code", 11, alnum}, {"class", 2, alnum}, {"restrictions", 10, alnum}, {"endorsements", 4, alnum},
	{"sex", 1, "12MF"}, {"height", 3, digits}, {"weight", 3, digits}, {"hair", 3, letters}, {"eyes", 3, letters},
}

const (
	digits  = "0123456789"
	letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	alnum   = digits + letters
)

func (s *scanner) aamva3(l *Licence) {
	var vals [len(aamvaTrack3)]string
	pos := 2
	for i, f := range aamvaTrack3 {
		end := min(pos+f.size, len(s.data))
		if pos >= end {
			break
		}
		v := s.data[pos:end]
		for j := 0; j < len(v); j++ {
			if v[j] != ' ' && strings.IndexByte(f.chars, v[j]) < 0 {
				s.fields = nil
				s.fail(pos+j, "track 3 does not follow the AAMVA layout")
				s.raw(0)
				return
			}
		}
		if vals[i] = strings.TrimSpace(v); vals[i] != "" {
			s.add(f.name, pos, end, f.name != "class")
		}
		pos = end
	}
	l.PostalCode, l.Class = vals[0], vals[1]
	switch vals[4] {
	case "1", "M":
		l.Sex = "M"
	case "2", "F":
		l.Sex = "F"
	}
	l.Height, l.Weight, l.Hair, l.Eyes = vals[5], vals[6], vals[7], vals[8]
	s.raw(pos)
}

// raw marks the data from pos on as a field this package does not interpret.
func (s *scanner) raw(pos int) {
	if pos < len(s.data) {
		s.add("raw", pos, len(s.data), true)
	}
}
