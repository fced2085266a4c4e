// cache-stack: the cache path of a Forgejo job without the job. A Forgejo job never talks to the cache
// server: it talks to its runner's per-job proxy (act/cacheproxy), which signs every request with the
// run's repository, run number, timestamp and write-isolation key (HMAC with the server's secret), and
// the server (act/artifactcache, as `forgejo-runner cache-server` runs it) refuses anything unsigned.
// This command starts both, the real code, plus a front on 127.0.0.1 that tests can make fail.
//
// Ready line on stdout, one JSON object:
//
//	{"url": "<front>/<run id>/", "port": N, "server": "<cache server URL>", "secret": "..."}
//
// `url` is the ACTIONS_CACHE_URL of one registered run (--repo, --run-number, --isolation-key). More
// runs (another repository, a pull request's isolation key) come from POST /_ci-kit/run?repo=..&
// run-number=..&isolation-key=.. on the front, which answers {"url": ...}.
// POST /_ci-kit/fail?status=N makes the front answer every cache request with N (0: serve again).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
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

	"code.forgejo.org/forgejo/runner/v12/act/artifactcache"
	"code.forgejo.org/forgejo/runner/v12/act/cacheproxy"
	"github.com/sirupsen/logrus"
)

const loopback = "127.0.0.1"

func cacheStackCommand(args []string) error {
	fs := flag.NewFlagSet("cache-stack", flag.ExitOnError)
	dir := fs.String("dir", "", "directory for the cache database and archives (required)")
	port := fs.Int("port", 0, "port of the front on 127.0.0.1 (0 = pick a free one)")
	secret := fs.String("secret", "", "the cache server's secret (default: random)")
	repo := fs.String("repo", "ops/project", "repository of the first registered run")
	runNumber := fs.String("run-number", "1", "run number of the first registered run")
	isolationKey := fs.String("isolation-key", "", "write-isolation key of the first run (refs/pull/N/head for a pull request)")
	failStatus := fs.Int("fail-status", 0, "answer every cache request with this HTTP status (0 = serve normally)")
	exitOnEOF := fs.Bool("exit-on-stdin-eof", false, "exit when stdin closes (dies with the test process)")
	verbose := fs.Bool("verbose", false, "log every request to stderr")
	_ = fs.Parse(args)
	if *dir == "" {
		return errors.New("cache-stack: --dir is required")
	}
	if *secret == "" {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		*secret = hex.EncodeToString(b)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	logger := logrus.New()
	logger.Out = os.Stderr
	if *verbose {
		logger.SetLevel(logrus.DebugLevel)
	}

	// The front's address goes into the proxy's external URL (the archive locations of cache hits),
	// so downloads come through the front too, as they come through the runner's proxy in a job.
	front, err := net.Listen("tcp", net.JoinHostPort(loopback, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	frontURL := "http://" + front.Addr().String()

	server, err := artifactcache.StartHandler(*dir, loopback, 0, *secret, logger)
	if err != nil {
		return fmt.Errorf("start cache server: %w", err)
	}
	defer server.Close()
	// The proxy's own port is chosen here: with its external URL overridden (the front), the proxy
	// offers no way to read the port back.
	pPort, err := freePort()
	if err != nil {
		return err
	}
	proxy, err := cacheproxy.StartHandler(server.ExternalURL(), loopback, pPort, frontURL, *secret, logger)
	if err != nil {
		return fmt.Errorf("start cache proxy: %w", err)
	}
	defer proxy.Close()

	register := func(repo, runNumber, isolationKey string) (string, error) {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		id, err := proxy.AddRun(proxy.CreateRunData(repo, runNumber, ts, isolationKey))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s/%s/", frontURL, id), nil
	}
	first, err := register(*repo, *runNumber, *isolationKey)
	if err != nil {
		return err
	}

	// The proxy listens on a port of its own; the front forwards to it on loopback.
	proxyURL, err := url.Parse(fmt.Sprintf("http://%s:%d", loopback, pPort))
	if err != nil {
		return err
	}
	forward := httputil.NewSingleHostReverseProxy(proxyURL)
	var fail atomic.Int64
	fail.Store(int64(*failStatus))
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_ci-kit/fail", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("status"))
		if err != nil || (n != 0 && (n < 400 || n > 599)) {
			http.Error(w, "status must be 0 or 400-599", http.StatusBadRequest)
			return
		}
		fail.Store(int64(n))
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_ci-kit/run", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		runURL, err := register(q.Get("repo"), q.Get("run-number"), q.Get("isolation-key"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"url": runURL})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if n := fail.Load(); n != 0 {
			logger.Debugf("injected %d for %s %s", n, r.Method, r.URL.Path)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(int(n))
			_, _ = io.WriteString(w, `{"error":"injected by ci-kit-forgejo cache-stack"}`)
			return
		}
		forward.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(front) }()

	ready, _ := json.Marshal(map[string]any{
		"url":    first,
		"port":   front.Addr().(*net.TCPAddr).Port,
		"server": server.ExternalURL(),
		"secret": *secret,
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

// freePort: a port that nothing listens on right now (the kernel's pick for 127.0.0.1:0).
func freePort() (uint16, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(loopback, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return uint16(l.Addr().(*net.TCPAddr).Port), nil
}
