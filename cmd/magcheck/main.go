// Command magcheck serves the magcheck page, writes it as a static site, and
// decodes magnetic-stripe captures on the command line.
//
//	magcheck serve [-addr host:port]     serve the page (default localhost:8000)
//	magcheck static DIR                  write the site as static files
//	magcheck decode [flags] [FILE|-]     decode a capture; see magcheck decode -h
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "static":
		return runStatic(args[1:], stdout, stderr)
	case "decode":
		return runDecode(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "magcheck: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  magcheck serve [-addr host:port]   serve the page (default localhost:8000)
  magcheck static DIR                write the site as static files into DIR
  magcheck decode [flags] [FILE|-]   decode a capture (magcheck decode -h for flags)
`)
}
