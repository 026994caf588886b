package main

import (
	"fmt"
	"io"
)

// runStatic writes the site, read from web/ in the working directory, into
// the directory its one argument names.
func runStatic(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintln(stderr, "usage: magcheck static DIR")
		return 2
	}
	site, err := loadSite()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "magcheck: writing the site into %s (compressing app.wasm at the best levels takes a while)\n", args[0])
	if err := site.WriteStatic(args[0]); err != nil {
		fmt.Fprintln(stderr, "magcheck:", err)
		return 1
	}
	fmt.Fprintf(stdout, "magcheck: wrote version %s into %s\n", site.Version, args[0])
	return 0
}
