package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"magcheck/server"
)

// runServe serves the page built into web/ (relative to the working
// directory, the repository root) until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("magcheck serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "localhost:8000", "listen on `host:port`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: magcheck serve [-addr host:port]")
		return 2
	}

	// Catch Ctrl-C and kill before anything else, so that both always stop
	// the server cleanly with status 0.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	site, err := loadSite()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "magcheck:", err)
		return 1
	}
	fmt.Fprintf(stdout, "magcheck: serving %s (version %s)\n", pageURL(*addr, ln.Addr()), site.Version)

	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "magcheck:", err)
		return 1
	}
	return 0
}

// loadSite reads the page from web/ in the working directory, where make
// builds it.
func loadSite() (*server.Site, error) {
	if _, err := os.Stat("web"); err != nil {
		return nil, fmt.Errorf("magcheck: %w: run magcheck from the repository root after make build", err)
	}
	return server.New(os.DirFS("web"))
}

// pageURL is the address to open: the host as given (localhost stays
// localhost, a secure context either way) and the port actually bound.
func pageURL(addr string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(bound.String())
	return "http://" + net.JoinHostPort(host, port) + "/"
}
