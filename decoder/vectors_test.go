package decoder

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"magcheck/internal/testvectors"
)

// testNow is the clock of every table test: expiry checks must not depend
// on the day the tests run.
var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// decodeVector decodes a vector the way its kind says it arrives.
func decodeVector(v testvectors.Vector) (*Report, error) {
	if v.Kind == testvectors.KindRawBitstream {
		return DecodeBits(v.Input, Options{Now: testNow})
	}
	return DecodeText(v.Input, Options{Now: testNow})
}

// summary is a report reduced to what the vector tables assert.
func summary(r *Report) (tracks, card, layout, fault string, codes []string) {
	var st []string
	for _, t := range r.Tracks {
		st = append(st, string(t.Status))
	}
	if c := r.Card; c != nil {
		card = strings.Join([]string{string(c.Kind), string(c.Brand), last4(c.PAN), c.Expiry.String(), string(c.ServiceCode)}, " ")
	}
	for _, f := range r.Findings {
		s := string(f.Code)
		if f.Detail != "" {
			s += "/" + f.Detail
		}
		codes = append(codes, s+"@"+strconv.Itoa(f.Track))
	}
	return strings.Join(st, " "), card, string(r.Layout), string(r.Fault), codes
}

// TestVectors decodes every vector of internal/testvectors and checks the
// outcome its expect text describes: track statuses, card kind, brand, PAN
// end, expiry, service code, the keyboard layout, the fault and the exact
// findings (code/detail@track, in report order).
func TestVectors(t *testing.T) {
	want := map[string]struct {
		tracks, card, layout, fault string
		codes                       []string
	}{}
	for _, w := range vectorTable {
		want[w.id] = struct {
			tracks, card, layout, fault string
			codes                       []string
		}{w.tracks, w.card, w.layout, w.fault, w.codes}
	}
	vs := testvectors.All()
	if len(vs) != len(vectorTable) {
		t.Errorf("%d test vectors, %d in the table", len(vs), len(vectorTable))
	}
	for _, w := range vectorTable {
		if _, ok := testvectors.Lookup(w.id); !ok {
			t.Errorf("the table names vector %s, which internal/testvectors does not hold", w.id)
		}
	}
	for _, v := range vs {
		t.Run(v.ID, func(t *testing.T) {
			w, ok := want[v.ID]
			if !ok {
				t.Fatalf("vector %s has no expectation", v.ID)
			}
			r, err := decodeVector(v)
			if err != nil {
				t.Fatal(err)
			}
			tracks, card, layout, fault, codes := summary(r)
			if tracks != w.tracks || card != w.card || layout != w.layout || fault != w.fault ||
				strings.Join(codes, " ") != strings.Join(w.codes, " ") {
				t.Errorf("got  %q %q %q %q %q\nwant %q %q %q %q %q", tracks, card, layout, fault, codes,
					w.tracks, w.card, w.layout, w.fault, w.codes)
			}
		})
	}
}

var vectorTable = []struct {
	id, tracks, card, layout, fault string
	codes                           []string
}{
	{"jq-readme-private-id", "ok absent absent", "private discover …0000 2000-00 000", "us", "card", []string{"non_payment_card/private@1"}},
	{"jq-generic-short", "ok absent absent", "private discover …4321  ", "us", "card", []string{"non_payment_card/private@1"}},
	{"jq-track2-only-student-id", "absent ok absent", "private unknown …9910  ", "us", "none", []string{"closed_loop_card@2"}},
	{"jq-generic-homer-lf", "ok ok absent", "private rupay …0000 2000-00 000", "us", "card", []string{"non_payment_card/private@2"}},
	{"jq-visa-t1", "ok absent absent", "payment visa …1111 2018-05 101", "us", "card", []string{"expired@1", "issuer_check_required@0", "track_absent@2"}},
	{"jq-visa-honorific-pan-mismatch", "ok ok absent", "payment visa …2349 2018-11 201", "us", "card", []string{"track_mismatch@0", "expired@2", "track_too_long@1", "service_code_chip@2", "issuer_check_required@0"}},
	{"jq-mastercard-honorific", "ok absent absent", "payment mastercard …4444 2018-05 101", "us", "card", []string{"expired@1", "issuer_check_required@0", "track_absent@2"}},
	{"jq-discover", "ok absent absent", "payment discover …1117 2018-05 101", "us", "card", []string{"expired@1", "issuer_check_required@0", "track_absent@2"}},
	{"jq-amex", "ok absent absent", "payment amex …0005 2018-05 101", "us", "card", []string{"expired@1", "issuer_check_required@0", "track_absent@2"}},
	{"jq-failure-fragment", "malformed absent absent", "", "us", "reader", []string{"missing_end_sentinel@1"}},
	{"jq-issue25-turkish-layout", "ok malformed absent", "unknown unknown   ", "tr", "setup", []string{"keyboard_layout_mismatch@0", "invalid_character@2", "non_payment_card/private@1", "track_too_long@2"}},
	{"jq-issue25-turkish-capslock", "malformed malformed absent", "", "tr", "setup", []string{"keyboard_layout_mismatch@0", "caps_lock@1", "invalid_character@1", "invalid_character@2", "track_too_long@1"}},
	{"jq-issue30-digit-format-code", "ok malformed absent", "private uatp …4567  ", "us", "reader", []string{"missing_end_sentinel@2", "non_payment_card/private@1"}},
	{"jq-issue30-placeholder", "ok absent absent", "private unionpay …7873  ", "us", "card", []string{"non_payment_card/private@1"}},
	{"jq-issue27-custom-badge", "ok absent absent", "private unknown …1234  ", "us", "none", []string{"closed_loop_card@1"}},
	{"scriptel-prefix-composed", "ok absent absent", "payment visa …1111 2018-05 101", "us", "card", []string{"expired@1", "extra_characters@0", "issuer_check_required@0", "track_absent@2"}},
	{"msjs-credit-chip", "ok ok absent", "unknown uatp …5678 2023-11 201", "us", "card", []string{"pan_luhn_failed@2", "pan_length_invalid@2", "expired@2", "service_code_chip@2"}},
	{"msjs-credit-expired", "ok ok absent", "unknown uatp …5678 2018-11 201", "us", "card", []string{"pan_luhn_failed@2", "pan_length_invalid@2", "expired@2", "service_code_chip@2"}},
	{"msjs-aamva-ca", "ok ok ok", "aamva unknown  2021-12 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"msjs-aamva-ca-expired", "ok ok ok", "aamva unknown  2018-12 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"msjs-error-both-tracks", "error error absent", "", "us", "card", []string{"track_read_error/all@0"}},
	{"msjs-truncated-card", "malformed absent absent", "", "us", "reader", []string{"missing_end_sentinel@1"}},
	{"msjs-truncated-aamva", "malformed absent absent", "", "us", "reader", []string{"missing_end_sentinel@1"}},
	{"msjs-garbage", "absent absent absent", "", "us", "input", []string{"not_a_swipe@0"}},
	{"msjs-empty", "absent absent absent", "", "us", "reader", []string{"no_data@0"}},
	{"magtek-v5-ex4-three-tracks", "ok ok ok", "unknown mastercard …7189 2008-04 321", "us", "card", []string{"pan_luhn_failed@2", "expired@2", "service_code_invalid@2", "service_code_online_only@2"}},
	{"magtek-v5-ex5-masked-t2", "absent ok absent", "payment mastercard …7189 2008-04 ", "us", "card", []string{"expired@2", "issuer_check_required@0", "track_absent@1", "masked_data@2"}},
	{"magtek-t1-error-t2-ok-composed", "error ok absent", "unknown mastercard …7189 2008-04 321", "us", "card", []string{"track_read_error@1", "pan_luhn_failed@2", "expired@2", "service_code_invalid@2", "service_code_online_only@2"}},
	{"elo-t2-error", "absent error absent", "", "us", "card", []string{"track_read_error/all@0"}},
	{"sim-t2-t3-error", "absent error error", "", "us", "card", []string{"track_read_error/all@0"}},
	{"sim-partial-composed", "ok error absent", "private unknown …2345  ", "us", "card", []string{"track_read_error@2", "closed_loop_card@1"}},
	{"sim-complete-composed", "ok ok absent", "private rupay …0423 2049-12 120", "us", "card", []string{"non_payment_card/private@2"}},
	{"pyaamva-tx", "ok ok ok", "aamva unknown  2015-08 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"aamvajs-tx-trailing-spaces", "ok ok ok", "aamva unknown  2015-08 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"aamvajs-fl-dob99", "ok ok ok", "aamva unknown  2021-01 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"pyaamva-fl", "ok ok ok", "aamva unknown  2021-01 ", "us", "card", []string{"aamva_licence@0", "expired@2"}},
	{"pyaamva-fl2-no-t3-es", "ok ok malformed", "aamva unknown  2021-01 ", "us", "reader", []string{"missing_end_sentinel@3", "aamva_licence@0", "track_too_long@1", "expired@2"}},
	{"chromis-t1-without-date", "ok ok absent", "unknown uatp …4444 2099-12 101", "us", "card", []string{"pan_length_invalid@2"}},
	{"acmetech-lowercase-name", "malformed ok absent", "unknown uatp …1234 2003-05 101", "us", "card", []string{"invalid_character@1", "pan_luhn_failed@2", "pan_length_invalid@2", "expired@2"}},
	{"acmetech-track2-no-ss", "absent ok absent", "unknown uatp …1234 2003-05 101", "us", "card", []string{"pan_luhn_failed@2", "pan_length_invalid@2", "expired@2", "missing_start_sentinel@2", "track_absent@1"}},
	{"dukptnet-nul-padding", "ok absent absent", "unknown mastercard …7189 2008-04 321", "us", "card", []string{"pan_luhn_failed@1", "expired@1", "service_code_invalid@1", "service_code_online_only@1", "track_absent@2"}},
	{"testcard-maestro-19digit", "absent ok absent", "payment maestro …1114 2018-08 101", "us", "card", []string{"expired@2", "missing_start_sentinel@2", "issuer_check_required@0", "track_absent@1"}},
	{"testcard-visa", "absent ok absent", "payment visa …0010 2018-08 101", "us", "card", []string{"expired@2", "missing_start_sentinel@2", "issuer_check_required@0", "track_absent@1"}},
	{"rs-raw-track2-inverted", "absent ok absent", "private unknown …8712  ", "us", "none", []string{"closed_loop_card@2"}},
	{"rs-raw-all-zeros", "absent absent absent", "", "us", "reader", []string{"no_data@0"}},
}
