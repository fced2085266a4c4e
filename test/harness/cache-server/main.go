// Command ci-kit-cache-server runs the real GitHub-Actions-v1 cache server
// (nektos/act's artifactcache, which the Forgejo runner's cache server is
// forked from) on loopback, so tests exercise @actions/cache against the
// same `_apis/artifactcache/...` API that a Forgejo job talks to.
//
// It prints one JSON line on stdout when ready: {"url":"http://127.0.0.1:PORT/TOKEN/","port":PORT}.
// The url is the value for ACTIONS_CACHE_URL (@actions/cache appends
// "_apis/artifactcache/..." to it without adding a slash, hence the trailing one).
//
// Requests go through a small front proxy that this program owns. Why:
//   - it lets tests inject failures (--fail-status, or POST /_ci-kit/fail?status=N
//     at run time) to check that cache trouble is a warning, never a failure;
//   - it mirrors production, where the Forgejo runner's proxy sits in front of
//     the cache server and archive URLs point at the proxy (customExternalURL).
//
// Both listeners are bound to 127.0.0.1: StartHandler listens on
// "<outboundIP>:<port>", and we pass outboundIP=127.0.0.1 (and port 0).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nektos/act/pkg/artifactcache"
	"github.com/sirupsen/logrus"
)

const loopback = "127.0.0.1"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ci-kit-cache-server:", err)
		os.Exit(1)
	}
}

func run() error {
	port := flag.Int("port", 0, "port on 127.0.0.1 to serve on (0 = pick a free one)")
	dir := flag.String("dir", "", "directory for the cache database and archives (required)")
	failStatus := flag.Int("fail-status", 0, "answer every cache request with this HTTP status (0 = serve normally)")
	exitOnEOF := flag.Bool("exit-on-stdin-eof", false, "exit when stdin closes (so the server dies with the test process that spawned it)")
	verbose := flag.Bool("verbose", false, "log every request to stderr")
	flag.Parse()
	if *dir == "" {
		// The handler would otherwise default to ~/.cache/actcache: never share state by accident.
		return errors.New("--dir is required")
	}

	// Catch signals before anything else, so a SIGTERM sent right after the
	// ready line (or even before it) still means a clean exit with status 0.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger := logrus.New()
	logger.Out = os.Stderr
	if *verbose {
		logger.SetLevel(logrus.DebugLevel)
	}

	// Front listener first: its port goes into the handler's external URL,
	// which the handler uses to build archiveLocation in cache hits.
	front, err := net.Listen("tcp", net.JoinHostPort(loopback, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	frontURL := fmt.Sprintf("http://%s", front.Addr().String())

	h, err := artifactcache.StartHandler(*dir, frontURL, loopback, 0, logger)
	if err != nil {
		return fmt.Errorf("start cache handler: %w", err)
	}
	defer h.Close()

	backend := &url.URL{Scheme: "http", Host: net.JoinHostPort(loopback, strconv.Itoa(h.GetActualPort()))}
	proxy := httputil.NewSingleHostReverseProxy(backend)

	var fail atomic.Int64
	fail.Store(int64(*failStatus))
	mux := http.NewServeMux()
	// Test control: switch failure injection on (status=5xx/4xx) or off (status=0) at run time.
	mux.HandleFunc("POST /_ci-kit/fail", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("status"))
		if err != nil || (n != 0 && (n < 400 || n > 599)) {
			http.Error(w, "status must be 0 or 400-599", http.StatusBadRequest)
			return
		}
		fail.Store(int64(n))
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if n := fail.Load(); n != 0 {
			logger.Debugf("injected %d for %s %s", n, r.Method, r.URL.Path)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(int(n))
			_, _ = io.WriteString(w, `{"error":"injected by ci-kit-cache-server --fail-status"}`)
			return
		}
		proxy.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(front) }()

	ready, _ := json.Marshal(map[string]any{
		"url":  h.ExternalURL() + "/",
		"port": front.Addr().(*net.TCPAddr).Port,
	})
	if _, err := fmt.Println(string(ready)); err != nil {
		return err
	}

	if *exitOnEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
