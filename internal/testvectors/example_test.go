package testvectors_test

import (
	"fmt"

	"magcheck/internal/testvectors"
)

func ExampleLookup() {
	v, ok := testvectors.Lookup("jq-amex")
	if !ok {
		fmt.Println("no such vector")
		return
	}
	fmt.Println(v.Kind)
	fmt.Println(v.Input)
	// Output:
	// financial-track1
	// %B378282246310005^DOE/JANE^1805101000000000000000503000000?
}

func ExampleParse() {
	vs, err := testvectors.Parse([]byte(`[{"id": "t2", "input": ";4111111111111111=30121010000000000000?", "kind": "financial-track2"}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(vs), vs[0].ID, vs[0].Kind)

	_, err = testvectors.Parse([]byte(`[{"id": "a"}, {"id": "a"}]`))
	fmt.Println(err)
	// Output:
	// 1 t2 financial-track2
	// testvectors: vector 1: duplicate id "a"
}
