package card

import (
	"strings"
	"time"
)

// Expiry is a card expiry date as stored on the stripe (YYMM). The zero
// value means the track had no expiry.
type Expiry struct {
	Year  int    // four digits: 2000 + YY (a stripe has no century; cards from the 1900s are long expired)
	Month int    // as stored, 0–99; only 1–12 is valid
	Raw   string // "YYMM" as on the stripe
}

// parseExpiry reads four digits; the caller has checked them.
func parseExpiry(yymm string) Expiry {
	return Expiry{
		Year:  2000 + int(yymm[0]-'0')*10 + int(yymm[1]-'0'),
		Month: int(yymm[2]-'0')*10 + int(yymm[3]-'0'),
		Raw:   yymm,
	}
}

// Valid reports whether the expiry is present with a month from 1 to 12.
func (e Expiry) Valid() bool { return e.Raw != "" && e.Month >= 1 && e.Month <= 12 }

// Expired reports whether the card has expired at now. A card is valid
// through the last day of its expiry month, in now's location. An invalid or
// absent expiry is never expired: check Valid first.
func (e Expiry) Expired(now time.Time) bool {
	if !e.Valid() {
		return false
	}
	y, m, _ := now.Date()
	return y > e.Year || y == e.Year && int(m) > e.Month
}

// String returns "YYYY-MM" (also for an invalid month, e.g. "2000-00"), or ""
// when the expiry is absent.
func (e Expiry) String() string {
	if e.Raw == "" {
		return ""
	}
	b := []byte("0000-00")
	for i, y := 3, e.Year; i >= 0; i, y = i-1, y/10 {
		b[i] = byte('0' + y%10)
	}
	b[5], b[6] = byte('0'+e.Month/10%10), byte('0'+e.Month%10)
	return string(b)
}

// placeholder reports an expiry that stands for "none": absent, 4912 or 0000
// (gift cards, the Chinese national format), or a month outside 1–12.
func (e Expiry) placeholder() bool {
	return !e.Valid() || e.Raw == "4912"
}

// Dummy reports an expiry that a closed-loop card carries for none: a month
// no calendar has (0000, 9999, 0013 …), the first month the format can
// hold (0001), or December of 2049 or 2099 (4912, 9912). A payment card's
// expiry is a real date; a loyalty or gift card's often is one of these.
func (e Expiry) Dummy() bool {
	return e.Raw != "" && (!e.Valid() || e.Raw == "0001" || e.Raw == "4912" || e.Raw == "9912")
}

// impossible reports an expiry with a month no calendar has (00 or 13–99),
// other than 0000, which stands for none: a misread or a damaged record,
// not a placeholder.
func (e Expiry) impossible() bool { return e.Raw != "" && !e.Valid() && e.Raw != "0000" }

// ServiceCode is the three-digit service code of ISO/IEC 7813, "" when the
// track has none.
type ServiceCode string

// Valid reports whether the service code is three digits. Digit values that
// ISO/IEC 7813 does not assign are reported as RFU by the digit methods.
func (s ServiceCode) Valid() bool { return len(s) == 3 && allDigits(string(s)) }

// Chip reports whether the card has a chip that the terminal should use
// (first digit 2 or 6).
func (s ServiceCode) Chip() bool { return s.Valid() && (s[0] == '2' || s[0] == '6') }

// Interchange is what a service code's first digit says of where the
// card may be used.
type Interchange string

// The first digit's meanings; InterchangeNone for a code that is not valid.
const (
	InterchangeNone Interchange = ""
	International   Interchange = "international" // 1, 2
	National        Interchange = "national"      // 5, 6: the issuer's country only
	Private         Interchange = "private"       // 7: a private system only
	Test            Interchange = "test"          // 9
	InterchangeRFU  Interchange = "rfu"           // 0, 3, 4, 8: not assigned
)

// Interchange returns the meaning of the first digit.
func (s ServiceCode) Interchange() Interchange {
	if !s.Valid() {
		return InterchangeNone
	}
	switch s[0] {
	case '1', '2':
		return International
	case '5', '6':
		return National
	case '7':
		return Private
	case '9':
		return Test
	}
	return InterchangeRFU
}

// Authorization is what a service code's second digit says of how the
// issuer authorizes a transaction.
type Authorization string

// The second digit's meanings; AuthorizationNone for a code that is not
// valid.
const (
	AuthorizationNone  Authorization = ""
	Normal             Authorization = "normal"           // 0
	Online             Authorization = "online"           // 2: by the issuer, online
	OnlineUnlessAgreed Authorization = "online_bilateral" // 4: online unless agreed otherwise
	AuthorizationRFU   Authorization = "rfu"              // the other digits: not assigned
)

// Authorization returns the meaning of the second digit.
func (s ServiceCode) Authorization() Authorization {
	if !s.Valid() {
		return AuthorizationNone
	}
	switch s[1] {
	case '0':
		return Normal
	case '2':
		return Online
	case '4':
		return OnlineUnlessAgreed
	}
	return AuthorizationRFU
}

// Services is what a service code's third digit says of the services the
// card allows, and whether a PIN is required.
type Services string

// The third digit's meanings, 0–7, and 8 and 9 not assigned;
// ServicesNone for a code that is not valid.
const (
	ServicesNone               Services = ""
	AnyPIN                     Services = "any_pin"
	Any                        Services = "any"
	GoodsServices              Services = "goods_services"
	ATMPIN                     Services = "atm_pin"
	Cash                       Services = "cash"
	GoodsServicesPIN           Services = "goods_services_pin"
	AnyPINIfFeasible           Services = "any_pin_if_feasible"
	GoodsServicesPINIfFeasible Services = "goods_services_pin_if_feasible"
	ServicesRFU                Services = "rfu"
)

// services holds the third digit's values, 0–7.
var services = [...]Services{AnyPIN, Any, GoodsServices, ATMPIN, Cash, GoodsServicesPIN, AnyPINIfFeasible, GoodsServicesPINIfFeasible}

// Services returns the meaning of the third digit.
func (s ServiceCode) Services() Services {
	if !s.Valid() {
		return ServicesNone
	}
	if d := s[2] - '0'; int(d) < len(services) {
		return services[d]
	}
	return ServicesRFU
}

// Assigned reports whether the service code is valid and ISO/IEC 7813
// gives each of its digits a meaning.
func (s ServiceCode) Assigned() bool {
	return s.Valid() && s.Interchange() != InterchangeRFU && s.Authorization() != AuthorizationRFU && s.Services() != ServicesRFU
}

// GoodsOnly reports whether the third digit limits the card to goods and
// services (no cash), with or without a PIN.
func (s ServiceCode) GoodsOnly() bool {
	switch s.Services() {
	case GoodsServices, GoodsServicesPIN, GoodsServicesPINIfFeasible:
		return true
	}
	return false
}

// Name is a cardholder name. On ISO track 1 it reads SURNAME/FIRST M.TITLE;
// on an AAMVA licence SURNAME$FIRST$MIDDLE.
type Name struct {
	Surname string
	First   string // first name with any middle names or initials
	Title   string
	Raw     string // the field as on the stripe, padding included
}

// parseISOName splits an ISO/IEC 7813 name field. Without a '/' the field is
// not in ISO form (custom badges): only Raw is set.
func parseISOName(raw string) Name {
	n := Name{Raw: raw}
	surname, rest, ok := strings.Cut(raw, "/")
	if !ok {
		return n
	}
	if i := strings.LastIndexByte(rest, '.'); i >= 0 {
		rest, n.Title = rest[:i], strings.TrimSpace(rest[i+1:])
	}
	n.Surname, n.First = strings.TrimSpace(surname), strings.TrimSpace(rest)
	return n
}

// parseAAMVAName splits SURNAME$FIRST$MIDDLE.
func parseAAMVAName(raw string) Name {
	n := Name{Raw: raw}
	parts := strings.Split(raw, "$")
	n.Surname = strings.TrimSpace(parts[0])
	n.First = strings.TrimSpace(strings.Join(parts[1:], " "))
	return n
}

// String returns the name for display, "TITLE FIRST SURNAME" with empty
// parts left out, or the trimmed raw field when it has no parts.
func (n Name) String() string {
	if n.Surname == "" && n.First == "" {
		return strings.Join(strings.Fields(n.Raw), " ")
	}
	s := ""
	for _, p := range [...]string{n.Title, n.First, n.Surname} {
		if p != "" && s != "" {
			s += " "
		}
		s += p
	}
	return s
}
