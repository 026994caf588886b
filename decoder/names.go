package decoder

import (
	"magcheck/decoder/card"
	"magcheck/decoder/keyboard"
	"magcheck/message"
	"magcheck/webhid"
)

// named pairs a value a report holds with the message that names it. The
// tables are slices, not maps: data in the page's WebAssembly, not code.
type named[V ~string] struct {
	v V
	k message.Key
}

// nameOf is v's name in l, or v itself for a value the table does not
// know (a new status still shows).
func nameOf[V ~string](table []named[V], v V, l message.Lang) string {
	for _, e := range table {
		if e.v == v {
			return l.Text(e.k)
		}
	}
	return string(v)
}

// keyOf is v's message, as an argument that renders in any language: a Key
// when the table knows v, else v itself.
func keyOf[V ~string](table []named[V], v V) any {
	for _, e := range table {
		if e.v == v {
			return e.k
		}
	}
	return string(v)
}

// keyIn is v's message in table, or fallback for a value it does not know.
func keyIn[V ~string](table []named[V], v V, fallback message.Key) message.Key {
	for _, e := range table {
		if e.v == v {
			return e.k
		}
	}
	return fallback
}

var statusNames = []named[TrackStatus]{
	{StatusOK, message.StatusOK}, {StatusError, message.StatusError},
	{StatusAbsent, message.StatusAbsent}, {StatusMalformed, message.StatusMalformed},
	{StatusNonISO, message.StatusNonISO},
}

var severityNames = []named[Severity]{
	{SeverityFail, message.SeverityFail}, {SeverityWarn, message.SeverityWarn}, {SeverityInfo, message.SeverityInfo},
}

var inputNames = []named[Input]{
	{InputWedge, message.InputWedge}, {InputKeys, message.InputKeys}, {InputBits, message.InputBits},
	{InputHID, message.InputHID}, {InputAudio, message.InputAudio},
	{InputSerial, message.InputSerial},
}

var layoutNames = []named[keyboard.Layout]{
	{keyboard.US, message.LayoutUS}, {keyboard.FR, message.LayoutFR}, {keyboard.DE, message.LayoutDE},
	{keyboard.Dvorak, message.LayoutDvorak}, {keyboard.TR, message.LayoutTR}, {keyboard.USIntl, message.LayoutUSIntl},
}

var kindNames = []named[card.Kind]{
	{card.KindPayment, message.KindPayment}, {card.KindAAMVA, message.KindAAMVA}, {card.KindGift, message.KindGift},
	{card.KindPrivate, message.KindPrivate}, {card.KindTest, message.KindTest}, {card.KindUnknown, message.KindUnknown},
}

var brandNames = []named[card.Brand]{
	{card.BrandVisa, message.BrandVisa}, {card.BrandMastercard, message.BrandMastercard},
	{card.BrandAmex, message.BrandAmex}, {card.BrandDiscover, message.BrandDiscover},
	{card.BrandJCB, message.BrandJCB}, {card.BrandDiners, message.BrandDiners},
	{card.BrandUnionPay, message.BrandUnionPay}, {card.BrandMaestro, message.BrandMaestro},
	{card.BrandMir, message.BrandMir}, {card.BrandRuPay, message.BrandRuPay},
	{card.BrandTroy, message.BrandTroy}, {card.BrandElo, message.BrandElo},
	{card.BrandHipercard, message.BrandHipercard}, {card.BrandDankort, message.BrandDankort},
	{card.BrandUATP, message.BrandUATP}, {card.BrandVerve, message.BrandVerve},
	{card.BrandUnknown, message.BrandUnknown},
}

// fieldNames name the fields card.Field and Card.Mismatch locate.
var fieldNames = []named[string]{
	{"format_code", message.FieldFormatCode}, {"pan", message.FieldPAN}, {"name", message.FieldName},
	{"country_code", message.FieldCountryCode}, {"expiry", message.FieldExpiry},
	{"service_code", message.FieldServiceCode}, {"discretionary", message.FieldDiscretionary},
	{"raw", message.FieldRaw}, {"state", message.FieldState}, {"city", message.FieldCity},
	{"address", message.FieldAddress}, {"iin", message.FieldIIN},
	{"licence_number", message.FieldLicenceNumber}, {"licence_overflow", message.FieldLicenceOverflow},
	{"birth_date", message.FieldBirthDate}, {"postal_code", message.FieldPostalCode},
	{"class", message.FieldClass}, {"restrictions", message.FieldRestrictions},
	{"endorsements", message.FieldEndorsements}, {"sex", message.FieldSex},
	{"height", message.FieldHeight}, {"weight", message.FieldWeight},
	{"hair", message.FieldHair}, {"eyes", message.FieldEyes},
}

// magnePrintNames word the problems a MagneSafe reader flags.
var magnePrintNames = []named[string]{
	{webhid.MagnePrintNoisy, message.EvidenceNoisy}, {webhid.MagnePrintSlow, message.EvidenceSlow},
	{webhid.MagnePrintFast, message.EvidenceFast}, {webhid.MagnePrintReversed, message.EvidenceBackwards},
}

// serviceCodeDigits word each digit value of a service code; a value not
// listed is unassigned.
var serviceCodeDigits = [3][]named[string]{
	{{"1", message.ServiceCode1xx}, {"2", message.ServiceCode2xx}, {"5", message.ServiceCode5xx},
		{"6", message.ServiceCode6xx}, {"7", message.ServiceCode7xx}, {"9", message.ServiceCode9xx}},
	{{"0", message.ServiceCodeX0x}, {"2", message.ServiceCodeX2x}, {"4", message.ServiceCodeX4x}},
	{{"0", message.ServiceCodeXx0}, {"1", message.ServiceCodeXx1}, {"2", message.ServiceCodeXx2},
		{"3", message.ServiceCodeXx3}, {"4", message.ServiceCodeXx4}, {"5", message.ServiceCodeXx5},
		{"6", message.ServiceCodeXx6}, {"7", message.ServiceCodeXx7}},
}

var serviceCodeUnassigned = [3]message.Key{
	message.ServiceCodeFirstRFU, message.ServiceCodeSecondRFU, message.ServiceCodeThirdRFU,
}

// serviceCodeText puts a service code's three digits into one sentence in
// l; "" when the code is not valid.
func serviceCodeText(s card.ServiceCode, l message.Lang) string {
	if !s.Valid() {
		return ""
	}
	var parts [3]any
	for i := range parts {
		parts[i] = keyIn(serviceCodeDigits[i], string(s[i]), serviceCodeUnassigned[i])
	}
	return l.Format(message.ServiceCodeSentence, parts[:]...)
}
