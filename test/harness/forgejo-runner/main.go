// Command ci-kit-forgejo gives our tests the Forgejo runner's (v12) signed cache stack, from inside the
// runner's own module: scripts/setup-tools.sh copies this folder into the runner's source tree as
// cmd/ci-kit-forgejo before it builds, so these files may import the runner's internal packages.
// They are not a Go module of their own and do not build outside that tree.
//
// Subcommands:
//
//	cache-stack  Forgejo's cache server with a secret, the runner's per-job signing proxy in front of
//	             it, and a fault-injection front on 127.0.0.1, for tests that talk to the cache without
//	             a runner: see cachestack.go.
//
// Workflow runs go to a real Forgejo server and a registered `forgejo-runner daemon`
// (test/harness/forgejo-server.ts); the `run` subcommand that stood in for the server is gone.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "cache-stack":
		err = cacheStackCommand(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ci-kit-forgejo:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ci-kit-forgejo cache-stack --dir DIR [flags]")
	os.Exit(2)
}
