// Command bydesign turns IoT security-by-design policy into data and checks.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/bydesign-iot/bydesign/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
